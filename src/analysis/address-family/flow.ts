// The address families of this run's request, read from the path context: the source's
// families (its addresses, or its subnet's ranges), the interface endpoint's, the records of
// the name the client calls, and so the family the connection uses. Shared by the
// address-family module and the network path (security groups and ACLs judge that family).
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { Source, Subnet, VpcEndpoint } from '../../probes/shapes.js';
import { hostnameFor, normalizeName } from '../dns/names.js';
import {
  endpointFamilies,
  recordFamilies,
  sourceFamilies,
  type EndpointFamilies,
  type Family,
  type SourceFamilies,
} from './facts.js';
import { judgeInterfaceFamilies, type InterfaceFamilyVerdict } from './verdict.js';

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
  if (e.PrivateDnsEnabled === true) return normalizeName(hostnameFor(e.ServiceName, ctx.region));
  const own = e.DnsEntries.map((d) => d.DnsName).find((n): n is string => n !== undefined && !n.startsWith('*'));
  return normalizeName(own ?? hostnameFor(e.ServiceName, ctx.region));
}

export interface InterfaceFamilyFacts {
  source: SourceFamilies;
  endpoint: EndpointFamilies;
  hostname: string;
  records: { families: Family[]; type: string } | undefined;
  verdict: InterfaceFamilyVerdict;
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
  return { source: sf, endpoint: ef, hostname, records, verdict: judgeInterfaceFamilies(sf, ef, records?.families) };
}

/**
 * The family the connection from an in-VPC source to this interface endpoint uses: IPv6 when
 * the source, the endpoint and the name's records all offer it (RFC 6724 prefers IPv6), or
 * when IPv6 is all the source has. IPv4 otherwise, and while unknown.
 */
export function interfaceFlowFamily(ctx: PathContext, e: VpcEndpoint): Family {
  const source = ctx.source;
  if (source === undefined || !sourceMayUseIpv6(source)) return 'ipv4';
  const facts = interfaceFamilyFacts(ctx, e);
  if (facts === undefined) return source.Kind !== 'subnet' && source.PrivateIpAddress === undefined ? 'ipv6' : 'ipv4';
  if (facts.verdict.kind === 'ok') return facts.verdict.flow;
  return facts.source.ipv4 ? 'ipv4' : 'ipv6';
}
