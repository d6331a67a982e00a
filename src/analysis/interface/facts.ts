// What the interface-endpoint checks beyond DNS read, and the probe calls that read it: the
// interface endpoint in the source's VPC, the companion services the workload needs, the source
// subnet's route table. `requires` and the checks read through the same functions.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { companionEndpoints, groupFor } from '../companions/companions.js';
import { endpointInVpc } from '../dns/endpoint-facts.js';

/** The endpoint in the VPC the traffic enters, when it is an interface endpoint. */
export function interfaceIn(ctx: PathContext): VpcEndpoint | undefined {
  const e = endpointInVpc(ctx);
  return e?.VpcEndpointType === 'Interface' ? e : undefined;
}

/** The companion services the workload needs besides this one (ECR: ecr.api, ecr.dkr, s3 …). */
export function companionNames(ctx: PathContext): string[] {
  const service = ctx.service;
  if (service === undefined || groupFor(service.short) === null) return [];
  return companionEndpoints(service.short, [], ctx.region).required.map((r) => r.serviceName);
}

/** The route table of the source's subnet, for a fix that must name it. */
export function sourceRouteTable(ctx: PathContext, vpcId: string): string[] | undefined {
  if (!ctx.inside || ctx.source === undefined) return undefined;
  const table = okValue(ctx.probe('ec2.route-table', { subnetId: ctx.source.SubnetId, vpcId }));
  return table ? [table.RouteTable.RouteTableId] : undefined;
}

/** The calls the interface checks need: companion endpoints, the service's AZs, the VPC's subnets, the source's route table. */
export function interfaceRequests(ctx: PathContext): ProbeRequest[] {
  const out: ProbeRequest[] = [];
  const vpcId = ctx.vpcId;
  const e = endpointInVpc(ctx);
  if (vpcId === undefined || e === undefined) return out;
  const companions = companionNames(ctx);
  for (const serviceName of companions) out.push({ key: 'ec2.vpc-endpoints', input: { vpcId, serviceName } });
  const interfaceEp = interfaceIn(ctx);
  if (interfaceEp !== undefined) {
    out.push({ key: 'ec2.vpc-endpoint-service', input: { serviceName: interfaceEp.ServiceName } });
    out.push({ key: 'ec2.subnets', input: { vpcId } });
  }
  const needsRouteTable =
    (companions.length > 0 || (interfaceEp !== undefined && ctx.service?.gatewayCapable === true)) &&
    ctx.inside &&
    ctx.source !== undefined;
  if (needsRouteTable && ctx.source !== undefined)
    out.push({ key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId } });
  return out;
}
