// The S3 gateway path against the AWS API emulator: each scenario is built with the SDK, then
// the built CLI runs with --answers and AWS_ENDPOINT_URL, and the finding ids and fix
// commands are checked. (endpoint.not-available cannot be built here: moto always reports
// `available`; it is covered by the fixture tests and its recording.)
import { inject, describe, expect, it, beforeAll } from 'vitest';
import { CreateVpcCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { motoEnv, runAnswers, runCli } from '../support/cli.js';
import { answersFile, basicVpc, ec2, gatewayEndpoint, REGION, routeTableFor } from '../support/moto-scenarios.js';

const url = inject('motoUrl');

interface Report {
  verdict: string;
  findings: { id: string; evidence: string[]; fix: { summary: string; commands: { line: string }[] } }[];
  checks: { id: string; status: string; detail: string }[];
}

async function diagnose(
  answers: Record<string, string>,
): Promise<{ code: number | null; report: Report; stderr: string }> {
  return runAnswers<Report>(url, { region: REGION, symptom: 'timeout', ...answers });
}

describe.skipIf(!url)('S3 gateway path against moto', () => {
  let client: EC2Client;
  beforeAll(() => {
    client = ec2(url);
  });

  it('a healthy S3 gateway setup (explicit route table associated with the endpoint) is healthy, exit 0', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayEndpoint(client, v.vpcId, [rtb]);
    const { code, report } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId });
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('healthy');
    expect(report.checks.find((c) => c.id === 'gateway.route-table')?.status).toBe('pass');
    expect(code).toBe(0);
  });

  it('no endpoint for the service in the VPC → endpoint.missing, fix creates a gateway on the subnet route table', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const { code, report } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId });
    expect(report.findings.map((f) => f.id)).toEqual(['endpoint.missing']);
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${v.vpcId} --vpc-endpoint-type Gateway --service-name com.amazonaws.${REGION}.s3 --route-table-ids ${rtb} --region ${REGION}`,
    ]);
    expect(code).toBe(1);
  });

  it('subnet uses the main route table, endpoint is on another table → route-table-not-associated naming the main table', async () => {
    const v = await basicVpc(client);
    const appRtb = await routeTableFor(client, v.vpcId, v.otherSubnetId);
    const vpce = await gatewayEndpoint(client, v.vpcId, [appRtb]);
    const { report } = await diagnose({ service: 's3', 'source.kind': 'subnet', 'source.id': v.subnetId });
    expect(report.findings.map((f) => f.id)).toEqual(['gateway.route-table-not-associated']);
    const f = report.findings[0]!;
    expect(f.evidence.join('\n')).toContain(`uses the main route table ${v.mainRouteTableId}`);
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpce} --add-route-table-ids ${v.mainRouteTableId} --region ${REGION}`,
    ]);
  });

  it('subnet has its own route table, endpoint is only on the main table → route-table-not-associated naming the explicit table', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const vpce = await gatewayEndpoint(client, v.vpcId, [v.mainRouteTableId]);
    const { report } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId });
    expect(report.findings.map((f) => f.id)).toEqual(['gateway.route-table-not-associated']);
    expect(report.findings[0]?.evidence.join('\n')).toContain(`explicitly associated with ${rtb}`);
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpce} --add-route-table-ids ${rtb} --region ${REGION}`,
    ]);
  });

  it('the endpoint named in the answers lives in another VPC → endpoint.other-vpc', async () => {
    const a = await basicVpc(client);
    const rtbA = await routeTableFor(client, a.vpcId, a.subnetId);
    const b = await basicVpc(client);
    const vpceB = await gatewayEndpoint(client, b.vpcId, [b.mainRouteTableId], 's3', 'shared-s3');
    const { report } = await diagnose({
      service: 's3',
      'source.kind': 'instance',
      'source.id': a.instanceId,
      endpoint: vpceB,
    });
    expect(report.findings.map((f) => f.id)).toEqual(['endpoint.other-vpc']);
    const f = report.findings[0]!;
    expect(f.evidence[0]).toBe(`${vpceB} belongs to ${b.vpcId}`);
    expect(f.fix.commands[0]?.line).toContain(`--vpc-id ${a.vpcId} --vpc-endpoint-type Gateway`);
    expect(f.fix.commands[0]?.line).toContain(`--route-table-ids ${rtbA}`);
  });

  it('on-premises over VPN to a VPC with an S3 gateway endpoint → gateway.not-transitive, fix is an interface endpoint in the VPC', async () => {
    const v = await basicVpc(client);
    await gatewayEndpoint(client, v.vpcId, [v.mainRouteTableId]);
    const { report, code } = await diagnose({
      service: 's3',
      'source.kind': 'vpn',
      'source.ip': '192.168.40.12',
      vpc: v.vpcId,
    });
    expect(report.findings.map((f) => f.id)).toEqual(['gateway.not-transitive']);
    const cmd = report.findings[0]!.fix.commands.map((c) => c.line).join('\n');
    expect(cmd).toContain(
      `aws ec2 create-vpc-endpoint --vpc-id ${v.vpcId} --vpc-endpoint-type Interface --service-name com.amazonaws.${REGION}.s3`,
    );
    expect(cmd).toMatch(new RegExp(`--subnet-ids (${v.subnetId} ${v.otherSubnetId}|${v.otherSubnetId} ${v.subnetId})`));
    expect(code).toBe(1);
  });

  it('several endpoints for the service and no "endpoint" answer → exit 2 naming the question and listing them', async () => {
    const v = await basicVpc(client);
    const e1 = await gatewayEndpoint(client, v.vpcId, [v.mainRouteTableId], 's3', 'one');
    const rtb = await routeTableFor(client, v.vpcId, v.otherSubnetId);
    const e2 = await gatewayEndpoint(client, v.vpcId, [rtb], 's3', 'two');
    const result = await runCli(
      [
        '--answers',
        answersFile({
          region: REGION,
          service: 's3',
          'source.kind': 'instance',
          'source.id': v.instanceId,
          symptom: 'timeout',
        }),
        '--json',
      ],
      {
        env: motoEnv(url),
      },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"endpoint"');
    expect(result.stderr).toContain(e1);
    expect(result.stderr).toContain(e2);
  });

  it('a service name the Region does not offer → service.no-privatelink (moto answers InvalidServiceName)', async () => {
    const v = await basicVpc(client);
    const { report, code } = await diagnose({
      service: 'secretmanager',
      'source.kind': 'instance',
      'source.id': v.instanceId,
    });
    expect(report.findings.map((f) => f.id)).toEqual(['service.no-privatelink']);
    expect(report.findings[0]?.evidence[0]).toContain('com.amazonaws.us-east-1.secretmanager');
    expect(code).toBe(1);
  });

  it('an instance id that does not exist → exit 2 naming source.id', async () => {
    const result = await runCli(
      [
        '--answers',
        answersFile({
          region: REGION,
          service: 's3',
          'source.kind': 'instance',
          'source.id': 'i-0000000000000dead',
          symptom: 'timeout',
        }),
      ],
      { env: motoEnv(url) },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('instance i-0000000000000dead does not exist in us-east-1');
    expect(result.stderr).toContain('source.id');
  });

  it('a VPC given for an outside source that does not exist → exit 2 naming vpc', async () => {
    await client.send(new CreateVpcCommand({ CidrBlock: '10.250.0.0/16' }));
    const result = await runCli(
      [
        '--answers',
        answersFile({
          region: REGION,
          service: 's3',
          'source.kind': 'on-premises',
          'source.ip': '192.168.1.1',
          vpc: 'vpc-0000000000000dead',
          symptom: 'timeout',
        }),
      ],
      { env: motoEnv(url) },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('VPC vpc-0000000000000dead does not exist');
  });
});
