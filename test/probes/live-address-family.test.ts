// The endpoint's IP address type and DNS record IP type, an IPv6-only subnet and an IPv6-only
// instance, read by the live probes from a mocked EC2 client (moto's DescribeVpcEndpoints has no
// IpAddressType or DnsOptions, and its subnets no Ipv6Native), then judged by the address-family
// rules exactly as the engine hands them over.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeInstancesCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { LiveProbes } from '../../src/probes/live/aws.js';
import { probeCallId, type ProbeRecord, type ProbeRequest } from '../../src/probes/contract.js';
import { buildContext } from '../../src/path/context.js';
import { addressFamilyModule } from '../../src/analysis/modules/address-family.js';

const ec2 = mockClient(EC2Client);
afterEach(() => ec2.reset());

const VPC = 'vpc-0a1b2c3d4e5f60718';
const V6_SUBNET = 'subnet-0cc33dd44ee55ff66';
const VPCE = 'vpce-0d1e2f3a4b5c6d7e8';
const answers = {
  region: 'us-east-1',
  service: 'sqs',
  'source.kind': 'instance',
  'source.id': 'i-0def5678abc901234',
  symptom: 'timeout',
} as const;

function mockAccount(endpoint: { IpAddressType: string; DnsRecordIpType: string }): void {
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          {
            InstanceId: 'i-0def5678abc901234',
            SubnetId: V6_SUBNET,
            VpcId: VPC,
            Placement: { AvailabilityZone: 'us-east-1a' },
            // An instance in an IPv6-only subnet: no PrivateIpAddress at all.
            SecurityGroups: [{ GroupId: 'sg-0a1b2c3d4e5f67890', GroupName: 'app-workers' }],
            NetworkInterfaces: [
              {
                NetworkInterfaceId: 'eni-0c2d3e4f5a6b7c8d9',
                Ipv6Addresses: [{ Ipv6Address: '2600:1f18:4a3:6e03:8d1c:2b4e:5f60:a7b9', IsPrimaryIpv6: true }],
              },
            ],
          },
        ],
      },
    ],
  });
  ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      {
        SubnetId: V6_SUBNET,
        VpcId: VPC,
        AvailabilityZone: 'us-east-1a',
        Ipv6Native: true,
        EnableDns64: false,
        AssignIpv6AddressOnCreation: true,
        Ipv6CidrBlockAssociationSet: [
          {
            AssociationId: 'subnet-cidr-assoc-0a1b2c3d4e5f60718',
            Ipv6CidrBlock: '2600:1f18:4a3:6e03::/64',
            Ipv6CidrBlockState: { State: 'associated' },
          },
        ],
      },
      { SubnetId: 'subnet-0ee55ff66aa77bb88', VpcId: VPC, CidrBlock: '10.0.3.0/24', Ipv6CidrBlockAssociationSet: [] },
    ],
  });
  ec2.on(DescribeVpcEndpointsCommand).resolves({
    VpcEndpoints: [
      {
        VpcEndpointId: VPCE,
        VpcEndpointType: 'Interface',
        VpcId: VPC,
        ServiceName: 'com.amazonaws.us-east-1.sqs',
        State: 'available' as 'Available',
        SubnetIds: ['subnet-0ee55ff66aa77bb88'],
        Groups: [{ GroupId: 'sg-0e1f2a3b4c5d6e7f8', GroupName: 'sqs-endpoint' }],
        NetworkInterfaceIds: ['eni-0e1d2c3b4a5968778'],
        PrivateDnsEnabled: true,
        IpAddressType: endpoint.IpAddressType as 'ipv4',
        DnsOptions: { DnsRecordIpType: endpoint.DnsRecordIpType as 'ipv4' },
        DnsEntries: [{ DnsName: 'sqs.us-east-1.amazonaws.com', HostedZoneId: 'Z0123456789SQSPRIVATE' }],
      },
    ],
  });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: [
      {
        NetworkInterfaceId: 'eni-0e1d2c3b4a5968778',
        SubnetId: 'subnet-0ee55ff66aa77bb88',
        VpcId: VPC,
        PrivateIpAddress: '10.0.3.10',
        PrivateIpAddresses: [{ PrivateIpAddress: '10.0.3.10', Primary: true }],
        Ipv6Addresses: [],
        InterfaceType: 'vpc_endpoint',
      },
    ],
  });
  ec2.on(DescribeVpcsCommand).resolves({
    Vpcs: [
      {
        VpcId: VPC,
        CidrBlock: '10.0.0.0/16',
        Ipv6CidrBlockAssociationSet: [
          { Ipv6CidrBlock: '2600:1f18:4a3:6e00::/56', Ipv6CidrBlockState: { State: 'associated' }, Ipv6Pool: 'Amazon' },
        ],
      },
    ],
  });
  // The IPv6-only subnet's own table: ::/0 to an egress-only gateway, no 64:ff9b::/96 (NAT64) route.
  ec2.on(DescribeRouteTablesCommand).resolves({
    RouteTables: [
      {
        RouteTableId: 'rtb-0a7b8c9d0e1f2a3b4',
        VpcId: VPC,
        Associations: [{ RouteTableId: 'rtb-0a7b8c9d0e1f2a3b4', SubnetId: V6_SUBNET, Main: false }],
        Routes: [
          { DestinationIpv6CidrBlock: '2600:1f18:4a3:6e00::/56', GatewayId: 'local', State: 'active' },
          { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0b1c2d3e4f5a6b7c8', State: 'active' },
        ],
      },
    ],
  });
  ec2.on(DescribeNatGatewaysCommand).resolves({ NatGateways: [] });
  ec2.on(DescribeVpcEndpointServicesCommand).resolves({
    ServiceDetails: [{ ServiceName: 'com.amazonaws.us-east-1.sqs', SupportedIpAddressTypes: ['ipv4', 'ipv6'] }],
  });
}

/** Runs the module's probe requests through the live probes until it asks for nothing new, as the engine does. */
async function evaluateLive() {
  const probes = new LiveProbes({ region: () => 'us-east-1' });
  const results: Record<string, ProbeRecord> = {};
  const run = async (req: ProbeRequest) => {
    const id = probeCallId(req);
    if (results[id] !== undefined) return false;
    const outcome = await probes.run(req);
    results[id] = { ...req, outcome } as ProbeRecord;
    return true;
  };
  await run({ key: 'ec2.source', input: { kind: 'instance', id: answers['source.id'] } });
  await run({ key: 'ec2.vpc-endpoints', input: { vpcId: VPC, serviceName: 'com.amazonaws.us-east-1.sqs' } });
  for (let round = 0; round < 5; round++) {
    const ctx = buildContext(answers, results);
    let asked = false;
    for (const req of addressFamilyModule.requires(ctx)) asked = (await run(req)) || asked;
    if (!asked) break;
  }
  return { result: addressFamilyModule.evaluate(buildContext(answers, results)), results };
}

describe('endpoint IP address type through the live probes (mocked EC2 client: moto has no IpAddressType)', () => {
  it('DescribeVpcEndpoints IpAddressType ipv4 and an Ipv6Native source subnet → endpoint.ip-family-mismatch with the subnet /64 first', async () => {
    mockAccount({ IpAddressType: 'ipv4', DnsRecordIpType: 'ipv4' });
    const { result, results } = await evaluateLive();
    const subnets = Object.values(results).find((r) => r.key === 'ec2.subnets');
    expect(subnets?.outcome).toMatchObject({
      status: 'ok',
      value: expect.arrayContaining([expect.objectContaining({ Ipv6Native: true })]),
    });
    expect(result.findings.map((f) => f.id)).toEqual(['endpoint.ip-family-mismatch']);
    expect(result.findings[0]?.evidence[1]).toBe(
      `${VPCE} has IpAddressType ipv4: its network interfaces answer on IPv4 only`,
    );
    expect(result.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      'aws ec2 associate-subnet-cidr-block --subnet-id subnet-0ee55ff66aa77bb88 --ipv6-cidr-block 2600:1f18:4a3:6e00::/64 --region us-east-1',
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${VPCE} --ip-address-type dualstack --dns-options DnsRecordIpType=dualstack --region us-east-1`,
    ]);
  });

  it('DnsOptions.DnsRecordIpType ipv4 on a dualstack endpoint → dns.record-ip-type-mismatch, the fix sets dualstack records', async () => {
    mockAccount({ IpAddressType: 'dualstack', DnsRecordIpType: 'ipv4' });
    const { result } = await evaluateLive();
    expect(result.findings.map((f) => f.id)).toEqual(['dns.record-ip-type-mismatch']);
    expect(result.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${VPCE} --dns-options DnsRecordIpType=dualstack --region us-east-1`,
    ]);
  });

  it('dualstack endpoint with dualstack records → a pass naming IPv6 as the connection family', async () => {
    mockAccount({ IpAddressType: 'dualstack', DnsRecordIpType: 'dualstack' });
    const { result } = await evaluateLive();
    expect(result.findings).toEqual([]);
    expect(result.checks).toEqual([expect.objectContaining({ id: 'family.interface-endpoint', status: 'pass' })]);
    expect(result.checks[0]?.detail).toContain('the connection uses IPv6');
  });

  it("DescribeSubnets denied: the instance's own addresses (no IPv4, one IPv6) and the endpoint's ENIs still decide, and the fix names no range it could not read", async () => {
    mockAccount({ IpAddressType: 'ipv4', DnsRecordIpType: 'ipv4' });
    const denied = new Error('You are not authorized to perform this operation.');
    denied.name = 'UnauthorizedOperation';
    ec2.on(DescribeSubnetsCommand).rejects(denied);
    ec2.on(DescribeVpcEndpointsCommand).resolves({
      VpcEndpoints: [
        {
          VpcEndpointId: VPCE,
          VpcEndpointType: 'Interface',
          VpcId: VPC,
          ServiceName: 'com.amazonaws.us-east-1.sqs',
          State: 'available' as 'Available',
          NetworkInterfaceIds: ['eni-0e1d2c3b4a5968778'],
          PrivateDnsEnabled: true,
        },
      ],
    });
    const { result } = await evaluateLive();
    expect(result.findings.map((f) => f.id)).toEqual(['endpoint.ip-family-mismatch']);
    expect(result.findings[0]?.evidence[1]).toContain('network interfaces of');
    expect(result.findings[0]?.fix.commands.map((c) => c.line).join(' ')).not.toContain('associate-subnet-cidr-block');
  });
});
