// The spine's rules, one scenario each, through the real engine on fixture accounts.
import { describe, expect, it } from 'vitest';
import { pickEndpoint } from '../../../src/path/context.js';
import type { Answers } from '../../../src/path/answers.js';
import type { VpcEndpoint } from '../../../src/probes/shapes.js';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS } from '../../support/fixtures/world.js';
import { diagnose } from '../../support/diagnose.js';

const fromInstance = (service: string): Answers => ({
  region: 'us-east-1',
  service,
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'timeout',
});

function interfaceEndpoint(id: string, state = 'available', extra: Partial<VpcEndpoint> = {}): VpcEndpoint {
  return {
    ...gatewayEndpoint(id, IDS.vpc, [], 'sqs', 'sqs'),
    VpcEndpointType: 'Interface',
    State: state,
    SubnetIds: [IDS.subnetA],
    PrivateDnsEnabled: true,
    ...extra,
  };
}

describe('endpoint rules', () => {
  it("no SQS endpoint in the VPC → endpoint.missing: a group admitting 443 from the source's groups is created first, then the endpoint with it, in the source's AZ first (never the VPC default group)", async () => {
    const r = await diagnose(baseAccount(), fromInstance('sqs'));
    expect(r.findings.map((f) => f.id)).toEqual(['endpoint.missing']);
    const commands = r.findings[0]?.fix.commands ?? [];
    expect(commands.map((c) => c.argv.slice(1, 3).join(' '))).toEqual([
      'ec2 create-security-group',
      'ec2 authorize-security-group-ingress',
      'ec2 create-vpc-endpoint',
    ]);
    expect(commands[0]?.assigns).toBe('SG_ID');
    expect(commands[1]?.line).toContain('--group-id "$SG_ID"');
    expect(commands[1]?.line).toMatch(/UserIdGroupPairs=\[\{GroupId=sg-/);
    expect(commands[2]?.line).toBe(
      `aws ec2 create-vpc-endpoint --vpc-id ${IDS.vpc} --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.sqs --subnet-ids ${IDS.subnetA} ${IDS.subnetB} --security-group-ids "$SG_ID" --private-dns-enabled --region us-east-1`,
    );
  });

  it('a service this Region does not offer → service.no-privatelink instead of an endpoint that cannot be created', async () => {
    const a = baseAccount();
    a.endpointServices = [];
    const r = await diagnose(a, fromInstance('secretmanager'));
    expect(r.findings.map((f) => f.id)).toEqual(['service.no-privatelink']);
    expect(r.findings[0]?.fix.commands[0]?.line).toBe(
      `aws ec2 describe-vpc-endpoint-services --query 'ServiceNames[?contains(@, '\\''secret'\\'')]' --region us-east-1`,
    );
    expect(r.checks.find((c) => c.id === 'service.privatelink')?.status).toBe('fail');
  });

  it('when DescribeVpcEndpointServices is denied, endpoint.missing stands and the run is not clean', async () => {
    const a = baseAccount();
    a.denied = { 'ec2.vpc-endpoint-service': 'ec2:DescribeVpcEndpointServices' };
    const r = await diagnose(a, fromInstance('sqs'));
    expect(r.findings.map((f) => f.id)).toEqual(['endpoint.missing']);
    expect(r.checks.find((c) => c.id === 'service.privatelink')).toMatchObject({
      status: 'skipped',
      detail: expect.stringContaining('ec2:DescribeVpcEndpointServices'),
    });
  });

  it.each([
    [
      'pendingAcceptance',
      /accept-vpc-endpoint-connections --service-id vpce-svc-0e1f2a3b4c5d6e7f8 --vpc-endpoint-ids vpce-0aaa000000000bbbb/,
    ],
    ['pending', /describe-vpc-endpoints --vpc-endpoint-ids vpce-0aaa000000000bbbb/],
    ['rejected', /delete-vpc-endpoints --vpc-endpoint-ids vpce-0aaa000000000bbbb/],
    ['failed', /delete-vpc-endpoints/],
  ])('an endpoint in state %s → endpoint.not-available with the matching fix', async (state, command) => {
    const a = baseAccount();
    a.endpoints.push(
      interfaceEndpoint('vpce-0aaa000000000bbbb', state, {
        ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0e1f2a3b4c5d6e7f8',
      }),
    );
    const r = await diagnose(a, fromInstance('com.amazonaws.vpce.us-east-1.vpce-svc-0e1f2a3b4c5d6e7f8'));
    expect(r.findings.map((f) => f.id)).toEqual(['endpoint.not-available']);
    expect(r.findings[0]?.fix.commands.map((c) => c.line).join('\n')).toMatch(command);
    expect(r.checks.find((c) => c.id === 'endpoint.available')?.status).toBe('fail');
  });

  it('a route to the endpoint in the table counts even when RouteTableIds does not list it', async () => {
    const a = baseAccount();
    a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, []));
    a.routeTables[0]?.Routes.push(endpointRoute(IDS.s3Gateway));
    const r = await diagnose(a, fromInstance('s3'));
    expect(r.findings).toEqual([]);
  });

  it('a peered-VPC source through a gateway endpoint → gateway.not-transitive suggesting a shared zone, not an inbound resolver', async () => {
    const a = baseAccount();
    a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb]));
    const r = await diagnose(a, {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'peered-vpc',
      'source.ip': '10.9.3.4',
      vpc: IDS.vpc,
      symptom: 'timeout',
    });
    expect(r.findings.map((f) => f.id)).toEqual(['gateway.not-transitive']);
    expect(r.findings[0]?.fix.summary).toMatch(/private hosted zone or Resolver rule/);
    expect(r.findings[0]?.evidence.join(' ')).toContain('10.9.3.4');
  });

  it('on-premises to S3 with no endpoint at all → an interface endpoint whose private DNS answers every resolver (there is no gateway to keep VPC traffic on)', async () => {
    const r = await diagnose(baseAccount(), {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'direct-connect',
      'source.ip': '172.16.8.9',
      vpc: IDS.vpc,
      symptom: 'timeout',
    });
    expect(r.findings.map((f) => f.id)).toContain('endpoint.missing');
    const cmd = r.findings.find((f) => f.id === 'endpoint.missing')?.fix.commands.at(-1)?.line ?? '';
    expect(cmd).toContain('--vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.s3');
    expect(cmd).toContain('--private-dns-enabled --dns-options PrivateDnsOnlyForInboundResolverEndpoint=false');
  });

  it('on-premises to S3 through a gateway endpoint → the interface endpoint keeps VPC traffic on the gateway (private DNS only for inbound, the default EC2 applies when a gateway exists, so no --dns-options)', async () => {
    const a = baseAccount();
    a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb]));
    const r = await diagnose(a, {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'vpn',
      'source.ip': '172.16.8.9',
      vpc: IDS.vpc,
      symptom: 'timeout',
    });
    const cmd = r.findings.find((f) => f.id === 'gateway.not-transitive')?.fix.commands.at(-1)?.line ?? '';
    expect(cmd).toContain('--vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.s3');
    expect(cmd).toContain('--private-dns-enabled');
    expect(cmd).not.toContain('--dns-options');
  });

  it('a denied route-table probe makes the check skipped naming the action, and the verdict incomplete — never healthy', async () => {
    const a = baseAccount();
    a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb]));
    a.denied = { 'ec2.route-table': 'ec2:DescribeRouteTables' };
    const r = await diagnose(a, fromInstance('s3'));
    expect(r.verdict).toBe('incomplete');
    const check = r.checks.find((c) => c.id === 'gateway.route-table');
    expect(check?.status).toBe('skipped');
    expect(check?.detail).toContain('ec2:DescribeRouteTables');
  });

  it('a denied endpoint listing leaves the endpoint check skipped and the verdict incomplete', async () => {
    const a = baseAccount();
    a.denied = { 'ec2.vpc-endpoints': 'ec2:DescribeVpcEndpoints' };
    const r = await diagnose(a, fromInstance('s3'));
    expect(r.verdict).toBe('incomplete');
    expect(r.checks.find((c) => c.id === 'endpoint.exists')?.detail).toContain('ec2:DescribeVpcEndpoints');
  });

  it('a source that cannot be described (denied) ends incomplete naming the action', async () => {
    const a = baseAccount();
    a.denied = { 'ec2.source': 'ec2:DescribeInstances' };
    const r = await diagnose(a, fromInstance('s3'));
    expect(r.verdict).toBe('incomplete');
    expect(r.checks).toEqual([
      expect.objectContaining({
        id: 'source.located',
        status: 'skipped',
        detail: expect.stringContaining('ec2:DescribeInstances'),
      }),
    ]);
  });
});

describe('pickEndpoint', () => {
  const gw = gatewayEndpoint(IDS.s3Gateway, IDS.vpc, []);
  const iface = interfaceEndpoint('vpce-0bbb000000000cccc');
  it('inside the VPC an interface endpoint with private DNS takes the traffic from the gateway', () => {
    expect(pickEndpoint([gw, iface], true)?.VpcEndpointId).toBe('vpce-0bbb000000000cccc');
  });
  it('…unless its private DNS answers only inbound Resolver endpoints', () => {
    const inboundOnly = { ...iface, DnsOptions: { PrivateDnsOnlyForInboundResolverEndpoint: true } };
    expect(pickEndpoint([gw, inboundOnly], true)?.VpcEndpointId).toBe(IDS.s3Gateway);
  });
  it('from outside the VPC only an interface endpoint can carry the traffic', () => {
    expect(pickEndpoint([gw, { ...iface, PrivateDnsEnabled: false }], false)?.VpcEndpointId).toBe(
      'vpce-0bbb000000000cccc',
    );
  });
  it('an available endpoint wins over one that is not', () => {
    expect(
      pickEndpoint(
        [
          { ...gw, State: 'deleting' },
          { ...gw, VpcEndpointId: 'vpce-0ccc000000000dddd' },
        ],
        true,
      )?.VpcEndpointId,
    ).toBe('vpce-0ccc000000000dddd');
  });
});
