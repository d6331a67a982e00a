// The run's time limit: when probing has taken --timeout, every running and pending probe
// becomes an error naming the limit (and the AWS call it waited on), the diagnosis finishes
// incomplete, and a late answer is never used. Time spent waiting for the asker does not count.
import { describe, expect, it } from 'vitest';
import { drive } from '../../src/engine/driver.js';
import { start } from '../../src/engine/machine.js';
import { PROBE_KEYS, type ProbeKey, type ProbeRecord, type ProbeSource } from '../../src/probes/contract.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { MODULES } from '../../src/analysis/modules/index.js';
import { fixtureProbes } from '../support/fixtures/index.js';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS } from '../support/fixtures/world.js';

const ANSWERS = {
  region: 'us-east-1',
  service: 's3',
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'timeout',
} as const;

function healthyAccount() {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
  for (const t of a.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
  return a;
}

/** The fixture account, except that the probes in `stalled` never answer. */
function stalling(stalled: readonly ProbeKey[]): ProbeSource {
  const real = fixtureProbes(healthyAccount());
  return {
    run: ((request) => {
      if (!stalled.includes(request.key)) return real.run(request);
      return new Promise(() => undefined);
    }) as ProbeSource['run'],
  };
}

describe('the run time limit in the driver', () => {
  it('the route-table probe never answers → after the limit it is an error naming the call and the limit; verdict incomplete', async () => {
    const probes = stalling(['ec2.route-table']);
    const records: ProbeRecord[] = [];
    const started = Date.now();
    const state = await drive(start({ ...ANSWERS }, { modules: MODULES }), new AnswersFileAsker({}), probes, {
      deadlineMs: 200,
      waitingOn: (r) => (r.key === 'ec2.route-table' ? ['ec2:DescribeRouteTables (waited 0.2 s)'] : []),
      onProbeDone: (r) => records.push(r),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    const late = records.find((r) => r.key === 'ec2.route-table');
    expect(late?.outcome).toEqual({
      status: 'error',
      message: 'ec2:DescribeRouteTables (waited 0.2 s): no answer before the 0.2 s time limit (--timeout) passed',
    });
    expect(state.view.kind === 'done' ? state.view.outcome.report.verdict : state.view.kind).toBe('incomplete');
  });

  it('every probe stalls → the run still ends, each probe an error naming the limit, none healthy', async () => {
    const probes = stalling(PROBE_KEYS);
    const records: ProbeRecord[] = [];
    const state = await drive(start({ ...ANSWERS }, { modules: MODULES }), new AnswersFileAsker({}), probes, {
      deadlineMs: 100,
      onProbeDone: (r) => records.push(r),
    });
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r.outcome.status).toBe('error');
      expect(r.outcome.status === 'error' ? r.outcome.message : '').toContain('0.1 s time limit (--timeout)');
    }
    expect(state.view.kind === 'done' ? state.view.outcome.report.verdict : state.view.kind).toBe('incomplete');
  });

  it('probing time spent before the loop (a credentials check) counts against the limit', async () => {
    const probes = stalling(['ec2.source']);
    const started = Date.now();
    await drive(start({ ...ANSWERS }, { modules: MODULES }), new AnswersFileAsker({}), probes, {
      deadlineMs: 10_000,
      spentMs: 9_900,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('with no stall the limit changes nothing: healthy, as without it', async () => {
    const state = await drive(
      start({ ...ANSWERS }, { modules: MODULES }),
      new AnswersFileAsker({}),
      fixtureProbes(healthyAccount()),
      {
        deadlineMs: 5_000,
      },
    );
    expect(state.view.kind === 'done' ? state.view.outcome.report.verdict : state.view.kind).toBe('healthy');
  });
});
