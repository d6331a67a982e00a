// A check that read a failed fact cannot pass. For every recorded scenario and every probe key
// it asked, that probe's results are replaced with a denial, an error and a malformed value,
// and the session is run again: the verdict is never `healthy` unless nobody read the probe,
// and the report names what could not be read (the IAM action, the error). A malformed value
// never reaches the engine: the session loader refuses it, naming the field. (After validation
// a malformed value cannot be represented at all: the engine sees ok values that match the
// probe's output schema, or denied/error. A reply that validates but is not the service's
// answer, e.g. an empty list from an HTML page with status 200, is refused at the probe
// boundary by the live probes, not here.)
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drive } from '../../src/engine/driver.js';
import { start } from '../../src/engine/machine.js';
import { MODULES } from '../../src/analysis/modules/index.js';
import type { Answers } from '../../src/path/answers.js';
import type { Report } from '../../src/engine/verdict.js';
import {
  probeCallId,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeRecord,
  type ProbeSource,
} from '../../src/probes/contract.js';
import { SessionSchema, type SessionFile } from '../../src/session/schema.js';
import { AnswersFileAsker, MissingAnswerError } from '../../src/session/answers-file-asker.js';
import { checkIdProblems } from '../support/check-ids.js';
import { ROOT, runCli } from '../support/cli.js';

const DIR = join(ROOT, 'recordings');
const SESSIONS: { name: string; session: SessionFile }[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({
    name: f.replace(/\.json$/, ''),
    session: SessionSchema.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8'))),
  }));

type Fault = 'denied' | 'error';

/** Which module is judging right now, so a read of a faulted result is attributed to its reader. */
let judging: string | undefined;
const REQUIRES = ':requires';
for (const m of MODULES) {
  const evaluate = m.evaluate.bind(m);
  const requires = m.requires.bind(m);
  const as = <T>(who: string, f: () => T): T => {
    const outer = judging;
    judging = who;
    try {
      return f();
    } finally {
      judging = outer;
    }
  };
  m.evaluate = (ctx) => as(m.id, () => evaluate(ctx));
  m.requires = (ctx) => as(m.id + REQUIRES, () => requires(ctx));
}

/**
 * A read matters unless every reader is a module that declares it can do without that probe
 * (CheckModule.tolerates), or a module's `requires` (which only decides what else to ask).
 */
function matters(key: ProbeKey, readers: ReadonlySet<string>): boolean {
  return [...readers].some(
    (id) => !id.endsWith(REQUIRES) && !MODULES.find((m) => m.id === id)?.tolerates?.some((t) => t.key === key),
  );
}

/** A failed outcome that remembers who looked at it: "read" means its status was inspected (by a module, or by the engine). */
function watched(outcome: ProbeOutcome<unknown>, readers: Set<string>): ProbeOutcome<unknown> {
  return new Proxy(outcome, {
    get(target, prop, receiver) {
      if (prop === 'status') readers.add(judging ?? 'engine');
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

function faultFor(fault: Fault, key: ProbeKey, tag: string): ProbeOutcome<unknown> {
  return fault === 'denied'
    ? { status: 'denied', action: `fault:${tag}`, message: `User is not authorized to perform: fault:${tag}` }
    : { status: 'error', message: `${key} failed: injected fault ${tag}` };
}

interface Run {
  report: Report | undefined;
  /** Who inspected a faulted result: module ids, or "engine" (the path context, the decision tree). */
  readers: Set<string>;
  /** Probe calls the recording does not hold (the fault sent the walk elsewhere). */
  offRecord: number;
  /** The walk stopped on a question the recording has no answer for. */
  stopped: boolean;
}

async function runWithFaults(session: SessionFile, faults: ReadonlyMap<ProbeKey, ProbeOutcome<unknown>>): Promise<Run> {
  const byId = new Map(session.probes.map((r) => [probeCallId(r), r as ProbeRecord]));
  const readers = new Set<string>();
  let offRecord = 0;
  const probes: ProbeSource = {
    run: async (request) => {
      const fault = faults.get(request.key);
      if (fault !== undefined) return watched(fault, readers) as never;
      const record = byId.get(probeCallId(request));
      if (record === undefined) {
        offRecord++;
        return { status: 'error', message: `not in the recording: ${probeCallId(request)}` };
      }
      return record.outcome as never;
    },
  };
  const answers = session.answers as Answers;
  try {
    const state = await drive(
      start({}, { modules: MODULES, presets: answers, settings: session.settings }),
      new AnswersFileAsker(answers),
      probes,
    );
    const report = state.view.kind === 'done' ? state.view.outcome.report : undefined;
    return { report, readers, offRecord, stopped: false };
  } catch (err) {
    if (!(err instanceof MissingAnswerError)) throw err;
    return { report: undefined, readers, offRecord, stopped: true };
  }
}

/** The report says what could not be read: a skipped/error check naming the action or the error. */
function names(report: Report, outcome: ProbeOutcome<unknown>): boolean {
  const mark = outcome.status === 'denied' ? outcome.action : outcome.status === 'error' ? outcome.message : '';
  return report.checks.some((c) => (c.status === 'skipped' || c.status === 'error') && c.detail.includes(mark));
}

/**
 * Error findings that stay true when this probe fails, though the full run said something more
 * precise: `endpoint.missing` rests on the VPC's (listed, empty) endpoints; only telling a typo
 * in the service name (service.no-privatelink) needs DescribeVpcEndpointServices.
 */
const TRUE_WITHOUT = new Set(['endpoint.missing ec2.vpc-endpoint-service']);

const HTML = '<html><head><title>502 Bad Gateway</title></head><body>proxy error</body></html>';

describe('a failed read never passes', () => {
  it('every recorded scenario × every probe key it asks × denied / error: never healthy when read, always named, no invented error finding', async () => {
    const tally = { combinations: 0, read: 0, unread: 0, tolerated: 0, offRecord: 0, stopped: 0, healthyUnread: 0 };
    const failures: string[] = [];
    for (const { name, session } of SESSIONS) {
      const keys = [...new Set(session.probes.map((r) => r.key))].sort();
      const recorded = new Set(session.report.findings.map((f) => f.id));
      for (const key of keys) {
        for (const fault of ['denied', 'error'] as const) {
          tally.combinations++;
          const outcome = faultFor(fault, key, `${name}/${key}/${fault}`);
          const run = await runWithFaults(session, new Map([[key, outcome]]));
          if (run.offRecord > 0) tally.offRecord++;
          if (run.stopped) {
            tally.stopped++;
            continue;
          }
          const report = run.report;
          if (report === undefined) {
            failures.push(`${name} ${key} ${fault}: the walk did not finish`);
            continue;
          }
          // Denied and failed reads make checks of their own (facts.<key>, skipped ones): catalogued too.
          for (const problem of checkIdProblems(report.checks)) failures.push(`${name} ${key} ${fault}: ${problem}`);
          if (run.readers.size === 0) {
            tally.unread++;
            if (report.verdict === 'healthy') tally.healthyUnread++;
            continue;
          }
          tally.read++;
          if (!matters(key, run.readers)) {
            tally.tolerated++;
            continue;
          }
          const invented = report.findings
            .filter((f) => f.severity === 'error' && !recorded.has(f.id) && !TRUE_WITHOUT.has(`${f.id} ${key}`))
            .map((f) => f.id);
          if (invented.length > 0) failures.push(`${name} ${key} ${fault}: invents ${invented.join(', ')}`);
          if (report.verdict === 'healthy')
            failures.push(`${name} ${key} ${fault}: healthy although the result was read`);
          else if (!names(report, outcome))
            failures.push(`${name} ${key} ${fault}: ${report.verdict}, but no check names what could not be read`);
        }
      }
    }
    console.log(
      `failed reads: ${tally.combinations} combinations (${SESSIONS.length} scenarios × the probe keys each asks × denied/error); ` +
        `${tally.read} read the fault (${tally.tolerated} of them only where it does not matter: a module's requires, or a module that declares it tolerates that probe), ${tally.unread} never read it (${tally.healthyUnread} of those healthy), ` +
        `${tally.offRecord} went off the recording, ${tally.stopped} stopped on an unanswered question`,
    );
    expect(failures).toEqual([]);
    expect(tally.read).toBeGreaterThan(SESSIONS.length);
  }, 240_000);

  it('every recorded probe result replaced with a malformed value (an HTML page, an empty body) is refused by the session loader, naming the field', () => {
    let combinations = 0;
    const accepted: string[] = [];
    for (const { name, session } of SESSIONS) {
      const raw = JSON.parse(JSON.stringify(session)) as { probes: { outcome: unknown }[] };
      raw.probes.forEach((record, i) => {
        for (const junk of [HTML, '']) {
          combinations++;
          const edited = structuredClone(raw);
          const target = edited.probes[i];
          if (target === undefined) return;
          target.outcome = { status: 'ok', value: junk };
          const parsed = SessionSchema.safeParse(edited);
          if (parsed.success) accepted.push(`${name} probes.${i} (${JSON.stringify(junk).slice(0, 20)})`);
          else expect(parsed.error.issues[0]?.path.slice(0, 4)).toEqual(['probes', i, 'outcome', 'value']);
        }
      });
    }
    console.log(`malformed results: ${combinations} combinations, every one refused at load`);
    expect(accepted).toEqual([]);
    expect(combinations).toBeGreaterThan(SESSIONS.length);
  });

  it('replay of a session whose ec2.vpc result is an HTML page → exit 2, naming the field, no report', async () => {
    const raw = JSON.parse(readFileSync(join(DIR, 'dns.custom-dhcp-servers.json'), 'utf8')) as {
      probes: { key: string; outcome: unknown }[];
    };
    const i = raw.probes.findIndex((r) => r.key === 'ec2.vpc');
    const target = raw.probes[i];
    if (target === undefined) throw new Error('the recording has no ec2.vpc result');
    target.outcome = { status: 'ok', value: HTML };
    const path = join(mkdtempSync(join(tmpdir(), 'vpce-doctor-junk-')), 'session.json');
    writeFileSync(path, JSON.stringify(raw));
    const result = await runCli(['replay', path, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`probes.${i}.outcome.value: bad ec2.vpc result`);
  });

  it('several probes failing at once (random keys, random kinds) never yields healthy when one was read', async () => {
    let tried = 0;
    const sessionArb = fc.constantFrom(...SESSIONS);
    const arb = sessionArb.chain(({ name, session }) => {
      const keys = [...new Set(session.probes.map((r) => r.key))].sort();
      return fc.record({
        name: fc.constant(name),
        session: fc.constant(session),
        faults: fc.uniqueArray(
          fc.record({ key: fc.constantFrom(...keys), fault: fc.constantFrom<Fault>('denied', 'error') }),
          { minLength: 2, maxLength: 4, selector: (f) => f.key },
        ),
      });
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ name, session, faults }) => {
        tried++;
        const map = new Map(faults.map((f, i) => [f.key, faultFor(f.fault, f.key, `${name}/${i}`)]));
        const run = await runWithFaults(session, map);
        if (run.stopped || run.report === undefined) return;
        if (faults.some((f) => matters(f.key, run.readers)))
          expect(run.report.verdict, `${name} ${JSON.stringify(faults)}`).not.toBe('healthy');
      }),
      { numRuns: 300, seed: 20261202 },
    );
    console.log(`several failed reads: ${tried} random combinations`);
  }, 120_000);
});
