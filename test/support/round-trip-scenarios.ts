// The acceptance scenarios a diagnosis is timed on, built in the emulator: one per kind of path
// (gateway, interface, DNS chain, network ACLs and groups, policies, on-premises, named
// endpoint). Each returns the answers file a user would give. Shared by the round-trip tests
// and by the large-account test, which builds the same scenarios among many other resources.
import type { EC2Client } from '@aws-sdk/client-ec2';
import { basicVpc, gatewayEndpoint, REGION, routeTableFor, type BasicVpc } from './moto-scenarios.js';
import {
  customDhcp,
  enableDnsHostnames,
  endpointGroup,
  forwardRule,
  interfaceEndpoint,
  privateZone,
} from './dns-moto.js';
import { allOut, customAcl, https, instanceIn, securityGroup } from './network-moto.js';
import { bucketName, bucketWith, denyUnlessVpce, endpointAllowList, gatewayWithPolicy, s3 } from './moto-policy.js';

export type Answers = Record<string, string>;

export interface RoundTripScenario {
  name: string;
  build: (client: EC2Client, url: string) => Promise<Answers>;
}

const base = { region: REGION, symptom: 'timeout' };
const fromInstance = (instanceId: string, service: string): Answers => ({
  ...base,
  service,
  'source.kind': 'instance',
  'source.id': instanceId,
});

async function dnsReadyVpc(client: EC2Client): Promise<BasicVpc> {
  const v = await basicVpc(client);
  await enableDnsHostnames(client, v.vpcId);
  return v;
}

export const ROUND_TRIP_SCENARIOS: readonly RoundTripScenario[] = [
  {
    name: 'healthy S3 gateway from an instance',
    build: async (client) => {
      const v = await basicVpc(client);
      const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
      await gatewayEndpoint(client, v.vpcId, [rtb]);
      return fromInstance(v.instanceId, 's3');
    },
  },
  {
    name: 'no S3 endpoint in the VPC (endpoint.missing)',
    build: async (client) => {
      const v = await basicVpc(client);
      await routeTableFor(client, v.vpcId, v.subnetId);
      return fromInstance(v.instanceId, 's3');
    },
  },
  {
    name: 'subnet on the main table, gateway on another (gateway.route-table-not-associated)',
    build: async (client) => {
      const v = await basicVpc(client);
      const other = await routeTableFor(client, v.vpcId, v.otherSubnetId);
      await gatewayEndpoint(client, v.vpcId, [other]);
      return { ...base, service: 's3', 'source.kind': 'subnet', 'source.id': v.subnetId };
    },
  },
  {
    name: 'named endpoint in another VPC (endpoint.other-vpc)',
    build: async (client) => {
      const a = await basicVpc(client);
      await routeTableFor(client, a.vpcId, a.subnetId);
      const b = await basicVpc(client);
      const there = await gatewayEndpoint(client, b.vpcId, [b.mainRouteTableId]);
      return { ...fromInstance(a.instanceId, 's3'), endpoint: there };
    },
  },
  {
    name: 'healthy SQS interface endpoint',
    build: async (client) => {
      const v = await dnsReadyVpc(client);
      await interfaceEndpoint(client, v, 'sqs');
      return { ...fromInstance(v.instanceId, 'sqs'), symptom: 'unknown' };
    },
  },
  {
    name: 'custom DHCP DNS servers (dns.custom-dhcp-servers)',
    build: async (client) => {
      const v = await dnsReadyVpc(client);
      await interfaceEndpoint(client, v, 'sqs');
      await customDhcp(client, v.vpcId, ['10.20.0.10', '10.20.0.11']);
      return fromInstance(v.instanceId, 'sqs');
    },
  },
  {
    name: 'Resolver FORWARD rule for amazonaws.com (dns.resolver-rule-override)',
    build: async (client, url) => {
      const v = await dnsReadyVpc(client);
      await interfaceEndpoint(client, v, 'sqs');
      await forwardRule(url, v.vpcId, 'amazonaws.com');
      return fromInstance(v.instanceId, 'sqs');
    },
  },
  {
    name: 'private hosted zone shadowing the Region (dns.phz-shadow)',
    build: async (client, url) => {
      const v = await dnsReadyVpc(client);
      await interfaceEndpoint(client, v, 'sqs');
      await privateZone(url, v.vpcId, `${REGION}.amazonaws.com`);
      return { ...fromInstance(v.instanceId, 'sqs'), symptom: 'nxdomain' };
    },
  },
  {
    name: 'ECR with only ecr.api (client.companion-endpoints)',
    build: async (client) => {
      const v = await dnsReadyVpc(client);
      await routeTableFor(client, v.vpcId, v.subnetId);
      await interfaceEndpoint(client, v, 'ecr.api');
      return fromInstance(v.instanceId, 'ecr.api');
    },
  },
  {
    name: 'endpoint subnet ACL and groups on an interface path (nacl/sg)',
    build: async (client) => {
      const v = await dnsReadyVpc(client);
      const src = await securityGroup(client, v.vpcId, { egress: [allOut] });
      const { instanceId } = await instanceIn(client, v.subnetId, [src]);
      const epGroup = await securityGroup(client, v.vpcId, { ingress: [https({ groupId: src })] });
      await interfaceEndpoint(client, v, 'sqs', { subnetIds: [v.otherSubnetId], groupId: epGroup });
      await customAcl(client, v.vpcId, v.otherSubnetId, [
        { rule: 90, egress: false, action: 'deny', cidr: '0.0.0.0/0', ports: [443, 443] },
        { rule: 100, egress: false, action: 'allow', cidr: '0.0.0.0/0' },
        { rule: 100, egress: true, action: 'allow', cidr: '0.0.0.0/0' },
      ]);
      return fromInstance(instanceId, 'sqs');
    },
  },
  {
    name: 'on-premises over VPN to an SQS interface endpoint',
    build: async (client) => {
      const v = await dnsReadyVpc(client);
      await interfaceEndpoint(client, v, 'sqs', { groupId: await endpointGroup(client, v, ['192.168.0.0/16']) });
      return { ...base, service: 'sqs', 'source.kind': 'vpn', 'source.ip': '192.168.40.12', vpc: v.vpcId };
    },
  },
  {
    name: 'on-premises over VPN to an S3 gateway (gateway.not-transitive)',
    build: async (client) => {
      const v = await basicVpc(client);
      await gatewayEndpoint(client, v.vpcId, [v.mainRouteTableId]);
      return { ...base, service: 's3', 'source.kind': 'vpn', 'source.ip': '192.168.40.12', vpc: v.vpcId };
    },
  },
  {
    name: 'S3 access denied with bucket and endpoint policies',
    build: async (client, url) => {
      const v = await basicVpc(client);
      const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
      const bucket = bucketName('trips');
      const vpce = await gatewayWithPolicy(client, v.vpcId, [rtb], endpointAllowList(bucket));
      await bucketWith(s3(url), bucket, { policy: denyUnlessVpce(bucket, ['vpce-0d4c3b2a190817263', vpce]) });
      return {
        ...fromInstance(v.instanceId, 's3'),
        symptom: 'access-denied',
        'target.bucket': bucket,
        'target.key': 'releases/app.tar.gz',
      };
    },
  },
];
