// Where the source subnet's route table sends the service's traffic, by route priority:
// overrides of a gateway endpoint's route, a blackholed endpoint route, S3/DynamoDB traffic
// that leaves through a NAT gateway, and interface-endpoint addresses captured by a route more
// specific than `local`. Whether the table is associated with the gateway endpoint at all stays
// the gateway module's finding (gateway.route-table-not-associated).
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { EffectiveRouteTable, ManagedPrefixList, Route, RouteTable, VpcEndpoint } from '../../probes/shapes.js';
import { overrideFix, reassociateFix, viaNatFix } from '../net/routing-fixes.js';
import {
  analyzeGatewayRouting,
  routeDestinationLabel,
  selectRoute,
  selectRoutes,
  targetLabel,
  type RouteChoice,
} from '../net/routes.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import { tableUsesEndpoint } from '../net/gateway-association.js';
import { endpointEnis, pathDestination, pathRequests, servicePrefixList } from '../network-path/path.js';

const CHECK_GATEWAY = 'route.gateway-prefix-list';
const CHECK_INTERFACE = 'route.interface-local';

/** The route table of the source's subnet, for a source inside the VPC. */
function sourceTableRequest(ctx: PathContext): ProbeRequest | undefined {
  if (!ctx.inside || ctx.source === undefined || ctx.vpcId === undefined) return undefined;
  return { key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId: ctx.vpcId } };
}

/** Traffic for the service goes by the route table (no endpoint takes it by DNS): gateway-capable service, no endpoint in the VPC. */
function noEndpointGatewayService(ctx: PathContext): boolean {
  return (
    ctx.inside && ctx.service?.gatewayCapable === true && ctx.endpoint === undefined && ctx.candidates !== undefined
  );
}

/** Customer prefix lists other routes of the table name: they can carry part of the service's CIDRs too. */
function otherPrefixListIds(table: RouteTable, servicePl: string | undefined): string[] {
  const ids = table.Routes.map((r) => r.DestinationPrefixListId).filter(
    (id): id is string => id !== undefined && id !== servicePl,
  );
  return [...new Set(ids)].sort();
}

function otherPrefixLists(
  ctx: PathContext,
  ids: readonly string[],
): { lists: Map<string, string[]>; unresolved: string[] } {
  const lists = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const id of ids) {
    const pl = okValue(ctx.probe('ec2.managed-prefix-list', { prefixListId: id }));
    if (pl == null) unresolved.push(id);
    else
      lists.set(
        id,
        pl.Entries.map((e) => e.Cidr),
      );
  }
  return { lists, unresolved };
}

function tableHow(table: EffectiveRouteTable): string {
  const rtb = table.RouteTable.RouteTableId;
  return table.Association === 'explicit'
    ? `${rtb} (explicitly associated with ${table.SubnetId})`
    : `${rtb} (the main table, used by ${table.SubnetId})`;
}

function viaNatFinding(
  ctx: PathContext,
  pl: ManagedPrefixList,
  table: EffectiveRouteTable,
  route: Route,
  natId: string,
  cidrs: readonly string[],
  gateway: VpcEndpoint | undefined,
): Finding {
  const rtb = table.RouteTable.RouteTableId;
  const service = ctx.service?.short ?? 'the service';
  return finding('cost.s3-via-nat', {
    evidence: [
      `${table.SubnetId} uses ${tableHow(table)}`,
      `${rtb} sends ${pl.PrefixListId} (${pl.PrefixListName ?? service}) traffic for ${cidrs.join(', ')} by route ${routeDestinationLabel(route)} → ${natId}, a NAT gateway`,
    ],
    fix: viaNatFix(ctx, pl, rtb, route, natId, gateway),
  });
}

function gatewayEvaluate(ctx: PathContext, gw: VpcEndpoint, prefixListName: string): ModuleResult {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const req = sourceTableRequest(ctx);
  if (req === undefined || req.key !== 'ec2.route-table') return { checks, findings };
  const tableOutcome = ctx.probe('ec2.route-table', req.input);
  if (tableOutcome?.status !== 'ok' || tableOutcome.value === null) {
    // A missing table is the gateway module's error; only a failed probe is ours to name.
    if (tableOutcome?.status !== 'ok')
      checks.push(couldNotCheck(CHECK_GATEWAY, 'route', `the route table of ${req.input.subnetId}`, tableOutcome));
    return { checks, findings };
  }
  const table = tableOutcome.value;
  const plFacts = servicePrefixList(ctx, prefixListName);
  if (!plFacts.ok) {
    checks.push(couldNotCheck(CHECK_GATEWAY, 'route', plFacts.what, plFacts.outcome));
    return { checks, findings };
  }
  const pl = plFacts.value;
  const others = otherPrefixLists(ctx, otherPrefixListIds(table.RouteTable, pl.PrefixListId));
  const analysis = analyzeGatewayRouting(table.RouteTable, gw.VpcEndpointId, pl, others.lists);
  const rtb = table.RouteTable.RouteTableId;
  const unresolvedNote =
    others.unresolved.length > 0
      ? ` (routes to ${others.unresolved.join(', ')} could not be resolved and were not weighed)`
      : '';

  if (analysis.ok) {
    checks.push({
      id: CHECK_GATEWAY,
      layer: 'route',
      status: 'pass',
      detail: `every CIDR of ${pl.PrefixListId} (${pl.Entries.map((e) => e.Cidr).join(', ')}) takes route ${pl.PrefixListId} → ${gw.VpcEndpointId} in ${tableHow(table)}${unresolvedNote}`,
    });
    return { checks, findings };
  }
  const problems = analysis.issues.map((i) => i.evidence);
  const lost = analysis.perCidr
    .filter((p) => !p.reachesEndpoint)
    .map((p) => `${p.cidr} → ${targetLabel(p.decision.target)}`);
  checks.push({
    id: CHECK_GATEWAY,
    layer: 'route',
    status: 'fail',
    detail: `in ${tableHow(table)} not every ${pl.PrefixListId} CIDR reaches ${gw.VpcEndpointId}: ${lost.join(', ')}${problems.length > 0 ? `; ${problems.join('; ')}` : ''}${unresolvedNote}`,
  });
  // The gateway module reports a table it does not see associated; a table it counts as
  // associated (RouteTableIds lists it) whose endpoint route is missing or dead is ours.
  const associatedPerGatewayModule = tableUsesEndpoint(table, gw);
  for (const issue of analysis.issues) {
    switch (issue.kind) {
      case 'route-overridden':
        findings.push(
          finding('gateway.route-overridden', {
            evidence: [`${table.SubnetId} uses ${tableHow(table)}`, issue.evidence],
            fix: overrideFix(ctx, issue),
          }),
        );
        break;
      case 'via-nat':
        findings.push(viaNatFinding(ctx, pl, table, issue.route, issue.natGatewayId, issue.cidrs, gw));
        break;
      case 'endpoint-route-missing':
      case 'endpoint-route-blackhole':
        // Decision: a blackholed (or absent) endpoint route in a table the endpoint lists means the
        // association is broken; re-associating recreates the route. Reported as
        // gateway.route-table-not-associated, the finding for "this table does not reach the endpoint".
        if (associatedPerGatewayModule) {
          findings.push(
            finding('gateway.route-table-not-associated', {
              evidence: [
                `${table.SubnetId} uses ${tableHow(table)}`,
                `${gw.VpcEndpointId} lists ${rtb} in RouteTableIds`,
                issue.evidence,
              ],
              fix: reassociateFix(gw.VpcEndpointId, rtb, pl.PrefixListId, ctx.region),
            }),
          );
        }
        break;
      default: {
        const never: never = issue;
        return never;
      }
    }
  }
  return { checks, findings };
}

/** No endpoint in the VPC for S3/DynamoDB: where does the service's traffic go instead? */
function noEndpointEvaluate(ctx: PathContext): ModuleResult {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const req = sourceTableRequest(ctx);
  const service = ctx.service;
  if (req === undefined || req.key !== 'ec2.route-table' || service === undefined) return { checks, findings };
  const tableOutcome = ctx.probe('ec2.route-table', req.input);
  if (tableOutcome?.status !== 'ok' || tableOutcome.value === null) return { checks, findings };
  const table = tableOutcome.value;
  const plFacts = servicePrefixList(ctx, service.serviceName);
  if (!plFacts.ok) {
    checks.push(couldNotCheck(CHECK_GATEWAY, 'route', plFacts.what, plFacts.outcome));
    return { checks, findings };
  }
  const pl = plFacts.value;
  const others = otherPrefixLists(ctx, otherPrefixListIds(table.RouteTable, pl.PrefixListId));
  const cidrs = pl.Entries.map((e) => e.Cidr);
  const decisions = selectRoutes(table.RouteTable, cidrs, others.lists);
  const byRoute = new Map<Route, { choice: RouteChoice; cidrs: string[] }>();
  const dropped: string[] = [];
  decisions.forEach((d, i) => {
    const c = d.chosen;
    if (c === undefined || c.dropsTraffic) {
      dropped.push(cidrs[i] as string);
      return;
    }
    const entry = byRoute.get(c.route) ?? { choice: c, cidrs: [] };
    entry.cidrs.push(cidrs[i] as string);
    byRoute.set(c.route, entry);
  });
  const where = [...byRoute.values()].map(
    (e) => `${e.cidrs.join(', ')} → ${targetLabel(e.choice.target)} (route ${routeDestinationLabel(e.choice.route)})`,
  );
  if (dropped.length > 0) where.push(`${dropped.join(', ')} → no route (dropped)`);
  checks.push({
    id: CHECK_GATEWAY,
    layer: 'route',
    status: dropped.length > 0 ? 'fail' : 'warn',
    detail: `no endpoint for ${service.serviceName} in ${ctx.vpcId}; ${tableHow(table)} sends ${pl.PrefixListId} traffic: ${where.join('; ')}`,
  });
  for (const { choice, cidrs: hit } of byRoute.values()) {
    if (choice.target.kind === 'nat' && choice.target.id !== undefined) {
      findings.push(viaNatFinding(ctx, pl, table, choice.route, choice.target.id, hit, undefined));
    }
  }
  return { checks, findings };
}

/** Interface endpoint ENIs live in the VPC: the `local` route should carry the source's traffic to them. */
function interfaceEvaluate(ctx: PathContext, endpoint: VpcEndpoint): ModuleResult {
  const checks: Check[] = [];
  const req = sourceTableRequest(ctx);
  if (req === undefined || req.key !== 'ec2.route-table') return { checks, findings: [] };
  const tableOutcome = ctx.probe('ec2.route-table', req.input);
  if (tableOutcome?.status !== 'ok') {
    checks.push(couldNotCheck(CHECK_INTERFACE, 'route', `the route table of ${req.input.subnetId}`, tableOutcome));
    return { checks, findings: [] };
  }
  if (tableOutcome.value === null) return { checks, findings: [] };
  const table = tableOutcome.value;
  const enis = endpointEnis(ctx, endpoint);
  if (!enis.ok) {
    checks.push(couldNotCheck(CHECK_INTERFACE, 'route', enis.what, enis.outcome));
    return { checks, findings: [] };
  }
  const notLocal: string[] = [];
  const local: string[] = [];
  for (const eni of enis.value.enis) {
    const d = selectRoute(table.RouteTable, eni.address);
    if (d.target.kind === 'local') local.push(eni.address);
    else
      notLocal.push(
        `${eni.address} (${eni.id}) → ${targetLabel(d.target)}${d.chosen ? ` by route ${routeDestinationLabel(d.chosen.route)}` : ''}`,
      );
  }
  checks.push(
    notLocal.length === 0
      ? {
          id: CHECK_INTERFACE,
          layer: 'route',
          status: 'pass',
          detail: `${tableHow(table)} sends ${local.join(', ')} (${endpoint.VpcEndpointId}) by the local route`,
        }
      : {
          id: CHECK_INTERFACE,
          layer: 'route',
          status: 'warn',
          detail: `${tableHow(table)} sends endpoint addresses through a route more specific than local: ${notLocal.join('; ')} (a middlebox must forward them)`,
        },
  );
  return { checks, findings: [] };
}

export const routingModule: CheckModule = {
  id: 'routing',
  layer: 'route',
  requires(ctx) {
    const out: ProbeRequest[] = [];
    const table = sourceTableRequest(ctx);
    if (table === undefined) return out;
    const dst = pathDestination(ctx);
    const gatewayPath = dst?.kind === 'gateway';
    const noEndpoint = noEndpointGatewayService(ctx);
    if (!gatewayPath && !noEndpoint && dst?.kind !== 'interface') return out;
    out.push(table, ...pathRequests(ctx));
    if (noEndpoint && ctx.service !== undefined)
      out.push({ key: 'ec2.service-prefix-list', input: { prefixListName: ctx.service.serviceName } });
    if (gatewayPath || noEndpoint) {
      const t = table.key === 'ec2.route-table' ? okValue(ctx.probe('ec2.route-table', table.input)) : undefined;
      const name = dst?.kind === 'gateway' ? dst.prefixListName : ctx.service?.serviceName;
      const pl =
        name !== undefined ? okValue(ctx.probe('ec2.service-prefix-list', { prefixListName: name })) : undefined;
      if (t != null && pl !== undefined) {
        for (const id of otherPrefixListIds(t.RouteTable, pl?.PrefixListId))
          out.push({ key: 'ec2.managed-prefix-list', input: { prefixListId: id } });
      }
    }
    return out;
  },
  evaluate(ctx): ModuleResult {
    const dst = pathDestination(ctx);
    if (dst?.kind === 'gateway') return gatewayEvaluate(ctx, dst.endpoint, dst.prefixListName);
    // A hub endpoint's route (over peering or a transit gateway) is the endpoint module's endpoint.hub check.
    if (dst?.kind === 'interface' && dst.hub !== undefined) return { checks: [], findings: [] };
    if (dst?.kind === 'interface' && ctx.inside) return interfaceEvaluate(ctx, dst.endpoint);
    if (noEndpointGatewayService(ctx)) return noEndpointEvaluate(ctx);
    return { checks: [], findings: [] };
  },
};
