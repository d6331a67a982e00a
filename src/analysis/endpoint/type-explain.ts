// The endpoint-type findings and their fixes: a gateway endpoint where an interface endpoint
// with private DNS off serves nobody in the VPC; the right endpoint where a non-service one is named.
import type { PathContext } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { createGatewayEndpoint, enablePrivateDns } from '../dns/fixes.js';
import { createEndpointCommand } from './fixes.js';
import { sourceRouteTableId } from './type-verdict.js';

export function interfaceForGatewayFinding(ctx: PathContext, e: VpcEndpoint, hostname: string, vpcId: string): Finding {
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
          routeTableIds: rtb !== undefined ? [rtb] : [],
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

export function nonServiceFinding(ctx: PathContext, e: VpcEndpoint, vpcId: string): Finding {
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
            commands: create ? create.commands : [],
          },
  });
}
