// The commands that fix the endpoint layer: create the endpoint this path needs, recover one that
// is not available, make a spoke resolve a hub endpoint's name.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { Finding } from '../../findings/types.js';
import type { Subnet, VpcEndpoint } from '../../probes/shapes.js';
import { hubZoneFor } from '../hub/fixes.js';
import { withRegion } from '../with-region.js';

/** One subnet per Availability Zone, at most `max`, in a stable order: where to place interface ENIs. */
export function subnetsPerAz(subnets: readonly Subnet[], max: number, prefer?: string): string[] {
  const byAz = new Map<string, string>();
  const sorted = [...subnets].sort((a, b) =>
    a.SubnetId === prefer ? -1 : b.SubnetId === prefer ? 1 : a.SubnetId.localeCompare(b.SubnetId),
  );
  for (const s of sorted) {
    const az = s.AvailabilityZone ?? s.SubnetId;
    if (!byAz.has(az)) byAz.set(az, s.SubnetId);
  }
  return [...byAz.values()].slice(0, max);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-vpc-endpoint.html
/** The command that creates the endpoint this path needs (PrivateLink guide: create a gateway / interface endpoint). */
export function createEndpointCommand(
  ctx: PathContext,
  vpcId: string,
): { command: string; summary: string } | undefined {
  const service = ctx.service;
  if (service === undefined) return undefined;
  if (service.gatewayCapable && ctx.inside) {
    const table = ctx.source
      ? okValue(ctx.probe('ec2.route-table', { subnetId: ctx.source.SubnetId, vpcId }))
      : undefined;
    const rtb = table?.RouteTable.RouteTableId;
    return {
      command: withRegion(
        `aws ec2 create-vpc-endpoint --vpc-id ${vpcId} --vpc-endpoint-type Gateway --service-name ${service.serviceName}` +
          (rtb !== undefined ? ` --route-table-ids ${rtb}` : ''),
        ctx.region,
      ),
      summary:
        rtb !== undefined
          ? `Create a gateway endpoint for ${service.short} (free) and associate it with ${rtb}, the route table of ${ctx.source?.SubnetId}.`
          : `Create a gateway endpoint for ${service.short} (free) and associate it with the source subnet's route table (add --route-table-ids).`,
    };
  }
  const subnets = okValue(ctx.probe('ec2.subnets', { vpcId })) ?? [];
  const chosen = subnetsPerAz(subnets, 2, ctx.source?.SubnetId);
  const subnetArg = chosen.length > 0 ? ` --subnet-ids ${chosen.join(' ')}` : '';
  // S3/DynamoDB interface endpoints: with a gateway endpoint in the VPC, private DNS only for
  // the inbound Resolver keeps the VPC's own traffic on the (free) gateway; that option needs
  // the gateway to exist, so without one private DNS must answer every resolver
  // (PrivateLink guide, "Create an interface endpoint": DNS options).
  const hasGateway = (ctx.candidates ?? []).some((e) => e.VpcEndpointType === 'Gateway' && e.VpcId === vpcId);
  const dnsOptions = service.gatewayCapable
    ? ` --dns-options PrivateDnsOnlyForInboundResolverEndpoint=${hasGateway ? 'true' : 'false'}`
    : '';
  return {
    command: withRegion(
      `aws ec2 create-vpc-endpoint --vpc-id ${vpcId} --vpc-endpoint-type Interface --service-name ${service.serviceName}${subnetArg} --private-dns-enabled${dnsOptions}`,
      ctx.region,
    ),
    summary:
      `Create an interface endpoint for ${service.short} in ${vpcId}` +
      (chosen.length > 0
        ? ` with network interfaces in ${chosen.join(', ')}`
        : ' (add --subnet-ids, one subnet per Availability Zone)') +
      '; its security group must allow inbound TCP 443 from the source.',
  };
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/accept-vpc-endpoint-connections.html, …/ec2/describe-vpc-endpoints.html, …/ec2/delete-vpc-endpoints.html
export function notAvailableFix(e: VpcEndpoint, region: string): { summary: string; commands: string[] } {
  const state = e.State.toLowerCase();
  const svcId = /\.(vpce-svc-[0-9a-f]+)$/.exec(e.ServiceName)?.[1];
  if (state === 'pendingacceptance') {
    return {
      summary: `The owner of ${e.ServiceName} must accept the connection from ${e.VpcEndpointId} (run this in the service provider's account).`,
      commands:
        svcId !== undefined
          ? [
              withRegion(
                `aws ec2 accept-vpc-endpoint-connections --service-id ${svcId} --vpc-endpoint-ids ${e.VpcEndpointId}`,
                region,
              ),
            ]
          : [],
    };
  }
  if (state === 'pending' || state === 'deleting') {
    return {
      summary: `Wait for ${e.VpcEndpointId} to leave the ${e.State} state, then run vpce-doctor again.`,
      commands: [
        withRegion(
          `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${e.VpcEndpointId} --query 'VpcEndpoints[0].State'`,
          region,
        ),
      ],
    };
  }
  return {
    summary: `${e.VpcEndpointId} is ${e.State} and will not recover: delete it and create it again.`,
    commands: [withRegion(`aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${e.VpcEndpointId}`, region)],
  };
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/associate-vpc-with-hosted-zone.html
// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/create-vpc-association-authorization.html
// (--hosted-zone-id <value> --vpc VPCRegion=string,VPCId=string; cross-account: the zone's account authorizes first)
export function associateZoneFix(ctx: PathContext, hub: VpcEndpoint, spoke: string, hostname: string): Finding['fix'] {
  const zone = hubZoneFor(ctx, hub, hostname);
  const zoneId = zone !== undefined ? zone.HostedZoneId.replace(/^\/hostedzone\//, '') : '<hub-zone-id>';
  const vpcArg = `--vpc VPCRegion=${ctx.region},VPCId=${spoke}`;
  const summary =
    (zone !== undefined
      ? `Associate ${zoneId} (${zone.Name}), the hub's private hosted zone for ${hostname}, with ${spoke}.`
      : `Associate the hub's private hosted zone for ${hostname} (an alias record to ${hub.VpcEndpointId}; none associated with ${hub.VpcId} could be listed, so its id is a placeholder) with ${spoke}.`) +
    ` If the zone belongs to another account, first run create-vpc-association-authorization in the hub account. Or associate a Resolver FORWARD rule for ${hostname} (to an inbound Resolver endpoint in ${hub.VpcId}) with ${spoke}.`;
  return {
    summary,
    commands: [
      withRegion(`aws route53 associate-vpc-with-hosted-zone --hosted-zone-id ${zoneId} ${vpcArg}`, ctx.region),
    ],
    alternatives: [
      {
        summary: `Cross-account: in the account that owns ${zoneId}, authorize ${spoke}; then associate from the spoke's account.`,
        commands: [
          withRegion(
            `aws route53 create-vpc-association-authorization --hosted-zone-id ${zoneId} ${vpcArg}`,
            ctx.region,
          ),
          withRegion(`aws route53 associate-vpc-with-hosted-zone --hosted-zone-id ${zoneId} ${vpcArg}`, ctx.region),
        ],
      },
    ],
  };
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/describe-vpc-endpoint-services.html
/** The Region offers no endpoint service by that name: go another way, or find the real name. */
export function noPrivateLinkFix(short: string, vpcId: string, region: string): Finding['fix'] {
  // A short stem finds the real name behind a typo ("secretmanager" → secretsmanager).
  const stem = (short.split(/[.-]/)[0] ?? short).slice(0, 6);
  return {
    summary:
      `Reach ${short} from ${vpcId} through a NAT gateway or an HTTPS proxy, or check the name ` +
      `(the command lists the endpoint services of ${region} whose name contains "${stem}").`,
    commands: [
      withRegion(`aws ec2 describe-vpc-endpoint-services --query "ServiceNames[?contains(@, '${stem}')]"`, region),
    ],
  };
}
