// Gateway endpoints (S3, DynamoDB): they serve only their own VPC, and only subnets whose
// route table is associated with them (PrivateLink guide, "Gateway endpoints": routing and
// "Gateway endpoints do not allow access from on-premises networks, peered VPCs, transit
// gateways").
import type { PathContext } from '../../path/context.js';
import { okValue, vpcCidrs } from '../../path/context.js';
import { isOnPremisesKind, outsideLabel } from '../../path/source-kinds.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { tableUsesEndpoint } from '../net/gateway-association.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import { addEndpointRouteTableCommand } from '../net/fixes.js';
import { createEndpointCommand } from '../endpoint/fixes.js';

function gatewayOf(ctx: PathContext): VpcEndpoint | undefined {
  const e = ctx.endpoint;
  return e !== undefined && e.VpcEndpointType === 'Gateway' && e.VpcId === ctx.vpcId ? e : undefined;
}

function outsideDescription(ctx: PathContext): string {
  const kind = ctx.sourceKind ?? 'outside';
  const ip = ctx.answers['source.ip'];
  return `the traffic starts in ${outsideLabel(kind) ?? kind}${ip ? ` (${ip})` : ''}, outside ${ctx.vpcId}`;
}

export const gatewayModule: CheckModule = {
  id: 'gateway',
  layer: 'route',
  requires(ctx) {
    const out: ProbeRequest[] = [];
    const gw = gatewayOf(ctx);
    if (gw === undefined || ctx.vpcId === undefined) return out;
    if (ctx.inside && ctx.source !== undefined) {
      out.push({ key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId: ctx.vpcId } });
    } else {
      out.push({ key: 'ec2.vpc', input: { vpcId: ctx.vpcId } }, { key: 'ec2.subnets', input: { vpcId: ctx.vpcId } });
    }
    return out;
  },
  evaluate(ctx): ModuleResult {
    const checks: Check[] = [];
    const findings: Finding[] = [];
    const gw = gatewayOf(ctx);
    const vpcId = ctx.vpcId;
    if (gw === undefined || vpcId === undefined) return { checks, findings };

    if (!ctx.inside) {
      checks.push({
        id: 'gateway.same-vpc-source',
        layer: 'route',
        status: 'fail',
        detail: `${outsideDescription(ctx)}; ${gw.VpcEndpointId} is a gateway endpoint`,
      });
      const vpc = okValue(ctx.probe('ec2.vpc', { vpcId }));
      const evidence = [
        `${gw.VpcEndpointId} is a Gateway endpoint for ${gw.ServiceName}`,
        outsideDescription(ctx) + (vpc ? ` (${vpcCidrs(vpc).join(', ')})` : ''),
      ];
      const create = createEndpointCommand(ctx, vpcId);
      const onPrem = isOnPremisesKind(ctx.sourceKind);
      findings.push(
        finding('gateway.not-transitive', {
          evidence,
          fix: {
            summary:
              (create?.summary ??
                `Create an interface endpoint for ${ctx.service?.short ?? 'the service'} in ${vpcId}.`) +
              (onPrem
                ? ' On-premises clients must resolve its name through a Route 53 Resolver inbound endpoint in the VPC.'
                : ' The source must resolve the service name to its addresses (a private hosted zone or Resolver rule shared with the source VPC).'),
            commands: create ? create.commands : [],
          },
        }),
      );
      return { checks, findings };
    }

    const source = ctx.source;
    if (source === undefined) return { checks, findings };
    const outcome = ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId });
    if (outcome?.status !== 'ok') {
      checks.push(couldNotCheck('gateway.route-table', 'route', `the route table of ${source.SubnetId}`, outcome));
      return { checks, findings };
    }
    const table = outcome.value;
    if (table === null) {
      checks.push({
        id: 'gateway.route-table',
        layer: 'route',
        status: 'error',
        detail: `no route table found for ${source.SubnetId} (no association and no main table in ${vpcId})`,
      });
      return { checks, findings };
    }
    const rtb = table.RouteTable.RouteTableId;
    const how =
      table.Association === 'explicit'
        ? `explicitly associated with ${rtb}`
        : `not explicitly associated, so it uses the main route table ${rtb}`;
    if (tableUsesEndpoint(table, gw)) {
      checks.push({
        id: 'gateway.route-table',
        layer: 'route',
        status: 'pass',
        detail: `${source.SubnetId} is ${how}, which routes to ${gw.VpcEndpointId}`,
      });
      return { checks, findings };
    }
    checks.push({
      id: 'gateway.route-table',
      layer: 'route',
      status: 'fail',
      detail: `${source.SubnetId} is ${how}, which ${gw.VpcEndpointId} is not associated with`,
    });
    const associated = gw.RouteTableIds.length > 0 ? gw.RouteTableIds.join(', ') : 'no route table';
    findings.push(
      finding('gateway.route-table-not-associated', {
        evidence: [
          `${source.SubnetId} (of ${source.Id}) is ${how}`,
          `${gw.VpcEndpointId} is associated with ${associated}`,
          `${rtb} has no route to ${gw.VpcEndpointId}`,
        ],
        fix: {
          summary:
            `Associate ${gw.VpcEndpointId} with ${rtb}` +
            (table.Association === 'main'
              ? ` (the main table: every subnet without its own table uses it), or associate ${source.SubnetId} with a table that already routes to the endpoint.`
              : '.') +
            ' Endpoint routes cannot be added with create-route.',
          commands: [addEndpointRouteTableCommand(gw.VpcEndpointId, [rtb], ctx.region)],
        },
      }),
    );
    return { checks, findings };
  },
};
