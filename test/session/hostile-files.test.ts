// Session and answers files a user was handed, edited by hand, or made to hurt: every one is
// either used or refused with one message naming the field — never an internal error, a stack
// trace or a hang. Most documents run in-process; a handful go through the built binary.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../src/engine/questions.js';
import { UsageError } from '../../src/errors.js';
import { loadSession, parseAnswersText, parseSessionText } from '../../src/session/files.js';
import { InvalidAnswerError, MissingAnswerError } from '../../src/session/answers-file-asker.js';
import { rerun } from '../../src/session/rerun.js';
import { redactChecked } from '../../src/cli/redact.js';
import type { EngineState } from '../../src/engine/machine.js';
import type { Report } from '../../src/engine/verdict.js';
import { renderJson, renderText } from '../../src/report/render.js';
import { ROOT, runCli } from '../support/cli.js';
import { mutate, mutationArb } from '../support/mutate.js';
import { MODULES } from '../../src/analysis/modules/index.js';

const FILES = readdirSync(join(ROOT, 'recordings')).filter((f) => f.endsWith('.json'));
const DOCS = FILES.map((f) => JSON.parse(readFileSync(join(ROOT, 'recordings', f), 'utf8')) as never);
const recording = (name: string): Record<string, never> =>
  JSON.parse(readFileSync(join(ROOT, 'recordings', name), 'utf8')) as Record<string, never>;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vpce-doctor-hostile-'));

const reportOf = (state: EngineState): Report => {
  if (state.view.kind !== 'done') throw new Error('the engine did not finish');
  return state.view.outcome.report;
};

/** What replay --json and redact do with a document, in-process: the report, or the user's mistake named. */
async function replayAndRedact(text: string): Promise<'used' | string> {
  try {
    const session = parseSessionText(text, 'edited.json');
    const { state, missing } = await rerun(session, MODULES);
    // As runReplay refuses it: the recording lacks a probe result the engine asked for, named.
    if (missing.length > 0) return `edited.json does not hold every probe result (first missing: ${missing[0]})`;
    if (state.view.kind === 'done') {
      renderJson(state.view.outcome.report);
      renderText(state.view.outcome.report, { verbose: true });
    }
    // redact refuses a session that no longer replays to its own report; one that does must redact.
    const replaysToItself = state.view.kind === 'done' && isDeepStrictEqual(state.view.outcome.report, session.report);
    const redacted = await redactChecked(
      replaysToItself ? session : { ...session, report: reportOf(state) },
      'edited.json',
    );
    expect(redacted).not.toBe('changed-diagnosis');
    return 'used';
  } catch (err) {
    // As runReplay words them: an answer the engine refuses is named by its question id.
    if (err instanceof InvalidAnswerError) return `edited.json: answers.${err.question}: ${err.message}`;
    if (err instanceof UsageError || err instanceof MissingAnswerError) return err.message;
    throw err;
  }
}

/** A session-file refusal names the file and the JSON path (or the question) it is about. */
const NAMES_THE_FIELD =
  /edited\.json (is not valid:\n {2}.+: |nests deeper than \d+ levels at \S|has a key of |has version )|^edited\.json: answers\.\S+: |^no answer for "|first missing: \S+/;

describe('edited session files', () => {
  it('600 mutations of the shipped recordings: each is replayed and redacted, or refused naming the field', async () => {
    let used = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: DOCS.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        async (which, mutations) => {
          const result = await replayAndRedact(JSON.stringify(mutate(DOCS[which] as never, mutations)));
          if (result === 'used') used++;
          else {
            refused++;
            expect(result).toMatch(NAMES_THE_FIELD);
          }
        },
      ),
      { numRuns: 600 },
    );
    // Both outcomes must occur, or the generator has stopped exercising one side.
    expect(used).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  });

  it('random JSON documents are refused as not a session, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (doc) => {
        expect(await replayAndRedact(JSON.stringify(doc))).toMatch(/edited\.json/);
      }),
      { numRuns: 200 },
    );
  });

  it('security-group rules without IpRanges (a schema default) are read with the default, not crashed on', async () => {
    const doc = recording('sg.endpoint-ingress-missing.json');
    const text = JSON.stringify(doc).replace(/"IpRanges":\[[^\]]*\],?/g, '');
    expect(text).not.toContain('IpRanges');
    const session = parseSessionText(text, 'edited.json');
    const rules = session.probes
      .filter((p) => p.key === 'ec2.security-groups' && p.outcome.status === 'ok')
      .flatMap((p) => (p.outcome.status === 'ok' ? (p.outcome.value as { IpPermissionsEgress: object[] }[]) : []))
      .flatMap((g) => g.IpPermissionsEgress);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toHaveProperty('IpRanges', []);
    expect(await replayAndRedact(text)).toBe('used');
  });

  it('a CIDR 10.0.0.0/99 that zod takes as a string is refused at load, naming the field', () => {
    const doc = recording('sg.endpoint-ingress-missing.json');
    const text = JSON.stringify(doc).replace(/"CidrBlock":"[^"]+"/, '"CidrBlock":"10.0.0.0/99"');
    expect(() => parseSessionText(text, 'edited.json')).toThrow(
      /probes\.\d+\.outcome\.value\.(\S+\.)?CidrBlock: bad \S+ result: "10\.0\.0\.0\/99" is not a CIDR block/,
    );
  });

  it('10 000-deep nesting is refused naming the depth, before anything recursive reads it', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const text = JSON.stringify(recording('endpoint.missing.json')).replace('"probes":[', `"probes":[${deep},`);
    expect(() => parseSessionText(text, 'edited.json')).toThrow(/nests deeper than 64 levels at probes\.0\.0\.0/);
  });

  it('a giant key is refused naming its length', () => {
    const doc = { ...recording('endpoint.missing.json'), ['k'.repeat(100_000)]: 1 };
    expect(() => parseSessionText(JSON.stringify(doc), 'edited.json')).toThrow(/has a key of 100000 characters/);
  });
});

describe('special and oversized files', () => {
  it('a FIFO with no writer is refused at once instead of hanging the loader', async () => {
    const path = join(tmp(), 'session.fifo');
    execFileSync('mkfifo', [path]);
    await expect(loadSession(path)).rejects.toThrow(/is a named pipe \(FIFO\), not a file/);
  });

  it('a directory and a device are refused by name', async () => {
    const dir = join(tmp(), 'session.json');
    mkdirSync(dir);
    await expect(loadSession(dir)).rejects.toThrow(/is a directory, not a file/);
    await expect(loadSession('/dev/zero')).rejects.toThrow(/\/dev\/zero is a device, not a file/);
  });

  it('a file over 20 MB is refused naming the limit', async () => {
    const path = join(tmp(), 'big.json');
    writeFileSync(path, `{"pad":"${'x'.repeat(21 * 1024 * 1024)}"}`);
    await expect(loadSession(path)).rejects.toThrow(/is \d+ bytes; the limit is 20971520 \(20 MB\)/);
  });
});

describe('edited answers files', () => {
  const base = {
    version: 1,
    answers: {
      region: 'us-east-1',
      'source.kind': 'instance',
      'source.instance': 'i-0123456789abcdef0',
      service: 's3',
    },
  };
  it('300 mutations: each loads and validates, or is refused naming the field', async () => {
    await fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        try {
          const answers = parseAnswersText(JSON.stringify(mutate(base as never, mutations)), 'answers.json');
          for (const p of validateAnswers(answers)) expect(p.message).toContain(p.question.split('.')[0]);
        } catch (err) {
          if (!(err instanceof UsageError)) throw err;
          expect(err.message).toMatch(
            /answers file answers\.json (is not valid:\n {2}.+: |is not valid JSON|nests deeper|has a key)/,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('through the built binary: exit 2, one line naming the problem, no stack trace', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'replay --json of a FIFO',
      () => {
        const p = join(tmp(), 's.fifo');
        execFileSync('mkfifo', [p]);
        return ['replay', p, '--json'];
      },
      /named pipe \(FIFO\)/,
    ],
    ['redact of a directory', () => ['redact', tmp()], /is a directory, not a file/],
    [
      'replay --json with an unusable CIDR',
      () => {
        const p = join(tmp(), 's.json');
        writeFileSync(
          p,
          JSON.stringify(recording('sg.endpoint-ingress-missing.json')).replace(
            /"CidrBlock":"[^"]+"/,
            '"CidrBlock":"10.0.0.0/99"',
          ),
        );
        return ['replay', p, '--json'];
      },
      /CidrBlock: .*is not a CIDR block/,
    ],
    [
      '--answers nested 10 000 deep',
      () => {
        const p = join(tmp(), 'a.json');
        writeFileSync(p, `{"version":1,"answers":{"region":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`);
        return ['--answers', p, '--json'];
      },
      /nests deeper than 64 levels at answers\.region/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runCli(args(), { timeoutMs: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});
