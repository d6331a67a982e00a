// A check that read a failed fact cannot pass, and a check that crashes is reported, by name:
// the cases users met (a custom-DHCP VPC reported healthy with DescribeVpcs denied) and the
// engine's rules behind them (unsaid failed reads become checks; a throw is `crashed`).
import { afterEach, describe, expect, it } from 'vitest';
import { MODULES } from '../../src/analysis/modules/index.js';
import type { CheckModule } from '../../src/analysis/check-module.js';
import type { CheckId } from '../../src/findings/checks.js';
import { exitCodeOf } from '../../src/cli/finish.js';
import { drive } from '../../src/engine/driver.js';
import { start, type EngineState } from '../../src/engine/machine.js';
import type { Answers } from '../../src/path/answers.js';
import { renderText } from '../../src/report/render.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { ReportSchema } from '../../src/session/schema.js';
import type { Account } from '../support/fixtures/index.js';
import { fixtureProbes } from '../support/fixtures/index.js';
import { SCENARIOS } from '../recordings/scenarios/index.js';

function scenario(name: string): { account: Account; answers: Answers } {
  const s = SCENARIOS.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no recording scenario ${name}`);
  return { account: structuredClone(s.account), answers: s.answers };
}

async function diagnose(account: Account, answers: Answers): Promise<EngineState & { view: { kind: 'done' } }> {
  const state = await drive(
    start({}, { modules: MODULES, presets: answers }),
    new AnswersFileAsker(answers),
    fixtureProbes(account),
  );
  if (state.view.kind !== 'done') throw new Error('the walk did not finish');
  return state as EngineState & { view: { kind: 'done' } };
}

describe('a failed read is never a pass', () => {
  it('denied DescribeVpcs on a custom-DHCP VPC → incomplete, naming ec2:DescribeVpcs, never healthy', async () => {
    const { account, answers } = scenario('dns.custom-dhcp-servers');
    account.denied = { 'ec2.vpc': 'ec2:DescribeVpcs' };
    const { report } = (await diagnose(account, answers)).view.outcome;
    expect(report.verdict).toBe('incomplete');
    const dhcp = report.checks.find((c) => c.id === 'dns.dhcp-options');
    expect(dhcp?.status).toBe('skipped');
    expect(dhcp?.detail).toContain('needs ec2:DescribeVpcs');
    // Not "uses the default DHCP options": nothing is assumed about the option set.
    expect(report.checks.some((c) => c.status === 'pass' && /default DHCP options/.test(c.detail))).toBe(false);
  });

  it('the same VPC with DescribeVpcs answered with a 500 → incomplete, the error named', async () => {
    const { account, answers } = scenario('dns.custom-dhcp-servers');
    account.failing = { 'ec2.vpc': 'ec2:DescribeVpcs failed: InternalError (HTTP 500)' };
    const { report } = (await diagnose(account, answers)).view.outcome;
    expect(report.verdict).toBe('incomplete');
    expect(report.checks.find((c) => c.id === 'dns.dhcp-options')).toMatchObject({
      status: 'error',
      detail: expect.stringContaining('InternalError (HTTP 500)') as string,
    });
  });

  it('failed DescribeDhcpOptions on a gateway path → incomplete, where it was healthy', async () => {
    const { account, answers } = scenario('healthy.s3-gateway');
    expect((await diagnose(structuredClone(account), answers)).view.outcome.report.verdict).toBe('healthy');
    account.failing = { 'ec2.dhcp-options': 'ec2:DescribeDhcpOptions failed: ServiceUnavailable' };
    const { report } = (await diagnose(account, answers)).view.outcome;
    expect(report.verdict).toBe('incomplete');
    expect(report.checks.find((c) => c.id === 'dns.dhcp-options')).toMatchObject({
      status: 'error',
      layer: 'dns',
      detail: expect.stringContaining('ServiceUnavailable') as string,
    });
  });

  it('a named endpoint that cannot be described is not replaced by another one: endpoint.exists is skipped', async () => {
    const { account, answers } = scenario('endpoint.other-vpc');
    expect(answers.endpoint).toMatch(/^vpce-/);
    account.denied = { 'ec2.vpc-endpoint': 'ec2:DescribeVpcEndpoints' };
    const { report } = (await diagnose(account, answers)).view.outcome;
    expect(report.verdict).not.toBe('healthy');
    expect(report.checks.find((c) => c.id === 'endpoint.exists')).toMatchObject({
      status: 'skipped',
      detail: expect.stringContaining(`endpoint ${answers.endpoint}`) as string,
    });
    expect(report.findings.map((f) => f.id)).not.toContain('endpoint.missing');
  });

  it('a failed DescribeVpcEndpoints never looks like "no endpoint": no endpoint.missing, the action named', async () => {
    const { account, answers } = scenario('healthy.s3-gateway');
    account.denied = { 'ec2.vpc-endpoints': 'ec2:DescribeVpcEndpoints' };
    const { report } = (await diagnose(account, answers)).view.outcome;
    expect(report.verdict).toBe('incomplete');
    expect(report.findings.map((f) => f.id)).not.toContain('endpoint.missing');
    expect(report.checks.find((c) => c.id === 'endpoint.exists')?.detail).toContain('needs ec2:DescribeVpcEndpoints');
  });

  it('a module that reads a failed fact and says nothing gets a check naming the probe and the IAM action', async () => {
    const { account, answers } = scenario('healthy.s3-gateway');
    const quiet: CheckModule = {
      id: 'quiet',
      layer: 'route',
      requires: (ctx) => (ctx.vpcId ? [{ key: 'ec2.subnets', input: { vpcId: ctx.vpcId } }] : []),
      // Substitutes "no subnets" for a failed read and passes: exactly what the engine must not let through.
      evaluate: (ctx) => {
        const subnets = ctx.probe('ec2.subnets', { vpcId: ctx.vpcId ?? '' });
        const n = subnets?.status === 'ok' ? subnets.value.length : 0;
        return {
          // A check id of this test's own module, outside the catalogue on purpose.
          checks: [{ id: 'quiet.subnets' as CheckId, layer: 'route', status: 'pass', detail: `${n} subnets` }],
          findings: [],
        };
      },
    };
    account.denied = { 'ec2.subnets': 'ec2:DescribeSubnets' };
    const { report } = (await withModule(quiet, () => diagnose(account, answers))).view.outcome;
    expect(report.verdict).toBe('incomplete');
    expect(report.checks.find((c) => c.id === 'facts.ec2.subnets')).toMatchObject({
      layer: 'route',
      status: 'skipped',
      detail: expect.stringMatching(
        /ec2\.subnets .*which the quiet checks read: access denied \(needs ec2:DescribeSubnets\)/,
      ) as string,
    });
  });

  it('a module that declares why a failed read does not matter keeps its verdict', async () => {
    const { account, answers } = scenario('healthy.s3-gateway');
    const tolerant: CheckModule = {
      id: 'tolerant',
      layer: 'route',
      requires: (ctx) => (ctx.vpcId ? [{ key: 'ec2.subnets', input: { vpcId: ctx.vpcId } }] : []),
      evaluate: (ctx) => {
        ctx.probe('ec2.subnets', { vpcId: ctx.vpcId ?? '' });
        return { checks: [], findings: [] };
      },
      tolerates: [{ key: 'ec2.subnets', reason: 'a test module that only looks' }],
    };
    account.denied = { 'ec2.subnets': 'ec2:DescribeSubnets' };
    const { report } = (await withModule(tolerant, () => diagnose(account, answers))).view.outcome;
    expect(report.verdict).toBe('healthy');
  });
});

const added: CheckModule[] = [];
/** Runs `f` with one more check module in the engine's list (the list is the engine's, so restore it). */
async function withModule<T>(m: CheckModule, f: () => Promise<T>): Promise<T> {
  (MODULES as CheckModule[]).push(m);
  added.push(m);
  try {
    return await f();
  } finally {
    (MODULES as CheckModule[]).splice(MODULES.indexOf(m), 1);
  }
}
afterEach(() => {
  for (const m of added.splice(0)) if (MODULES.includes(m)) (MODULES as CheckModule[]).splice(MODULES.indexOf(m), 1);
});

describe('a crashed check', () => {
  it('a module that throws is crashed (‽) with its message; the other checks stand; incomplete, exit 3', async () => {
    const { account, answers } = scenario('healthy.s3-gateway');
    const boom: CheckModule = {
      id: 'boom',
      layer: 'security-group',
      requires: () => [],
      evaluate: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'IpPermissions')");
      },
    };
    const state = await withModule(boom, () => diagnose(account, answers));
    const { outcome } = state.view;
    const { report } = outcome;
    expect(report.verdict).toBe('incomplete');
    expect(exitCodeOf(outcome)).toBe(3);
    expect(report.checks.find((c) => c.status === 'crashed')).toEqual({
      id: 'boom.crashed',
      layer: 'security-group',
      status: 'crashed',
      detail: "the boom checks crashed: Cannot read properties of undefined (reading 'IpPermissions')",
    });
    // The rest of the report is intact: every other module's checks are still there, passing.
    expect(report.checks.filter((c) => c.status === 'pass').map((c) => c.id)).toEqual(
      expect.arrayContaining(['endpoint.exists', 'gateway.route-table', 'dns.vpc-dns-support']),
    );
    expect(ReportSchema.parse(report)).toEqual(report);
    expect(renderText(report)).toContain(
      '‽ boom.crashed: the boom checks crashed: Cannot read properties of undefined',
    );
    expect(renderMarkdown(report)).toContain('| ‽ crashed | `boom.crashed` |');
  });

  it('a module whose requires throws is crashed too, not the end of the run', async () => {
    const { account, answers } = scenario('healthy.s3-gateway');
    const boom: CheckModule = {
      id: 'boom',
      layer: 'route',
      requires: () => {
        throw new Error('requires blew up');
      },
      evaluate: () => ({ checks: [], findings: [] }),
    };
    const { report } = (await withModule(boom, () => diagnose(account, answers))).view.outcome;
    expect(report.verdict).toBe('incomplete');
    expect(report.checks.find((c) => c.id === 'boom.crashed')?.detail).toBe(
      'the boom checks crashed: requires blew up',
    );
  });
});
