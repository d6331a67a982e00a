// A diagnosis costs the same number of AWS calls in a large account as in a small one: every
// call is filtered server-side by id, VPC or subnet, and what a VPC-wide read returns is shared.
// Each acceptance scenario runs once, then the account grows (30 more VPCs with 100 subnets,
// 100 network interfaces, route tables and ACLs, and more of each inside the scenario's own
// VPC) and it runs again through the counting proxy: the same calls, still at most 4 round trips.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  AssociateRouteTableCommand,
  CreateNetworkAclCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ReplaceNetworkAclAssociationCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { ec2 } from '../support/moto-scenarios.js';
import { startCountingProxy, type CallStats, type CountingProxy } from '../support/counting-proxy.mjs';
import { ROUND_TRIP_SCENARIOS, type Answers } from '../support/round-trip-scenarios.js';

const url = inject('motoUrl');
const DELAY_MS = 60;

/** A subnet with an interface, its own route table and its own network ACL. */
async function busySubnet(client: EC2Client, vpcId: string, cidr: string): Promise<void> {
  const subnet = (await client.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }))).Subnet!;
  const subnetId = subnet.SubnetId!;
  await client.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId }));
  const rtb = (await client.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!;
  await client.send(new AssociateRouteTableCommand({ RouteTableId: rtb.RouteTableId, SubnetId: subnetId }));
  const acl = (await client.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!;
  const current = await client.send(
    new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
  );
  const assoc = current.NetworkAcls?.[0]?.Associations?.find((a) => a.SubnetId === subnetId);
  await client.send(
    new ReplaceNetworkAclAssociationCommand({
      AssociationId: assoc!.NetworkAclAssociationId,
      NetworkAclId: acl.NetworkAclId,
    }),
  );
}

/** 30 VPCs in 100.64.0.0/10 (no scenario uses it), 100 busy subnets among them. */
async function growAccount(client: EC2Client): Promise<void> {
  const vpcs: string[] = [];
  for (let i = 0; i < 30; i++) {
    const vpc = (await client.send(new CreateVpcCommand({ CidrBlock: `100.${64 + i}.0.0/16` }))).Vpc!;
    vpcs.push(vpc.VpcId!);
  }
  for (let batch = 0; batch < 100; batch += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, k) => {
        const n = batch + k;
        return busySubnet(client, vpcs[n % 30]!, `100.${64 + (n % 30)}.${Math.floor(n / 30)}.0/24`);
      }),
    );
  }
}

/** The VPC the answers point at. */
async function vpcOf(client: EC2Client, answers: Answers): Promise<string> {
  if (answers.vpc !== undefined) return answers.vpc;
  const id = answers['source.id']!;
  if (answers['source.kind'] === 'subnet')
    return (await client.send(new DescribeSubnetsCommand({ SubnetIds: [id] }))).Subnets![0]!.VpcId!;
  return (await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!
    .VpcId!;
}

/** Three more busy subnets inside the scenario's own VPC (its /16 has room from .100 on). */
async function growVpc(client: EC2Client, vpcId: string): Promise<void> {
  const cidr = (await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!.CidrBlock!;
  const prefix = cidr.split('.').slice(0, 2).join('.');
  for (let k = 0; k < 3; k++) await busySubnet(client, vpcId, `${prefix}.${100 + k}.0/24`);
}

describe.skipIf(!url)('the same diagnosis in a small and in a large account', () => {
  let client: EC2Client;
  let proxy: CountingProxy;
  const built: { name: string; answers: Answers; small: CallStats }[] = [];

  beforeAll(async () => {
    client = ec2(url);
    proxy = await startCountingProxy(url, { delayMs: DELAY_MS });
    for (const s of ROUND_TRIP_SCENARIOS) {
      const answers = await s.build(client, url);
      proxy.reset();
      await runAnswers(proxy.url, answers);
      built.push({ name: s.name, answers, small: proxy.stats() });
    }
    await growAccount(client);
    for (const b of built) await growVpc(client, await vpcOf(client, b.answers));
  });
  afterAll(async () => {
    await proxy.close();
  });

  for (const s of ROUND_TRIP_SCENARIOS) {
    it(`${s.name}: the same calls after the account grew, at most 4 round trips, none twice`, async () => {
      const b = built.find((x) => x.name === s.name)!;
      proxy.reset();
      await runAnswers(proxy.url, b.answers);
      const large = proxy.stats();
      expect([...large.actions].sort()).toEqual([...b.small.actions].sort());
      expect(large.calls).toBeLessThanOrEqual(25);
      expect(large.duplicates).toEqual([]);
      expect(large.unscoped).toEqual([]);
      expect(large.roundTrips).toBeLessThanOrEqual(4);
    });
  }
});
