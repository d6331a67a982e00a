// IPv6 on a gateway endpoint's path against the AWS API emulator: moto holds a VPC's
// Amazon-provided IPv6 block, subnet /64s, egress-only internet gateways, ::/0 routes and ENI
// IPv6 addresses, and its AWS-managed S3 prefix list says AddressFamily IPv4. It has no
// IpAddressType on endpoints (DescribeVpcEndpoints leaves it out), so these scenarios judge the
// route table itself; the endpoint's IP address type is covered with a mocked EC2 client in
// test/probes/live-address-family.test.ts. The built CLI runs with --answers; the fix is then
// applied with the AWS CLI v2 against the emulator. DNS64 and NAT64: moto holds IPv6-only
// (Ipv6Native) subnets, NAT gateways and 64:ff9b::/96 routes to them, but neither reports nor sets
// a subnet's EnableDns64 (and gives instances in IPv6-only subnets an IPv4 address), so these
// scenarios use a subnet source and check that an unreported DNS64 is never a pass; the
// DNS64 verdicts themselves are in test/analysis/address-family/nat64.test.ts (fixtures).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  CreateNatGatewayCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeVpcsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { ec2, gatewayEndpoint, REGION } from '../support/moto-scenarios.js';
import { allOut, https, interfaceEndpoint, securityGroup } from '../support/network-moto.js';
import { enableDnsHostnames } from '../support/dns-moto.js';

const url = inject('motoUrl');
const AWS_CLI = '/usr/bin/aws';

interface Report {
  verdict: string;
  findings: {
    id: string;
    evidence: string[];
    fix: { summary: string; commands: { argv: string[]; line: string }[] };
  }[];
  checks: { id: string; status: string; detail: string }[];
}

let counter = 0;

/** A dual-stack subnet (10.x IPv4 + a /64 of the VPC's Amazon block) whose own table sends ::/0 to an egress-only gateway. */
async function dualStackSubnet(client: EC2Client, opts: { defaultIpv6Route: boolean }) {
  const second = 120 + (counter++ % 100);
  const vpcId = (
    await client.send(new CreateVpcCommand({ CidrBlock: `10.${second}.0.0/16`, AmazonProvidedIpv6CidrBlock: true }))
  ).Vpc!.VpcId!;
  const vpc = (await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!;
  const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
  const subnet64 = block.replace(/::\/56$/, '::/64');
  const subnetId = (
    await client.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.${second}.1.0/24`,
        Ipv6CidrBlock: subnet64,
        AvailabilityZone: 'us-east-1a',
      }),
    )
  ).Subnet!.SubnetId!;
  const rtb = (await client.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await client.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: subnetId }));
  let eigw: string | undefined;
  if (opts.defaultIpv6Route) {
    eigw = (await client.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: vpcId }))).EgressOnlyInternetGateway!
      .EgressOnlyInternetGatewayId!;
    await client.send(
      new CreateRouteCommand({
        RouteTableId: rtb,
        DestinationIpv6CidrBlock: '::/0',
        EgressOnlyInternetGatewayId: eigw,
      }),
    );
  }
  const sg = await securityGroup(client, vpcId, { egress: [allOut] });
  const eni = (
    await client.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, Groups: [sg], Ipv6AddressCount: 1 }))
  ).NetworkInterface!.NetworkInterfaceId!;
  return { vpcId, subnetId, rtb, eigw, eni };
}

async function diagnose(answers: Record<string, string>) {
  return runAnswers<Report>(url, { region: REGION, symptom: 'timeout', ...answers });
}

describe.skipIf(!url)('IPv6 and a gateway endpoint against moto', () => {
  let client: EC2Client;
  beforeAll(() => {
    client = ec2(url);
  });

  it('dual-stack ENI calls s3.dualstack…, the S3 gateway endpoint routes only the IPv4 prefix list, ::/0 → eigw → route.dualstack-bypasses-endpoint; the fix applies with the AWS CLI', async () => {
    const s = await dualStackSubnet(client, { defaultIpv6Route: true });
    const vpce = await gatewayEndpoint(client, s.vpcId, [s.rtb]);
    const { report, code } = await diagnose({
      service: 's3',
      'source.kind': 'eni',
      'source.id': s.eni,
      'target.hostname': 's3.dualstack.us-east-1.amazonaws.com',
    });
    expect(report.findings.map((f) => f.id)).toEqual(['route.dualstack-bypasses-endpoint']);
    const f = report.findings[0]!;
    expect(f.evidence.join('\n')).toContain(`::/0 → ${s.eigw}, an egress-only internet gateway`);
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpce} --ip-address-type dualstack --region ${REGION}`,
    ]);
    expect(code).toBe(1);
    if (existsSync(AWS_CLI)) {
      const args = f.fix.commands[0]!.argv.slice(1);
      const run = await promisify(execFile)(AWS_CLI, [...args, '--endpoint-url', url], {
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_PAGER: '' },
      });
      expect(JSON.parse(run.stdout)).toMatchObject({ Return: true });
    }
  });

  it('same path with no IPv6 default route → route.dualstack-no-ipv6-route (the AAAA traffic is dropped)', async () => {
    const s = await dualStackSubnet(client, { defaultIpv6Route: false });
    await gatewayEndpoint(client, s.vpcId, [s.rtb]);
    const { report } = await diagnose({
      service: 's3',
      'source.kind': 'eni',
      'source.id': s.eni,
      'target.hostname': 's3.dualstack.us-east-1.amazonaws.com',
    });
    expect(report.findings.map((f) => f.id)).toEqual(['route.dualstack-no-ipv6-route']);
    expect(report.findings[0]!.evidence.join('\n')).toContain(`${s.rtb} has no IPv6 default route (::/0)`);
  });

  it('the same ENI calling the regional IPv4 name → no IPv6 check, healthy', async () => {
    const s = await dualStackSubnet(client, { defaultIpv6Route: true });
    await gatewayEndpoint(client, s.vpcId, [s.rtb]);
    const { report, code } = await diagnose({ service: 's3', 'source.kind': 'eni', 'source.id': s.eni });
    expect(report.findings).toEqual([]);
    expect(report.checks.find((c) => c.id === 'family.gateway-ipv6')).toBeUndefined();
    expect(code).toBe(0);
  });
});

/** An IPv6-only subnet with its own table, an IPv4 subnet holding a NAT gateway and an SQS interface endpoint (ipv4). */
async function ipv6OnlyToIpv4Endpoint(client: EC2Client, opts: { nat64Route: boolean }) {
  const second = 120 + (counter++ % 100);
  const vpcId = (
    await client.send(new CreateVpcCommand({ CidrBlock: `10.${second}.0.0/16`, AmazonProvidedIpv6CidrBlock: true }))
  ).Vpc!.VpcId!;
  const vpc = (await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!;
  const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
  const v6Subnet = (
    await client.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        Ipv6Native: true,
        Ipv6CidrBlock: block.replace(/::\/56$/, '::/64'),
        AvailabilityZone: 'us-east-1a',
      }),
    )
  ).Subnet!.SubnetId!;
  const v4Subnet = (
    await client.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.${second}.1.0/24`, AvailabilityZone: 'us-east-1a' }),
    )
  ).Subnet!.SubnetId!;
  const rtb = (await client.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await client.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: v6Subnet }));
  const eip = await client.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  const nat = (await client.send(new CreateNatGatewayCommand({ SubnetId: v4Subnet, AllocationId: eip.AllocationId })))
    .NatGateway!.NatGatewayId!;
  if (opts.nat64Route)
    await client.send(
      new CreateRouteCommand({ RouteTableId: rtb, DestinationIpv6CidrBlock: '64:ff9b::/96', NatGatewayId: nat }),
    );
  await enableDnsHostnames(client, vpcId);
  const epSg = await securityGroup(client, vpcId, { ingress: [https({ cidr: '0.0.0.0/0' })] });
  const vpce = await interfaceEndpoint(client, vpcId, 'sqs', [v4Subnet], [epSg]);
  return { vpcId, v6Subnet, rtb, nat, vpce };
}

describe.skipIf(!url)('an IPv6-only subnet and an IPv4-only interface endpoint against moto (DNS64 and NAT64)', () => {
  let client: EC2Client;
  beforeAll(() => {
    client = ec2(url);
  });

  it('64:ff9b::/96 → an available NAT gateway, but moto reports no EnableDns64 → the family check could not check, exit 3, never healthy', async () => {
    const s = await ipv6OnlyToIpv4Endpoint(client, { nat64Route: true });
    const { report, code } = await diagnose({ service: 'sqs', 'source.kind': 'subnet', 'source.id': s.v6Subnet });
    const family = report.checks.find((c) => c.id === 'family.interface-endpoint');
    expect(family?.status, JSON.stringify(report.checks, null, 1)).toBe('error');
    expect(family?.detail).toContain('EnableDns64');
    expect(report.findings.map((f) => f.id)).not.toContain('endpoint.ip-family-mismatch');
    expect(report.verdict).toBe('incomplete');
    expect(code).toBe(3);
  });

  it('no 64:ff9b::/96 route → endpoint.ip-family-mismatch; the NAT64 alternative names the NAT gateway and its create-route applies with the AWS CLI (moto gap: DNS64 then cannot be read, so the rerun is could-not-check, not healthy)', async () => {
    const s = await ipv6OnlyToIpv4Endpoint(client, { nat64Route: false });
    const answers = { service: 'sqs', 'source.kind': 'subnet', 'source.id': s.v6Subnet };
    const { report, code } = await diagnose(answers);
    expect(report.findings.map((f) => f.id)).toEqual(['endpoint.ip-family-mismatch']);
    expect(code).toBe(1);
    const f = report.findings[0]! as Report['findings'][number] & {
      fix: { alternatives?: { summary: string; commands: { argv: string[]; line: string }[] }[] };
    };
    expect(f.evidence.join('\n')).toContain(`${s.rtb} has no route for 64:ff9b::/96`);
    const nat64 = f.fix.alternatives?.find((a) => a.summary.includes('NAT64'));
    expect(nat64?.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-route --route-table-id ${s.rtb} --destination-ipv6-cidr-block 64:ff9b::/96 --nat-gateway-id ${s.nat} --region ${REGION}`,
      `aws ec2 modify-subnet-attribute --subnet-id ${s.v6Subnet} --enable-dns64 --region ${REGION}`,
    ]);
    if (existsSync(AWS_CLI)) {
      const args = nat64!.commands[0]!.argv.slice(1);
      await promisify(execFile)(AWS_CLI, [...args, '--endpoint-url', url], {
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_PAGER: '' },
      });
      const after = await diagnose(answers);
      expect(after.report.findings.map((x) => x.id)).not.toContain('endpoint.ip-family-mismatch');
      expect(after.report.verdict).not.toBe('healthy');
    }
  });
});
