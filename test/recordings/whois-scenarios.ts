// `vpce-doctor whois` recordings: what a user asks about and the account it is asked of, written
// as the describe output AWS returns (field names and shapes of DescribeNetworkInterfaces,
// DescribeVpcEndpoints, DescribeNatGateways, elbv2 DescribeLoadBalancers, DescribeSecurityGroups,
// DescribeNetworkAcls, DescribeRouteTables). `npm run recordings` turns each into
// recordings/whois/<name>.json (the probe results and the report) and <name>.txt (the text).
import type { ProbeKey } from '../../src/probes/contract.js';

export interface WhoisScenario {
  /** File name under recordings/whois/ (without extension). */
  name: string;
  /** What the user typed after `vpce-doctor whois`. */
  input: string;
  region: string;
  /** The account's answer to each probe the lookup may ask (by its input). */
  answers: Partial<Record<ProbeKey, (input: Record<string, unknown>) => unknown>>;
  expect: { status: 'found' | 'not-found' | 'incomplete'; owner?: string };
}

const VPC = 'vpc-0a1b2c3d4e5f60718';
const VPC_CIDR = '10.20.0.0/16';
const SUBNET = 'subnet-0aa11bb22cc33dd44';
const PUBLIC_SUBNET = 'subnet-0ee55ff66aa77bb88';
const ENDPOINT_SG = 'sg-0e1f2a3b4c5d6e7f8';
const ALB_SG = 'sg-0c3d4e5f6a7b8c9d0';
const ACCOUNT = '123456789012';

const group = (groupId: string, groupName: string, ports: number[], cidr: string, description: string) => ({
  GroupId: groupId,
  GroupName: groupName,
  OwnerId: ACCOUNT,
  VpcId: VPC,
  Description: description,
  IpPermissions: ports.map((p) => ({
    IpProtocol: 'tcp',
    FromPort: p,
    ToPort: p,
    IpRanges: [{ CidrIp: cidr, Description: cidr === VPC_CIDR ? 'from the VPC' : 'from anywhere' }],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
  })),
  IpPermissionsEgress: [
    { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
  ],
});

const GROUPS = [
  group(ENDPOINT_SG, 'sqs-endpoint', [443], VPC_CIDR, 'HTTPS from the VPC to the SQS endpoint'),
  group(ALB_SG, 'web-prod-alb', [80, 443], '0.0.0.0/0', 'web-prod load balancer'),
];

/** The default network ACL as DescribeNetworkAcls lists it: allow all, then the implicit deny. */
const defaultAcl = (subnetId: string) => ({
  NetworkAclId: 'acl-0f1e2d3c4b5a69788',
  VpcId: VPC,
  IsDefault: true,
  Associations: [{ NetworkAclAssociationId: 'aclassoc-0a9b8c7d6e5f4a3b2', NetworkAclId: 'acl-0f1e2d3c4b5a69788', SubnetId: subnetId }],
  Entries: [
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
  ],
});

const routeTable = (input: Record<string, unknown>) =>
  input.subnetId === PUBLIC_SUBNET
    ? {
        SubnetId: PUBLIC_SUBNET,
        Association: 'explicit',
        RouteTable: {
          RouteTableId: 'rtb-0a1b2c3d4e5f6a7b8',
          VpcId: VPC,
          Routes: [
            { DestinationCidrBlock: VPC_CIDR, GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
            { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0d1c2b3a4f5e6d7c8', State: 'active', Origin: 'CreateRoute' },
          ],
        },
      }
    : {
        SubnetId: input.subnetId,
        Association: 'explicit',
        RouteTable: {
          RouteTableId: 'rtb-0c1d2e3f4a5b6c7d8',
          VpcId: VPC,
          Routes: [
            { DestinationCidrBlock: VPC_CIDR, GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
            { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0a9b8c7d6e5f43210', State: 'active', Origin: 'CreateRoute' },
          ],
        },
      };

/** What every interface's surroundings answer: its groups, its subnet's ACL and route table. */
const network: WhoisScenario['answers'] = {
  'ec2.security-groups': (input) => GROUPS.filter((g) => (input.groupIds as string[]).includes(g.GroupId)),
  'ec2.subnet-network-acl': (input) => defaultAcl(input.subnetId as string),
  'ec2.route-table': routeTable,
};

const endpointEni = {
  NetworkInterfaceId: 'eni-0d4c3b2a1f0e9d8c7',
  VpcId: VPC,
  SubnetId: SUBNET,
  AvailabilityZone: 'us-east-1a',
  OwnerId: ACCOUNT,
  Status: 'in-use',
  InterfaceType: 'vpc_endpoint',
  Description: 'VPC Endpoint Interface vpce-0123456789abcdef0',
  RequesterId: '727180483921',
  RequesterManaged: true,
  MacAddress: '0a:1b:2c:3d:4e:5f',
  PrivateDnsName: 'ip-10-20-1-25.ec2.internal',
  PrivateIpAddress: '10.20.1.25',
  PrivateIpAddresses: [{ PrivateIpAddress: '10.20.1.25', PrivateDnsName: 'ip-10-20-1-25.ec2.internal', Primary: true }],
  Ipv6Addresses: [],
  Groups: [{ GroupId: ENDPOINT_SG, GroupName: 'sqs-endpoint' }],
  SourceDestCheck: true,
  TagSet: [],
};

const sqsEndpoint = {
  VpcEndpointId: 'vpce-0123456789abcdef0',
  VpcEndpointType: 'Interface',
  VpcId: VPC,
  ServiceName: 'com.amazonaws.us-east-1.sqs',
  State: 'available',
  PolicyDocument: JSON.stringify({
    Version: '2008-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
  }),
  RouteTableIds: [],
  SubnetIds: [SUBNET],
  Groups: [{ GroupId: ENDPOINT_SG, GroupName: 'sqs-endpoint' }],
  IpAddressType: 'ipv4',
  DnsOptions: { DnsRecordIpType: 'ipv4' },
  PrivateDnsEnabled: true,
  RequesterManaged: false,
  NetworkInterfaceIds: [endpointEni.NetworkInterfaceId],
  DnsEntries: [
    { DnsName: 'vpce-0123456789abcdef0-4sq1k2mz.sqs.us-east-1.vpce.amazonaws.com', HostedZoneId: 'Z7HUB22UULQXV' },
    { DnsName: 'vpce-0123456789abcdef0-4sq1k2mz-us-east-1a.sqs.us-east-1.vpce.amazonaws.com', HostedZoneId: 'Z7HUB22UULQXV' },
    { DnsName: 'sqs.us-east-1.amazonaws.com', HostedZoneId: 'ZONEIDPENDING' },
  ],
  OwnerId: ACCOUNT,
  Tags: [{ Key: 'Name', Value: 'sqs-endpoint' }],
};

const natEni = {
  NetworkInterfaceId: 'eni-0a7b6c5d4e3f2a1b0',
  VpcId: VPC,
  SubnetId: PUBLIC_SUBNET,
  AvailabilityZone: 'us-east-1a',
  OwnerId: ACCOUNT,
  Status: 'in-use',
  InterfaceType: 'nat_gateway',
  Description: 'Interface for NAT Gateway nat-0a9b8c7d6e5f43210',
  RequesterId: '441937155577',
  RequesterManaged: true,
  PrivateIpAddress: '10.20.0.90',
  PrivateIpAddresses: [
    {
      PrivateIpAddress: '10.20.0.90',
      Primary: true,
      Association: { PublicIp: '3.225.17.40', IpOwnerId: ACCOUNT },
    },
  ],
  Association: { PublicIp: '3.225.17.40', IpOwnerId: ACCOUNT, AllocationId: 'eipalloc-0f9e8d7c6b5a49382' },
  Groups: [],
  TagSet: [],
};

const natGateway = {
  NatGatewayId: 'nat-0a9b8c7d6e5f43210',
  VpcId: VPC,
  SubnetId: PUBLIC_SUBNET,
  State: 'available',
  ConnectivityType: 'public',
  CreateTime: '2026-10-02T08:14:00.000Z',
  NatGatewayAddresses: [
    {
      AllocationId: 'eipalloc-0f9e8d7c6b5a49382',
      NetworkInterfaceId: natEni.NetworkInterfaceId,
      PrivateIp: '10.20.0.90',
      PublicIp: '3.225.17.40',
      IsPrimary: true,
      Status: 'succeeded',
    },
  ],
  Tags: [{ Key: 'Name', Value: 'egress-a' }],
};

const albEni = {
  NetworkInterfaceId: 'eni-0b1c2d3e4f5a6b7c8',
  VpcId: VPC,
  SubnetId: PUBLIC_SUBNET,
  AvailabilityZone: 'us-east-1a',
  OwnerId: ACCOUNT,
  Status: 'in-use',
  InterfaceType: 'interface',
  Description: 'ELB app/web-prod/50dc6c495c0c9188',
  RequesterId: 'amazon-elb',
  RequesterManaged: true,
  Attachment: { InstanceOwnerId: 'amazon-elb', Status: 'attached', DeviceIndex: 1 },
  PrivateIpAddress: '10.20.0.141',
  PrivateIpAddresses: [{ PrivateIpAddress: '10.20.0.141', Primary: true }],
  Groups: [{ GroupId: ALB_SG, GroupName: 'web-prod-alb' }],
  TagSet: [],
};

const alb = {
  LoadBalancerArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web-prod/50dc6c495c0c9188`,
  LoadBalancerName: 'web-prod',
  Type: 'application',
  Scheme: 'internet-facing',
  State: { Code: 'active' },
  DNSName: 'web-prod-1234567890.us-east-1.elb.amazonaws.com',
  VpcId: VPC,
  SecurityGroups: [ALB_SG],
  IpAddressType: 'ipv4',
};

/** DescribeNetworkInterfaces answering one filter: the interfaces holding the address. */
const holding =
  (...enis: { PrivateIpAddresses: { PrivateIpAddress: string; Association?: { PublicIp: string } }[] }[]) =>
  (input: Record<string, unknown>) =>
    enis.filter((e) =>
      input.filter === 'association.public-ip'
        ? e.PrivateIpAddresses.some((a) => a.Association?.PublicIp === input.address)
        : input.filter === 'addresses.private-ip-address'
          ? e.PrivateIpAddresses.some((a) => a.PrivateIpAddress === input.address)
          : false,
    );

export const WHOIS_SCENARIOS: WhoisScenario[] = [
  {
    name: 'whois.endpoint-interface',
    input: '10.20.1.25',
    region: 'us-east-1',
    answers: {
      'ec2.interfaces-by-address': holding(endpointEni, natEni, albEni),
      'ec2.vpc-endpoint': (input) => (input.vpcEndpointId === sqsEndpoint.VpcEndpointId ? sqsEndpoint : null),
      ...network,
    },
    expect: { status: 'found', owner: 'vpc-endpoint' },
  },
  {
    name: 'whois.nat-gateway-public-ip',
    input: '3.225.17.40',
    region: 'us-east-1',
    answers: {
      'ec2.interfaces-by-address': holding(endpointEni, natEni, albEni),
      'ec2.nat-gateway': (input) => (input.natGatewayId === natGateway.NatGatewayId ? natGateway : null),
      ...network,
    },
    expect: { status: 'found', owner: 'nat-gateway' },
  },
  {
    name: 'whois.load-balancer-eni',
    input: albEni.NetworkInterfaceId,
    region: 'us-east-1',
    answers: {
      'ec2.interface': (input) => (input.networkInterfaceId === albEni.NetworkInterfaceId ? albEni : null),
      'elbv2.load-balancer': (input) => (input.name === alb.LoadBalancerName ? alb : null),
      ...network,
    },
    expect: { status: 'found', owner: 'load-balancer' },
  },
  {
    name: 'whois.address-in-no-interface',
    input: '52.94.133.131',
    region: 'us-east-1',
    answers: { 'ec2.interfaces-by-address': holding(endpointEni, natEni, albEni) },
    expect: { status: 'not-found' },
  },
];
