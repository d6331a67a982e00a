// The address families on both ends of the request: which of IPv4 and IPv6 the source can send
// from, which the endpoint answers on, which DNS records the name the client calls carries, and
// whether that name is a dual-stack one. Pure: facts in, families out.
import type { NetworkInterface, Source, Subnet, VpcEndpoint } from '../../probes/shapes.js';
import { cidrFamily, parseIp } from '../net/cidr.js';

export type Family = 'ipv4' | 'ipv6';
export const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];

export interface SourceFamilies {
  ipv4: boolean;
  ipv6: boolean;
  /** The source's IPv4 address, or its subnet's IPv4 CIDR for a subnet source. */
  ipv4Address: string | undefined;
  /** The source's first IPv6 address, or its subnet's IPv6 CIDR for a subnet source. */
  ipv6Address: string | undefined;
  /** How the families were read, for evidence ("subnet-… is IPv6-only (Ipv6Native)"). */
  how: string;
}

// A range being removed or that failed to attach gives no address; any other state counts (moto
// reports the state of an IPv6-only subnet's range as a stringified object).
const GONE = /^(disassociat|fail)/;

function subnetIpv6Cidrs(subnet: Subnet): string[] {
  return subnet.Ipv6CidrBlockAssociationSet.filter((a) => !GONE.test(a.Ipv6CidrBlockState?.State ?? 'associated'))
    .map((a) => a.Ipv6CidrBlock)
    .filter((c): c is string => c !== undefined && cidrFamily(c) === 6);
}

/** The subnet's families: an IPv6-only subnet (Ipv6Native) has no IPv4 range. */
export function subnetFamilies(subnet: Subnet): { ipv4: string | undefined; ipv6: string | undefined } {
  const v6 = subnetIpv6Cidrs(subnet)[0];
  const v4 = subnet.Ipv6Native === true ? undefined : subnet.CidrBlock;
  return { ipv4: v4 !== undefined && cidrFamily(v4) === 4 ? v4 : undefined, ipv6: v6 };
}

/**
 * What the source can send from. An instance or ENI: its own addresses (an instance in an
 * IPv6-only subnet has no private IPv4 address). A subnet: its ranges. `subnet` is the source's
 * subnet when known; it only decides for a subnet source.
 */
export function sourceFamilies(source: Source, subnet: Subnet | undefined): SourceFamilies | undefined {
  if (source.Kind === 'subnet') {
    if (subnet === undefined) return undefined;
    const f = subnetFamilies(subnet);
    const how =
      subnet.Ipv6Native === true
        ? `${subnet.SubnetId} is IPv6-only (Ipv6Native) with ${f.ipv6 ?? 'no IPv6 range'}`
        : `${subnet.SubnetId} has ${[f.ipv4, f.ipv6].filter(Boolean).join(' and ') || 'no address range'}`;
    return { ipv4: f.ipv4 !== undefined, ipv6: f.ipv6 !== undefined, ipv4Address: f.ipv4, ipv6Address: f.ipv6, how };
  }
  const v4 = source.PrivateIpAddress !== undefined && parseIp(source.PrivateIpAddress)?.family === 4;
  const v6 = source.Ipv6Addresses.find((a) => parseIp(a)?.family === 6);
  const parts = [
    v4 ? `IPv4 ${source.PrivateIpAddress}` : 'no IPv4 address',
    v6 !== undefined ? `IPv6 ${v6}` : 'no IPv6 address',
  ];
  const native = subnet?.Ipv6Native === true ? ` (its subnet ${subnet.SubnetId} is IPv6-only)` : '';
  return {
    ipv4: v4,
    ipv6: v6 !== undefined,
    ipv4Address: v4 ? source.PrivateIpAddress : undefined,
    ipv6Address: v6,
    how: `${source.Id} has ${parts.join(' and ')}${native}`,
  };
}

export interface EndpointFamilies {
  ipv4: boolean;
  ipv6: boolean;
  /** `IpAddressType` as DescribeVpcEndpoints reports it, or how the ENIs' addresses were read. */
  how: string;
  /** ipv4 | dualstack | ipv6, when known. */
  ipAddressType: string | undefined;
}

/**
 * The families an interface endpoint answers on: its IP address type, else its network
 * interfaces' addresses (PrivateLink guide, "IP address types": ipv4 / dualstack / ipv6).
 */
export function endpointFamilies(
  e: VpcEndpoint,
  enis: readonly NetworkInterface[] | undefined,
): EndpointFamilies | undefined {
  const type = e.IpAddressType?.toLowerCase();
  if (type === 'ipv4' || type === 'ipv6' || type === 'dualstack') {
    return {
      ipv4: type !== 'ipv6',
      ipv6: type !== 'ipv4',
      how: `${e.VpcEndpointId} has IpAddressType ${type}`,
      ipAddressType: type,
    };
  }
  if (enis === undefined) return undefined;
  const mine = enis.filter((n) => e.NetworkInterfaceIds.includes(n.NetworkInterfaceId));
  if (mine.length === 0) return undefined;
  const v4 = mine.some((n) => n.PrivateIpAddress !== undefined);
  const v6 = mine.some((n) => n.Ipv6Addresses.some((a) => a.Ipv6Address !== undefined));
  return {
    ipv4: v4,
    ipv6: v6,
    how: `the network interfaces of ${e.VpcEndpointId} carry ${[v4 ? 'IPv4' : '', v6 ? 'IPv6' : ''].filter(Boolean).join(' and ') || 'no'} addresses`,
    ipAddressType: v4 && v6 ? 'dualstack' : v6 ? 'ipv6' : v4 ? 'ipv4' : undefined,
  };
}

/** The endpoint's IPv6 addresses (one per ENI that has one), for an IPv6 flow. */
export function endpointIpv6Addresses(
  e: VpcEndpoint,
  enis: readonly NetworkInterface[],
): { id: string; address: string; subnetId: string | undefined }[] {
  const out: { id: string; address: string; subnetId: string | undefined }[] = [];
  for (const n of enis) {
    if (!e.NetworkInterfaceIds.includes(n.NetworkInterfaceId)) continue;
    const a = n.Ipv6Addresses.map((x) => x.Ipv6Address).find((x) => x !== undefined && parseIp(x)?.family === 6);
    if (a !== undefined) out.push({ id: n.NetworkInterfaceId, address: a, subnetId: n.SubnetId });
  }
  return out;
}

/**
 * Which records the name carries (PrivateLink guide, "DNS record IP type"): ipv4 → A, ipv6 →
 * AAAA, dualstack → both; service-defined → A for the private DNS name and both for the
 * endpoint's own regional and zonal names (…vpce.amazonaws.com). Undefined when the endpoint
 * reports no DnsRecordIpType.
 */
export function recordFamilies(e: VpcEndpoint, hostname: string): { families: Family[]; type: string } | undefined {
  const type = e.DnsOptions?.DnsRecordIpType?.toLowerCase();
  if (type === undefined) return undefined;
  const endpointName = hostname.endsWith('.vpce.amazonaws.com') || hostname.endsWith('.vpce.amazonaws.com.cn');
  switch (type) {
    case 'ipv4':
      return { families: ['ipv4'], type };
    case 'ipv6':
      return { families: ['ipv6'], type };
    case 'dualstack':
      return { families: ['ipv4', 'ipv6'], type };
    case 'service-defined':
      return { families: endpointName ? ['ipv4', 'ipv6'] : ['ipv4'], type };
    default:
      return undefined;
  }
}

/**
 * Dual-stack names of the gateway services: S3's `s3.dualstack.REGION.amazonaws.com` (and its
 * virtual-hosted `BUCKET.s3.dualstack.REGION…`), DynamoDB's `dynamodb.REGION.api.aws`. They
 * answer A and AAAA records; the plain regional names answer A only.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/dual-stack-endpoints.html
 * DynamoDB: the SDK endpoint rules resolve UseDualStack to https://dynamodb.REGION.api.aws.
 */
export function isDualStackName(hostname: string, service: string, region: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (service === 's3') {
    const base = `s3.dualstack.${region}.amazonaws.com`;
    return h === base || h.endsWith(`.${base}`);
  }
  if (service === 'dynamodb') return h === `dynamodb.${region}.api.aws`;
  return false;
}

/** The IPv4-only regional name of a gateway service, for a fix that moves the client back to it. */
export function ipv4NameOf(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com`;
}

/** "IPv4", "IPv6", "IPv4 and IPv6", "no". */
export function familiesLabel(f: { ipv4: boolean; ipv6: boolean }): string {
  return [f.ipv4 ? 'IPv4' : '', f.ipv6 ? 'IPv6' : ''].filter(Boolean).join(' and ') || 'no';
}
