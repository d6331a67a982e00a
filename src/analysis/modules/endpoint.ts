// Where the request goes before the endpoint: does an endpoint exist for the service in the
// VPC the traffic enters, is it the one in the source's VPC (or a hub it reaches), and is it
// available. The rules live in src/analysis/endpoint/.
import type { ProbeRequest } from '../../probes/contract.js';
import type { CheckModule, ModuleResult } from '../check-module.js';
import { explainEndpoint } from '../endpoint/explain.js';
import { associateZoneFix, createEndpointCommand } from '../endpoint/fixes.js';
import { endpointVerdict } from '../endpoint/verdict.js';
import { hubRequests } from '../hub/requests.js';

export const endpointModule: CheckModule = {
  id: 'endpoint',
  layer: 'endpoint',
  requires(ctx) {
    const out: ProbeRequest[] = [];
    if (ctx.vpcId === undefined || ctx.service === undefined) return out;
    out.push({ key: 'ec2.vpc', input: { vpcId: ctx.vpcId } });
    const interfaceNeeded = !ctx.service.gatewayCapable || !ctx.inside;
    // No endpoint at all for a service without gateway endpoints: does the Region offer it?
    // (S3 and DynamoDB are offered in every Region that has VPCs.)
    if (ctx.endpoint === undefined && !ctx.service.gatewayCapable && ctx.candidates !== undefined) {
      out.push({ key: 'ec2.vpc-endpoint-service', input: { serviceName: ctx.service.serviceName } });
    }
    if (ctx.endpoint === undefined || ctx.endpoint.VpcId !== ctx.vpcId) {
      if (ctx.inside && ctx.source !== undefined && ctx.service.gatewayCapable) {
        out.push({ key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId: ctx.vpcId } });
      }
      if (interfaceNeeded) out.push({ key: 'ec2.subnets', input: { vpcId: ctx.vpcId } });
      out.push(...hubRequests(ctx));
    }
    return out;
  },
  evaluate(ctx): ModuleResult {
    const vpcId = ctx.vpcId ?? '';
    return explainEndpoint(endpointVerdict(ctx), {
      region: ctx.region,
      serviceName: ctx.service?.serviceName ?? '',
      serviceShort: ctx.service?.short ?? '',
      inside: ctx.inside,
      source: ctx.source !== undefined ? { id: ctx.source.Id, subnetId: ctx.source.SubnetId } : undefined,
      create: () => createEndpointCommand(ctx, vpcId),
      associateZone: (hub, spoke, hostname) => associateZoneFix(ctx, hub, spoke, hostname),
    });
  },
};
