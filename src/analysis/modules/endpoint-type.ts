// Is the endpoint the traffic takes of the type this path needs? Two defensible signals only:
// from inside the VPC, S3/DynamoDB traffic to the public service name meets an interface endpoint
// with private DNS off and no gateway endpoint anywhere in the VPC (nothing sends that name to
// the endpoint: a gateway was meant); or the endpoint the user named is a Gateway Load Balancer
// (or other non-service) endpoint while the service is an AWS service (PrivateLink guide:
// "Gateway endpoints", "Access AWS services through AWS PrivateLink", "Gateway Load Balancer endpoints").
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { createGatewayEndpoint, enablePrivateDns } from '../dns/fixes.js';
import { dnsNameCovers, privateDnsNamesFor } from '../dns/names.js';
import type { CheckModule, ModuleResult } from '../check-module.js';
import { createEndpointCommand } from '../endpoint/fixes.js';
import { endpointInVpc, hostnameOf } from '../dns/endpoint-facts.js';

const SERVICE_TYPES = new Set(['interface', 'gateway']);
const GONE = new Set(['deleted', 'deleting', 'failed', 'rejected', 'expired']);

/** Another interface endpoint of the same service in the VPC whose private DNS already answers for the name. */
export function privateDnsClaimant(ctx: PathContext, e: VpcEndpoint): VpcEndpoint | undefined {
  return (ctx.candidates ?? []).find(
    (o) =>
      o.VpcEndpointId !== e.VpcEndpointId &&
      o.VpcId === e.VpcId &&
      o.ServiceName === e.ServiceName &&
      o.VpcEndpointType === 'Interface' &&
      o.PrivateDnsEnabled === true &&
      !GONE.has(o.State.toLowerCase()),
  );
}

/** Is `hostname` one of the names the service's private DNS would answer for (not an endpoint-specific vpce name)? */
export function isServiceName(ctx: PathContext, e: VpcEndpoint, hostname: string): boolean {
  const detail = okValue(ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName }));
  const fromApi = [detail?.PrivateDnsName, ...(detail?.PrivateDnsNames ?? []).map((n) => n.PrivateDnsName)].filter(
    (n): n is string => typeof n === 'string' && n !== '',
  );
  const names = fromApi.length > 0 ? fromApi : privateDnsNamesFor(e.ServiceName, ctx.region);
  return names.some((pattern) => dnsNameCovers(pattern, hostname));
}

/**
 * From inside the VPC, S3/DynamoDB traffic to the public name and an interface endpoint with
 * private DNS off, no gateway endpoint and no other endpoint answering for the name: the
 * interface endpoint is never used, a gateway endpoint was meant. Undefined otherwise.
 */
export function gatewayMeant(ctx: PathContext): { endpoint: VpcEndpoint; hostname: string } | undefined {
  if (!ctx.inside || ctx.service?.gatewayCapable !== true || ctx.candidates === undefined) return undefined;
  const e = endpointInVpc(ctx);
  if (e === undefined || e.VpcEndpointType !== 'Interface' || e.PrivateDnsEnabled === true) return undefined;
  if (
    ctx.candidates.some(
      (c) => c.VpcEndpointType === 'Gateway' && c.VpcId === e.VpcId && !GONE.has(c.State.toLowerCase()),
    )
  )
    return undefined;
  if (privateDnsClaimant(ctx, e) !== undefined) return undefined;
  const hostname = hostnameOf(ctx, e);
  return isServiceName(ctx, e, hostname) ? { endpoint: e, hostname } : undefined;
}

/** The named endpoint is not of a type that serves an AWS service's API (Gateway Load Balancer, Resource, service network). */
function nonServiceEndpoint(ctx: PathContext): VpcEndpoint | undefined {
  const e = ctx.named;
  const service = ctx.service;
  if (e === null || e === undefined || service === undefined || e.VpcId !== ctx.vpcId) return undefined;
  if (!service.serviceName.startsWith(`com.amazonaws.${ctx.region}.`)) return undefined;
  return SERVICE_TYPES.has(e.VpcEndpointType.toLowerCase()) ? undefined : e;
}

function sourceRouteTableId(ctx: PathContext, vpcId: string): string | undefined {
  if (ctx.source === undefined) return undefined;
  return okValue(ctx.probe('ec2.route-table', { subnetId: ctx.source.SubnetId, vpcId }))?.RouteTable.RouteTableId;
}

function interfaceForGatewayFinding(ctx: PathContext, e: VpcEndpoint, hostname: string, vpcId: string): Finding {
  const short = ctx.service?.short ?? 'the service';
  const rtb = sourceRouteTableId(ctx, vpcId);
  return finding('endpoint.wrong-type', {
    title: `${e.VpcEndpointId} is an interface endpoint with private DNS off; ${short} traffic from ${vpcId} needs a gateway endpoint`,
    evidence: [
      `${e.VpcEndpointId} is an Interface endpoint for ${e.ServiceName} with PrivateDnsEnabled = false`,
      `the client calls ${hostname}, which resolves to ${short}'s public addresses, not to ${e.VpcEndpointId}`,
      `${vpcId} has no gateway endpoint for ${e.ServiceName} to carry that traffic by route table`,
      ...(ctx.source !== undefined
        ? [
            `the source ${ctx.source.Id} is inside ${vpcId} (${ctx.source.SubnetId}${rtb !== undefined ? `, route table ${rtb}` : ''})`,
          ]
        : []),
    ],
    fix: {
      summary:
        `Create a gateway endpoint for ${short} (free) associated with ${rtb ?? "the source subnet's route table"}: ` +
        `the public name then reaches ${short} through it, and ${e.VpcEndpointId} can stay for clients outside the VPC.`,
      commands: [
        createGatewayEndpoint({
          region: ctx.region,
          vpcId,
          serviceName: e.ServiceName,
          ...(rtb !== undefined ? { routeTableIds: [rtb] } : {}),
        }),
      ],
      alternatives: [
        {
          summary: `Or keep the paid interface endpoint and enable its private DNS (for all resolvers: there is no gateway endpoint).`,
          commands: [enablePrivateDns(e.VpcEndpointId, ctx.region, false)],
        },
        {
          summary: `Or point the client at ${e.VpcEndpointId}'s own DNS name${e.DnsEntries[0]?.DnsName ? ` (${e.DnsEntries[0].DnsName})` : ''}; no AWS command.`,
          commands: [],
        },
      ],
    },
  });
}

function nonServiceFinding(ctx: PathContext, e: VpcEndpoint, vpcId: string): Finding {
  const service = ctx.service;
  const create = createEndpointCommand(ctx, vpcId);
  const sameService = (ctx.candidates ?? []).filter((c) => c.VpcId === vpcId);
  return finding('endpoint.wrong-type', {
    title: `${e.VpcEndpointId} is a ${e.VpcEndpointType} endpoint, not an endpoint for ${service?.serviceName ?? 'the service'}`,
    evidence: [
      `${e.VpcEndpointId} is a ${e.VpcEndpointType} endpoint for ${e.ServiceName}`,
      `${service?.serviceName ?? 'the service'} is an AWS service: it is reached through an Interface${service?.gatewayCapable === true ? ' or a Gateway' : ''} endpoint for that service name`,
      sameService.length > 0
        ? `${vpcId} has endpoints for ${service?.serviceName ?? 'the service'}: ${sameService.map((c) => `${c.VpcEndpointId} (${c.VpcEndpointType})`).join(', ')}`
        : `${vpcId} has no endpoint for ${service?.serviceName ?? 'the service'}`,
    ],
    fix:
      sameService.length > 0
        ? {
            summary: `Diagnose and use ${sameService[0]?.VpcEndpointId}, the endpoint for ${service?.serviceName ?? 'the service'} in ${vpcId}, instead of ${e.VpcEndpointId}.`,
            commands: [],
          }
        : {
            summary: create?.summary ?? `Create an endpoint for ${service?.serviceName ?? 'the service'} in ${vpcId}.`,
            commands: create ? [create.command] : [],
          },
  });
}

export const endpointTypeModule: CheckModule = {
  id: 'endpoint-type',
  layer: 'endpoint',
  requires(ctx) {
    const out: ProbeRequest[] = [];
    const vpcId = ctx.vpcId;
    if (vpcId === undefined) return out;
    const e = endpointInVpc(ctx);
    if (
      ctx.inside &&
      ctx.service?.gatewayCapable === true &&
      e?.VpcEndpointType === 'Interface' &&
      e.PrivateDnsEnabled !== true
    ) {
      out.push({ key: 'ec2.vpc-endpoint-service', input: { serviceName: e.ServiceName } });
      if (ctx.source !== undefined)
        out.push({ key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId } });
    }
    if (
      nonServiceEndpoint(ctx) !== undefined &&
      ctx.inside &&
      ctx.source !== undefined &&
      ctx.service?.gatewayCapable === true
    ) {
      out.push({ key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId } });
    }
    if (nonServiceEndpoint(ctx) !== undefined && (ctx.service?.gatewayCapable !== true || !ctx.inside))
      out.push({ key: 'ec2.subnets', input: { vpcId } });
    return out;
  },
  evaluate(ctx): ModuleResult {
    const checks: Check[] = [];
    const findings: Finding[] = [];
    const vpcId = ctx.vpcId;
    if (vpcId === undefined || ctx.service === undefined || ctx.endpoint === undefined) return { checks, findings };
    const other = nonServiceEndpoint(ctx);
    if (other !== undefined) {
      checks.push({
        id: 'endpoint.type',
        layer: 'endpoint',
        status: 'fail',
        detail: `${other.VpcEndpointId} is a ${other.VpcEndpointType} endpoint; ${ctx.service.serviceName} needs an endpoint for that service`,
      });
      findings.push(nonServiceFinding(ctx, other, vpcId));
      return { checks, findings };
    }
    const meant = gatewayMeant(ctx);
    if (meant !== undefined) {
      checks.push({
        id: 'endpoint.type',
        layer: 'endpoint',
        status: 'fail',
        detail: `${meant.endpoint.VpcEndpointId} is an interface endpoint with private DNS off and ${vpcId} has no gateway endpoint for ${ctx.service.short}`,
      });
      findings.push(interfaceForGatewayFinding(ctx, meant.endpoint, meant.hostname, vpcId));
      return { checks, findings };
    }
    if (ctx.endpoint.VpcId === vpcId) {
      checks.push({
        id: 'endpoint.type',
        layer: 'endpoint',
        status: 'pass',
        detail: `${ctx.endpoint.VpcEndpointId} is a ${ctx.endpoint.VpcEndpointType} endpoint, a type that carries ${ctx.service.short} traffic`,
      });
    }
    return { checks, findings };
  },
};
