// The DNS chain's recordings: interface endpoints for sqs, sts, ecr.api and s3 in the base
// account (world.ts), healthy and broken at each link of name resolution, plus placement,
// companion endpoints and cost. Unless a scenario says otherwise vpce-doctor runs off EC2, so
// every DNS check is reasoned from configuration; `dns.resolves-public` and the observed healthy
// one run "on" the source instance (IMDS fixture) and carry live answers.
import type { RecordingScenario } from '../scenario.js';
import type { Account } from '../../support/fixtures/index.js';
import type { VpcEndpoint } from '../../../src/probes/shapes.js';
import { DEFAULT_POLICY, baseAccount, IDS, subnet } from '../../support/fixtures/world.js';

export const DNS_IDS = {
  endpointSubnetA: 'subnet-0e1a2b3c4d5e6f701',
  endpointSubnetB: 'subnet-0e1a2b3c4d5e6f702',
  endpointSg: 'sg-0e1a2b3c4d5e6f703',
  forwardRule: 'rslvr-rr-0a1b2c3d4e5f60701',
  forwardAssoc: 'rslvr-rrassoc-0a1b2c3d4e5f60702',
  outboundEndpoint: 'rslvr-out-0a1b2c3d4e5f60703',
  zone: 'Z0E1A2B3C4D5E6F7A8B9C',
  dhcp: 'dopt-0a1b2c3d4e5f60718',
} as const;

const fromInstance = { region: 'us-east-1', 'source.kind': 'instance', 'source.id': IDS.instance, symptom: 'timeout' } as const;

/** Endpoint ids per service, stable so recordings are reproducible. */
const VPCE: Record<string, string> = {
  sqs: 'vpce-0a5d5e0d1c2b3a401',
  sts: 'vpce-0a5d5e0d1c2b3a402',
  'ecr.api': 'vpce-0a5d5e0d1c2b3a403',
  s3: 'vpce-0a5d5e0d1c2b3a404',
};

/** An interface endpoint for `service` with private DNS, one ENI per subnet (A → 10.0.3.x in 1a, B → 10.0.4.x in 1b). */
export function addInterfaceEndpoint(a: Account, service: string, opts: { subnets?: ('A' | 'B')[]; privateDns?: boolean; ips?: string[] } = {}): VpcEndpoint {
  const id = VPCE[service] ?? 'vpce-0a5d5e0d1c2b3a4ff';
  const which = opts.subnets ?? ['A', 'B'];
  if (!a.subnets.some((s) => s.SubnetId === DNS_IDS.endpointSubnetA)) {
    a.subnets.push(
      subnet(DNS_IDS.endpointSubnetA, IDS.vpc, '10.0.3.0/24', 'us-east-1a', 'endpoints-a'),
      subnet(DNS_IDS.endpointSubnetB, IDS.vpc, '10.0.4.0/24', 'us-east-1b', 'endpoints-b'),
    );
  }
  const n = Object.keys(VPCE).indexOf(service) + 10;
  const enis = which.map((w, i) => ({
    NetworkInterfaceId: `eni-0d${id.slice(-6)}${w === 'A' ? 'a' : 'b'}0000000${i}`,
    SubnetId: w === 'A' ? DNS_IDS.endpointSubnetA : DNS_IDS.endpointSubnetB,
    VpcId: IDS.vpc,
    AvailabilityZone: w === 'A' ? 'us-east-1a' : 'us-east-1b',
    PrivateIpAddress: opts.ips?.[i] ?? `10.0.${w === 'A' ? 3 : 4}.${n}`,
    PrivateIpAddresses: [{ PrivateIpAddress: opts.ips?.[i] ?? `10.0.${w === 'A' ? 3 : 4}.${n}`, Primary: true }],
    Ipv6Addresses: [],
    Groups: [{ GroupId: DNS_IDS.endpointSg, GroupName: 'endpoints' }],
    InterfaceType: 'vpc_endpoint',
  }));
  const endpoint: VpcEndpoint = {
    VpcEndpointId: id,
    VpcEndpointType: 'Interface',
    VpcId: IDS.vpc,
    ServiceName: `com.amazonaws.us-east-1.${service}`,
    State: 'available',
    PolicyDocument: DEFAULT_POLICY,
    RouteTableIds: [],
    SubnetIds: enis.map((e) => e.SubnetId),
    Groups: [{ GroupId: DNS_IDS.endpointSg, GroupName: 'endpoints' }],
    NetworkInterfaceIds: enis.map((e) => e.NetworkInterfaceId),
    PrivateDnsEnabled: opts.privateDns ?? true,
    IpAddressType: 'ipv4',
    DnsOptions: { DnsRecordIpType: 'ipv4' },
    DnsEntries: [{ DnsName: `${id}-4k2q9x7m.${service}.us-east-1.vpce.amazonaws.com`, HostedZoneId: 'Z7HUB22UULQXV' }],
    Tags: [{ Key: 'Name', Value: `${service}-endpoint` }],
  };
  a.endpoints.push(endpoint);
  a.networkInterfaces = [...(a.networkInterfaces ?? []), ...enis];
  return endpoint;
}

function sqsAccount(opts: Parameters<typeof addInterfaceEndpoint>[2] = {}): Account {
  const a = baseAccount();
  addInterfaceEndpoint(a, 'sqs', opts);
  return a;
}

/** vpce-doctor runs on the source instance itself (IMDS answers), with the VPC's resolver. */
function onTheInstance(a: Account): Account {
  a.imds = { inside: true, instanceId: IDS.instance, az: 'us-east-1a', vpcId: IDS.vpc, endpoint: 'http://169.254.169.254' };
  return a;
}

const SQS_HOST = 'sqs.us-east-1.amazonaws.com';

export const dnsScenarios: RecordingScenario[] = [
  {
    name: 'healthy.interface-sqs',
    account: sqsAccount(),
    answers: { ...fromInstance, service: 'sqs', symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    // Run on the instance: the name resolves to the endpoint's ENIs and both accept TCP 443.
    name: 'healthy.interface-sqs-observed',
    account: (() => {
      const a = onTheInstance(sqsAccount());
      a.dnsAnswers = { [SQS_HOST]: { status: 'answer', addresses: ['10.0.3.10', '10.0.4.10'], ipv6Addresses: [] } };
      a.tcp = { '10.0.3.10': { status: 'open', ms: 0.8 }, '10.0.4.10': { status: 'open', ms: 1.1 } };
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs', symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    // The endpoint's only ENI is in us-east-1b, the instance in us-east-1a: it works, cross-AZ.
    name: 'interface.az-not-covered',
    account: sqsAccount({ subnets: ['B'] }),
    answers: { ...fromInstance, service: 'sqs', symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: ['interface.az-not-covered'] },
  },
  {
    name: 'dns.vpc-dns-support-disabled',
    account: (() => {
      const a = sqsAccount();
      a.vpcDnsAttributes = { [IDS.vpc]: { EnableDnsSupport: false, EnableDnsHostnames: true } };
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['dns.vpc-dns-support-disabled'] },
  },
  {
    name: 'dns.vpc-dns-hostnames-disabled',
    account: (() => {
      const a = sqsAccount();
      a.vpcDnsAttributes = { [IDS.vpc]: { EnableDnsSupport: true, EnableDnsHostnames: false } };
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs', symptom: 'wrong-address' },
    expect: { verdict: 'problems', findings: ['dns.vpc-dns-hostnames-disabled'] },
  },
  {
    name: 'dns.private-dns-disabled',
    account: sqsAccount({ privateDns: false }),
    answers: { ...fromInstance, service: 'sqs', symptom: 'wrong-address' },
    expect: { verdict: 'problems', findings: ['dns.private-dns-disabled'] },
  },
  {
    // Configuration looks right, but on the instance the name resolves to public SQS addresses
    // (its resolv.conf points at a corporate resolver, not the VPC's).
    name: 'dns.resolves-public',
    account: (() => {
      const a = onTheInstance(sqsAccount());
      a.dnsAnswers = { [SQS_HOST]: { status: 'answer', addresses: ['52.46.128.10', '52.46.131.94'], ipv6Addresses: [] } };
      a.tcp = { '52.46.128.10': { status: 'timeout' }, '52.46.131.94': { status: 'timeout' } };
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs', symptom: 'wrong-address' },
    expect: { verdict: 'problems', findings: ['dns.resolves-public'] },
  },
  {
    name: 'dns.custom-dhcp-servers',
    account: (() => {
      const a = sqsAccount();
      a.dhcpOptionSets = [
        {
          DhcpOptionsId: DNS_IDS.dhcp,
          DhcpConfigurations: [
            { Key: 'domain-name', Values: [{ Value: 'corp.example.com' }] },
            { Key: 'domain-name-servers', Values: [{ Value: '10.20.0.10' }, { Value: '10.20.0.11' }] },
          ],
        },
      ];
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['dns.custom-dhcp-servers'] },
  },
  {
    // A FORWARD rule for amazonaws.com (to on-premises DNS) is associated with the VPC.
    name: 'dns.resolver-rule-override',
    account: (() => {
      const a = sqsAccount();
      a.resolverRules = [
        {
          Id: DNS_IDS.forwardRule,
          Name: 'corp-forward-aws',
          DomainName: 'amazonaws.com.',
          RuleType: 'FORWARD',
          TargetIps: [{ Ip: '192.168.10.53', Port: 53 }],
          ResolverEndpointId: DNS_IDS.outboundEndpoint,
          OwnerId: '123456789012',
          ShareStatus: 'NOT_SHARED',
        },
      ];
      a.resolverRuleAssociations = [{ Id: DNS_IDS.forwardAssoc, ResolverRuleId: DNS_IDS.forwardRule, VPCId: IDS.vpc, Status: 'COMPLETE', Name: 'app-prod' }];
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['dns.resolver-rule-override'] },
  },
  {
    // A private zone for the whole Region's amazonaws.com names, without an sqs record.
    name: 'dns.phz-shadow',
    account: (() => {
      const a = sqsAccount();
      a.privateHostedZones = [{ zone: { HostedZoneId: DNS_IDS.zone, Name: 'us-east-1.amazonaws.com.', Owner: { OwningAccount: '123456789012' } }, vpcIds: [IDS.vpc] }];
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs', symptom: 'nxdomain' },
    expect: { verdict: 'problems', findings: ['dns.phz-shadow'] },
  },
  {
    // On-premises over Site-to-Site VPN into the VPC with the SQS endpoint: no inbound Resolver
    // endpoint (only an outbound one), so on-premises DNS cannot see the private name.
    name: 'dns.onprem-no-inbound-resolver',
    account: (() => {
      const a = sqsAccount();
      a.resolverEndpoints = [{ Id: DNS_IDS.outboundEndpoint, Direction: 'OUTBOUND', HostVPCId: IDS.vpc, IpAddressCount: 2, Status: 'OPERATIONAL', Name: 'to-corp' }];
      return a;
    })(),
    answers: { region: 'us-east-1', service: 'sqs', 'source.kind': 'vpn', 'source.ip': '192.168.40.12', vpc: IDS.vpc, symptom: 'nxdomain' },
    expect: { verdict: 'problems', findings: ['dns.onprem-no-inbound-resolver'] },
  },
  {
    // The SDK in the workload still calls the global sts.amazonaws.com.
    name: 'client.sts-global-endpoint',
    account: (() => {
      const a = baseAccount();
      addInterfaceEndpoint(a, 'sts');
      return a;
    })(),
    answers: { ...fromInstance, service: 'sts', 'target.hostname': 'sts.amazonaws.com' },
    expect: { verdict: 'problems', findings: ['client.sts-global-endpoint'] },
  },
  {
    // Image pulls from a private subnet: ecr.api is there, ecr.dkr and the S3 gateway are not.
    name: 'client.companion-endpoints',
    account: (() => {
      const a = baseAccount();
      addInterfaceEndpoint(a, 'ecr.api');
      return a;
    })(),
    answers: { ...fromInstance, service: 'ecr.api' },
    expect: { verdict: 'problems', findings: ['client.companion-endpoints'] },
  },
  {
    // S3 from inside the VPC through an interface endpoint, and no gateway endpoint.
    name: 'cost.interface-where-gateway-free',
    account: (() => {
      const a = baseAccount();
      addInterfaceEndpoint(a, 's3');
      return a;
    })(),
    answers: { ...fromInstance, service: 's3', symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: ['cost.interface-where-gateway-free'] },
  },
];
