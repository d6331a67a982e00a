// IPv4 and IPv6 on the path, in new checks of their own: an interface endpoint and a source with
// no family in common, a name without records of the family they share, and the IPv6 half of a
// dual-stack S3/DynamoDB name that a gateway endpoint's routes do not carry. IPv4-only paths ask
// no probe here and report nothing. Rules: src/analysis/address-family.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { CheckModule, ModuleResult } from '../check-module.js';
import { pathDestination } from '../network-path/path.js';
import { interfaceFamilyFacts, nat64Requests, sourceMayUseIpv6 } from '../address-family/flow.js';
import { evaluateInterface } from '../address-family/interface-check.js';
import { CHECK_GATEWAY, evaluateGateway } from '../address-family/gateway-check.js';
import { gatewayFilterRequests } from '../address-family/gateway-filters.js';

/** The interface endpoint to judge, when IPv6 is in play on either end. */
function interfaceTarget(ctx: PathContext): VpcEndpoint | undefined {
  const dst = pathDestination(ctx);
  if (!ctx.inside || ctx.source === undefined || dst?.kind !== 'interface' || dst.hub !== undefined) return undefined;
  const type = (dst.endpoint.IpAddressType ?? 'ipv4').toLowerCase();
  return sourceMayUseIpv6(ctx.source) || type !== 'ipv4' ? dst.endpoint : undefined;
}

function gatewayTarget(ctx: PathContext): VpcEndpoint | undefined {
  const dst = pathDestination(ctx);
  if (ctx.source === undefined || dst?.kind !== 'gateway' || !sourceMayUseIpv6(ctx.source)) return undefined;
  return dst.endpoint;
}

export const addressFamilyModule: CheckModule = {
  id: 'address-family',
  layer: 'endpoint',
  requires(ctx) {
    const out: ProbeRequest[] = [];
    const source = ctx.source;
    if (source === undefined) return out;
    if (sourceMayUseIpv6(source)) out.push({ key: 'ec2.subnets', input: { vpcId: source.VpcId } });
    const e = interfaceTarget(ctx);
    if (e !== undefined) {
      if (e.NetworkInterfaceIds.length > 0)
        out.push({ key: 'ec2.network-interfaces', input: { networkInterfaceIds: e.NetworkInterfaceIds } });
      out.push(...nat64Requests(ctx, e));
      const facts = interfaceFamilyFacts(ctx, e);
      if (facts?.verdict.kind === 'no-common-family' && facts.source.ipv6 && !facts.endpoint.ipv6) {
        out.push({ key: 'ec2.vpc', input: { vpcId: e.VpcId } });
        out.push({ key: 'ec2.vpc-endpoint-service', input: { serviceName: e.ServiceName } });
        // Only the fix reads the VPC's NAT gateways, to name one the 64:ff9b::/96 route can take.
        if (facts.nat64 !== undefined && facts.nat64.kind !== 'nat64' && facts.nat64.kind !== 'dns64-off')
          out.push({ key: 'ec2.nat-gateways-of-vpc', input: { vpcId: source.VpcId } });
      }
    }
    const g = gatewayTarget(ctx);
    if (g !== undefined && ctx.vpcId !== undefined) {
      out.push({ key: 'ec2.route-table', input: { subnetId: source.SubnetId, vpcId: ctx.vpcId } });
      const table = okValue(ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId: ctx.vpcId }));
      for (const r of table?.RouteTable.Routes ?? []) {
        if (r.GatewayId === g.VpcEndpointId && r.DestinationPrefixListId !== undefined)
          out.push({ key: 'ec2.managed-prefix-list', input: { prefixListId: r.DestinationPrefixListId } });
      }
      // The IPv6 half takes the endpoint: its filters are judged too (address-family/gateway-filters.ts).
      if (evaluateGateway(ctx, g).checks.some((c) => c.id === CHECK_GATEWAY && c.status === 'pass'))
        out.push(...gatewayFilterRequests(source));
    }
    return out;
  },
  evaluate(ctx): ModuleResult {
    const e = interfaceTarget(ctx);
    if (e !== undefined) return evaluateInterface(ctx, e);
    const g = gatewayTarget(ctx);
    if (g !== undefined) return evaluateGateway(ctx, g);
    return { checks: [], findings: [] };
  },
  tolerates: [
    { key: 'ec2.vpc', reason: 'only the fix reads the VPC (its IPv6 range, to place subnet ranges)' },
    { key: 'ec2.vpc-endpoint-service', reason: 'only the fix reads whether the service accepts IPv6' },
    { key: 'ec2.nat-gateways-of-vpc', reason: 'only the fix reads the NAT gateways, to name one for the NAT64 route' },
  ],
};
