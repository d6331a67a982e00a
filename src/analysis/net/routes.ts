// Route selection in one route table, and what it means for a gateway endpoint.
// Pure: the caller supplies the table, the destination and the prefix lists' CIDRs.
import type { ManagedPrefixList, Route, RouteTable } from '../../probes/shapes.js';
import { parseAddressOrCidr, parseCidr, parsedContainsCidr, type ParsedCidr } from './cidr.js';

/** Prefix-list id → its CIDRs, as a Map or a plain record. */
export type PrefixListCidrs = ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>;

export function prefixListCidrsOf(lists: readonly ManagedPrefixList[]): Map<string, string[]> {
  return new Map(lists.map((pl) => [pl.PrefixListId, pl.Entries.map((e) => e.Cidr)]));
}

export function lookupPrefixList(lists: PrefixListCidrs | undefined, id: string): readonly string[] | undefined {
  if (lists === undefined) return undefined;
  if (lists instanceof Map) return (lists as ReadonlyMap<string, readonly string[]>).get(id);
  const record = lists as Readonly<Record<string, readonly string[]>>;
  return Object.prototype.hasOwnProperty.call(record, id) ? record[id] : undefined;
}

export type RouteTargetKind =
  | 'local'
  | 'gateway-endpoint'
  | 'igw'
  | 'nat'
  | 'tgw'
  | 'pcx'
  | 'vgw'
  | 'eni'
  | 'instance'
  | 'egress-only-igw'
  | 'local-gateway'
  | 'carrier-gateway'
  | 'core-network'
  | 'other'
  | 'blackhole'
  | 'none';

export interface RouteTarget {
  kind: RouteTargetKind;
  /** The target's id (vpce-…, nat-…, igw-…); `local` for the local route; absent for `none`. */
  id?: string;
  /** For `blackhole`: what the route pointed at before its target went away. */
  blackholed?: { kind: RouteTargetKind; id?: string };
}

function classifyLiveTarget(route: Route): RouteTarget {
  const g = route.GatewayId;
  if (g !== undefined) {
    if (g === 'local') return { kind: 'local', id: 'local' };
    if (g.startsWith('vpce-')) return { kind: 'gateway-endpoint', id: g };
    if (g.startsWith('igw-')) return { kind: 'igw', id: g };
    if (g.startsWith('vgw-')) return { kind: 'vgw', id: g };
    return { kind: 'other', id: g };
  }
  if (route.NatGatewayId !== undefined) return { kind: 'nat', id: route.NatGatewayId };
  if (route.TransitGatewayId !== undefined) return { kind: 'tgw', id: route.TransitGatewayId };
  if (route.VpcPeeringConnectionId !== undefined) return { kind: 'pcx', id: route.VpcPeeringConnectionId };
  if (route.EgressOnlyInternetGatewayId !== undefined)
    return { kind: 'egress-only-igw', id: route.EgressOnlyInternetGatewayId };
  if (route.LocalGatewayId !== undefined) return { kind: 'local-gateway', id: route.LocalGatewayId };
  if (route.CarrierGatewayId !== undefined) return { kind: 'carrier-gateway', id: route.CarrierGatewayId };
  if (route.CoreNetworkArn !== undefined) return { kind: 'core-network', id: route.CoreNetworkArn };
  // A NAT instance route carries both InstanceId and NetworkInterfaceId: name the instance.
  if (route.InstanceId !== undefined) return { kind: 'instance', id: route.InstanceId };
  if (route.NetworkInterfaceId !== undefined) return { kind: 'eni', id: route.NetworkInterfaceId };
  return { kind: 'other' };
}

/** What a route sends traffic to; a `blackhole` route is still chosen by route priority but drops the traffic. */
export function classifyRouteTarget(route: Route): RouteTarget {
  const live = classifyLiveTarget(route);
  if (route.State === 'blackhole') {
    return { kind: 'blackhole', ...(live.id !== undefined ? { id: live.id } : {}), blackholed: live };
  }
  return live;
}

export function targetLabel(target: RouteTarget): string {
  return target.id ?? target.kind;
}

/** The route's destination as written in the table: a CIDR or a pl-… id. */
export function routeDestinationLabel(route: Route): string {
  return (
    route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId ?? '(no destination)'
  );
}

export type RouteOrigin = 'static' | 'propagated';

export function routeOrigin(route: Route): RouteOrigin {
  return route.Origin === 'EnableVgwRoutePropagation' ? 'propagated' : 'static';
}

export interface RouteChoice {
  route: Route;
  /** Position of the route in `table.Routes`. */
  routeIndex: number;
  /** The CIDR that matched: the route's own CIDR, or the prefix-list entry that matched. */
  matchedCidr: string;
  prefixLength: number;
  via: 'cidr' | 'prefix-list';
  prefixListId?: string;
  origin: RouteOrigin;
  target: RouteTarget;
  /** True for a blackhole route: it wins the lookup and the packet is dropped. */
  dropsTraffic: boolean;
}

export interface RouteDecision {
  routeTableId: string;
  destination: string;
  /** False when the destination is not a valid address or CIDR (then nothing is chosen). */
  validDestination: boolean;
  /** The winning route for the whole destination; undefined when no route matches. */
  chosen?: RouteChoice;
  /** `chosen.target`, or `none`. */
  target: RouteTarget;
  /** Every route covering the whole destination, best first (chosen = candidates[0]). */
  candidates: RouteChoice[];
  /** For a CIDR destination: routes strictly inside it, which win for the part they cover. Longest first. */
  moreSpecific: RouteChoice[];
  /** Prefix-list routes whose CIDRs the caller did not supply: they could not be evaluated. */
  unresolvedPrefixLists: string[];
}

interface CompiledRoute {
  route: Route;
  index: number;
  via: 'cidr' | 'prefix-list';
  prefixListId?: string;
  blocks: { text: string; parsed: ParsedCidr }[];
  /** Tie rank at equal prefix length: lower wins. */
  rank: number;
  origin: RouteOrigin;
  target: RouteTarget;
}

export interface CompiledRouteTable {
  routeTableId: string;
  routes: CompiledRoute[];
  unresolvedPrefixLists: string[];
}

// VPC user guide "Route priority": longest prefix match first; at equal length a static CIDR
// route beats a prefix-list route, and a prefix-list route beats a propagated route (a static
// route also beats a propagated one with the same destination).
const RANK_STATIC_CIDR = 0;
const RANK_PREFIX_LIST = 1;
const RANK_PROPAGATED_CIDR = 2;

/** Parse a table once for many lookups (analyzeGatewayRouting, benchmarks). */
export function compileRouteTable(table: RouteTable, prefixLists?: PrefixListCidrs): CompiledRouteTable {
  const routes: CompiledRoute[] = [];
  const unresolved = new Set<string>();
  table.Routes.forEach((route, index) => {
    const origin = routeOrigin(route);
    const target = classifyRouteTarget(route);
    const cidrText = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock;
    if (cidrText !== undefined) {
      const parsed = parseCidr(cidrText);
      if (parsed === undefined) return; // malformed: never matches
      routes.push({
        route,
        index,
        via: 'cidr',
        blocks: [{ text: cidrText, parsed }],
        rank: origin === 'propagated' ? RANK_PROPAGATED_CIDR : RANK_STATIC_CIDR,
        origin,
        target,
      });
      return;
    }
    const plId = route.DestinationPrefixListId;
    if (plId === undefined) return;
    const cidrs = lookupPrefixList(prefixLists, plId);
    if (cidrs === undefined) {
      unresolved.add(plId);
      return;
    }
    const blocks: { text: string; parsed: ParsedCidr }[] = [];
    for (const text of cidrs) {
      const parsed = parseCidr(text);
      if (parsed !== undefined) blocks.push({ text, parsed });
    }
    routes.push({
      route,
      index,
      via: 'prefix-list',
      prefixListId: plId,
      blocks,
      rank: RANK_PREFIX_LIST,
      origin,
      target,
    });
  });
  return { routeTableId: table.RouteTableId, routes, unresolvedPrefixLists: [...unresolved] };
}

function choiceOf(r: CompiledRoute, block: { text: string; parsed: ParsedCidr }): RouteChoice {
  return {
    route: r.route,
    routeIndex: r.index,
    matchedCidr: block.text,
    prefixLength: block.parsed.prefixLength,
    via: r.via,
    ...(r.prefixListId !== undefined ? { prefixListId: r.prefixListId } : {}),
    origin: r.origin,
    target: r.target,
    dropsTraffic: r.target.kind === 'blackhole',
  };
}

function compareChoices(a: RouteChoice & { rank: number }, b: RouteChoice & { rank: number }): number {
  return b.prefixLength - a.prefixLength || a.rank - b.rank || a.routeIndex - b.routeIndex;
}

/** Pick the route for one destination (an address or a CIDR) in a compiled table. */
export function selectRouteCompiled(compiled: CompiledRouteTable, destination: string): RouteDecision {
  const dest = parseAddressOrCidr(destination);
  const base = {
    routeTableId: compiled.routeTableId,
    destination,
    unresolvedPrefixLists: compiled.unresolvedPrefixLists,
  };
  if (dest === undefined) {
    return { ...base, validDestination: false, target: { kind: 'none' }, candidates: [], moreSpecific: [] };
  }
  const candidates: (RouteChoice & { rank: number })[] = [];
  const moreSpecific: (RouteChoice & { rank: number })[] = [];
  for (const r of compiled.routes) {
    // For a prefix-list route only its longest entry covering the destination counts.
    let best: { text: string; parsed: ParsedCidr } | undefined;
    let inside: { text: string; parsed: ParsedCidr } | undefined;
    for (const block of r.blocks) {
      if (parsedContainsCidr(block.parsed, dest)) {
        if (best === undefined || block.parsed.prefixLength > best.parsed.prefixLength) best = block;
      } else if (parsedContainsCidr(dest, block.parsed)) {
        if (inside === undefined || block.parsed.prefixLength > inside.parsed.prefixLength) inside = block;
      }
    }
    if (best !== undefined) candidates.push({ ...choiceOf(r, best), rank: r.rank });
    if (inside !== undefined) moreSpecific.push({ ...choiceOf(r, inside), rank: r.rank });
  }
  candidates.sort(compareChoices);
  moreSpecific.sort(compareChoices);
  const strip = ({ rank: _rank, ...c }: RouteChoice & { rank: number }): RouteChoice => c;
  const chosen = candidates[0] === undefined ? undefined : strip(candidates[0]);
  return {
    ...base,
    validDestination: true,
    ...(chosen !== undefined ? { chosen } : {}),
    target: chosen?.target ?? { kind: 'none' },
    candidates: candidates.map(strip),
    moreSpecific: moreSpecific.map(strip),
  };
}

// Compiling is pure, so reusing the result for the same table and prefix-list objects is invisible
// as long as callers treat probe data as immutable (a changed Routes array is noticed and recompiled).
const compiledCache = new WeakMap<
  RouteTable,
  { lists: PrefixListCidrs | undefined; routes: readonly Route[]; length: number; compiled: CompiledRouteTable }
>();

function compiledFor(table: RouteTable, prefixLists: PrefixListCidrs | undefined): CompiledRouteTable {
  const hit = compiledCache.get(table);
  if (
    hit !== undefined &&
    hit.lists === prefixLists &&
    hit.routes === table.Routes &&
    hit.length === table.Routes.length
  )
    return hit.compiled;
  const compiled = compileRouteTable(table, prefixLists);
  compiledCache.set(table, { lists: prefixLists, routes: table.Routes, length: table.Routes.length, compiled });
  return compiled;
}

/** Route priority for one destination: an IPv4/IPv6 address or a CIDR. */
export function selectRoute(table: RouteTable, destination: string, prefixLists?: PrefixListCidrs): RouteDecision {
  return selectRouteCompiled(compiledFor(table, prefixLists), destination);
}

/** Route priority for each of a set of CIDRs (e.g. a prefix list's entries). */
export function selectRoutes(
  table: RouteTable,
  destinations: readonly string[],
  prefixLists?: PrefixListCidrs,
): RouteDecision[] {
  const compiled = compiledFor(table, prefixLists);
  return destinations.map((d) => selectRouteCompiled(compiled, d));
}

// ---------------------------------------------------------------------------------------------
// Gateway endpoints

export interface GatewayCidrRouting {
  /** One CIDR of the service prefix list. */
  cidr: string;
  decision: RouteDecision;
  /** The whole CIDR reaches the endpoint: the endpoint route wins and nothing more specific carves it up. */
  reachesEndpoint: boolean;
}

export type GatewayRoutingIssue =
  | {
      kind: 'endpoint-route-missing';
      findingId: 'gateway.route-table-not-associated';
      routeTableId: string;
      endpointId: string;
      prefixListId: string;
      /** A route for the same prefix list to another gateway endpoint, when there is one. */
      otherEndpointId?: string;
      evidence: string;
    }
  | {
      kind: 'endpoint-route-blackhole';
      routeTableId: string;
      endpointId: string;
      prefixListId: string;
      evidence: string;
    }
  | {
      kind: 'route-overridden';
      findingId: 'gateway.route-overridden';
      routeTableId: string;
      endpointId: string;
      prefixListId: string;
      /** The overriding route, its destination as written and where it sends the traffic. */
      route: Route;
      destination: string;
      target: RouteTarget;
      origin: RouteOrigin;
      /** Prefix-list CIDRs it takes traffic from. */
      cidrs: string[];
      /** `whole`: it wins for an entire prefix-list CIDR (a static route equal to it); `partial`: only for a more specific part. */
      scope: 'whole' | 'partial';
      evidence: string;
    }
  | {
      kind: 'via-nat';
      findingId: 'cost.s3-via-nat';
      routeTableId: string;
      prefixListId: string;
      natGatewayId: string;
      route: Route;
      destination: string;
      cidrs: string[];
      evidence: string;
    };

export interface GatewayRoutingAnalysis {
  routeTableId: string;
  endpointId: string;
  prefixListId: string;
  /** The `pl-… → vpce-…` route of this endpoint in this table. */
  endpointRoute?: Route;
  /** Every prefix-list CIDR reaches the endpoint. */
  ok: boolean;
  perCidr: GatewayCidrRouting[];
  issues: GatewayRoutingIssue[];
}

/**
 * For each CIDR of the service prefix list, which route wins in this table.
 * `otherPrefixLists` resolves any other prefix-list routes in the table (customer-managed lists).
 */
export function analyzeGatewayRouting(
  table: RouteTable,
  endpointId: string,
  prefixList: ManagedPrefixList,
  otherPrefixLists?: PrefixListCidrs,
): GatewayRoutingAnalysis {
  const plId = prefixList.PrefixListId;
  const cidrs = prefixList.Entries.map((e) => e.Cidr);
  const lists = new Map<string, readonly string[]>();
  if (otherPrefixLists !== undefined) {
    const entries =
      otherPrefixLists instanceof Map ? [...otherPrefixLists.entries()] : Object.entries(otherPrefixLists);
    for (const [id, c] of entries) lists.set(id, c);
  }
  lists.set(plId, cidrs);
  const compiled = compileRouteTable(table, lists);
  const rtb = table.RouteTableId;

  const plRoutes = table.Routes.filter((r) => r.DestinationPrefixListId === plId);
  const endpointRoute = plRoutes.find((r) => r.GatewayId === endpointId);
  const otherEndpointRoute = plRoutes.find(
    (r) => r.GatewayId !== endpointId && (r.GatewayId ?? '').startsWith('vpce-'),
  );

  const perCidr: GatewayCidrRouting[] = cidrs.map((cidr) => {
    const decision = selectRouteCompiled(compiled, cidr);
    const isEndpoint = (c: RouteChoice | undefined): boolean =>
      c !== undefined && endpointRoute !== undefined && c.route === endpointRoute;
    const reachesEndpoint =
      isEndpoint(decision.chosen) &&
      decision.chosen?.dropsTraffic !== true &&
      decision.moreSpecific.every((m) => m.route === endpointRoute);
    return { cidr, decision, reachesEndpoint };
  });

  const issues: GatewayRoutingIssue[] = [];
  if (endpointRoute === undefined) {
    issues.push({
      kind: 'endpoint-route-missing',
      findingId: 'gateway.route-table-not-associated',
      routeTableId: rtb,
      endpointId,
      prefixListId: plId,
      ...(otherEndpointRoute?.GatewayId !== undefined ? { otherEndpointId: otherEndpointRoute.GatewayId } : {}),
      evidence:
        `${rtb} has no route ${plId} → ${endpointId}` +
        (otherEndpointRoute?.GatewayId !== undefined ? ` (it routes ${plId} to ${otherEndpointRoute.GatewayId})` : ''),
    });
    // cost.s3-via-nat: the service's traffic falls through to a NAT gateway (usually 0.0.0.0/0).
    if (otherEndpointRoute === undefined) {
      const byRoute = new Map<Route, { choice: RouteChoice; cidrs: string[] }>();
      for (const pc of perCidr) {
        const c = pc.decision.chosen;
        if (c === undefined || c.target.kind !== 'nat') continue;
        const entry = byRoute.get(c.route) ?? { choice: c, cidrs: [] };
        entry.cidrs.push(pc.cidr);
        byRoute.set(c.route, entry);
      }
      for (const { choice, cidrs: hit } of byRoute.values()) {
        const nat = choice.target.id ?? 'nat';
        issues.push({
          kind: 'via-nat',
          findingId: 'cost.s3-via-nat',
          routeTableId: rtb,
          prefixListId: plId,
          natGatewayId: nat,
          route: choice.route,
          destination: routeDestinationLabel(choice.route),
          cidrs: hit,
          evidence: `${rtb} sends ${plId} traffic (${hit.join(', ')}) by route ${routeDestinationLabel(choice.route)} → ${nat}, a NAT gateway`,
        });
      }
    }
  } else {
    if (endpointRoute.State === 'blackhole') {
      issues.push({
        kind: 'endpoint-route-blackhole',
        routeTableId: rtb,
        endpointId,
        prefixListId: plId,
        evidence: `route ${plId} → ${endpointId} in ${rtb} is a blackhole: the endpoint no longer exists`,
      });
    }
    // PrivateLink guide "Gateway endpoints": the endpoint route wins over broader routes such as
    // 0.0.0.0/0, but a route equal to (static) or more specific than a prefix-list CIDR wins over it.
    const overrides = new Map<Route, { choice: RouteChoice; cidrs: string[]; whole: boolean }>();
    const note = (choice: RouteChoice, cidr: string, whole: boolean): void => {
      const entry = overrides.get(choice.route) ?? { choice, cidrs: [], whole: false };
      if (!entry.cidrs.includes(cidr)) entry.cidrs.push(cidr);
      entry.whole = entry.whole || whole;
      overrides.set(choice.route, entry);
    };
    for (const pc of perCidr) {
      const c = pc.decision.chosen;
      if (c !== undefined && c.route !== endpointRoute) note(c, pc.cidr, true);
      for (const m of pc.decision.moreSpecific) if (m.route !== endpointRoute) note(m, pc.cidr, false);
    }
    for (const { choice, cidrs: hit, whole } of overrides.values()) {
      const dest = routeDestinationLabel(choice.route);
      // The endpoint route matches each of its CIDRs exactly, so a route beating it for a whole CIDR has the same length.
      const how = whole ? 'equal to' : 'more specific than';
      issues.push({
        kind: 'route-overridden',
        findingId: 'gateway.route-overridden',
        routeTableId: rtb,
        endpointId,
        prefixListId: plId,
        route: choice.route,
        destination: dest,
        target: choice.target,
        origin: choice.origin,
        cidrs: hit,
        scope: whole ? 'whole' : 'partial',
        evidence: `${choice.origin} route ${dest} → ${targetLabel(choice.target)} in ${rtb} is ${how} ${plId} CIDR ${hit.join(', ')} and wins over ${plId} → ${endpointId}`,
      });
    }
  }

  return {
    routeTableId: rtb,
    endpointId,
    prefixListId: plId,
    ...(endpointRoute !== undefined ? { endpointRoute } : {}),
    ok: issues.length === 0 && perCidr.every((p) => p.reachesEndpoint),
    perCidr,
    issues,
  };
}
