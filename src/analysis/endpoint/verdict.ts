// The endpoint layer, judged: is there an endpoint for the service in the VPC the traffic enters,
// is it that VPC's own (or a hub the spoke reaches), and is it available. Facts in, a typed
// verdict out; ./explain.ts words it.
import type { PathContext } from '../../path/context.js';
import type { Check } from '../../findings/types.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { hostnameOf } from '../dns/endpoint-facts.js';
import { hubCandidate, hubDns, hubRouting, type HubDns, type HubRoute } from '../hub/verdict.js';

export type ServiceOffer =
  /** S3 and DynamoDB are offered in every Region that has VPCs: not asked. */
  | { kind: 'not-asked' }
  | { kind: 'offered' }
  | { kind: 'not-offered' }
  | { kind: 'unknown'; outcome: ProbeOutcome<unknown> | undefined };

export type HubVerdict =
  | { kind: 'unknown'; check: Check }
  | { kind: 'resolvable'; route: HubRoute; hostname: string; dns: Extract<HubDns, { kind: 'zone' | 'rule' }> }
  | { kind: 'not-resolvable'; route: HubRoute; hostname: string };

export type Placement =
  | { kind: 'hub'; hub: VpcEndpoint; verdict: HubVerdict }
  | {
      kind: 'other-vpc';
      /** The VPC's own endpoints for the service, if any. */
      sameVpc: VpcEndpoint[];
      /** A hub candidate whose addresses the spoke does not route over peering or a transit gateway. */
      notRouted: { routeTableId: string; routes: string[] } | undefined;
    }
  | { kind: 'same-vpc' }
  /** Without the VPC's own endpoints listed, a hub cannot be told from an endpoint in the wrong VPC. */
  | { kind: 'unlisted'; outcome: ProbeOutcome<unknown> | undefined };

export type EndpointVerdict =
  | { kind: 'not-judged' }
  | { kind: 'list-unknown'; vpcId: string; what: string; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'missing'; vpcId: string; offer: ServiceOffer }
  | { kind: 'present'; vpcId: string; endpoint: VpcEndpoint; placement: Placement; available: boolean };

function hubVerdict(ctx: PathContext, hub: VpcEndpoint, routing: ReturnType<typeof hubRouting>): HubVerdict {
  if (routing.kind === 'unknown') return { kind: 'unknown', check: routing.check };
  if (routing.kind === 'not-routed') throw new Error('a hub that is not routed is judged as another VPC');
  const route = routing.route;
  const hostname = hostnameOf(ctx, hub);
  const dns = hubDns(ctx, hub);
  if (dns.kind === 'unknown') return { kind: 'unknown', check: dns.check };
  if (dns.kind === 'zone' || dns.kind === 'rule') return { kind: 'resolvable', route, hostname, dns };
  return { kind: 'not-resolvable', route, hostname };
}

function placementOf(ctx: PathContext, endpoint: VpcEndpoint, vpcId: string): Placement {
  const hub = hubCandidate(ctx);
  const routing = hub !== undefined ? hubRouting(ctx, hub) : undefined;
  if (hub !== undefined && routing !== undefined && routing.kind !== 'not-routed')
    return { kind: 'hub', hub, verdict: hubVerdict(ctx, hub, routing) };
  if (endpoint.VpcId === vpcId) return { kind: 'same-vpc' };
  if (ctx.candidates === undefined) {
    const listOutcome = ctx.probe('ec2.vpc-endpoints', {
      vpcId,
      serviceName: ctx.service?.serviceName ?? endpoint.ServiceName,
    });
    return { kind: 'unlisted', outcome: listOutcome?.status === 'ok' ? undefined : listOutcome };
  }
  return {
    kind: 'other-vpc',
    sameVpc: (ctx.candidates ?? []).filter((c) => c.VpcId === vpcId),
    notRouted:
      routing?.kind === 'not-routed' ? { routeTableId: routing.routeTableId, routes: routing.routes } : undefined,
  };
}

export function endpointVerdict(ctx: PathContext): EndpointVerdict {
  const { service, vpcId } = ctx;
  if (service === undefined || vpcId === undefined) return { kind: 'not-judged' };
  const endpoint = ctx.endpoint;
  if (endpoint === undefined) {
    const namedId = ctx.answers.endpoint;
    const namedOutcome = namedId?.startsWith('vpce-')
      ? ctx.probe('ec2.vpc-endpoint', { vpcEndpointId: namedId })
      : undefined;
    if (namedOutcome !== undefined && namedOutcome.status !== 'ok')
      return { kind: 'list-unknown', vpcId, what: `endpoint ${namedId}`, outcome: namedOutcome };
    const listOutcome = ctx.probe('ec2.vpc-endpoints', { vpcId, serviceName: service.serviceName });
    if (listOutcome?.status !== 'ok')
      return { kind: 'list-unknown', vpcId, what: `the endpoints of ${vpcId}`, outcome: listOutcome };
    if (service.gatewayCapable) return { kind: 'missing', vpcId, offer: { kind: 'not-asked' } };
    const offered = ctx.probe('ec2.vpc-endpoint-service', { serviceName: service.serviceName });
    const offer: ServiceOffer =
      offered?.status !== 'ok'
        ? { kind: 'unknown', outcome: offered }
        : offered.value === null
          ? { kind: 'not-offered' }
          : { kind: 'offered' };
    return { kind: 'missing', vpcId, offer };
  }
  return {
    kind: 'present',
    vpcId,
    endpoint,
    placement: placementOf(ctx, endpoint, vpcId),
    available: endpoint.State.toLowerCase() === 'available',
  };
}
