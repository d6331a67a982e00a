// Interface endpoints beyond DNS: is there an endpoint ENI in the source's AZ (a warning, cross-AZ
// works), does the workload have every companion endpoint it needs (ECR, ECS, SSM), does the
// client call the global STS name a regional endpoint does not serve, and does S3/DynamoDB traffic
// pay for an interface endpoint where a gateway endpoint is free.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { azCoverage } from '../placement/az-coverage.js';
import { companionEndpoints, groupFor } from '../companions/companions.js';
import { interfaceWhereGatewayFree } from '../placement/cost.js';
import { serviceAzPlacement } from '../placement/service-azs.js';
import { stsGlobal } from '../client/sts.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import { endpointInVpc, hostnameOf } from '../dns/endpoint-facts.js';
import { gatewayMeant } from './endpoint-type.js';

function interfaceIn(ctx: PathContext): VpcEndpoint | undefined {
  const e = endpointInVpc(ctx);
  return e?.VpcEndpointType === 'Interface' ? e : undefined;
}

/** The companion services the workload needs besides this one (ECR: ecr.api, ecr.dkr, s3 …). */
function companionNames(ctx: PathContext): string[] {
  const service = ctx.service;
  if (service === undefined || groupFor(service.short) === null) return [];
  return companionEndpoints(service.short, [], ctx.region).required.map((r) => r.serviceName);
}

function sourceRouteTable(ctx: PathContext, vpcId: string): string[] | undefined {
  if (!ctx.inside || ctx.source === undefined) return undefined;
  const table = okValue(ctx.probe('ec2.route-table', { subnetId: ctx.source.SubnetId, vpcId }));
  return table ? [table.RouteTable.RouteTableId] : undefined;
}

function azCheck(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
  const sourceAz = ctx.source?.AvailabilityZone;
  if (!ctx.inside || sourceAz === undefined) return { checks: [], findings: [] };
  const subnetsOutcome = ctx.probe('ec2.subnets', { vpcId });
  if (subnetsOutcome?.status !== 'ok') {
    return {
      checks: [
        couldNotCheck(
          'interface.az-coverage',
          'endpoint',
          `the Availability Zones of ${e.VpcEndpointId}'s subnets`,
          subnetsOutcome,
        ),
      ],
      findings: [],
    };
  }
  const vpcSubnets = subnetsOutcome.value;
  const endpointSubnets = vpcSubnets.filter((s) => e.SubnetIds.includes(s.SubnetId));
  const serviceAzs = okValue(ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName }))?.AvailabilityZones;
  const result = azCoverage(sourceAz, endpointSubnets, {
    endpoint: e,
    vpcSubnets,
    region: ctx.region,
    ...(serviceAzs ? { serviceAzs } : {}),
  });
  const check: Check = {
    id: 'interface.az-coverage',
    layer: 'endpoint',
    status: result.covered ? 'pass' : 'warn',
    detail: result.covered
      ? `${e.VpcEndpointId} has a network interface in ${sourceAz}, the source's AZ`
      : `${e.VpcEndpointId} is in ${result.endpointAzs.join(', ') || 'no AZ'}; the source is in ${sourceAz} (works cross-AZ)`,
  };
  return { checks: [check], findings: result.finding ? [result.finding] : [] };
}

/** Are the endpoint's subnets in AZs the endpoint service is offered in (any source: the endpoint itself is misplaced)? */
function serviceAzCheck(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
  const serviceOutcome = ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName });
  const serviceAzs = okValue(serviceOutcome)?.AvailabilityZones;
  if (serviceOutcome?.status !== 'ok') {
    return {
      checks: [
        couldNotCheck(
          'interface.service-azs',
          'endpoint',
          `the Availability Zones ${e.ServiceName} is offered in`,
          serviceOutcome,
        ),
      ],
      findings: [],
    };
  }
  // Not offered in the Region at all is service.no-privatelink's case; no AZ list, nothing to compare.
  if (serviceAzs === undefined || serviceOutcome.value === null) return { checks: [], findings: [] };
  const subnetsOutcome = ctx.probe('ec2.subnets', { vpcId });
  if (subnetsOutcome?.status !== 'ok') {
    return {
      checks: [
        couldNotCheck(
          'interface.service-azs',
          'endpoint',
          `the Availability Zones of ${e.VpcEndpointId}'s subnets`,
          subnetsOutcome,
        ),
      ],
      findings: [],
    };
  }
  const result = serviceAzPlacement(e, subnetsOutcome.value, serviceAzs, ctx.region);
  const check: Check = {
    id: 'interface.service-azs',
    layer: 'endpoint',
    status: result.finding === null ? 'pass' : result.finding.severity === 'error' ? 'fail' : 'warn',
    detail:
      result.finding === null
        ? `every subnet of ${e.VpcEndpointId} is in an Availability Zone ${e.ServiceName} is offered in`
        : `${result.unsupported.map((s) => `${s.SubnetId} (${s.AvailabilityZone ?? '?'})`).join(', ')} of ${e.VpcEndpointId} ${result.unsupported.length === 1 ? 'is' : 'are'} outside the AZs ${e.ServiceName} is offered in`,
  };
  return { checks: [check], findings: result.finding ? [result.finding] : [] };
}

function companionCheck(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
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

function stsCheck(ctx: PathContext, e: VpcEndpoint): ModuleResult {
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

function costCheck(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
  const service = ctx.service;
  if (service === undefined || !service.gatewayCapable || !ctx.inside) return { checks: [], findings: [] };
  // With private DNS only for inbound resolvers, in-VPC traffic does not use the interface endpoint;
  // with private DNS off and no gateway, endpoint.wrong-type already says to create the gateway.
  if (e.DnsOptions?.PrivateDnsOnlyForInboundResolverEndpoint === true && e.PrivateDnsEnabled === true)
    return { checks: [], findings: [] };
  if (gatewayMeant(ctx) !== undefined) return { checks: [], findings: [] };
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

export const interfaceModule: CheckModule = {
  id: 'interface',
  layer: 'endpoint',
  requires(ctx) {
    const out: ProbeRequest[] = [];
    const vpcId = ctx.vpcId;
    const e = endpointInVpc(ctx);
    if (vpcId === undefined || e === undefined) return out;
    for (const serviceName of companionNames(ctx))
      out.push({ key: 'ec2.vpc-endpoints', input: { vpcId, serviceName } });
    const interfaceEp = interfaceIn(ctx);
    if (interfaceEp !== undefined) {
      out.push({ key: 'ec2.vpc-endpoint-service', input: { serviceName: interfaceEp.ServiceName } });
      out.push({ key: 'ec2.subnets', input: { vpcId } });
    }
    const needsRouteTable =
      (companionNames(ctx).length > 0 || (interfaceEp !== undefined && ctx.service?.gatewayCapable === true)) &&
      ctx.inside &&
      ctx.source !== undefined;
    if (needsRouteTable && ctx.source !== undefined)
      out.push({ key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId } });
    return out;
  },
  evaluate(ctx): ModuleResult {
    const checks: Check[] = [];
    const findings: Finding[] = [];
    const vpcId = ctx.vpcId;
    const e = endpointInVpc(ctx);
    if (vpcId === undefined || e === undefined) return { checks, findings };
    const parts: ModuleResult[] = [companionCheck(ctx, e, vpcId)];
    const interfaceEp = interfaceIn(ctx);
    if (interfaceEp !== undefined)
      parts.push(
        serviceAzCheck(ctx, interfaceEp, vpcId),
        azCheck(ctx, interfaceEp, vpcId),
        stsCheck(ctx, interfaceEp),
        costCheck(ctx, interfaceEp, vpcId),
      );
    for (const p of parts) {
      checks.push(...p.checks);
      findings.push(...p.findings);
    }
    return { checks, findings };
  },
};
