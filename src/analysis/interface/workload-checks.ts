// What the workload around an interface endpoint needs: every companion endpoint (ECR, ECS,
// SSM), the regional STS name, and a gateway endpoint where S3/DynamoDB traffic would pay for an
// interface one. The rules are ../companions/companions.ts, ../client/sts.ts and
// ../placement/cost.ts; this reads their facts and words the checks.
import type { PathContext } from '../../path/context.js';
import type { Check } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { companionEndpoints } from '../companions/companions.js';
import { stsGlobal } from '../client/sts.js';
import { hostnameOf } from '../dns/endpoint-facts.js';
import { interfaceWhereGatewayFree } from '../placement/cost.js';
import { companionNames, sourceRouteTable } from './facts.js';

export function companionCheck(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
  const service = ctx.service;
  const names = companionNames(ctx);
  if (service === undefined || names.length === 0) return { checks: [], findings: [] };
  const all: VpcEndpoint[] = [];
  for (const serviceName of names) {
    const outcome = ctx.probe('ec2.vpc-endpoints', { vpcId, serviceName });
    if (outcome?.status !== 'ok') {
      return {
        checks: [
          couldNotCheck(
            'client.companion-endpoints',
            'client',
            `the companion endpoints (${serviceName}) in ${vpcId}`,
            outcome,
          ),
        ],
        findings: [],
      };
    }
    all.push(...outcome.value);
  }
  const routeTableIds = sourceRouteTable(ctx, vpcId);
  const result = companionEndpoints(service.short, all, ctx.region, {
    vpcId,
    ...(e.VpcEndpointType === 'Interface'
      ? { subnetIds: e.SubnetIds, securityGroupIds: e.Groups.map((g) => g.GroupId) }
      : {}),
    ...(routeTableIds ? { routeTableIds } : {}),
  });
  const check: Check = {
    id: 'client.companion-endpoints',
    layer: 'client',
    status: result.finding ? 'fail' : 'pass',
    detail: result.finding
      ? `${vpcId} lacks ${result.missing.map((m) => m.serviceName).join(', ')}`
      : `${vpcId} has every endpoint ${service.short} works with: ${result.present.map((p) => p.vpcEndpointId).join(', ')}`,
  };
  return { checks: [check], findings: result.finding ? [result.finding] : [] };
}

export function stsCheck(ctx: PathContext, e: VpcEndpoint): ModuleResult {
  if (ctx.service?.short !== 'sts') return { checks: [], findings: [] };
  const hostname = hostnameOf(ctx, e);
  const result = stsGlobal(hostname, ctx.candidates ?? [e]);
  const check: Check = {
    id: 'client.sts-endpoint',
    layer: 'client',
    status: result.finding ? 'fail' : 'pass',
    detail: result.usesGlobal
      ? `the client calls ${hostname}, the global STS endpoint`
      : `the client calls ${hostname}`,
  };
  return { checks: [check], findings: result.finding ? [result.finding] : [] };
}

/** `gatewayMeant`: the endpoint-type module already says a gateway endpoint was meant. */
export function costCheck(ctx: PathContext, e: VpcEndpoint, vpcId: string, gatewayMeant: () => boolean): ModuleResult {
  const service = ctx.service;
  if (service === undefined || !service.gatewayCapable || !ctx.inside) return { checks: [], findings: [] };
  // With private DNS only for inbound resolvers, in-VPC traffic does not use the interface endpoint;
  // with private DNS off and no gateway, endpoint.wrong-type already says to create the gateway.
  if (e.DnsOptions?.PrivateDnsOnlyForInboundResolverEndpoint === true && e.PrivateDnsEnabled === true)
    return { checks: [], findings: [] };
  if (gatewayMeant()) return { checks: [], findings: [] };
  const gateway = (ctx.candidates ?? []).find((c) => c.VpcEndpointType === 'Gateway' && c.VpcId === vpcId) ?? null;
  const routeTableIds = sourceRouteTable(ctx, vpcId);
  const result = interfaceWhereGatewayFree(service.short, e, true, {
    region: ctx.region,
    gatewayEndpoint: gateway,
    ...(routeTableIds ? { routeTableIds } : {}),
  });
  if (!result.applies || result.finding === null) return { checks: [], findings: [] };
  const check: Check = {
    id: 'cost.endpoint-type',
    layer: 'cost',
    status: 'warn',
    detail: `${service.short} traffic from inside ${vpcId} goes through the interface endpoint ${e.VpcEndpointId}`,
  };
  return { checks: [check], findings: [result.finding] };
}
