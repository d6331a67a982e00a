// IPv4 and IPv6 on the path: one recording per address-family finding and a healthy IPv6-only
// path, each in the base account with IPv6 added (fixtures/ipv6.ts).
import type { RecordingScenario } from '../scenario.js';
import type { Account } from '../../support/fixtures/index.js';
import { endpointRoute, gatewayEndpoint, IDS } from '../../support/fixtures/world.js';
import { DYNAMODB_PREFIX_LIST_ID, NET_IDS, networkAcl, tcp443 } from '../../support/fixtures/network.js';
import { NAT64, V6, withIpv6, withNat64 } from '../../support/fixtures/ipv6.js';
import { s3GatewayAccount, sqsInterfaceAccount } from './network.js';

const fromIpv6Only = { region: 'us-east-1', 'source.kind': 'instance', 'source.id': V6.instance, symptom: 'timeout' } as const;
const fromInstance = { region: 'us-east-1', 'source.kind': 'instance', 'source.id': IDS.instance, symptom: 'timeout' } as const;

export const ENDPOINT_SUBNET_V6 = {
  [NET_IDS.endpointSubnetA]: { cidr: '2600:1f18:4a3:6e10::/64', eni: '2600:1f18:4a3:6e10:5b2:71c4:9e0a:3d18' },
  [NET_IDS.endpointSubnetB]: { cidr: '2600:1f18:4a3:6e11::/64', eni: '2600:1f18:4a3:6e11:a13:6f2e:44b1:c07d' },
} as const;

/** The SQS interface endpoint made dual-stack: its subnets get /64s, its ENIs IPv6 addresses. */
export function dualStackSqsAccount(dnsRecordIpType: string): Account {
  const a = withIpv6(sqsInterfaceAccount());
  for (const s of a.subnets) {
    const v6 = ENDPOINT_SUBNET_V6[s.SubnetId as keyof typeof ENDPOINT_SUBNET_V6];
    if (v6 !== undefined) s.Ipv6CidrBlockAssociationSet = [{ Ipv6CidrBlock: v6.cidr, Ipv6CidrBlockState: { State: 'associated' } }];
  }
  for (const n of a.networkInterfaces ?? []) {
    const v6 = n.SubnetId !== undefined ? ENDPOINT_SUBNET_V6[n.SubnetId as keyof typeof ENDPOINT_SUBNET_V6] : undefined;
    if (v6 !== undefined) n.Ipv6Addresses = [{ Ipv6Address: v6.eni }];
  }
  for (const e of a.endpoints) {
    if (e.VpcEndpointId !== NET_IDS.sqsEndpoint) continue;
    e.IpAddressType = 'dualstack';
    e.DnsOptions = { DnsRecordIpType: dnsRecordIpType };
  }
  return a;
}

/** A DynamoDB gateway endpoint on both tables (IPv4 only, as every DynamoDB gateway endpoint). */
function dynamoDbGatewayAccount(): Account {
  const a = withIpv6(s3GatewayAccount());
  a.endpoints = [gatewayEndpoint('vpce-0fedcba9876543210', IDS.vpc, [IDS.appRtb, IDS.mainRtb], 'dynamodb', 'dynamodb-gateway')];
  for (const t of a.routeTables) {
    t.Routes = t.Routes.filter((r) => r.GatewayId !== IDS.s3Gateway);
    if (t.RouteTableId !== V6.ipv6OnlyRtb) t.Routes.push(endpointRoute('vpce-0fedcba9876543210', DYNAMODB_PREFIX_LIST_ID));
  }
  for (const s of a.sources) if (s.Id === IDS.lambdaEni) s.Ipv6Addresses = ['2600:1f18:4a3:6e02:6c1d:e2f3:a4b5:9c80'];
  return a;
}

export const addressFamilyScenarios: RecordingScenario[] = [
  {
    // An IPv6-only instance calls SQS; the endpoint was created ipv4 in subnets without IPv6 ranges.
    name: 'endpoint.ip-family-mismatch',
    account: withIpv6(sqsInterfaceAccount()),
    answers: { ...fromIpv6Only, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['endpoint.ip-family-mismatch'] },
  },
  {
    // The endpoint is dual-stack but keeps service-defined records: its private name sqs.us-east-1.amazonaws.com answers A only.
    name: 'dns.record-ip-type-mismatch',
    account: dualStackSqsAccount('service-defined'),
    answers: { ...fromIpv6Only, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['dns.record-ip-type-mismatch'] },
  },
  {
    // The IPv6-only instance reaches the dual-stack endpoint over IPv6: groups and ACLs judged on IPv6 rules.
    name: 'healthy.ipv6-interface-endpoint',
    account: dualStackSqsAccount('dualstack'),
    answers: { ...fromIpv6Only, service: 'sqs', symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    // The IPv6-only instance reaches the IPv4-only endpoint through NAT64: DNS64 on, 64:ff9b::/96 → the NAT
    // gateway; the endpoint's group admits the VPC range, so the NAT gateway's private address.
    name: 'healthy.ipv6-only-nat64',
    account: withNat64(withIpv6(sqsInterfaceAccount([tcp443({ cidr: '10.0.0.0/16' })]))),
    answers: { ...fromIpv6Only, service: 'sqs', symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    // The same path with the subnet's DNS64 off: the 64:ff9b::/96 route is never used, the client gets A records only.
    name: 'endpoint.ip-family-mismatch.dns64-off',
    account: withNat64(withIpv6(sqsInterfaceAccount([tcp443({ cidr: '10.0.0.0/16' })])), { dns64: false }),
    answers: { ...fromIpv6Only, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['endpoint.ip-family-mismatch'] },
  },
  {
    // NAT64 set up, but the NAT gateway's subnet has its own ACL with IPv4 entries only: the IPv6 request from the source never gets in.
    name: 'nacl.nat64-subnet-blocks',
    account: (() => {
      const a = withNat64(withIpv6(sqsInterfaceAccount([tcp443({ cidr: '10.0.0.0/16' })])));
      for (const acl of a.networkAcls ?? []) acl.Associations = acl.Associations.filter((x) => x.SubnetId !== NAT64.natSubnet);
      a.networkAcls?.push(
        networkAcl('acl-0d6b7c8d9e0f1a2b3', IDS.vpc, [NAT64.natSubnet], [
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
        ]),
      );
      return a;
    })(),
    answers: { ...fromIpv6Only, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['nacl.nat64-subnet-blocks'] },
  },
  {
    // A dual-stack instance uses s3.dualstack…: its AAAA traffic follows ::/0 to the egress-only gateway.
    name: 'route.dualstack-bypasses-endpoint',
    account: withIpv6(s3GatewayAccount()),
    answers: { ...fromInstance, service: 's3', 'target.hostname': 's3.dualstack.us-east-1.amazonaws.com', symptom: 'unknown' },
    expect: { verdict: 'problems', findings: ['route.dualstack-bypasses-endpoint'] },
  },
  {
    // A Lambda ENI with an IPv6 address calls dynamodb.us-east-1.api.aws from a subnet whose (main) table has no IPv6 default route.
    name: 'route.dualstack-no-ipv6-route',
    account: dynamoDbGatewayAccount(),
    answers: {
      region: 'us-east-1',
      'source.kind': 'eni',
      'source.id': IDS.lambdaEni,
      service: 'dynamodb',
      'target.hostname': 'dynamodb.us-east-1.api.aws',
      symptom: 'timeout',
    },
    expect: { verdict: 'problems', findings: ['route.dualstack-no-ipv6-route'] },
  },
];
