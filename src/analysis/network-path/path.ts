// The TCP/443 flow the network checks judge: from the source (its address, security groups and
// subnet) to the endpoint the traffic takes (a gateway endpoint's service prefix list, or an
// interface endpoint's network interfaces with the endpoint's own security groups). Pure
// helpers shared by the routing, security-group and network-ACL modules.
import type { PathContext } from '../../path/context.js';
import { outsideLabel } from '../../path/source-kinds.js';
import { okValue } from '../../path/context.js';
import type { ProbeOutcome, ProbeRequest } from '../../probes/contract.js';
import type { ManagedPrefixList, NetworkInterface, Source, VpcEndpoint } from '../../probes/shapes.js';
import type { NetworkInterfaceId, SecurityGroupId, SubnetId } from '../../probes/ids.js';
import { routedHub, type HubRoute } from '../hub/verdict.js';
import {
  interfaceFlow,
  nat64Requests,
  sourceFamiliesOf,
  sourceMayUseIpv6,
  type InterfaceFlow,
} from '../address-family/flow.js';
import { synthesizedAddress, type Nat64Path } from '../address-family/nat64.js';
import { subnetFamilies } from '../address-family/facts.js';

/** Every endpoint the checks judge serves HTTPS. */
export const HTTPS_PORT = 443;

export type PathSource =
  | {
      kind: 'inside';
      source: Source;
      subnetId: SubnetId;
      groupIds: SecurityGroupId[];
      /** The source's private IP, or its subnet's CIDR for a subnet source; undefined while unknown. */
      address: string | undefined;
      addressKind: 'ip' | 'subnet-cidr';
      /** The subnet's CIDR when known (a fix can offer it as the wider alternative). */
      subnetCidr: string | undefined;
      /**
       * An IPv6-only source reaching an IPv4-only endpoint through a NAT gateway (DNS64 +
       * NAT64): the endpoint side sees `address`, the NAT gateway's private IPv4 address, and
       * the source sends to the synthesised 64:ff9b::/96 addresses of the endpoint.
       */
      nat64?: Nat64Path;
    }
  | { kind: 'outside'; address: string; how: string };

export type PathDestination =
  | {
      kind: 'gateway';
      endpoint: VpcEndpoint;
      prefixListName: string;
      /**
       * Set when the source has no IPv4 address (how it was read): no IPv4 flow reaches the
       * service's IPv4 prefix list; its IPv6 half is address-family/gateway-filters.ts's.
       */
      noIpv4?: string;
    }
  | {
      kind: 'interface';
      endpoint: VpcEndpoint;
      groupIds: SecurityGroupId[];
      /** A hub endpoint in another VPC, reached over peering or a transit gateway (src/analysis/modules/hub.ts). */
      hub?: HubRoute;
    };

function subnetCidrOf(ctx: PathContext, source: Source, ipv6: boolean): string | undefined {
  const subnets = okValue(ctx.probe('ec2.subnets', { vpcId: source.VpcId }));
  const subnet = subnets?.find((s) => s.SubnetId === source.SubnetId);
  if (subnet === undefined) return undefined;
  const f = subnetFamilies(subnet);
  return ipv6 ? f.ipv6 : f.ipv4;
}

/**
 * How the flow goes to an interface endpoint in the source's VPC: IPv6 when the source, the
 * endpoint and the name's records offer it, or IPv6 is all the source has; NAT64 through a NAT
 * gateway (src/analysis/address-family/flow.ts). The security-group and ACL evaluators then
 * match only rules of that family. IPv4 for hub endpoints and gateway endpoints.
 */
function flowOf(ctx: PathContext): InterfaceFlow {
  const dst = pathDestination(ctx);
  return dst?.kind === 'interface' && dst.hub === undefined && ctx.source !== undefined && sourceMayUseIpv6(ctx.source)
    ? interfaceFlow(ctx, dst.endpoint)
    : { family: 'ipv4' };
}

/**
 * The source subnet's CIDR for a fix, read only when a fix is built (its module asks for
 * ec2.subnets then: naclFixRequests): an entry or rule for the instance's /32 breaks when the
 * instance is replaced. Undefined when the subnets could not be read.
 */
export function sourceSubnetCidr(ctx: PathContext, src: Extract<PathSource, { kind: 'inside' }>): string | undefined {
  // Through NAT64 the endpoint sees the NAT gateway's one address, not the source subnet.
  if (src.nat64 !== undefined) return undefined;
  if (src.subnetCidr !== undefined) return src.subnetCidr;
  const v6 = src.address !== undefined && src.address.includes(':');
  return subnetCidrOf(ctx, src.source, v6);
}

function needsSubnetCidr(source: Source): boolean {
  return source.Kind === 'subnet' || source.PrivateIpAddress === undefined;
}

export function pathSource(ctx: PathContext): PathSource | undefined {
  if (ctx.inside) {
    const source = ctx.source;
    if (source === undefined) return undefined;
    const flow = flowOf(ctx);
    const groupIds = [...new Set(source.Groups.map((g) => g.GroupId))];
    if (flow.family === 'nat64') {
      const nat = flow.path;
      return {
        kind: 'inside',
        source,
        subnetId: source.SubnetId,
        groupIds,
        address: nat.address,
        addressKind: 'ip',
        subnetCidr: undefined,
        nat64: nat,
      };
    }
    const v6 = flow.family === 'ipv6';
    const subnetCidr = needsSubnetCidr(source) || v6 ? subnetCidrOf(ctx, source, v6) : undefined;
    const ip = source.Kind === 'subnet' ? undefined : v6 ? source.Ipv6Addresses[0] : source.PrivateIpAddress;
    return {
      kind: 'inside',
      source,
      subnetId: source.SubnetId,
      groupIds,
      address: ip ?? subnetCidr,
      addressKind: ip !== undefined ? 'ip' : 'subnet-cidr',
      subnetCidr,
    };
  }
  const ip = ctx.answers['source.ip'];
  if (ip === undefined || ip === '') return undefined;
  return { kind: 'outside', address: ip, how: outsideLabel(ctx.sourceKind ?? '') ?? 'outside the VPC' };
}

/**
 * The endpoint whose network path is judged: it must be in the VPC the traffic enters and
 * available (other cases are the endpoint module's findings), or be a hub interface endpoint in
 * another VPC that the source subnet routes to over peering or a transit gateway. A gateway
 * endpoint only for a source inside its VPC (outside sources are `gateway.not-transitive`).
 */
export function pathDestination(ctx: PathContext): PathDestination | undefined {
  const e = ctx.endpoint;
  const hub = routedHub(ctx);
  if (hub !== undefined && hub.endpoint.State.toLowerCase() === 'available') {
    return {
      kind: 'interface',
      endpoint: hub.endpoint,
      groupIds: [...new Set(hub.endpoint.Groups.map((g) => g.GroupId))].sort(),
      hub: hub.route,
    };
  }
  if (e === undefined || e.VpcId !== ctx.vpcId || e.State.toLowerCase() !== 'available') return undefined;
  if (e.VpcEndpointType === 'Gateway') {
    if (!ctx.inside) return undefined;
    const noIpv4 = sourceWithoutIpv4(ctx);
    return { kind: 'gateway', endpoint: e, prefixListName: e.ServiceName, ...(noIpv4 !== undefined ? { noIpv4 } : {}) };
  }
  if (e.VpcEndpointType === 'Interface') {
    return { kind: 'interface', endpoint: e, groupIds: [...new Set(e.Groups.map((g) => g.GroupId))].sort() };
  }
  return undefined;
}

/**
 * How the source was read to have no IPv4 address (an instance or ENI without a private IPv4
 * address, an IPv6-only subnet); undefined when it has one or its families are not known yet.
 */
function sourceWithoutIpv4(ctx: PathContext): string | undefined {
  const source = ctx.source;
  if (source === undefined || !sourceMayUseIpv6(source)) return undefined;
  if (source.Kind !== 'subnet' && source.PrivateIpAddress !== undefined) return undefined;
  const f = sourceFamiliesOf(ctx, source);
  return f !== undefined && !f.ipv4 ? f.how : undefined;
}

/** The address the source's packets are sent to for one endpoint address: its 64:ff9b::/96 form through NAT64. */
export function sentTo(src: PathSource, endpointAddress: string): string {
  if (src.kind !== 'inside' || src.nat64 === undefined) return endpointAddress;
  return synthesizedAddress(endpointAddress) ?? endpointAddress;
}

/** Probe calls that name the flow's two ends: the subnet CIDR of a subnet source, the endpoint ENIs or the prefix list. */
export function pathRequests(ctx: PathContext): ProbeRequest[] {
  const out: ProbeRequest[] = [];
  const src = ctx.inside ? ctx.source : undefined;
  if (src !== undefined && (needsSubnetCidr(src) || sourceMayUseIpv6(src)))
    out.push({ key: 'ec2.subnets', input: { vpcId: src.VpcId } });
  const dst = pathDestination(ctx);
  if (dst?.kind === 'interface' && dst.endpoint.NetworkInterfaceIds.length > 0) {
    out.push({ key: 'ec2.network-interfaces', input: { networkInterfaceIds: dst.endpoint.NetworkInterfaceIds } });
  }
  if (dst?.kind === 'interface' && dst.hub === undefined && src !== undefined)
    out.push(...nat64Requests(ctx, dst.endpoint));
  if (dst?.kind === 'gateway')
    out.push({ key: 'ec2.service-prefix-list', input: { prefixListName: dst.prefixListName } });
  return out;
}

export type Facts<T> = { ok: true; value: T } | { ok: false; outcome: ProbeOutcome<unknown> | undefined; what: string };

/** The service prefix list of a gateway destination; a missing list is an error naming it. */
export function servicePrefixList(ctx: PathContext, prefixListName: string): Facts<ManagedPrefixList> {
  const outcome = ctx.probe('ec2.service-prefix-list', { prefixListName });
  if (outcome?.status !== 'ok') return { ok: false, outcome, what: `the prefix list ${prefixListName}` };
  if (outcome.value === null) {
    return {
      ok: false,
      outcome: { status: 'error', message: `no prefix list named ${prefixListName} in ${ctx.region}` },
      what: `the prefix list ${prefixListName}`,
    };
  }
  return { ok: true, value: outcome.value };
}

export interface EndpointEni {
  id: NetworkInterfaceId;
  address: string;
  subnetId: SubnetId;
}

/** An interface endpoint's network interfaces with their private IP and subnet; error when none can be read. */
export function endpointEnis(
  ctx: PathContext,
  endpoint: VpcEndpoint,
): Facts<{ enis: EndpointEni[]; missing: NetworkInterfaceId[] }> {
  const what = `the network interfaces of ${endpoint.VpcEndpointId}`;
  if (endpoint.NetworkInterfaceIds.length === 0) {
    return {
      ok: false,
      outcome: { status: 'error', message: `${endpoint.VpcEndpointId} lists no network interfaces` },
      what,
    };
  }
  const outcome = ctx.probe('ec2.network-interfaces', { networkInterfaceIds: endpoint.NetworkInterfaceIds });
  if (outcome?.status !== 'ok') return { ok: false, outcome, what };
  const byId = new Map<string, NetworkInterface>(outcome.value.map((n) => [n.NetworkInterfaceId, n]));
  const enis: EndpointEni[] = [];
  const missing: NetworkInterfaceId[] = [];
  const v6 = flowOf(ctx).family === 'ipv6';
  for (const id of endpoint.NetworkInterfaceIds) {
    const n = byId.get(id);
    const address = v6
      ? n?.Ipv6Addresses.find((a) => a.Ipv6Address !== undefined)?.Ipv6Address
      : (n?.PrivateIpAddress ?? n?.PrivateIpAddresses.find((a) => a.Primary === true)?.PrivateIpAddress);
    if (n === undefined || address === undefined || n.SubnetId === undefined) missing.push(id);
    else enis.push({ id, address, subnetId: n.SubnetId });
  }
  if (enis.length === 0) {
    return {
      ok: false,
      outcome: {
        status: 'error',
        message:
          v6 && outcome.value.length > 0
            ? `the source reaches it over IPv6 only and none of ${missing.join(', ')} has an IPv6 address`
            : `DescribeNetworkInterfaces returned none of ${missing.join(', ')}`,
      },
      what,
    };
  }
  return { ok: true, value: { enis, missing } };
}

/** "i-0abc (10.0.1.25)", "subnet-0abc (10.0.1.0/24)", "on-premises over VPN 192.168.4.10". */
export function sourceLabel(src: PathSource): string {
  if (src.kind === 'outside') return `${src.address} (${src.how})`;
  if (src.nat64 !== undefined)
    return `${src.source.Id} through ${src.nat64.natGatewayId} (NAT64, from ${src.nat64.address})`;
  return src.address !== undefined ? `${src.source.Id} (${src.address})` : src.source.Id;
}

/**
 * Security-group references across VPCs: a rule naming a group of the other side matches over
 * same-Region VPC peering, not over a transit gateway (the VPC-side rules there must name
 * CIDRs). True when a group reference between source and endpoint can match.
 */
export function groupReferencesApply(dst: PathDestination, src?: PathSource): boolean {
  // Through NAT64 the packets run between the source and the NAT gateway, then the NAT gateway
  // (which has no security groups) and the endpoint: no rule naming the other end's group matches.
  if (src?.kind === 'inside' && src.nat64 !== undefined) return false;
  return dst.kind !== 'interface' || dst.hub === undefined || dst.hub.via.every((v) => v.kind === 'pcx');
}

/** The note every VPC-side check carries for a source outside the VPC. */
export function outsideNote(src: PathSource): string {
  return src.kind === 'outside'
    ? ` The source is ${src.how} (${src.address}): its own security groups and network ACLs are outside this VPC and were not evaluated; only the VPC side was.`
    : '';
}
