// IPv6 on a gateway endpoint's path against the AWS API emulator: moto holds a VPC's
// Amazon-provided IPv6 block, subnet /64s, egress-only internet gateways, ::/0 routes and ENI
// IPv6 addresses, and its AWS-managed S3 prefix list says AddressFamily IPv4. It has no
// IpAddressType on endpoints (DescribeVpcEndpoints leaves it out), so these scenarios judge the
// route table itself; the endpoint's IP address type is covered with a mocked EC2 client in
// test/probes/live-address-family.test.ts. The built CLI runs with --answers; the fix is then
// applied with the AWS CLI v2 against the emulator.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  AssociateRouteTableCommand,
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
import { allOut, securityGroup } from '../support/network-moto.js';

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
