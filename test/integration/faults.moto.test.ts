// Faults injected between the built CLI and the emulator (test/support/fault-proxy.ts), one API
// action at a time, on a path that is healthy without them: a reply that is not AWS's, a
// stall, a reset, a throttle or a denial is never a fact, never "does not exist" (exit 2) and
// never healthy — the check that needed the call says which call failed, and the run ends
// incomplete (exit 3) within its time limit.
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { motoEnv, runCli } from '../support/cli.js';
import { startFaultProxy, type Fault, type FaultProxy, type FaultRule } from '../support/fault-proxy.js';
import { answersFile, basicVpc, ec2, gatewayEndpoint, REGION, routeTableFor } from '../support/moto-scenarios.js';
import { https, instanceIn, s3PrefixList, securityGroup } from '../support/network-moto.js';
import { enableDnsHostnames, interfaceEndpoint } from '../support/dns-moto.js';

const url = inject('motoUrl');

interface Report {
  verdict: string;
  findings: { id: string }[];
  checks: { id: string; status: string; detail: string }[];
}

let proxy: FaultProxy | undefined;

async function diagnoseThrough(
  answers: string,
  rules: FaultRule[],
  timeoutS = 30,
): Promise<{ code: number | null; report: Report; stderr: string; ms: number }> {
  proxy = await startFaultProxy(url, rules);
  const started = Date.now();
  const r = await runCli(['--answers', answers, '--json', '--timeout', String(timeoutS)], {
    env: motoEnv(proxy.url),
    timeoutMs: (timeoutS + 15) * 1000,
  });
  const ms = Date.now() - started;
  try {
    return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr, ms };
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

describe.skipIf(!url)('faults between the CLI and AWS, on a healthy S3 gateway path', () => {
  let answers = '';
  beforeAll(async () => {
    const client = ec2(url);
    const pl = (await s3PrefixList(client)).id;
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayEndpoint(client, v.vpcId, [rtb]);
    const sg = await securityGroup(client, v.vpcId, { egress: [https({ prefixListId: pl })] });
    const { instanceId } = await instanceIn(client, v.subnetId, [sg]);
    answers = answersFile({
      region: REGION,
      service: 's3',
      'source.kind': 'instance',
      'source.id': instanceId,
      symptom: 'timeout',
    });
  });

  const diagnose = (rules: FaultRule[], timeoutS = 30) => diagnoseThrough(answers, rules, timeoutS);
  const failed = (r: Report) => r.checks.filter((c) => c.status === 'error' || c.status === 'skipped');

  it('through the proxy with no fault the path is healthy (exit 0): the proxy itself changes nothing', async () => {
    const { code, report } = await diagnose([]);
    expect(report.verdict).toBe('healthy');
    expect(code).toBe(0);
    expect(proxy?.log.map((l) => l.action)).toEqual(
      expect.arrayContaining([
        'GetCallerIdentity',
        'DescribeInstances',
        'DescribeRouteTables',
        'DescribeSecurityGroups',
      ]),
    );
  });

  it.each<[Fault, RegExp]>([
    ['html-200', /an HTML page \(HTTP 200/],
    ['html-502', /an HTML page \(HTTP 502/],
    ['truncate', /a truncated XML document/],
    ['empty-200', /an empty body/],
    ['http-500', /InternalError/],
    ['reset', /the connection was reset/],
  ])(
    'DescribeInstances answered with %s → an error check naming ec2:DescribeInstances, exit 3, never "does not exist" (exit 2)',
    async (fault, why) => {
      const { code, report, stderr } = await diagnose([{ action: 'DescribeInstances', fault }]);
      expect(report.verdict).toBe('incomplete');
      expect(code).toBe(3);
      const located = report.checks.find((c) => c.id === 'source.located');
      expect(located?.status).toBe('error');
      expect(located?.detail).toContain('ec2:DescribeInstances failed');
      expect(located?.detail).toMatch(why);
      expect(JSON.stringify(report) + stderr).not.toMatch(/does not exist/);
    },
  );

  it('DescribeSecurityGroups answered with an HTML page (200) → sg.source-egress is an error, no sg.source-egress-missing invented', async () => {
    const { code, report } = await diagnose([{ action: 'DescribeSecurityGroups', fault: 'html-200' }]);
    expect(report.findings.map((f) => f.id)).not.toContain('sg.source-egress-missing');
    const sg = report.checks.find((c) => c.id === 'sg.source-egress');
    expect(sg?.status).toBe('error');
    expect(sg?.detail).toContain('ec2:DescribeSecurityGroups failed');
    expect(code).toBe(3);
  });

  it('DescribeRouteTables throttled on every attempt → an error naming the call and its attempts, exit 3', async () => {
    const { code, report } = await diagnose([{ action: 'DescribeRouteTables', fault: 'throttle' }]);
    expect(failed(report).map((c) => c.detail)).toContainEqual(
      expect.stringMatching(/ec2:DescribeRouteTables failed after [\d.]+ s, 3 attempts: RequestLimitExceeded/),
    );
    expect(code).toBe(3);
  });

  it('DescribeRouteTables denied (an AWS-shaped UnauthorizedOperation) → skipped, naming ec2:DescribeRouteTables, exit 3', async () => {
    const { code, report } = await diagnose([{ action: 'DescribeRouteTables', fault: 'deny' }]);
    const route = report.checks.find((c) => c.id === 'gateway.route-table');
    expect(route?.status).toBe('skipped');
    expect(route?.detail).toContain('needs ec2:DescribeRouteTables');
    expect(code).toBe(3);
  });

  it('DescribeRouteTables never answers, --timeout 15 → each attempt times out on its own (3 s), the check names the call, the diagnosis goes on, exit 3 within 15 s', async () => {
    const { code, report, ms } = await diagnose([{ action: 'DescribeRouteTables', fault: 'stall' }], 15);
    const route = report.checks.find((c) => c.id === 'gateway.route-table');
    expect(route?.status).toBe('error');
    expect(route?.detail).toMatch(/ec2:DescribeRouteTables failed after [\d.]+ s, 3 attempts: timed out/);
    // The rest of the path was still checked.
    expect(report.checks.find((c) => c.id === 'sg.source-egress')?.status).toBe('pass');
    expect(code).toBe(3);
    expect(ms).toBeLessThan(15_000 + 3_000);
  });

  it('DescribeInstances never answers, --timeout 5 → the source check names ec2:DescribeInstances, exit 3 within the limit', async () => {
    const { code, report, ms } = await diagnose([{ action: 'DescribeInstances', fault: 'stall' }], 5);
    const located = report.checks.find((c) => c.id === 'source.located');
    expect(located?.status).toBe('error');
    // Whichever bound fires first under load: the call's own 3 attempts of 1 s, or the 5 s limit.
    expect(located?.detail).toMatch(
      /ec2:DescribeInstances (failed after [\d.]+ s, 3 attempts: timed out|\(waited [\d.]+ s\): no answer before the 5 s time limit)/,
    );
    expect(code).toBe(3);
    expect(ms).toBeLessThan(5_000 + 3_000);
  });

  // With --answers the credentials check runs beside the first probes (planner), so a call can
  // use up its own attempts (each bounded) before the run's limit: either way the check says so.
  it('no call ever answers, --timeout 4 → exit 3 within the limit, every unanswered check saying it timed out (its call, or the limit)', async () => {
    const { code, report, ms } = await diagnose([{ action: '*', fault: 'stall' }], 4);
    expect(report.verdict).toBe('incomplete');
    expect(failed(report).length).toBeGreaterThan(0);
    for (const c of failed(report))
      expect(c.detail).toMatch(/time limit \(--timeout\)|timed out waiting for an answer/);
    expect(code).toBe(3);
    expect(ms).toBeLessThan(4_000 + 3_000);
  });
});

describe.skipIf(!url)(
  'faults in the JSON (Route 53 Resolver) and REST-XML (Route 53) protocols, on a healthy SQS interface path',
  () => {
    let answers = '';
    beforeAll(async () => {
      const client = ec2(url);
      const v = await basicVpc(client);
      await enableDnsHostnames(client, v.vpcId);
      await interfaceEndpoint(client, v, 'sqs');
      answers = answersFile({
        region: REGION,
        service: 'sqs',
        'source.kind': 'instance',
        'source.id': v.instanceId,
        symptom: 'unknown',
      });
    });
    const dnsCheck = (r: Report, id: string) => r.checks.find((c) => c.id === id);

    it.each<[Fault, RegExp]>([
      ['html-200', /an HTML page \(HTTP 200/],
      ['truncate', /a truncated or invalid JSON document/],
    ])(
      'ListResolverRuleAssociations answered with %s → dns.resolver-rules is an error naming the call, exit 3',
      async (fault, why) => {
        const { code, report } = await diagnoseThrough(answers, [{ action: 'ListResolverRuleAssociations', fault }]);
        const rules = dnsCheck(report, 'dns.resolver-rules');
        expect(rules?.status).toBe('error');
        expect(rules?.detail).toContain('route53resolver:ListResolverRuleAssociations failed');
        expect(rules?.detail).toMatch(why);
        expect(code).toBe(3);
      },
    );

    it('ListHostedZonesByVPC answered with an HTML page (200) → dns.private-hosted-zones is an error, never "no private zones", exit 3', async () => {
      const { code, report } = await diagnoseThrough(answers, [{ action: /hostedzonesbyvpc/, fault: 'html-200' }]);
      const zones = dnsCheck(report, 'dns.private-hosted-zones');
      expect(zones?.status).toBe('error');
      expect(zones?.detail).toContain('route53:ListHostedZonesByVPC failed');
      expect(code).toBe(3);
    });

    it('ListHostedZonesByVPC denied (AWS-shaped REST-XML AccessDenied) → skipped naming route53:ListHostedZonesByVPC, exit 3', async () => {
      const { code, report } = await diagnoseThrough(answers, [{ action: /hostedzonesbyvpc/, fault: 'deny' }]);
      const zones = dnsCheck(report, 'dns.private-hosted-zones');
      expect(zones?.status).toBe('skipped');
      expect(zones?.detail).toContain('needs route53:ListHostedZonesByVPC');
      expect(code).toBe(3);
    });
  },
);
