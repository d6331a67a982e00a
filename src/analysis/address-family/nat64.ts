// DNS64 and NAT64, judged: an IPv6-only source reaches an IPv4-only endpoint when its subnet has
// DNS64 on (the Route 53 Resolver synthesises a 64:ff9b::/96 AAAA record from the endpoint's A
// record) and its route table sends 64:ff9b::/96 to a NAT gateway, which translates the flow to
// IPv4 and connects from its own private IPv4 address. Pure: facts in, a verdict out.
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html
import type { Route, RouteTable, Subnet } from '../../probes/shapes.js';
import type { NatGateway } from '../../probes/specs/whois.js';
import { formatIp, parseIp } from '../net/cidr.js';
import { selectRoute, type RouteTarget } from '../net/routes.js';

/** RFC 6052's well-known prefix, the one the Resolver's DNS64 uses. */
export const NAT64_PREFIX = '64:ff9b::/96';
const PREFIX = 0x64ff9bn << 96n;

/** The address DNS64 synthesises for an IPv4 address: 10.0.1.5 → 64:ff9b::a00:105. */
export function synthesizedAddress(ipv4: string): string | undefined {
  const ip = parseIp(ipv4);
  return ip?.family === 4 ? formatIp(6, PREFIX | ip.value) : undefined;
}

/** The NAT gateway's translated side: it connects to the endpoint from this address. */
export interface Nat64Path {
  natGatewayId: string;
  /** The NAT gateway's primary private IPv4 address. */
  address: string;
  subnetId: string | undefined;
  route: Route;
  routeTableId: string;
}

export type Nat64Verdict =
  /** DNS64 on and 64:ff9b::/96 routed to an available NAT gateway: the flow goes through it. */
  | { kind: 'nat64'; path: Nat64Path }
  /** The NAT64 route is there but the subnet's DNS64 is off: the client gets only A records. */
  | { kind: 'dns64-off'; route: Route; natGatewayId: string | undefined }
  /** No route sends 64:ff9b::/96 to a NAT gateway (`takenBy`: the route that takes it instead). */
  | { kind: 'no-nat64-route'; dns64: boolean | undefined; takenBy: Route | undefined; target: RouteTarget }
  /** The route names a NAT gateway that is not available (or has no private address). */
  | { kind: 'nat-unavailable'; natGatewayId: string; state: string | undefined; dns64: boolean | undefined }
  /** A fact is missing (`what` names it): cannot tell, never a pass. */
  | { kind: 'unknown'; what: string };

/** The route the synthesised addresses take from this table (longest prefix match). */
export function nat64Route(table: RouteTable, endpointIpv4: string): { route: Route | undefined; target: RouteTarget } {
  const synthesized = synthesizedAddress(endpointIpv4) ?? '64:ff9b::';
  const d = selectRoute(table, synthesized);
  return { route: d.chosen?.route, target: d.target };
}

export function judgeNat64(p: {
  /** The source subnet (its EnableDns64); undefined when it could not be read. */
  subnet: Subnet | undefined;
  subnetId: string;
  table: RouteTable;
  /** One IPv4 address of the endpoint: every address of it takes the same /96 route. */
  endpointIpv4: string;
  /** DescribeNatGateways for the route's NAT gateway: null when it does not exist, undefined while unread. */
  nat: NatGateway | null | undefined;
}): Nat64Verdict {
  const dns64 = p.subnet?.EnableDns64;
  const { route, target } = nat64Route(p.table, p.endpointIpv4);
  // Without the route DNS64 alone cannot help: judged whether or not the subnet could be read.
  if (route === undefined || target.kind !== 'nat' || route.State === 'blackhole')
    return { kind: 'no-nat64-route', dns64, takenBy: route, target };
  const natGatewayId = target.id as string;
  if (p.subnet === undefined) return { kind: 'unknown', what: `the subnet ${p.subnetId} (its EnableDns64)` };
  if (dns64 === false) return { kind: 'dns64-off', route, natGatewayId };
  if (p.nat === undefined) return { kind: 'unknown', what: `the NAT gateway ${natGatewayId}` };
  const state = p.nat?.State?.toLowerCase();
  const primary = p.nat?.NatGatewayAddresses.find((a) => a.PrivateIp !== undefined)?.PrivateIp;
  if (p.nat === null || state !== 'available' || primary === undefined)
    return { kind: 'nat-unavailable', natGatewayId, state: p.nat === null ? 'not found' : state, dns64 };
  // DescribeSubnets reports EnableDns64 for every subnet; a description without it cannot say.
  if (dns64 === undefined)
    return { kind: 'unknown', what: `whether DNS64 is on for ${p.subnet.SubnetId} (EnableDns64)` };
  return {
    kind: 'nat64',
    path: { natGatewayId, address: primary, subnetId: p.nat.SubnetId, route, routeTableId: p.table.RouteTableId },
  };
}
