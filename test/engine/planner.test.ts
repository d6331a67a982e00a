// Probe planning (src/engine/planner.ts): hints start probes before the walk asks for them.
// A hint is only worth its call if the walk then asks for it; over every recording scenario,
// the hints that were never asked for stay few (they cost a call, never a wrong answer: nothing
// reads a hint), and each call is asked once.
import { describe, expect, it } from 'vitest';
import { drive } from '../../src/engine/driver.js';
import { start } from '../../src/engine/machine.js';
import { anticipate } from '../../src/engine/planner.js';
import { probeCallId, type ProbeRequest, type ProbeSource } from '../../src/probes/contract.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { MODULES } from '../../src/analysis/modules/index.js';
import { fixtureProbes } from '../support/fixtures/index.js';
import { SCENARIOS } from '../recordings/scenarios/index.js';

/** A probe source over a fixture account that records what was hinted and what was run. */
function hinted(inner: ProbeSource): ProbeSource & { hints: Set<string>; runs: string[] } {
  const hints = new Set<string>();
  const runs: string[] = [];
  return {
    hints,
    runs,
    run: (request) => {
      runs.push(probeCallId(request));
      return inner.run(request);
    },
    prefetch: (requests: readonly ProbeRequest[]) => {
      for (const r of requests) hints.add(probeCallId(r));
    },
  };
}

describe('probe planning', () => {
  const scenario = SCENARIOS.find((s) => s.name === 'healthy.interface-sqs')!;

  it('with every answer given, the source lookup is hinted beside the caller identity', () => {
    const state = start(scenario.answers, { modules: MODULES });
    expect(state.view.kind === 'probing' && state.view.pending.map((r) => r.key)).toEqual(['sts.caller-identity']);
    expect(anticipate(state).map((r) => r.key)).toContain('ec2.source');
  });

  it('without answers (the wizard before its questions) nothing is hinted', () => {
    expect(anticipate(start({}, { modules: MODULES }))).toEqual([]);
  });

  it('once the source is described, its VPC, route table, network ACL and groups are hinted beside the endpoint lookup', async () => {
    const probes = hinted(fixtureProbes(scenario.account));
    await drive(start(scenario.answers, { modules: MODULES }), new AnswersFileAsker(scenario.answers), probes);
    const keys = [...probes.hints].map((id) => id.split(' ')[0]);
    for (const k of ['ec2.vpc', 'ec2.route-table', 'ec2.subnet-network-acl', 'ec2.security-groups'])
      expect(keys).toContain(k);
    // Interface-only service: the VPC's Resolver rule associations and private zones too.
    expect(keys).toContain('route53resolver.rule-associations');
    expect(keys).toContain('route53.hosted-zones-by-vpc');
  });

  it('over every recording scenario no call is asked twice; a hint goes unused only where the path stops short (no endpoint, endpoint not available, S3 by interface): at most 5 in such a run, at most 1 in a healthy one', async () => {
    const unused: string[] = [];
    for (const s of SCENARIOS) {
      const probes = hinted(fixtureProbes(s.account));
      const state = await drive(
        start({}, { modules: MODULES, presets: s.answers }),
        new AnswersFileAsker(s.answers),
        probes,
      );
      expect(state.view.kind).toBe('done');
      const asked = new Set(probes.runs);
      expect(probes.runs.length, s.name).toBe(asked.size);
      const wasted = [...probes.hints].filter((h) => !asked.has(h));
      expect(wasted.length, `${s.name}: ${wasted.join(', ')}`).toBeLessThanOrEqual(
        s.name.startsWith('healthy.') ? 1 : 5,
      );
      unused.push(...wasted.map((w) => `${s.name}: ${w}`));
    }
    // Most runs use every hint: waste is the exception.
    expect(unused.length, unused.join('\n')).toBeLessThan(SCENARIOS.length / 2);
  });
});
