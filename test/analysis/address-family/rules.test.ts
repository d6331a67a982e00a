// The pure address-family rules, one table each: which families a source and an endpoint have,
// which records a name carries, dual-stack names, free /64s, and where a gateway table sends the
// IPv6 half of a dual-stack name.
import { describe, expect, it } from 'vitest';
import {
  endpointFamilies,
  isDualStackName,
  recordFamilies,
  sourceFamilies,
} from '../../../src/analysis/address-family/facts.js';
import { judgeGatewayIpv6, judgeInterfaceFamilies } from '../../../src/analysis/address-family/verdict.js';
import { freeIpv6Subnets } from '../../../src/analysis/address-family/fixes.js';
import type { RouteTable, Source, Subnet, VpcEndpoint } from '../../../src/probes/shapes.js';

const subnet = (over: Partial<Subnet>): Subnet => ({
  SubnetId: 'subnet-0aa11bb22cc33dd44',
  VpcId: 'vpc-0a1b2c3d4e5f60718',
  Ipv6CidrBlockAssociationSet: [],
  Tags: [],
  ...over,
});
const instance = (over: Partial<Source>): Source => ({
  Kind: 'instance',
  Id: 'i-0abc1234def567890',
  SubnetId: 'subnet-0aa11bb22cc33dd44',
  VpcId: 'vpc-0a1b2c3d4e5f60718',
  Ipv6Addresses: [],
  Groups: [],
  NetworkInterfaceIds: [],
  Tags: [],
  ...over,
});
const endpoint = (over: Partial<VpcEndpoint>): VpcEndpoint => ({
  VpcEndpointId: 'vpce-0d1e2f3a4b5c6d7e8',
  VpcEndpointType: 'Interface',
  VpcId: 'vpc-0a1b2c3d4e5f60718',
  ServiceName: 'com.amazonaws.us-east-1.sqs',
  State: 'available',
  RouteTableIds: [],
  SubnetIds: [],
  Groups: [],
  NetworkInterfaceIds: ['eni-0e1d2c3b4a5968778'],
  DnsEntries: [],
  Tags: [],
  ...over,
});

describe('source families', () => {
  it.each([
    ['instance with IPv4 only', instance({ PrivateIpAddress: '10.0.1.25' }), undefined, { ipv4: true, ipv6: false }],
    [
      'dual-stack instance',
      instance({ PrivateIpAddress: '10.0.1.25', Ipv6Addresses: ['2600:1f18:4a3:6e01::25'] }),
      undefined,
      { ipv4: true, ipv6: true },
    ],
    [
      'instance in an IPv6-only subnet (no PrivateIpAddress)',
      instance({ Ipv6Addresses: ['2600:1f18:4a3:6e03::9'] }),
      undefined,
      { ipv4: false, ipv6: true },
    ],
    [
      'subnet source, Ipv6Native',
      instance({ Kind: 'subnet', Id: 'subnet-0aa11bb22cc33dd44' }),
      subnet({ Ipv6Native: true, Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600:1f18:4a3:6e03::/64' }] }),
      { ipv4: false, ipv6: true },
    ],
    [
      'subnet source, IPv6 range disassociated',
      instance({ Kind: 'subnet', Id: 'subnet-0aa11bb22cc33dd44' }),
      subnet({
        CidrBlock: '10.0.1.0/24',
        Ipv6CidrBlockAssociationSet: [
          { Ipv6CidrBlock: '2600:1f18:4a3:6e01::/64', Ipv6CidrBlockState: { State: 'disassociated' } },
        ],
      }),
      { ipv4: true, ipv6: false },
    ],
  ])('%s', (_name, src, sub, want) => {
    expect(sourceFamilies(src, sub)).toMatchObject(want);
  });
  it('a subnet source whose subnet is unknown has unknown families, never IPv4 by default', () => {
    expect(sourceFamilies(instance({ Kind: 'subnet' }), undefined)).toBeUndefined();
  });
});

describe('endpoint families and records', () => {
  it.each([
    ['ipv4', { ipv4: true, ipv6: false }],
    ['dualstack', { ipv4: true, ipv6: true }],
    ['ipv6', { ipv4: false, ipv6: true }],
  ])('IpAddressType %s', (type, want) => {
    expect(endpointFamilies(endpoint({ IpAddressType: type }), undefined)).toMatchObject(want);
  });
  it('no IpAddressType: the ENIs decide; ENIs unknown: undefined', () => {
    const eni = {
      NetworkInterfaceId: 'eni-0e1d2c3b4a5968778',
      PrivateIpAddresses: [],
      Ipv6Addresses: [{ Ipv6Address: '2600:1f18:4a3:6e10::10' }],
      Groups: [],
    };
    expect(endpointFamilies(endpoint({}), [eni])).toMatchObject({ ipv4: false, ipv6: true, ipAddressType: 'ipv6' });
    expect(endpointFamilies(endpoint({}), undefined)).toBeUndefined();
  });
  it.each([
    ['ipv4', 'sqs.us-east-1.amazonaws.com', ['ipv4']],
    ['ipv6', 'sqs.us-east-1.amazonaws.com', ['ipv6']],
    ['dualstack', 'sqs.us-east-1.amazonaws.com', ['ipv4', 'ipv6']],
    ['service-defined', 'sqs.us-east-1.amazonaws.com', ['ipv4']],
    ['service-defined', 'vpce-0d1e2f3a4b5c6d7e8-7q2k4m1x.sqs.us-east-1.vpce.amazonaws.com', ['ipv4', 'ipv6']],
  ])('DnsRecordIpType %s on %s', (type, host, want) => {
    expect(recordFamilies(endpoint({ DnsOptions: { DnsRecordIpType: type } }), host)?.families).toEqual(want);
  });
});

describe('interface verdict', () => {
  const v4 = { ipv4: true, ipv6: false, ipv4Address: '10.0.1.25', ipv6Address: undefined, how: '' };
  const v6 = { ipv4: false, ipv6: true, ipv4Address: undefined, ipv6Address: '2600:1f18::1', how: '' };
  const dual = { ...v4, ipv6: true, ipv6Address: '2600:1f18::1' };
  const ep = (ipv4: boolean, ipv6: boolean) => ({ ipv4, ipv6, how: '', ipAddressType: undefined });
  it.each([
    ['IPv6-only source, ipv4 endpoint', v6, ep(true, false), ['ipv4'], 'no-common-family'],
    ['IPv4-only source, ipv6 endpoint', v4, ep(false, true), ['ipv6'], 'no-common-family'],
    ['IPv6-only source, dualstack endpoint, A records only', v6, ep(true, true), ['ipv4'], 'no-record-for-family'],
    ['dual-stack source, dualstack endpoint, A and AAAA → IPv6', dual, ep(true, true), ['ipv4', 'ipv6'], 'ok'],
  ] as const)('%s → %s', (_n, src, e, records, kind) => {
    expect(judgeInterfaceFamilies(src, e, [...records]).kind).toBe(kind);
  });
  it('a dual-stack source prefers IPv6 when the name answers both (RFC 6724)', () => {
    expect(judgeInterfaceFamilies(dual, ep(true, true), ['ipv4', 'ipv6'])).toMatchObject({ flow: 'ipv6' });
    expect(judgeInterfaceFamilies(dual, ep(true, true), ['ipv4'])).toMatchObject({ flow: 'ipv4' });
  });
});

describe('dual-stack names', () => {
  it.each([
    ['s3.dualstack.us-east-1.amazonaws.com', 's3', true],
    ['invoices-prod.s3.dualstack.us-east-1.amazonaws.com', 's3', true],
    ['s3.us-east-1.amazonaws.com', 's3', false],
    ['s3.dualstack.eu-west-1.amazonaws.com', 's3', false],
    ['dynamodb.us-east-1.api.aws', 'dynamodb', true],
    ['dynamodb.us-east-1.amazonaws.com', 'dynamodb', false],
  ])('%s (%s) → %s', (host, service, want) => {
    expect(isDualStackName(host, service, 'us-east-1')).toBe(want);
  });
});

describe('free IPv6 /64s of the VPC block', () => {
  it('skips the /64s subnets hold, lowest first', () => {
    expect(
      freeIpv6Subnets('2600:1f18:4a3:6e00::/56', ['2600:1f18:4a3:6e00::/64', '2600:1f18:4a3:6e02::/64'], 2),
    ).toEqual(['2600:1f18:4a3:6e01::/64', '2600:1f18:4a3:6e03::/64']);
  });
  it('a full block or an IPv4 block → undefined', () => {
    const all = Array.from({ length: 256 }, (_, i) => `2600:1f18:4a3:6e${i.toString(16).padStart(2, '0')}::/64`);
    expect(freeIpv6Subnets('2600:1f18:4a3:6e00::/56', all, 1)).toBeUndefined();
    expect(freeIpv6Subnets('10.0.0.0/16', [], 1)).toBeUndefined();
  });
});

describe('gateway table and the IPv6 half of a dual-stack name', () => {
  const vpce = 'vpce-0123456789abcdef0';
  const table = (routes: RouteTable['Routes']): RouteTable => ({
    RouteTableId: 'rtb-0c1d2e3f4a5b6c7d8',
    Routes: routes,
    Associations: [],
    Tags: [],
  });
  const families: Record<string, 'ipv4' | 'ipv6'> = { 'pl-63a5400a': 'ipv4', 'pl-0e1f2a3b4c5d6e7f8': 'ipv6' };
  const fam = (id: string) => families[id];
  const v4Route = { DestinationPrefixListId: 'pl-63a5400a', GatewayId: vpce, State: 'active' };
  const v6Route = { DestinationPrefixListId: 'pl-0e1f2a3b4c5d6e7f8', GatewayId: vpce, State: 'active' };
  const eigw = {
    DestinationIpv6CidrBlock: '::/0',
    EgressOnlyInternetGatewayId: 'eigw-0b1c2d3e4f5a6b7c8',
    State: 'active',
  };
  it.each([
    ['IPv4 and IPv6 prefix-list routes', [v4Route, v6Route, eigw], 'via-endpoint'],
    ['IPv4 list only, ::/0 → eigw', [v4Route, eigw], 'bypasses'],
    ['IPv4 list only, no ::/0', [v4Route], 'no-route'],
    ['IPv4 list only, ::/0 blackholed', [v4Route, { ...eigw, State: 'blackhole' }], 'no-route'],
    [
      'IPv6 list route blackholed (it still wins over ::/0)',
      [v4Route, { ...v6Route, State: 'blackhole' }, eigw],
      'no-route',
    ],
    [
      'a prefix list of unknown family',
      [{ ...v4Route, DestinationPrefixListId: 'pl-0aaaaaaaaaaaaaaaa' }, eigw],
      'unknown',
    ],
  ])('%s → %s', (_n, routes, kind) => {
    expect(judgeGatewayIpv6(table(routes), vpce, fam).kind).toBe(kind);
  });
  it('bypasses names the egress-only gateway as the target', () => {
    expect(judgeGatewayIpv6(table([v4Route, eigw]), vpce, fam)).toMatchObject({
      target: { kind: 'egress-only-igw', id: 'eigw-0b1c2d3e4f5a6b7c8' },
    });
  });
});
