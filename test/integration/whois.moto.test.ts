// `vpce-doctor whois` against the AWS API emulator, through the built binary: an instance
// interface, an interface endpoint's interface and a NAT gateway's, each found by address or id,
// with --json validated against the published schema. Emulator limits (PITFALLS.md): moto writes
// no Description and no specific InterfaceType on endpoint and NAT interfaces, so whois finds
// their owners through the VPC's endpoints and NAT gateways; moto builds no interfaces for load
// balancers, so the load balancer lookup is exercised as a probe; moto has no
// `association.public-ip` filter, which shows how a failed search reads.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CreateNetworkInterfaceCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { motoEnv, runCli } from '../support/cli.js';
import { basicVpc, ec2, REGION, type BasicVpc } from '../support/moto-scenarios.js';
import { https, interfaceEndpoint, natDefaultRoute, securityGroup } from '../support/network-moto.js';
import { WhoisReportSchema, type WhoisReport } from '../../src/report/whois-schema.js';
import { LiveProbes } from '../../src/probes/live/aws.js';

const url = inject('motoUrl');

async function whois(
  arg: string,
  flags: string[] = ['--json'],
): Promise<{ code: number | null; report: WhoisReport; stdout: string; stderr: string }> {
  const r = await runCli(['whois', arg, '--region', REGION, ...flags], { env: motoEnv(url) });
  if (!flags.includes('--json'))
    return { code: r.code, report: undefined as never, stdout: r.stdout, stderr: r.stderr };
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  // The published schema is this zod schema's JSON Schema (`vpce-doctor schema whois`).
  return { code: r.code, report: WhoisReportSchema.parse(parsed), stdout: r.stdout, stderr: r.stderr };
}

async function primaryIp(client: EC2Client, eniId: string): Promise<string> {
  const out = await client.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] }));
  return out.NetworkInterfaces![0]!.PrivateIpAddress!;
}

describe.skipIf(!url)('whois against moto', () => {
  let client: EC2Client;
  let v: BasicVpc;
  beforeAll(async () => {
    client = ec2(url);
    v = await basicVpc(client);
  });

  it('an instance’s private IP → the instance, its subnet, AZ, groups, ACL and route table (exit 0)', async () => {
    const out = await client.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [v.instanceId] }] }),
    );
    const eniId = out.NetworkInterfaces![0]!.NetworkInterfaceId!;
    const ip = out.NetworkInterfaces![0]!.PrivateIpAddress!;
    const { code, report } = await whois(ip);
    expect(code).toBe(0);
    expect(report.status).toBe('found');
    // Other suites' VPCs reuse these CIDRs in the shared emulator: every interface holding the IP is listed.
    const listed = report.interfaces.map((x) => x.networkInterfaceId);
    expect(new Set(listed).size).toBe(listed.length);
    expect(report.interfaces.every((x) => x.privateIpAddresses.includes(ip))).toBe(true);
    const i = report.interfaces.find((x) => x.networkInterfaceId === eniId)!;
    expect(i.owner).toMatchObject({ kind: 'instance', resource: v.instanceId });
    expect(i).toMatchObject({ vpcId: v.vpcId, subnetId: v.subnetId, availabilityZone: 'us-east-1a' });
    expect(i.routeTable).toMatchObject({ routeTableId: v.mainRouteTableId, association: 'main' });
    expect(i.networkAcl?.networkAclId).toMatch(/^acl-/);
    expect(i.securityGroups.length).toBeGreaterThan(0);
  });

  it('the same private IP in two VPCs → both interfaces listed, each with its own VPC and owner', async () => {
    const twin = async () => {
      const vpcId = (await client.send(new CreateVpcCommand({ CidrBlock: '10.250.0.0/16' }))).Vpc!.VpcId!;
      const subnetId = (
        await client.send(
          new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.250.7.0/24', AvailabilityZone: 'us-east-1a' }),
        )
      ).Subnet!.SubnetId!;
      const eni = (
        await client.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, PrivateIpAddress: '10.250.7.77' }))
      ).NetworkInterface!;
      return { vpcId, eniId: eni.NetworkInterfaceId! };
    };
    const a = await twin();
    const b = await twin();
    const { code, report } = await whois('10.250.7.77');
    expect(code).toBe(0);
    const mine = report.interfaces.filter((x) => x.networkInterfaceId === a.eniId || x.networkInterfaceId === b.eniId);
    expect(mine.map((x) => x.vpcId).sort()).toEqual([a.vpcId, b.vpcId].sort());
    // Created by hand and attached to nothing: said so, not guessed.
    for (const x of mine) expect(x.owner.kind).toBe('unattached');
  });

  it('an interface endpoint’s IP → the endpoint, its service, the rule admitting 443, and the hand-off answers', async () => {
    const sg = await securityGroup(client, v.vpcId, { ingress: [https({ cidr: '10.0.0.0/8' })] });
    const vpce = await interfaceEndpoint(client, v.vpcId, 'sqs', [v.subnetId], [sg]);
    const { DescribeVpcEndpointsCommand } = await import('@aws-sdk/client-ec2');
    const eniId = (await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpce] }))).VpcEndpoints![0]!
      .NetworkInterfaceIds![0]!;
    const { code, report } = await whois(await primaryIp(client, eniId));
    expect(code).toBe(0);
    const i = report.interfaces.find((x) => x.networkInterfaceId === eniId)!;
    expect(i.owner).toMatchObject({ kind: 'vpc-endpoint', resource: vpce });
    expect(i.owner.basis).toEqual([`DescribeVpcEndpoints: ${vpce} lists ${eniId}`]);
    expect(i.ownerDetails).toMatchObject({
      kind: 'vpc-endpoint',
      serviceName: `com.amazonaws.${REGION}.sqs`,
      type: 'Interface',
      state: 'available',
    });
    expect(i.listener?.admitted).toEqual([
      { port: 443, rules: [{ groupId: sg, protocol: 'tcp/443', source: '10.0.0.0/8' }] },
    ]);
    expect(i.nextStep?.answers).toEqual({
      region: REGION,
      service: `com.amazonaws.${REGION}.sqs`,
      vpc: v.vpcId,
      endpoint: vpce,
      symptom: 'unknown',
    });

    const text = await whois(eniId, []);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`owner        VPC endpoint ${vpce}`);
    expect(text.stdout).toContain('tcp/443 from 10.0.0.0/8');
    expect(text.stdout).toContain('vpce-doctor --answers vpce-answers.json');
  });

  it('a NAT gateway’s interface by id → the NAT gateway with its state and public IP', async () => {
    const natId = await natDefaultRoute(client, v.mainRouteTableId, v.otherSubnetId);
    const nat = (await client.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [natId] }))).NatGateways![0]!;
    const address = nat.NatGatewayAddresses![0]!;
    const { code, report } = await whois(address.NetworkInterfaceId!);
    expect(code).toBe(0);
    expect(report.query.searched).toEqual(['network-interface-id']);
    const i = report.interfaces[0]!;
    expect(i.owner).toMatchObject({ kind: 'nat-gateway', resource: natId });
    // moto leaves ConnectivityType out; AWS reports public or private.
    expect(i.ownerDetails).toEqual({
      kind: 'nat-gateway',
      natGatewayId: natId,
      state: 'available',
      publicIps: [address.PublicIp],
    });
  });

  it('an address no interface holds → not in this account (exit 1); an unknown eni id too', async () => {
    const byIp = await whois('10.255.254.253');
    expect(byIp.code).toBe(1);
    expect(byIp.report).toMatchObject({ status: 'not-found', interfaces: [], unread: [] });
    const byId = await whois('eni-0123456789abcdef0');
    expect(byId.code).toBe(1);
    expect(byId.report.status).toBe('not-found');
  });

  it('a public address: the emulator cannot run the association.public-ip search → incomplete (exit 3), naming it', async () => {
    const { code, report } = await whois('54.239.28.85');
    expect(code).toBe(3);
    expect(report.status).toBe('incomplete');
    expect(report.unread.map((u) => u.what)).toEqual([
      'the interfaces holding 54.239.28.85 (filter association.public-ip)',
    ]);
    expect(report.publicRanges).toBeUndefined();
  });

  it('bad input → exit 2 with the reason, before any AWS call', async () => {
    const r = await runCli(['whois', 'sg-0123456789abcdef0', '--region', REGION], { env: motoEnv(url) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('neither an IP address nor a network interface id');
  });

  it('the load balancer and Lambda lookups read the emulator read-only: name, type, state; a missing one is null', async () => {
    const elb = new ElasticLoadBalancingV2Client({
      region: REGION,
      endpoint: url,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await elb.send(
      new CreateLoadBalancerCommand({ Name: 'whois-web', Subnets: [v.subnetId, v.otherSubnetId], Type: 'application' }),
    );
    const saved = { ...process.env };
    Object.assign(process.env, motoEnv(url));
    try {
      const probes = new LiveProbes({ region: () => REGION });
      const lb = await probes.run({ key: 'elbv2.load-balancer', input: { name: 'whois-web' } });
      expect(lb).toMatchObject({
        status: 'ok',
        value: { LoadBalancerName: 'whois-web', Type: 'application', State: { Code: expect.any(String) } },
      });
      expect(await probes.run({ key: 'elbv2.load-balancer', input: { name: 'no-such-lb' } })).toEqual({
        status: 'ok',
        value: null,
      });
      expect(await probes.run({ key: 'lambda.function', input: { functionName: 'no-such-function' } })).toEqual({
        status: 'ok',
        value: null,
      });
    } finally {
      process.env = saved;
    }
  });
});
