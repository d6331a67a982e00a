// The moto scenarios `npm run bench` diagnoses (scripts/bench.mjs loads this file through
// esbuild): one per kind of path the engine walks — S3 gateway, interface endpoint, DNS, policy —
// built with the same helpers as the emulator tests, plus a large account to put them in.
// Not a test: nothing here asserts; the bench reports what each diagnosis found.
import {
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { enableDnsHostnames, forwardRule, interfaceEndpoint as dnsInterfaceEndpoint } from './dns-moto.js';
import { basicVpc, ec2, gatewayEndpoint, REGION, routeTableFor } from './moto-scenarios.js';
import { bucketName, bucketWith, denyUnlessVpce, endpointAllowList, gatewayWithPolicy, s3 } from './moto-policy.js';
import { allOut, https, instanceIn, interfaceEndpoint, s3PrefixList, securityGroup } from './network-moto.js';

export interface BenchScenario {
  name: string;
  /** Builds the scenario in the emulator at `url`; returns the answers a user would give. */
  build(url: string): Promise<Record<string, string>>;
}

export const BENCH_SCENARIOS: readonly BenchScenario[] = [
  {
    name: 's3-gateway-healthy',
    async build(url) {
      const client = ec2(url);
      const pl = (await s3PrefixList(client)).id;
      const v = await basicVpc(client);
      const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
      await gatewayEndpoint(client, v.vpcId, [rtb]);
      const sg = await securityGroup(client, v.vpcId, { egress: [https({ prefixListId: pl })] });
      const { instanceId } = await instanceIn(client, v.subnetId, [sg]);
      return { service: 's3', 'source.kind': 'instance', 'source.id': instanceId, symptom: 'timeout' };
    },
  },
  {
    name: 's3-gateway-route-table-not-associated',
    async build(url) {
      const client = ec2(url);
      const v = await basicVpc(client);
      const other = await routeTableFor(client, v.vpcId);
      await gatewayEndpoint(client, v.vpcId, [other]);
      return { service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId, symptom: 'timeout' };
    },
  },
  {
    name: 'sqs-interface-ingress-missing',
    async build(url) {
      const client = ec2(url);
      const v = await basicVpc(client);
      await enableDnsHostnames(client, v.vpcId);
      const app = await securityGroup(client, v.vpcId, { egress: [allOut] });
      const ep = await securityGroup(client, v.vpcId, {});
      await interfaceEndpoint(client, v.vpcId, 'sqs', [v.subnetId, v.otherSubnetId], [ep]);
      const { instanceId } = await instanceIn(client, v.subnetId, [app]);
      return { service: 'sqs', 'source.kind': 'instance', 'source.id': instanceId, symptom: 'timeout' };
    },
  },
  {
    name: 'sqs-interface-resolver-rule',
    async build(url) {
      const client = ec2(url);
      const v = await basicVpc(client);
      await enableDnsHostnames(client, v.vpcId);
      await dnsInterfaceEndpoint(client, v, 'sqs');
      await forwardRule(url, v.vpcId, 'amazonaws.com');
      return { service: 'sqs', 'source.kind': 'instance', 'source.id': v.instanceId, symptom: 'wrong-address' };
    },
  },
  {
    name: 's3-bucket-policy-pinned',
    async build(url) {
      const client = ec2(url);
      const bucket = bucketName('bench');
      const v = await basicVpc(client);
      const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
      await gatewayWithPolicy(client, v.vpcId, [rtb], endpointAllowList(bucket));
      await bucketWith(s3(url), bucket, { policy: denyUnlessVpce(bucket, 'vpce-0d4c3b2a190817263') });
      return {
        service: 's3',
        'source.kind': 'instance',
        'source.id': v.instanceId,
        symptom: 'access-denied',
        'target.bucket': bucket,
        'target.key': 'releases/app.tar.gz',
      };
    },
  },
];

export interface LargeAccountSize {
  vpcs: number;
  subnetsPerVpc: number;
  routeTablesPerVpc: number;
  groupsPerVpc: number;
  enisPerSubnet: number;
}

export const LARGE_ACCOUNT: LargeAccountSize = {
  vpcs: 25,
  subnetsPerVpc: 6,
  routeTablesPerVpc: 4,
  groupsPerVpc: 4,
  enisPerSubnet: 3,
};

/** Runs `tasks` with at most `width` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

/**
 * Fills the emulator with unrelated VPCs (subnets, route tables, groups, network interfaces), so
 * the same scenarios can be diagnosed in a big account: a probe that is not filtered server-side
 * by id, VPC or subnet makes more or bigger calls there. Returns how many of each it made.
 */
export async function fillLargeAccount(
  url: string,
  size: LargeAccountSize = LARGE_ACCOUNT,
): Promise<Record<string, number>> {
  const client: EC2Client = ec2(url);
  const counts = { vpcs: 0, subnets: 0, routeTables: 0, securityGroups: 0, networkInterfaces: 0 };
  await pool(
    Array.from({ length: size.vpcs }, (_, i) => async () => {
      const vpcId = (await client.send(new CreateVpcCommand({ CidrBlock: `10.${100 + i}.0.0/16` }))).Vpc!.VpcId!;
      counts.vpcs++;
      const groups = await Promise.all(
        Array.from({ length: size.groupsPerVpc }, async (_, g) => {
          const name = `bench-${i}-${g}`;
          const { GroupId } = await client.send(
            new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }),
          );
          counts.securityGroups++;
          return GroupId!;
        }),
      );
      for (let r = 0; r < size.routeTablesPerVpc; r++) {
        await client.send(new CreateRouteTableCommand({ VpcId: vpcId }));
        counts.routeTables++;
      }
      for (let s = 0; s < size.subnetsPerVpc; s++) {
        const subnetId = (
          await client.send(
            new CreateSubnetCommand({
              VpcId: vpcId,
              CidrBlock: `10.${100 + i}.${s}.0/24`,
              AvailabilityZone: `${REGION}${'abc'[s % 3]}`,
            }),
          )
        ).Subnet!.SubnetId!;
        counts.subnets++;
        for (let e = 0; e < size.enisPerSubnet; e++) {
          await client.send(
            new CreateNetworkInterfaceCommand({ SubnetId: subnetId, Groups: [groups[e % groups.length] ?? ''] }),
          );
          counts.networkInterfaces++;
        }
      }
    }),
    6,
  );
  return counts;
}
