// When an interface's own fields name no owner, the VPC's endpoints and NAT gateways may still
// list it by id: DescribeVpcEndpoints (NetworkInterfaceIds) and DescribeNatGateways
// (NatGatewayAddresses[].NetworkInterfaceId) say which one it belongs to.
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { NatGateway } from '../../probes/specs/whois.js';
import type { Owner } from './owner.js';

export function ownerFromVpcResources(
  networkInterfaceId: string,
  endpoints: readonly VpcEndpoint[],
  natGateways: readonly NatGateway[],
): Owner | undefined {
  const endpoint = endpoints.find((e) => e.NetworkInterfaceIds.includes(networkInterfaceId));
  if (endpoint !== undefined) {
    const gwlb = endpoint.VpcEndpointType === 'GatewayLoadBalancer';
    return {
      kind: gwlb ? 'gateway-load-balancer-endpoint' : 'vpc-endpoint',
      label: `${gwlb ? 'Gateway Load Balancer endpoint' : 'VPC endpoint'} ${endpoint.VpcEndpointId}`,
      resource: endpoint.VpcEndpointId,
      basis: [`DescribeVpcEndpoints: ${endpoint.VpcEndpointId} lists ${networkInterfaceId}`],
      notes: [],
      lookup: { kind: 'vpc-endpoint', vpcEndpointId: endpoint.VpcEndpointId },
    };
  }
  const nat = natGateways.find((n) => n.NatGatewayAddresses.some((a) => a.NetworkInterfaceId === networkInterfaceId));
  if (nat !== undefined) {
    return {
      kind: 'nat-gateway',
      label: `NAT gateway ${nat.NatGatewayId}`,
      resource: nat.NatGatewayId,
      basis: [`DescribeNatGateways: ${nat.NatGatewayId} lists ${networkInterfaceId}`],
      notes: [],
      lookup: { kind: 'nat-gateway', natGatewayId: nat.NatGatewayId },
    };
  }
  return undefined;
}
