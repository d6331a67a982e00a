// Where the source subnet's route table sends the service's traffic, by route priority:
// overrides of a gateway endpoint's route, a blackholed endpoint route, S3/DynamoDB traffic
// that leaves through a NAT gateway, and interface-endpoint addresses captured by a route more
// specific than `local`. Whether the table is associated with the gateway endpoint at all stays
// the gateway module's finding (gateway.route-table-not-associated). The rules live in
// src/analysis/routing/.
import type { CheckModule, ModuleResult } from '../check-module.js';
import { pathDestination } from '../network-path/path.js';
import { explainGatewayRoute, explainInterfaceRoute, explainNoEndpointRoute } from '../routing/explain.js';
import {
  gatewayRouteFacts,
  interfaceRouteFacts,
  noEndpointGatewayService,
  noEndpointRouteFacts,
  routingRequests,
} from '../routing/facts.js';
import { gatewayRouteVerdict, interfaceRouteVerdict, noEndpointRouteVerdict } from '../routing/verdict.js';

export const routingModule: CheckModule = {
  id: 'routing',
  layer: 'route',
  requires: routingRequests,
  evaluate(ctx): ModuleResult {
    const dst = pathDestination(ctx);
    if (dst?.kind === 'gateway')
      return explainGatewayRoute(ctx, gatewayRouteVerdict(gatewayRouteFacts(ctx, dst.endpoint, dst.prefixListName)));
    // A hub endpoint's route (over peering or a transit gateway) is the endpoint module's endpoint.hub check.
    if (dst?.kind === 'interface' && dst.hub !== undefined) return { checks: [], findings: [] };
    if (dst?.kind === 'interface' && ctx.inside)
      return explainInterfaceRoute(interfaceRouteVerdict(interfaceRouteFacts(ctx, dst.endpoint)));
    if (noEndpointGatewayService(ctx))
      return explainNoEndpointRoute(ctx, noEndpointRouteVerdict(noEndpointRouteFacts(ctx)));
    return { checks: [], findings: [] };
  },
};
