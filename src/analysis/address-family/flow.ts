// The address families of this run's request, read from the path context: the source's
// families (its addresses, or its subnet's ranges), the interface endpoint's, the records of
// the name the client calls, and so the family the connection uses. Shared by the
// address-family module and the network path (security groups and ACLs judge that family).
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeOutcome, ProbeRequest } from '../../probes/contract.js';
import type { Source, Subnet, VpcEndpoint } from '../../probes/shapes.js';
import { hostnameFor, normalizeName } from '../dns/names.js';
import { registryHostname } from '../dns/endpoint-facts.js';
import {
  endpointFamilies,
  recordFamilies,
  sourceFamilies,
  type EndpointFamilies,
  type Family,
  type SourceFamilies,
} from './facts.js';
import { judgeInterfaceFamilies, type InterfaceFamilyVerdict } from './verdict.js';
import { judgeNat64, nat64Route, type Nat64Path, type Nat64Verdict } from './nat64.js';

/** The source may use IPv6: it has an IPv6 address, no IPv4 one, or is a subnet (its ranges decide). */
export function sourceMayUseIpv6(source: Source): boolean {
  return source.Kind === 'subnet' || source.Ipv6Addresses.length > 0 || source.PrivateIpAddress === undefined;
}

/** The source's subnet from DescribeSubnets (filtered by VPC): needed only when the source may use IPv6. */
export function sourceSubnet(
  ctx: PathContext,
  source: Source,
): { subnet: Subnet | undefined; outcome: ProbeOutcome<unknown> | undefined } {
  const outcome = ctx.probe('ec2.subnets', { vpcId: source.VpcId });
  return { subnet: okValue(outcome)?.find((s) => s.SubnetId === source.SubnetId), outcome };
}

export function sourceFamiliesOf(ctx: PathContext, source: Source): SourceFamilies | undefined {
  if (!sourceMayUseIpv6(source)) return sourceFamilies(source, undefined);
  return sourceFamilies(source, sourceSubnet(ctx, source).subnet);
}

export function endpointFamiliesOf(ctx: PathContext, e: VpcEndpoint): EndpointFamilies | undefined {
  const enis =
    e.NetworkInterfaceIds.length > 0
      ? okValue(ctx.probe('ec2.network-interfaces', { networkInterfaceIds: e.NetworkInterfaceIds }))
      : [];
  return endpointFamilies(e, enis);
}

/**
 * The name the client resolves: the `target.hostname` answer, else the service's private DNS
 * name when private DNS is on, else the endpoint's own regional name.
 */
export function calledName(ctx: PathContext, e: VpcEndpoint): string {
  const given = (ctx.answers['target.hostname'] ?? '').trim();
  if (given !== '') return normalizeName(given);
  if (e.PrivateDnsEnabled === true)
    return registryHostname(ctx, e) ?? normalizeName(hostnameFor(e.ServiceName, ctx.region));
  const own = e.DnsEntries.map((d) => d.DnsName).find((n): n is string => n !== undefined && !n.startsWith('*'));
  return normalizeName(own ?? hostnameFor(e.ServiceName, ctx.region));
}

export interface InterfaceFamilyFacts {
  source: SourceFamilies;
  endpoint: EndpointFamilies;
  hostname: string;
  records: { families: Family[]; type: string } | undefined;
  verdict: InterfaceFamilyVerdict;
  /** An IPv6-only source and an IPv4-only endpoint: whether DNS64 and NAT64 bridge them. */
  nat64: Nat64Verdict | undefined;
}

/** IPv6 is all the source has and IPv4 all the endpoint has: only NAT64 can join them. */
function needsNat64(source: SourceFamilies, endpoint: EndpointFamilies): boolean {
  return source.ipv6 && !source.ipv4 && endpoint.ipv4 && !endpoint.ipv6;
}

function endpointIpv4(ctx: PathContext, e: VpcEndpoint): string | undefined {
  if (e.NetworkInterfaceIds.length === 0) return undefined;
  const enis = okValue(ctx.probe('ec2.network-interfaces', { networkInterfaceIds: e.NetworkInterfaceIds }));
  return enis?.find((n) => e.NetworkInterfaceIds.includes(n.NetworkInterfaceId) && n.PrivateIpAddress !== undefined)
    ?.PrivateIpAddress;
}

/** The NAT gateway the source table sends 64:ff9b::/96 to, once the table is read. */
function nat64GatewayId(ctx: PathContext, source: Source, e: VpcEndpoint): string | undefined {
  const table = okValue(ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId: source.VpcId }));
  const ipv4 = endpointIpv4(ctx, e);
  if (table == null || ipv4 === undefined) return undefined;
  const r = nat64Route(table.RouteTable, ipv4);
  return r.target.kind === 'nat' ? r.target.id : undefined;
}

function judgeNat64Of(ctx: PathContext, source: Source, e: VpcEndpoint): Nat64Verdict {
  const subnet = sourceSubnet(ctx, source).subnet;
  const tableOutcome = ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId: source.VpcId });
  const ipv4 = endpointIpv4(ctx, e);
  if (tableOutcome?.status !== 'ok') return { kind: 'unknown', what: `the route table of ${source.SubnetId}` };
  if (tableOutcome.value === null) return { kind: 'unknown', what: `the route table of ${source.SubnetId}` };
  if (ipv4 === undefined) return { kind: 'unknown', what: `the IPv4 addresses of ${e.VpcEndpointId}` };
  const natId = nat64GatewayId(ctx, source, e);
  const nat = natId !== undefined ? ctx.probe('ec2.nat-gateway', { natGatewayId: natId }) : undefined;
  return judgeNat64({
    subnet,
    subnetId: source.SubnetId,
    table: tableOutcome.value.RouteTable,
    endpointIpv4: ipv4,
    nat: nat?.status === 'ok' ? nat.value : undefined,
  });
}

/** The reads that decide NAT64, when only NAT64 can join the two ends (constant in account size). */
export function nat64Requests(ctx: PathContext, e: VpcEndpoint): ProbeRequest[] {
  const source = ctx.source;
  if (source === undefined || !sourceMayUseIpv6(source)) return [];
  const sf = sourceFamiliesOf(ctx, source);
  const ef = endpointFamiliesOf(ctx, e);
  if (sf === undefined || ef === undefined || !needsNat64(sf, ef)) return [];
  const out: ProbeRequest[] = [
    { key: 'ec2.subnets', input: { vpcId: source.VpcId } },
    { key: 'ec2.route-table', input: { subnetId: source.SubnetId, vpcId: source.VpcId } },
  ];
  if (e.NetworkInterfaceIds.length > 0)
    out.push({ key: 'ec2.network-interfaces', input: { networkInterfaceIds: e.NetworkInterfaceIds } });
  const natId = nat64GatewayId(ctx, source, e);
  if (natId !== undefined) out.push({ key: 'ec2.nat-gateway', input: { natGatewayId: natId } });
  return out;
}

/** Both ends' families for an interface endpoint, and the verdict; undefined while a fact is unknown. */
export function interfaceFamilyFacts(ctx: PathContext, e: VpcEndpoint): InterfaceFamilyFacts | undefined {
  const source = ctx.source;
  if (source === undefined) return undefined;
  const sf = sourceFamiliesOf(ctx, source);
  const ef = endpointFamiliesOf(ctx, e);
  if (sf === undefined || ef === undefined) return undefined;
  const hostname = calledName(ctx, e);
  const records = recordFamilies(e, hostname);
  const verdict = judgeInterfaceFamilies(sf, ef, records?.families);
  const nat64 = verdict.kind === 'no-common-family' && needsNat64(sf, ef) ? judgeNat64Of(ctx, source, e) : undefined;
  return { source: sf, endpoint: ef, hostname, records, verdict, nat64 };
}

export type InterfaceFlow = { family: Family } | { family: 'nat64'; path: Nat64Path };

/**
 * How the connection from an in-VPC source to this interface endpoint goes: IPv6 when the
 * source, the endpoint and the name's records all offer it (RFC 6724 prefers IPv6), or when
 * IPv6 is all the source has; through a NAT gateway's NAT64 when DNS64 and the 64:ff9b::/96
 * route join an IPv6-only source to an IPv4-only endpoint. IPv4 otherwise, and while unknown.
 */
export function interfaceFlow(ctx: PathContext, e: VpcEndpoint): InterfaceFlow {
  const source = ctx.source;
  if (source === undefined || !sourceMayUseIpv6(source)) return { family: 'ipv4' };
  const facts = interfaceFamilyFacts(ctx, e);
  if (facts === undefined)
    return { family: source.Kind !== 'subnet' && source.PrivateIpAddress === undefined ? 'ipv6' : 'ipv4' };
  if (facts.verdict.kind === 'ok') return { family: facts.verdict.flow };
  if (facts.nat64?.kind === 'nat64') return { family: 'nat64', path: facts.nat64.path };
  return { family: facts.source.ipv4 ? 'ipv4' : 'ipv6' };
}
