// Address-family verdicts, pure: does the source share a family with the interface endpoint,
// does the name it calls carry a record of that family, and does a gateway endpoint's route
// table carry the IPv6 traffic of a dual-stack name?
import type { Route, RouteTable } from '../../probes/shapes.js';
import { classifyRouteTarget, type RouteTarget } from '../net/routes.js';
import { canonicalCidr } from '../net/cidr.js';
import { FAMILIES, type EndpointFamilies, type Family, type SourceFamilies } from './facts.js';

export type InterfaceFamilyVerdict =
  /** `flow`: the family the connection uses (IPv6 when both ends and the name offer it, RFC 6724). */
  | { kind: 'ok'; flow: Family; usable: Family[]; recordsKnown: boolean }
  /** The source and the endpoint share no family: no address of the endpoint is reachable. */
  | { kind: 'no-common-family' }
  /** They share a family, but the name the client calls has no record of it. */
  | { kind: 'no-record-for-family'; usable: Family[]; records: Family[] };

export function judgeInterfaceFamilies(
  source: SourceFamilies,
  endpoint: EndpointFamilies,
  records: readonly Family[] | undefined,
): InterfaceFamilyVerdict {
  const usable = FAMILIES.filter((f) => source[f] && endpoint[f]);
  if (usable.length === 0) return { kind: 'no-common-family' };
  if (records === undefined)
    return { kind: 'ok', flow: usable.includes('ipv4') ? 'ipv4' : 'ipv6', usable, recordsKnown: false };
  const reachable = usable.filter((f) => records.includes(f));
  if (reachable.length === 0) return { kind: 'no-record-for-family', usable, records: [...records] };
  return { kind: 'ok', flow: reachable.includes('ipv6') ? 'ipv6' : 'ipv4', usable, recordsKnown: true };
}

export type GatewayIpv6Verdict =
  /** An endpoint route whose prefix list is IPv6 carries the IPv6 traffic. */
  | { kind: 'via-endpoint'; route: Route; prefixListId: string }
  /** The family of some endpoint-route prefix list is unknown: cannot tell. */
  | { kind: 'unknown'; prefixListIds: string[] }
  /** No IPv6 endpoint route: the IPv6 default route takes the traffic elsewhere. */
  | { kind: 'bypasses'; route: Route; target: RouteTarget; ipv4Lists: string[] }
  /** No IPv6 endpoint route and no live IPv6 default route: the IPv6 packets are dropped. */
  | { kind: 'no-route'; blackhole: Route | undefined; ipv4Lists: string[] };

/**
 * Where the IPv6 half of a dual-stack name's traffic goes from this table. A gateway endpoint
 * adds a route per prefix list of its IP address type: the service's IPv4 list for `ipv4`, its
 * IPv6 list for `ipv6`, both for `dualstack` (PrivateLink guide, gateway endpoints, "IP address
 * type"). Without an IPv6 one, AAAA traffic "won't be routed through the gateway endpoint" and
 * follows the IPv6 default route, if any ("DNS record IP type").
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 */
export function judgeGatewayIpv6(
  table: RouteTable,
  endpointId: string,
  listFamily: (prefixListId: string) => Family | undefined,
): GatewayIpv6Verdict {
  const endpointRoutes = table.Routes.filter(
    (r) => r.GatewayId === endpointId && r.DestinationPrefixListId !== undefined,
  );
  const unknown: string[] = [];
  const ipv4Lists: string[] = [];
  for (const r of endpointRoutes) {
    const id = r.DestinationPrefixListId as string;
    const family = listFamily(id);
    if (family === 'ipv6')
      // A blackholed endpoint route still wins the lookup (its prefix list is more specific than ::/0) and drops the packets.
      return r.State === 'blackhole'
        ? { kind: 'no-route', blackhole: r, ipv4Lists }
        : { kind: 'via-endpoint', route: r, prefixListId: id };
    if (family === undefined) unknown.push(id);
    else ipv4Lists.push(id);
  }
  if (unknown.length > 0) return { kind: 'unknown', prefixListIds: unknown };
  const defaults = table.Routes.filter(
    (r) => r.DestinationIpv6CidrBlock !== undefined && canonicalCidr(r.DestinationIpv6CidrBlock) === '::/0',
  );
  const live = defaults.find((r) => r.State !== 'blackhole');
  if (live !== undefined) return { kind: 'bypasses', route: live, target: classifyRouteTarget(live), ipv4Lists };
  return { kind: 'no-route', blackhole: defaults[0], ipv4Lists };
}
