// The routing checks and findings, in words, from their verdicts; the fix commands come from
// ./fixes.ts.
import type { PathContext } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { CheckId } from '../../findings/checks.js';
import type { Check, CheckStatus, Finding } from '../../findings/types.js';
import type { EffectiveRouteTable, ManagedPrefixList, Route, VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { overrideFix, reassociateFix, viaNatFix } from './fixes.js';
import { routeDestinationLabel, targetLabel } from '../net/routes.js';
import type { GatewayRouteVerdict, InterfaceRouteVerdict, NoEndpointRouteVerdict } from './verdict.js';

export const CHECK_GATEWAY = 'route.gateway-prefix-list';
export const CHECK_INTERFACE = 'route.interface-local';

const none = (): ModuleResult => ({ checks: [], findings: [] });

function check(id: CheckId, status: CheckStatus, detail: string): Check {
  return { id, layer: 'route', status, detail };
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

export function explainGatewayRoute(ctx: PathContext, v: GatewayRouteVerdict): ModuleResult {
  if (v.kind === 'none') return none();
  if (v.kind === 'unknown') return { checks: [couldNotCheck(CHECK_GATEWAY, 'route', v.what, v.outcome)], findings: [] };
  const { table, pl, endpoint: gw, unresolved } = v.facts;
  const { analysis } = v;
  const rtb = table.RouteTable.RouteTableId;
  const unresolvedNote =
    unresolved.length > 0 ? ` (routes to ${unresolved.join(', ')} could not be resolved and were not weighed)` : '';
  if (analysis.ok) {
    const detail = `every CIDR of ${pl.PrefixListId} (${pl.Entries.map((e) => e.Cidr).join(', ')}) takes route ${pl.PrefixListId} → ${gw.VpcEndpointId} in ${tableHow(table)}${unresolvedNote}`;
    return { checks: [check(CHECK_GATEWAY, 'pass', detail)], findings: [] };
  }
  const problems = analysis.issues.map((i) => i.evidence);
  const lost = analysis.perCidr
    .filter((p) => !p.reachesEndpoint)
    .map((p) => `${p.cidr} → ${targetLabel(p.decision.target)}`);
  const checks = [
    check(
      CHECK_GATEWAY,
      'fail',
      `in ${tableHow(table)} not every ${pl.PrefixListId} CIDR reaches ${gw.VpcEndpointId}: ${lost.join(', ')}${problems.length > 0 ? `; ${problems.join('; ')}` : ''}${unresolvedNote}`,
    ),
  ];
  const findings: Finding[] = [];
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
        // A table the endpoint does not list is the gateway module's finding.
        if (v.associated) {
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

export function explainNoEndpointRoute(ctx: PathContext, v: NoEndpointRouteVerdict): ModuleResult {
  if (v.kind === 'none') return none();
  if (v.kind === 'unknown') return { checks: [couldNotCheck(CHECK_GATEWAY, 'route', v.what, v.outcome)], findings: [] };
  const { table, pl, serviceName, vpcId } = v.facts;
  const where = v.routes.map(
    (e) => `${e.cidrs.join(', ')} → ${targetLabel(e.choice.target)} (route ${routeDestinationLabel(e.choice.route)})`,
  );
  if (v.dropped.length > 0) where.push(`${v.dropped.join(', ')} → no route (dropped)`);
  const checks = [
    check(
      CHECK_GATEWAY,
      v.dropped.length > 0 ? 'fail' : 'warn',
      `no endpoint for ${serviceName} in ${vpcId}; ${tableHow(table)} sends ${pl.PrefixListId} traffic: ${where.join('; ')}`,
    ),
  ];
  const findings: Finding[] = [];
  for (const { choice, cidrs } of v.routes) {
    if (choice.target.kind === 'nat' && choice.target.id !== undefined)
      findings.push(viaNatFinding(ctx, pl, table, choice.route, choice.target.id, cidrs, undefined));
  }
  return { checks, findings };
}

export function explainInterfaceRoute(v: InterfaceRouteVerdict): ModuleResult {
  if (v.kind === 'none') return none();
  if (v.kind === 'unknown')
    return { checks: [couldNotCheck(CHECK_INTERFACE, 'route', v.what, v.outcome)], findings: [] };
  const { table, endpointId } = v.facts;
  if (v.notLocal.length === 0)
    return {
      checks: [
        check(
          CHECK_INTERFACE,
          'pass',
          v.facts.nat64 !== undefined
            ? `${tableHow(table)} sends ${v.local.join(', ')} (${endpointId}, as DNS64 gives them) to ${v.facts.nat64} by the 64:ff9b::/96 route (NAT64)`
            : `${tableHow(table)} sends ${v.local.join(', ')} (${endpointId}) by the local route`,
        ),
      ],
      findings: [],
    };
  const captured = v.notLocal.map(
    ({ eni, decision: d }) =>
      `${eni.address} (${eni.id}) → ${targetLabel(d.target)}${d.chosen ? ` by route ${routeDestinationLabel(d.chosen.route)}` : ''}`,
  );
  return {
    checks: [
      check(
        CHECK_INTERFACE,
        'warn',
        `${tableHow(table)} sends endpoint addresses through a route more specific than local: ${captured.join('; ')} (a middlebox must forward them)`,
      ),
    ],
    findings: [],
  };
}
