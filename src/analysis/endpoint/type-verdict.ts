// The verdict of the endpoint-type check. Is the endpoint the traffic takes of the type this path needs? Two defensible signals only:
// from inside the VPC, S3/DynamoDB traffic to the public service name meets an interface endpoint
// with private DNS off and no gateway endpoint anywhere in the VPC (nothing sends that name to
// the endpoint: a gateway was meant); or the endpoint the user named is a Gateway Load Balancer
// (or other non-service) endpoint while the service is an AWS service (PrivateLink guide:
// "Gateway endpoints", "Access AWS services through AWS PrivateLink", "Gateway Load Balancer endpoints").
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { dnsNameCovers, privateDnsNamesFor } from '../dns/names.js';
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
export function nonServiceEndpoint(ctx: PathContext): VpcEndpoint | undefined {
  const e = ctx.named;
  const service = ctx.service;
  if (e === null || e === undefined || service === undefined || e.VpcId !== ctx.vpcId) return undefined;
  if (!service.serviceName.startsWith(`com.amazonaws.${ctx.region}.`)) return undefined;
  return SERVICE_TYPES.has(e.VpcEndpointType.toLowerCase()) ? undefined : e;
}

export function sourceRouteTableId(ctx: PathContext, vpcId: string): string | undefined {
  if (ctx.source === undefined) return undefined;
  return okValue(ctx.probe('ec2.route-table', { subnetId: ctx.source.SubnetId, vpcId }))?.RouteTable.RouteTableId;
}
