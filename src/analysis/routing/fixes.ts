// The commands that fix the routing findings: the route that overrides a gateway endpoint's,
// S3/DynamoDB traffic through a NAT gateway, a broken endpoint route.
import type { PathContext } from '../../path/context.js';
import { awsCommand } from '../../findings/command.js';
import type { Fix } from '../../findings/types.js';
import type { ManagedPrefixList, Route, VpcEndpoint } from '../../probes/shapes.js';
import { createEndpointCommand } from '../endpoint/fixes.js';
import { addEndpointRouteTableCommand, deleteRouteCommand } from '../net/fixes.js';
import { routeDestinationLabel, targetLabel, type GatewayRoutingIssue } from '../net/routes.js';

export function overrideFix(ctx: PathContext, issue: Extract<GatewayRoutingIssue, { kind: 'route-overridden' }>): Fix {
  const dest = issue.destination;
  const target = targetLabel(issue.target);
  if (issue.origin === 'propagated') {
    return {
      summary: `${dest} → ${target} is propagated from the virtual private gateway (BGP or VPN static route): stop advertising it on the customer side, or narrow it so it no longer covers ${issue.cidrs.join(', ')}.`,
      commands: [],
    };
  }
  return {
    // VPC user guide "Route priority": remove the static route (or narrow it) so the endpoint's prefix-list route wins.
    summary: `Delete the route ${dest} → ${target} from ${issue.routeTableId} (or narrow it so it no longer covers ${issue.cidrs.join(', ')}); ${issue.prefixListId} → ${issue.endpointId} then carries that traffic.`,
    commands: [deleteRouteCommand(issue.routeTableId, issue.route, ctx.region)],
  };
}

/** S3/DynamoDB through a NAT gateway: the gateway endpoint's prefix-list route wins over it (VPC guide, "Route priority"). */
export function viaNatFix(
  ctx: PathContext,
  pl: ManagedPrefixList,
  rtb: string,
  route: Route,
  natId: string,
  gateway: VpcEndpoint | undefined,
): Fix {
  const service = ctx.service?.short ?? 'the service';
  if (gateway !== undefined) {
    return {
      summary: `Associate ${gateway.VpcEndpointId} with ${rtb}: ${service} traffic then takes the free gateway endpoint instead of ${natId}.`,
      commands: [addEndpointRouteTableCommand(gateway.VpcEndpointId, [rtb], ctx.region)],
    };
  }
  const create = ctx.vpcId !== undefined ? createEndpointCommand(ctx, ctx.vpcId) : undefined;
  return {
    summary: `${create?.summary ?? `Create a gateway endpoint for ${service} and associate it with ${rtb}.`} Its route (${pl.PrefixListId}) wins over ${routeDestinationLabel(route)} → ${natId} for ${service} traffic.`,
    commands: create !== undefined ? create.commands : [],
  };
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/modify-vpc-endpoint.html (--remove-route-table-ids, --add-route-table-ids)
/** A blackholed or missing endpoint route in a table the endpoint lists: re-associating recreates it. */
export function reassociateFix(endpointId: string, rtb: string, prefixListId: string, region: string): Fix {
  return {
    summary: `Re-associate ${endpointId} with ${rtb} so AWS recreates the ${prefixListId} → ${endpointId} route.`,
    commands: [
      awsCommand('ec2', 'modify-vpc-endpoint', ['--vpc-endpoint-id', endpointId, '--remove-route-table-ids', rtb], {
        region,
      }),
      addEndpointRouteTableCommand(endpointId, [rtb], region),
    ],
  };
}
