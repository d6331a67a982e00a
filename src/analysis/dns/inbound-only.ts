// S3/DynamoDB interface endpoints with PrivateDnsOnlyForInboundResolverEndpoint: private answers
// go only to queries through an inbound Resolver endpoint, while clients in the VPC resolve the
// public name and must reach the service through the gateway endpoint (PrivateLink guide,
// "DNS options": "routes traffic that originates from the VPC to the gateway endpoint and traffic
// that originates from on-premises to the interface endpoint"). Judged for sources inside the VPC;
// for on-premises sources dns.onprem-no-inbound-resolver already names the missing inbound endpoint.
import { addEndpointRouteTableCommand } from '../net/fixes.js';
import type { CheckId } from '../../findings/checks.js';
import type { PathContext } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { FixCommand } from '../../findings/command.js';
import { createGatewayEndpoint, createInboundResolverEndpoint, privateDnsForAllResolvers } from './fixes.js';
import { shortServiceName } from './names.js';
import { couldNotCheck, endpointsUnknown, type ModuleResult } from '../check-module.js';
import { tableUsesEndpoint } from '../net/gateway-association.js';

const GATEWAY_CAPABLE = new Set(['s3', 'dynamodb']);
const GONE = new Set(['deleted', 'deleting', 'failed', 'rejected', 'expired']);
// ACTION_NEEDED and DELETING Resolver endpoints do not answer.
const UNUSABLE = new Set(['ACTION_NEEDED', 'DELETING']);

export function inboundOnlyEndpoint(e: VpcEndpoint): boolean {
  return (
    e.VpcEndpointType === 'Interface' &&
    e.PrivateDnsEnabled === true &&
    e.DnsOptions?.PrivateDnsOnlyForInboundResolverEndpoint === true &&
    GATEWAY_CAPABLE.has(shortServiceName(e.ServiceName))
  );
}

const check = (id: CheckId, status: Check['status'], detail: string): Check => ({
  id,
  layer: 'dns',
  status,
  detail: `${detail} — reasoned from configuration`,
  basis: 'reasoned',
});

/** `gatewayServes`: the source's in-VPC traffic reaches the service through the gateway endpoint, as the inbound-only option intends. */
export function inboundOnlyCheck(
  ctx: PathContext,
  e: VpcEndpoint,
  vpcId: string,
): ModuleResult & { gatewayServes: boolean } {
  const checks: Check[] = [];
  if (!inboundOnlyEndpoint(e) || !ctx.inside || ctx.source === undefined)
    return { checks, findings: [], gatewayServes: false };
  const source = ctx.source;
  const short = shortServiceName(e.ServiceName);

  // The gateway half: the source subnet's route table must send the service's prefix list to a gateway endpoint.
  const unlisted = endpointsUnknown(ctx, 'dns.inbound-only-gateway', 'dns', `the gateway endpoints of ${vpcId}`);
  if (unlisted !== undefined)
    return { checks: [{ ...unlisted, basis: 'reasoned' }], findings: [], gatewayServes: false };
  const gateway = (ctx.candidates ?? []).find(
    (c) =>
      c.VpcEndpointType === 'Gateway' &&
      c.VpcId === vpcId &&
      c.ServiceName === e.ServiceName &&
      !GONE.has(c.State.toLowerCase()),
  );
  const tableOutcome = ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId });
  let gatewayProblem: string | undefined;
  let rtb: string | undefined;
  if (tableOutcome?.status !== 'ok') {
    checks.push({
      ...couldNotCheck('dns.inbound-only-gateway', 'dns', `the route table of ${source.SubnetId}`, tableOutcome),
      basis: 'reasoned',
    });
  } else if (tableOutcome.value === null) {
    checks.push(check('dns.inbound-only-gateway', 'error', `no route table found for ${source.SubnetId}`));
  } else {
    rtb = tableOutcome.value.RouteTable.RouteTableId;
    if (gateway === undefined)
      gatewayProblem = `${vpcId} has no gateway endpoint for ${e.ServiceName}: in-VPC ${short} traffic resolves the public name and has no endpoint to take`;
    else if (!tableUsesEndpoint(tableOutcome.value, gateway))
      gatewayProblem = `${source.SubnetId} uses route table ${rtb}, which has no route to the gateway endpoint ${gateway.VpcEndpointId}`;
    checks.push(
      check(
        'dns.inbound-only-gateway',
        gatewayProblem ? 'fail' : 'pass',
        gatewayProblem ??
          `${source.SubnetId}'s route table ${rtb} routes ${short} to the gateway endpoint ${gateway?.VpcEndpointId ?? ''}, as ${e.VpcEndpointId}'s inbound-only DNS expects`,
      ),
    );
  }

  // The inbound half: without an inbound Resolver endpoint no query ever gets the private answer.
  const epOutcome = ctx.probe('route53resolver.endpoints', { vpcId });
  let resolverProblem: string | undefined;
  if (epOutcome?.status !== 'ok') {
    checks.push({
      ...couldNotCheck('dns.inbound-only-resolver', 'dns', `the Resolver endpoints of ${vpcId}`, epOutcome),
      basis: 'reasoned',
    });
  } else {
    const inbound = epOutcome.value.filter(
      (r) => r.HostVPCId === vpcId && r.Direction === 'INBOUND' && !UNUSABLE.has(r.Status ?? ''),
    );
    if (inbound.length === 0)
      resolverProblem = `ListResolverEndpoints: no usable INBOUND endpoint in ${vpcId}, so no query gets ${e.VpcEndpointId}'s private answer`;
    checks.push(
      check(
        'dns.inbound-only-resolver',
        resolverProblem ? 'warn' : 'pass',
        resolverProblem ??
          `inbound Resolver endpoint ${inbound.map((r) => r.Id).join(', ')} in ${vpcId} serves ${e.VpcEndpointId}'s private answers`,
      ),
    );
  }
  const gatewayServes = rtb !== undefined && gatewayProblem === undefined;
  if (gatewayProblem === undefined && resolverProblem === undefined) return { checks, findings: [], gatewayServes };

  const evidence = [
    `DescribeVpcEndpoints ${e.VpcEndpointId} (${e.ServiceName}): PrivateDnsEnabled = true, DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint = true`,
    ...(gatewayProblem ? [gatewayProblem] : []),
    ...(resolverProblem ? [resolverProblem] : []),
  ];
  const commands: FixCommand[] = [];
  const parts: string[] = [];
  if (gatewayProblem !== undefined) {
    if (gateway !== undefined && rtb !== undefined) {
      commands.push(addEndpointRouteTableCommand(gateway.VpcEndpointId, [rtb], ctx.region));
      parts.push(
        `associate the gateway endpoint ${gateway.VpcEndpointId} with ${rtb}, the route table of ${source.SubnetId}`,
      );
    } else {
      commands.push(
        createGatewayEndpoint({
          region: ctx.region,
          vpcId,
          serviceName: e.ServiceName,
          routeTableIds: rtb !== undefined ? [rtb] : [],
        }),
      );
      parts.push(`create a gateway endpoint for ${short} associated with ${rtb ?? "the source subnet's route table"}`);
    }
  }
  if (resolverProblem !== undefined) {
    commands.push(
      ...createInboundResolverEndpoint({
        region: ctx.region,
        vpcId,
        subnetIds: e.SubnetIds.slice(0, 2),
      }),
    );
    parts.push(
      `create an inbound Resolver endpoint in ${vpcId} (with a new security group: add inbound TCP and UDP 53 from your on-premises DNS servers to it) and forward ${ctx.region}.amazonaws.com to it from on-premises DNS`,
    );
  }
  const summary = parts.join('; then ');
  const f: Finding = finding('dns.inbound-only-misconfigured', {
    // Only the inbound half missing: the source's own path (gateway) works, the endpoint just serves nobody.
    severity: gatewayProblem !== undefined ? 'error' : 'warning',
    title:
      gatewayProblem !== undefined
        ? `${e.VpcEndpointId} leaves in-VPC ${short} traffic to a gateway route that ${source.SubnetId} does not have`
        : `${e.VpcEndpointId} answers privately only through an inbound Resolver endpoint, and ${vpcId} has none`,
    evidence,
    fix: {
      summary: summary.charAt(0).toUpperCase() + summary.slice(1) + '.',
      commands,
      ...(gatewayProblem !== undefined
        ? {
            alternatives: [
              {
                summary: `Or let ${e.VpcEndpointId} answer every resolver: in-VPC ${short} traffic then goes through the (paid) interface endpoint.`,
                commands: [privateDnsForAllResolvers(e.VpcEndpointId, ctx.region)],
              },
            ],
          }
        : {}),
    },
  });
  return { checks, findings: [f], gatewayServes };
}
