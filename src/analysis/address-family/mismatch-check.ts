// An IPv6-only source and an IPv4-only interface endpoint (or the reverse): no family in common.
// NAT64 joins them when DNS64 and the 64:ff9b::/96 route are both there (a pass); half of it set
// up, or none, is endpoint.ip-family-mismatch with the fix that applies (./nat64-fixes.ts).
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { subnetFamilies } from './facts.js';
import type { InterfaceFamilyFacts } from './flow.js';
import { mismatchEvidence, nat64Evidence } from './explain.js';
import { nat64Fix, withNat64 } from './nat64-fixes.js';
import { NAT64_PREFIX } from './nat64.js';
import { assignIpv6AddressCommand, dualStackEndpointFix } from './fixes.js';

const CHECK_INTERFACE = 'family.interface-endpoint';

function mismatchFix(ctx: PathContext, e: VpcEndpoint, facts: InterfaceFamilyFacts): Finding['fix'] {
  const source = ctx.source;
  const subnets = okValue(ctx.probe('ec2.subnets', { vpcId: e.VpcId })) ?? [];
  if (facts.source.ipv6 && !facts.endpoint.ipv6) {
    const service = okValue(ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName }));
    const types = service?.SupportedIpAddressTypes?.map((t) => t.toLowerCase());
    return dualStackEndpointFix({
      endpointId: e.VpcEndpointId,
      service: ctx.service?.short ?? e.ServiceName,
      region: ctx.region,
      endpointSubnets: subnets.filter((s) => e.SubnetIds.includes(s.SubnetId)),
      missingSubnets: e.SubnetIds.filter((id) => !subnets.some((s) => s.SubnetId === id)),
      vpcId: e.VpcId,
      vpc: okValue(ctx.probe('ec2.vpc', { vpcId: e.VpcId })) ?? undefined,
      vpcSubnets: subnets,
      supportsIpv6: types === undefined ? undefined : types.includes('ipv6'),
    });
  }
  // An IPv4-only source and an IPv6-only endpoint: give the source an IPv6 address where its subnet has a range.
  const subnet = subnets.find((s) => s.SubnetId === source?.SubnetId);
  const eni = source?.Kind === 'eni' ? source.Id : source?.NetworkInterfaceIds[0];
  if (subnet !== undefined && subnetFamilies(subnet).ipv6 !== undefined && eni !== undefined) {
    return {
      summary: `${e.VpcEndpointId} answers on IPv6 only: give ${source?.Id} an IPv6 address from ${subnet.SubnetId}'s range so it can reach the endpoint.`,
      commands: [assignIpv6AddressCommand(eni, ctx.region)],
    };
  }
  return {
    summary: `${e.VpcEndpointId} answers on IPv6 only (its subnets are IPv6-only): run the source in a dual-stack subnet, or create a dual-stack endpoint for it in subnets with both ranges.`,
    commands: [],
  };
}

export function evaluateMismatch(ctx: PathContext, e: VpcEndpoint, facts: InterfaceFamilyFacts): ModuleResult {
  const source = ctx.source;
  if (source === undefined) return { checks: [], findings: [] };
  const n = facts.nat64;
  if (n?.kind === 'unknown')
    return {
      checks: [
        couldNotCheck(CHECK_INTERFACE, 'endpoint', `whether DNS64 and NAT64 carry ${source.Id} to ${e.VpcEndpointId}`, {
          status: 'error',
          message: `${n.what} could not be read`,
        }),
      ],
      findings: [],
    };
  if (n?.kind === 'nat64') {
    const p = n.path;
    const detail = `${facts.source.how}; ${facts.endpoint.how}: ${source.SubnetId} has DNS64 on and ${p.routeTableId} sends ${NAT64_PREFIX} to ${p.natGatewayId}, so the source reaches the endpoint through NAT64, from ${p.natGatewayId}'s address ${p.address}`;
    return { checks: [{ id: CHECK_INTERFACE, layer: 'endpoint', status: 'pass', detail }], findings: [] };
  }
  const rtb = okValue(ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId: source.VpcId }))?.RouteTable
    .RouteTableId;
  const evidence = [
    ...mismatchEvidence(facts.source, facts.endpoint),
    ...(n !== undefined ? nat64Evidence(n, source.SubnetId, rtb) : []),
  ];
  const base = mismatchFix(ctx, e, facts);
  const fix =
    n === undefined
      ? base
      : withNat64(
          base,
          nat64Fix({
            v: n,
            subnetId: source.SubnetId,
            routeTableId: rtb,
            nats: okValue(ctx.probe('ec2.nat-gateways-of-vpc', { vpcId: source.VpcId })),
            endpointId: e.VpcEndpointId,
            region: ctx.region,
          }),
        );
  return {
    checks: [{ id: CHECK_INTERFACE, layer: 'endpoint', status: 'fail', detail: evidence.join('; ') }],
    findings: [finding('endpoint.ip-family-mismatch', { evidence, fix })],
  };
}
