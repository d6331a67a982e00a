// The engine as a user meets it: questions in order, back from every question, restart,
// invalid answers, and the endpoint choice listing endpoints with their Name tags.
import { describe, expect, it } from 'vitest';
import { drive, type Asker } from '../../src/engine/driver.js';
import { start, transition, type EngineState } from '../../src/engine/machine.js';
import type { Answers, QuestionId } from '../../src/path/answers.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { fixtureProbes } from '../support/fixtures/index.js';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS } from '../support/fixtures/world.js';
import { MODULES } from '../../src/analysis/modules/index.js';

function healthyAccount() {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
  for (const t of a.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
  return a;
}

/** Feeds probe results until the engine asks a question or finishes. */
async function settle(state: EngineState, account = healthyAccount()): Promise<EngineState> {
  const probes = fixtureProbes(account);
  let s = state;
  while (s.view.kind === 'probing') {
    for (const request of s.view.pending) {
      const outcome = await probes.run(request);
      s = transition(s, { type: 'probe-result', record: { ...request, outcome } as never });
    }
  }
  return s;
}

async function answer(state: EngineState, question: QuestionId, value: string): Promise<EngineState> {
  expect(state.view.kind === 'question' ? state.view.question.id : state.view.kind).toBe(question);
  return settle(transition(state, { type: 'answer', question, value }));
}

const FULL: [QuestionId, string][] = [
  ['region', 'us-east-1'],
  ['service', 's3'],
  ['source.kind', 'instance'],
  ['source.id', IDS.instance],
  ['symptom', 'timeout'],
];

describe('engine', () => {
  it('asks region, service, source kind, id and symptom in order, then diagnoses', async () => {
    let s = await settle(start({}, { modules: MODULES }));
    for (const [q, v] of FULL) s = await answer(s, q, v);
    expect(s.view.kind).toBe('done');
    if (s.view.kind === 'done') expect(s.view.outcome.report.verdict).toBe('healthy');
  });

  it('does not ask what it can discover: an instance id yields subnet and VPC, the single endpoint needs no choice', async () => {
    let s = await settle(start({}, { modules: MODULES }));
    const asked: string[] = [];
    for (const [q, v] of FULL) {
      if (s.view.kind === 'question') asked.push(s.view.question.id);
      s = await answer(s, q, v);
    }
    expect(asked).not.toContain('vpc');
    expect(asked).not.toContain('endpoint');
  });

  it('back works from every question: it returns to the previous question and forgets its answer', async () => {
    for (let depth = 1; depth < FULL.length; depth++) {
      let s = await settle(start({}, { modules: MODULES }));
      for (const [q, v] of FULL.slice(0, depth)) s = await answer(s, q, v);
      expect(s.view.kind).toBe('question');
      const back = await settle(transition(s, { type: 'back' }));
      const previous = FULL[depth - 1]![0];
      expect(back.view.kind === 'question' && back.view.question.id).toBe(previous);
      expect(back.answers[previous]).toBeUndefined();
    }
  });

  it('back from the first question does nothing; restart starts over keeping seeded answers', async () => {
    let s = await settle(start({ region: 'us-east-1' }, { modules: MODULES }));
    expect(s.view.kind === 'question' && s.view.question.id).toBe('service');
    expect(transition(s, { type: 'back' })).toBe(s);
    s = await answer(s, 'service', 's3');
    const again = await settle(transition(s, { type: 'restart' }));
    expect(again.view.kind === 'question' && again.view.question.id).toBe('service');
    expect(again.answers).toEqual({ region: 'us-east-1' });
  });

  it('an invalid answer keeps the question and says why', async () => {
    const s = await settle(
      start({ region: 'us-east-1', service: 's3', 'source.kind': 'instance' }, { modules: MODULES }),
    );
    const bad = transition(s, { type: 'answer', question: 'source.id', value: 'eni-0123456789abcdef0' });
    expect(bad.view.kind).toBe('question');
    if (bad.view.kind === 'question') expect(bad.view.error).toMatch(/i-0123456789abcdef0/);
  });

  it('with several endpoints it asks which, listing them with their Name tags', async () => {
    const account = healthyAccount();
    account.endpoints.push(gatewayEndpoint('vpce-0fedcba9876543210', IDS.vpc, [], 's3', 'legacy-s3'));
    const seeded: Answers = {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
    };
    const s = await settle(start(seeded, { modules: MODULES }), account);
    expect(s.view.kind === 'question' && s.view.question.id).toBe('endpoint');
    if (s.view.kind === 'question') {
      expect(s.view.options.map((o) => o.label)).toEqual([
        `${IDS.s3Gateway} "s3-gateway" — Gateway, available`,
        'vpce-0fedcba9876543210 "legacy-s3" — Gateway, available',
        'not sure — pick the one the traffic takes',
      ]);
    }
  });

  it('runs a probe batch concurrently through the driver and records every result', async () => {
    const answers: Answers = Object.fromEntries(FULL);
    const state = await drive(
      start({}, { modules: MODULES, presets: answers }),
      new AnswersFileAsker(answers),
      fixtureProbes(healthyAccount()),
    );
    const keys = Object.values(state.results)
      .map((r) => r.key)
      .sort();
    expect(keys).toEqual(
      expect.arrayContaining(['sts.caller-identity', 'ec2.source', 'ec2.vpc-endpoints', 'ec2.route-table']),
    );
  });

  it('an asker that goes back is honoured by the driver', async () => {
    const script: ({ type: 'answer'; value: string } | { type: 'back' })[] = [
      { type: 'answer', value: 'us-east-1' },
      { type: 'answer', value: 'dynamodb' },
      { type: 'back' },
      { type: 'answer', value: 's3' },
      { type: 'answer', value: 'instance' },
      { type: 'answer', value: IDS.instance },
      { type: 'answer', value: 'timeout' },
    ];
    const asked: string[] = [];
    const asker: Asker = {
      ask: async (q) => {
        asked.push(q.id);
        const next = script.shift();
        if (next === undefined) throw new Error('asked too often');
        return next;
      },
    };
    const s = await drive(start({}, { modules: MODULES }), asker, fixtureProbes(healthyAccount()));
    expect(asked).toEqual(['region', 'service', 'source.kind', 'service', 'source.kind', 'source.id', 'symptom']);
    expect(s.answers.service).toBe('s3');
  });
});
