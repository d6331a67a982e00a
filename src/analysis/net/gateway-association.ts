// Gateway endpoints serve only subnets whose route table is associated with them (PrivateLink
// guide, "Gateway endpoints": routing).
import type { EffectiveRouteTable, VpcEndpoint } from '../../probes/shapes.js';

/** Is the table associated with the gateway endpoint: listed in RouteTableIds, or carrying its route. */
export function tableUsesEndpoint(table: EffectiveRouteTable, endpoint: VpcEndpoint): boolean {
  const id = table.RouteTable.RouteTableId;
  return (
    endpoint.RouteTableIds.includes(id) || table.RouteTable.Routes.some((r) => r.GatewayId === endpoint.VpcEndpointId)
  );
}
