// Is the endpoint the traffic takes of the type this path needs? Two defensible signals only:
// from inside the VPC, S3/DynamoDB traffic to the public service name meets an interface endpoint
// with private DNS off and no gateway endpoint anywhere in the VPC (nothing sends that name to
// the endpoint: a gateway was meant); or the endpoint the user named is a Gateway Load Balancer
// (or other non-service) endpoint while the service is an AWS service (PrivateLink guide:
// "Gateway endpoints", "Access AWS services through AWS PrivateLink", "Gateway Load Balancer endpoints").
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { CheckModule, ModuleResult } from '../check-module.js';
import { endpointInVpc } from '../dns/endpoint-facts.js';
import { interfaceForGatewayFinding, nonServiceFinding } from '../endpoint/type-explain.js';
import { gatewayMeant, nonServiceEndpoint } from '../endpoint/type-verdict.js';

export { gatewayMeant, isServiceName, privateDnsClaimant } from '../endpoint/type-verdict.js';

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
