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
import { criticalPath, isScoped } from '../support/counting-proxy.mjs';

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

describe('the counting proxy’s measures (test/support/counting-proxy.mjs)', () => {
  it('calls sent together count once; a call sent after another answered adds a round trip', () => {
    // STS and the source together, then endpoints and VPC, then one that waited for both.
    const calls = [
      { start: 0, end: 100 },
      { start: 2, end: 101 },
      { start: 103, end: 200 },
      { start: 104, end: 202 },
      { start: 205, end: 300 },
    ];
    expect(criticalPath(calls)).toBe(3);
    expect(criticalPath([])).toBe(0);
  });

  it('an unfiltered Describe is unscoped; by id, by filter, a bucket path or the caller identity are scoped', () => {
    const q = (action: string, params: string) => ({
      action,
      key: `POST / Action=${action}&Version=2016-11-15${params}`,
    });
    expect(isScoped(q('DescribeVpcs', ''))).toBe(false);
    expect(isScoped(q('DescribeVpcs', '&VpcId.1=vpc-1'))).toBe(true);
    expect(isScoped(q('DescribeRouteTables', '&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1'))).toBe(true);
    expect(isScoped({ action: 'GET /bucket/', key: 'GET /bucket/?policy= ' })).toBe(true);
    expect(isScoped({ action: 'ListResolverRules', key: 'POST / Route53Resolver.ListResolverRules {}' })).toBe(false);
    expect(isScoped(q('GetCallerIdentity', ''))).toBe(true);
  });
});
