// The network path's recordings: a healthy interface-endpoint path, and one scenario per
// routing / packet-filter finding, each in the base account (world.ts).
import type { RecordingScenario } from '../scenario.js';
import type { Account } from '../../support/fixtures/index.js';
import { DEFAULT_POLICY, baseAccount, endpointRoute, gatewayEndpoint, IDS, subnet } from '../../support/fixtures/world.js';
import {
  ALL_OUT,
  aclEntry,
  NET_IDS,
  networkAcl,
  securityGroup,
  tcp443,
} from '../../support/fixtures/network.js';

const fromInstance = { region: 'us-east-1', 'source.kind': 'instance', 'source.id': IDS.instance, symptom: 'timeout' } as const;

/** The S3 gateway endpoint on both tables, the app group allowing all outbound. */
export function s3GatewayAccount(): Account {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
  for (const t of a.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
  a.securityGroups = [securityGroup(IDS.appSg, 'app-workers', IDS.vpc, { egress: [ALL_OUT] })];
  return a;
}

/**
 * An SQS interface endpoint with private DNS and one ENI in each of two endpoint subnets; its
 * group allows tcp/443 from the app group. The instance (10.0.1.25, subnet A) is the source.
 */
export function sqsInterfaceAccount(endpointIngress = [tcp443({ groupId: IDS.appSg })]): Account {
  const a = baseAccount();
  a.subnets.push(
    subnet(NET_IDS.endpointSubnetA, IDS.vpc, '10.0.3.0/24', 'us-east-1a', 'endpoints-a'),
    subnet(NET_IDS.endpointSubnetB, IDS.vpc, '10.0.4.0/24', 'us-east-1b', 'endpoints-b'),
  );
  a.endpoints.push({
    VpcEndpointId: NET_IDS.sqsEndpoint,
    VpcEndpointType: 'Interface',
    VpcId: IDS.vpc,
    ServiceName: 'com.amazonaws.us-east-1.sqs',
    State: 'available',
    PolicyDocument: DEFAULT_POLICY,
    RouteTableIds: [],
    SubnetIds: [NET_IDS.endpointSubnetA, NET_IDS.endpointSubnetB],
    Groups: [{ GroupId: NET_IDS.endpointSg, GroupName: 'sqs-endpoint' }],
    NetworkInterfaceIds: [NET_IDS.sqsEniA, NET_IDS.sqsEniB],
    PrivateDnsEnabled: true,
    IpAddressType: 'ipv4',
    DnsOptions: { DnsRecordIpType: 'ipv4' },
    DnsEntries: [
      { DnsName: `${NET_IDS.sqsEndpoint}-7q2k4m1x.sqs.us-east-1.vpce.amazonaws.com`, HostedZoneId: 'Z7HUB22UULQXV' },
      { DnsName: 'sqs.us-east-1.amazonaws.com', HostedZoneId: 'Z0123456789SQSPRIVATE' },
    ],
    Tags: [{ Key: 'Name', Value: 'sqs-endpoint' }],
  });
  const eni = (id: string, subnetId: string, az: string, ip: string) => ({
    NetworkInterfaceId: id,
    SubnetId: subnetId,
    VpcId: IDS.vpc,
    AvailabilityZone: az,
    PrivateIpAddress: ip,
    PrivateIpAddresses: [{ PrivateIpAddress: ip, Primary: true }],
    Ipv6Addresses: [],
    Groups: [{ GroupId: NET_IDS.endpointSg, GroupName: 'sqs-endpoint' }],
    InterfaceType: 'vpc_endpoint',
  });
  a.networkInterfaces = [
    ...(a.networkInterfaces ?? []),
    eni(NET_IDS.sqsEniA, NET_IDS.endpointSubnetA, 'us-east-1a', '10.0.3.10'),
    eni(NET_IDS.sqsEniB, NET_IDS.endpointSubnetB, 'us-east-1b', '10.0.4.10'),
  ];
  a.securityGroups = [
    securityGroup(IDS.appSg, 'app-workers', IDS.vpc, { egress: [ALL_OUT] }),
    securityGroup(NET_IDS.endpointSg, 'sqs-endpoint', IDS.vpc, { ingress: endpointIngress }),
    securityGroup(NET_IDS.otherTeamSg, 'reporting-jobs', IDS.vpc, { egress: [ALL_OUT] }),
  ];
  return a;
}

export const networkScenarios: RecordingScenario[] = [
  {
    name: 'healthy.interface-endpoint-network',
    account: sqsInterfaceAccount(),
    answers: { ...fromInstance, service: 'sqs', symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    // Outbound S3 traffic to 54.231.0.0/16 is sent to an inspection VPC over a transit gateway:
    // a static route equal to a prefix-list CIDR beats the endpoint's prefix-list route.
    name: 'gateway.route-overridden',
    account: (() => {
      const a = s3GatewayAccount();
      a.routeTables[0]?.Routes.push({ DestinationCidrBlock: '54.231.0.0/16', TransitGatewayId: NET_IDS.tgw, Origin: 'CreateRoute', State: 'active' });
      return a;
    })(),
    answers: { ...fromInstance, service: 's3' },
    expect: { verdict: 'problems', findings: ['gateway.route-overridden'] },
  },
  {
    // No DynamoDB endpoint: the app subnet's default route sends it through the NAT gateway.
    name: 'cost.s3-via-nat',
    account: baseAccount(),
    answers: { ...fromInstance, service: 'dynamodb', symptom: 'unknown' },
    expect: { verdict: 'problems', findings: ['endpoint.missing', 'cost.s3-via-nat'] },
  },
  {
    // Hardened app group: outbound tcp/443 only inside the VPC, so nothing reaches the S3 prefix list.
    name: 'sg.source-egress-missing',
    account: (() => {
      const a = s3GatewayAccount();
      a.securityGroups = [securityGroup(IDS.appSg, 'app-workers', IDS.vpc, { egress: [tcp443({ cidr: '10.0.0.0/16' })] })];
      return a;
    })(),
    answers: { ...fromInstance, service: 's3' },
    expect: { verdict: 'problems', findings: ['sg.source-egress-missing'] },
  },
  {
    // The endpoint's group lets another team's group in, not the app workers.
    name: 'sg.endpoint-ingress-missing',
    account: sqsInterfaceAccount([tcp443({ groupId: NET_IDS.otherTeamSg })]),
    answers: { ...fromInstance, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['sg.endpoint-ingress-missing'] },
  },
  {
    // The app subnet's ACL lets tcp/443 out but takes replies only from inside the VPC: the S3
    // replies to ephemeral ports hit the final deny.
    name: 'nacl.source-subnet-blocks',
    account: (() => {
      const a = s3GatewayAccount();
      a.networkAcls = [
        networkAcl('acl-0a1b2c3d4e5f60711', IDS.vpc, [IDS.subnetA], [
          aclEntry(100, true, 'allow', '0.0.0.0/0', [443, 443]),
          aclEntry(110, true, 'allow', '10.0.0.0/16'),
          aclEntry(100, false, 'allow', '10.0.0.0/16'),
        ]),
        networkAcl('acl-0a1b2c3d4e5f60799', IDS.vpc, [IDS.subnetB], [aclEntry(100, true, 'allow', '0.0.0.0/0'), aclEntry(100, false, 'allow', '0.0.0.0/0')], true),
      ];
      return a;
    })(),
    answers: { ...fromInstance, service: 's3' },
    expect: { verdict: 'problems', findings: ['nacl.source-subnet-blocks'] },
  },
  {
    // The endpoint subnets' ACL still carries an old deny for the app subnet ahead of its allow-all.
    name: 'nacl.endpoint-subnet-blocks',
    account: (() => {
      const a = sqsInterfaceAccount();
      a.networkAcls = [
        networkAcl('acl-0c1d2e3f4a5b6c7d8', IDS.vpc, [NET_IDS.endpointSubnetA, NET_IDS.endpointSubnetB], [
          aclEntry(90, false, 'deny', '10.0.1.0/24', [443, 443]),
          aclEntry(100, false, 'allow', '0.0.0.0/0'),
          aclEntry(100, true, 'allow', '0.0.0.0/0'),
        ]),
        networkAcl('acl-0a1b2c3d4e5f60799', IDS.vpc, [IDS.subnetA, IDS.subnetB], [aclEntry(100, true, 'allow', '0.0.0.0/0'), aclEntry(100, false, 'allow', '0.0.0.0/0')], true),
      ];
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['nacl.endpoint-subnet-blocks'] },
  },
];
