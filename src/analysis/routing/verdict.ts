// The route layer, judged: which route of the source subnet's table carries the service's
// traffic. For a gateway endpoint, does every prefix-list CIDR reach it; with no endpoint, where
// S3/DynamoDB traffic goes instead; for an interface endpoint, does `local` carry its addresses.
// Facts in (./facts.ts), a typed verdict out; ./explain.ts words it.
import type { Route } from '../../probes/shapes.js';
import { tableUsesEndpoint } from '../net/gateway-association.js';
import {
  analyzeGatewayRouting,
  selectRoute,
  selectRoutes,
  type GatewayRoutingAnalysis,
  type RouteChoice,
  type RouteDecision,
} from '../net/routes.js';
import type { EndpointEni } from '../network-path/path.js';
import type { GatewayRouteFacts, InterfaceRouteFacts, NoEndpointRouteFacts } from './facts.js';

type Read<F> = Extract<F, { kind: 'read' }>;

export type GatewayRouteVerdict =
  | Exclude<GatewayRouteFacts, { kind: 'read' }>
  | {
      kind: 'judged';
      facts: Read<GatewayRouteFacts>;
      analysis: GatewayRoutingAnalysis;
      /** The endpoint lists the table in RouteTableIds (the gateway module then reports no association problem). */
      associated: boolean;
    };

export type NoEndpointRouteVerdict =
  | Exclude<NoEndpointRouteFacts, { kind: 'read' }>
  | {
      kind: 'judged';
      facts: Read<NoEndpointRouteFacts>;
      /** Each route that carries part of the prefix list, with the CIDRs it takes. */
      routes: { choice: RouteChoice; cidrs: string[] }[];
      /** CIDRs no route carries, or a blackhole drops. */
      dropped: string[];
    };

export type InterfaceRouteVerdict =
  | Exclude<InterfaceRouteFacts, { kind: 'read' }>
  | {
      kind: 'judged';
      facts: Read<InterfaceRouteFacts>;
      local: string[];
      /** Endpoint addresses a route more specific than `local` captures. */
      notLocal: { eni: EndpointEni; decision: RouteDecision }[];
    };

export function gatewayRouteVerdict(facts: GatewayRouteFacts): GatewayRouteVerdict {
  if (facts.kind !== 'read') return facts;
  const { table, endpoint, pl, lists } = facts;
  return {
    kind: 'judged',
    facts,
    analysis: analyzeGatewayRouting(table.RouteTable, endpoint.VpcEndpointId, pl, lists),
    associated: tableUsesEndpoint(table, endpoint),
  };
}

export function noEndpointRouteVerdict(facts: NoEndpointRouteFacts): NoEndpointRouteVerdict {
  if (facts.kind !== 'read') return facts;
  const cidrs = facts.pl.Entries.map((e) => e.Cidr);
  const byRoute = new Map<Route, { choice: RouteChoice; cidrs: string[] }>();
  const dropped: string[] = [];
  selectRoutes(facts.table.RouteTable, cidrs, facts.lists).forEach((d, i) => {
    const cidr = cidrs[i] as string;
    const c = d.chosen;
    if (c === undefined || c.dropsTraffic) {
      dropped.push(cidr);
      return;
    }
    const entry = byRoute.get(c.route) ?? { choice: c, cidrs: [] };
    entry.cidrs.push(cidr);
    byRoute.set(c.route, entry);
  });
  return { kind: 'judged', facts, routes: [...byRoute.values()], dropped };
}

export function interfaceRouteVerdict(facts: InterfaceRouteFacts): InterfaceRouteVerdict {
  if (facts.kind !== 'read') return facts;
  const local: string[] = [];
  const notLocal: { eni: EndpointEni; decision: RouteDecision }[] = [];
  for (const eni of facts.enis) {
    const decision = selectRoute(facts.table.RouteTable, eni.address);
    const translated =
      facts.nat64 !== undefined && decision.target.kind === 'nat' && decision.target.id === facts.nat64;
    if (decision.target.kind === 'local' || translated) local.push(eni.address);
    else notLocal.push({ eni, decision });
  }
  return { kind: 'judged', facts, local, notLocal };
}
