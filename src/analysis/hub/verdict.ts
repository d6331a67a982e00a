// Centralized ("hub") interface endpoints: the endpoint lives in a hub VPC and spoke VPCs reach
// it over VPC peering or a transit gateway. Endpoint private DNS only answers in the endpoint's
// own VPC, so a spoke resolves the service name to the hub ENIs only through a private hosted
// zone for the name associated with the spoke (usually the hub's zone, an alias to the
// endpoint) or a Resolver FORWARD rule sending the name to the hub (PrivateLink guide:
// privatelink-access-aws-services, "centralized endpoints"; Route 53 guide: resolver rules and
// private hosted zone considerations). Routing: the spoke source subnet's route table must send
// the hub ENI addresses to a pcx-… or tgw-…. Pure: the probes are asked by the endpoint module (./requests.ts).
// This file: the facts judged into typed verdicts; ./explain.ts puts them in words.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { Check } from '../../findings/types.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { RouteTable, VpcEndpoint } from '../../probes/shapes.js';
import { isSameOrSubdomain, labelCount, normalizeName, parseServiceName } from '../dns/names.js';
import { matchResolverRule } from '../dns/resolver-rules.js';
import type { HostedZoneSummary, ResolverRule } from '../dns/types.js';
import { routeDestinationLabel, selectRoute, targetLabel } from '../net/routes.js';
import { couldNotCheck } from '../check-module.js';
import { endpointEniIps, hostnameOf } from '../dns/endpoint-facts.js';

export const CHECK_HUB = 'endpoint.hub';

/** The most specific zone among `zones` that answers the name, not a service-managed one. */
export function ownZoneFor(zones: readonly HostedZoneSummary[], hostname: string): HostedZoneSummary | undefined {
  return zones
    .filter((z) => z.Owner?.OwningService === undefined && isSameOrSubdomain(hostname, z.Name))
    .sort((a, b) => labelCount(b.Name) - labelCount(a.Name))[0];
}

export interface HubRoute {
  /** The spoke source subnet's route table. */
  routeTableId: string;
  /** Every transport the hub ENI addresses are sent to (pcx-… / tgw-…), sorted. */
  via: { kind: 'pcx' | 'tgw'; id: string }[];
  /** "10.1.3.10 → pcx-… by route 10.1.0.0/16", one per ENI address. */
  routes: string[];
}

export type HubRouting =
  | { kind: 'routed'; route: HubRoute }
  | { kind: 'not-routed'; routeTableId: string; routes: string[] }
  | { kind: 'unknown'; check: Check };

export type HubDns =
  | { kind: 'zone'; zone: HostedZoneSummary; sharedWithHub: boolean }
  | { kind: 'rule'; rule: ResolverRule }
  | { kind: 'none'; hostname: string }
  | { kind: 'unknown'; check: Check };

export const bareZoneId = (id: string): string => id.replace(/^\/hostedzone\//, '');

/**
 * The interface endpoint the user named in another VPC than the source's, when it could be a
 * hub: the source is inside a VPC we described, the spoke has no endpoint of its own for the
 * service (that one would take the traffic), and the endpoint serves an AWS service (its name
 * is what the spoke resolves). Gateway endpoints never serve another VPC.
 */
export function hubCandidate(ctx: PathContext): VpcEndpoint | undefined {
  const e = ctx.endpoint;
  const spoke = ctx.vpcId;
  if (e === undefined || spoke === undefined || !ctx.inside || ctx.source === undefined) return undefined;
  if (e.VpcId === spoke || e.VpcEndpointType !== 'Interface' || parseServiceName(e.ServiceName) === null)
    return undefined;
  if (ctx.candidates === undefined || ctx.candidates.some((c) => c.VpcId === spoke)) return undefined;
  return e;
}

export function customPrefixListIds(table: RouteTable): string[] {
  return [
    ...new Set(table.Routes.map((r) => r.DestinationPrefixListId).filter((id): id is string => id !== undefined)),
  ].sort();
}

/** Does the spoke source subnet's route table send every hub ENI address over peering or a transit gateway? */
export function hubRouting(ctx: PathContext, e: VpcEndpoint): HubRouting {
  const spoke = ctx.vpcId as string;
  const subnetId = ctx.source?.SubnetId ?? '';
  const tableOutcome = ctx.probe('ec2.route-table', { subnetId, vpcId: spoke });
  if (tableOutcome?.status !== 'ok')
    return {
      kind: 'unknown',
      check: couldNotCheck(CHECK_HUB, 'endpoint', `the route table of ${subnetId}`, tableOutcome),
    };
  if (tableOutcome.value === null) {
    return {
      kind: 'unknown',
      check: {
        id: CHECK_HUB,
        layer: 'endpoint',
        status: 'error',
        detail: `could not check the route to ${e.VpcId}: no route table applies to ${subnetId}`,
      },
    };
  }
  const table = tableOutcome.value.RouteTable;
  const enisOutcome =
    e.NetworkInterfaceIds.length > 0
      ? ctx.probe('ec2.network-interfaces', { networkInterfaceIds: e.NetworkInterfaceIds })
      : undefined;
  const ips = endpointEniIps(e, okValue(enisOutcome));
  const what = `the network interfaces of ${e.VpcEndpointId} (the addresses the spoke must route to ${e.VpcId})`;
  // Decision: without the hub ENI addresses the route cannot be judged: could-not-check, never a
  // pass, and no endpoint.other-vpc either (it would be a false alarm for a working hub).
  if (ips === undefined) return { kind: 'unknown', check: couldNotCheck(CHECK_HUB, 'endpoint', what, enisOutcome) };
  const v4 = ips.filter((ip) => !ip.includes(':'));
  if (v4.length === 0) {
    const message =
      e.NetworkInterfaceIds.length === 0
        ? `${e.VpcEndpointId} lists no network interfaces`
        : `DescribeNetworkInterfaces returned no address for ${e.NetworkInterfaceIds.join(', ')}`;
    return { kind: 'unknown', check: couldNotCheck(CHECK_HUB, 'endpoint', what, { status: 'error', message }) };
  }
  const lists = new Map<string, string[]>();
  for (const id of customPrefixListIds(table)) {
    const pl = okValue(ctx.probe('ec2.managed-prefix-list', { prefixListId: id }));
    if (pl != null)
      lists.set(
        id,
        pl.Entries.map((x) => x.Cidr),
      );
  }
  const routes: string[] = [];
  const via = new Map<string, { kind: 'pcx' | 'tgw'; id: string }>();
  let routed = true;
  for (const ip of v4) {
    const d = selectRoute(table, ip, lists);
    routes.push(
      `${ip} → ${targetLabel(d.target)}${d.chosen ? ` by route ${routeDestinationLabel(d.chosen.route)}` : ' (no route)'}`,
    );
    if ((d.target.kind === 'pcx' || d.target.kind === 'tgw') && d.target.id !== undefined)
      via.set(d.target.id, { kind: d.target.kind, id: d.target.id });
    else routed = false;
  }
  if (!routed) return { kind: 'not-routed', routeTableId: table.RouteTableId, routes };
  return {
    kind: 'routed',
    route: {
      routeTableId: table.RouteTableId,
      via: [...via.values()].sort((a, b) => a.id.localeCompare(b.id)),
      routes,
    },
  };
}

/** What makes the spoke resolve the service name to the hub: a FORWARD rule (it wins over zones), else a private hosted zone. */
export function hubDns(ctx: PathContext, e: VpcEndpoint): HubDns {
  const spoke = ctx.vpcId as string;
  const hostname = hostnameOf(ctx, e);
  const assocOutcome = ctx.probe('route53resolver.rule-associations', { vpcId: spoke });
  let rulesFailed: ProbeOutcome<unknown> | undefined | 'ok' = 'ok';
  if (assocOutcome?.status === 'ok') {
    const rules: ResolverRule[] = [];
    for (const a of assocOutcome.value) {
      const outcome = ctx.probe('route53resolver.rule', { resolverRuleId: a.ResolverRuleId });
      if (outcome?.status !== 'ok') {
        rulesFailed = outcome;
        break;
      }
      if (outcome.value !== null) rules.push(outcome.value);
    }
    if (rulesFailed === 'ok') {
      const match = matchResolverRule(hostname, rules, assocOutcome.value, spoke, ctx.region);
      if (match.matched && match.forwards) return { kind: 'rule', rule: match.winner.rule };
    }
  } else {
    rulesFailed = assocOutcome;
  }
  const zonesOutcome = ctx.probe('route53.hosted-zones-by-vpc', { vpcId: spoke, region: ctx.region });
  if (zonesOutcome?.status === 'ok') {
    const zone = ownZoneFor(zonesOutcome.value, hostname);
    // A FORWARD rule we could not read would win over the zone: unknown, not a pass.
    if (zone !== undefined && rulesFailed === 'ok') {
      const hubZones = okValue(ctx.probe('route53.hosted-zones-by-vpc', { vpcId: e.VpcId, region: ctx.region })) ?? [];
      return {
        kind: 'zone',
        zone,
        sharedWithHub: hubZones.some((z) => bareZoneId(z.HostedZoneId) === bareZoneId(zone.HostedZoneId)),
      };
    }
  }
  if (rulesFailed !== 'ok')
    return {
      kind: 'unknown',
      check: couldNotCheck(CHECK_HUB, 'dns', `the Resolver rules associated with ${spoke}`, rulesFailed),
    };
  if (zonesOutcome?.status !== 'ok')
    return {
      kind: 'unknown',
      check: couldNotCheck(CHECK_HUB, 'dns', `the private hosted zones of ${spoke}`, zonesOutcome),
    };
  return { kind: 'none', hostname: normalizeName(hostname) };
}

/** The hub endpoint a routed spoke reaches (for the network and policy checks), with how. */
export function routedHub(ctx: PathContext): { endpoint: VpcEndpoint; route: HubRoute } | undefined {
  const e = hubCandidate(ctx);
  if (e === undefined) return undefined;
  const r = hubRouting(ctx, e);
  return r.kind === 'routed' ? { endpoint: e, route: r.route } : undefined;
}
