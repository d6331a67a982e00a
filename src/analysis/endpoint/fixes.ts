// The commands that fix the endpoint layer: create the endpoint this path needs, recover one that
// is not available, make a spoke resolve a hub endpoint's name.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { Finding } from '../../findings/types.js';
import type { Subnet, VpcEndpoint } from '../../probes/shapes.js';
import { awsCommand, shellVar, type FixCommand } from '../../findings/command.js';
import type { Source } from '../../probes/shapes.js';
import { createGatewayEndpoint, createInterfaceEndpoint } from '../dns/fixes.js';
import { hubZoneFor } from '../hub/fixes.js';

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

/**
 * Where a new interface endpoint's network interfaces go: the source's Availability Zone first
 * (a subnet there other than the source's own, if there is one), then other zones, up to `max`.
 */
export function endpointSubnets(subnets: readonly Subnet[], max: number, source?: Source): string[] {
  const sourceAz = source?.AvailabilityZone ?? subnets.find((s) => s.SubnetId === source?.SubnetId)?.AvailabilityZone;
  const ranked = [...subnets].sort((a, b) => {
    const rank = (s: Subnet): number =>
      (s.AvailabilityZone === sourceAz ? 0 : 2) + (s.SubnetId === source?.SubnetId ? 1 : 0);
    return rank(a) - rank(b) || a.SubnetId.localeCompare(b.SubnetId);
  });
  return subnetsPerAz(ranked, max, ranked[0]?.SubnetId);
}

/** Who a new endpoint group must admit on 443: the source's groups, else its subnet's CIDR, else its address. */
function clientPeer(
  ctx: PathContext,
  subnets: readonly Subnet[],
): { groupIds: string[] } | { cidr: string } | undefined {
  const source = ctx.source;
  if (source !== undefined && source.Groups.length > 0) return { groupIds: source.Groups.map((g) => g.GroupId) };
  const cidr = subnets.find((s) => s.SubnetId === source?.SubnetId)?.CidrBlock;
  if (cidr !== undefined) return { cidr };
  const ip = ctx.answers['source.ip'];
  return ip !== undefined && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? { cidr: `${ip}/32` } : undefined;
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-vpc-endpoint.html
/**
 * The commands that create the endpoint this path needs (PrivateLink guide: create a gateway /
 * interface endpoint). An interface endpoint gets a security group created first that admits
 * TCP 443 from the source (AWS would otherwise attach the VPC's default group), and network
 * interfaces in the source's Availability Zone.
 */
export function createEndpointCommand(
  ctx: PathContext,
  vpcId: string,
): { commands: FixCommand[]; summary: string } | undefined {
  const service = ctx.service;
  if (service === undefined) return undefined;
  if (service.gatewayCapable && ctx.inside) {
    const table = ctx.source
      ? okValue(ctx.probe('ec2.route-table', { subnetId: ctx.source.SubnetId, vpcId }))
      : undefined;
    const rtb = table?.RouteTable.RouteTableId;
    return {
      commands: [
        createGatewayEndpoint({
          region: ctx.region,
          vpcId,
          serviceName: service.serviceName,
          routeTableIds: rtb !== undefined ? [rtb] : [],
        }),
      ],
      summary:
        rtb !== undefined
          ? `Create a gateway endpoint for ${service.short} (free) and associate it with ${rtb}, the route table of ${ctx.source?.SubnetId}.`
          : `Create a gateway endpoint for ${service.short} (free), then associate it with the source subnet's route table (modify-vpc-endpoint --add-route-table-ids).`,
    };
  }
  const subnets = okValue(ctx.probe('ec2.subnets', { vpcId })) ?? [];
  const chosen = endpointSubnets(subnets, 2, ctx.source);
  if (chosen.length === 0) {
    return {
      commands: [],
      summary: `Create an interface endpoint for ${service.short} in ${vpcId} (no subnet of ${vpcId} could be listed to place it in), with a security group that admits TCP 443 from the source.`,
    };
  }
  // S3/DynamoDB interface endpoints: with a gateway endpoint in the VPC, private DNS only for
  // the inbound Resolver keeps the VPC's own traffic on the (free) gateway, and EC2 turns that
  // on by default; the option needs the gateway to exist, so without one private DNS must
  // answer every resolver and the option is given as false (PrivateLink guide, "Create an
  // interface endpoint": DNS options). Only given when needed: AWS CLI v2 before 2.13 does not
  // know the option.
  const hasGateway = (ctx.candidates ?? []).some((e) => e.VpcEndpointType === 'Gateway' && e.VpcId === vpcId);
  const peer = clientPeer(ctx, subnets);
  const groupName = `vpce-doctor-${service.short.replace(/[^A-Za-z0-9-]/g, '-')}-endpoint-${vpcId}`;
  const createGroup = awsCommand(
    'ec2',
    'create-security-group',
    [
      '--group-name',
      groupName,
      '--description',
      `HTTPS from the clients of the ${service.short} interface endpoint`,
      '--vpc-id',
      vpcId,
      '--query',
      'GroupId',
      '--output',
      'text',
    ],
    { region: ctx.region, assigns: 'SG_ID' },
  );
  const admit =
    peer === undefined
      ? []
      : [
          awsCommand(
            'ec2',
            'authorize-security-group-ingress',
            [
              '--group-id',
              shellVar('SG_ID'),
              '--ip-permissions',
              ...('groupIds' in peer
                ? peer.groupIds.map((g) => `IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${g}}]`)
                : [`IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=${peer.cidr}}]`]),
            ],
            { region: ctx.region },
          ),
        ];
  const create = createInterfaceEndpoint({
    region: ctx.region,
    vpcId,
    serviceName: service.serviceName,
    subnetIds: chosen,
    securityGroupIds: [shellVar('SG_ID')],
    ...(service.gatewayCapable && !hasGateway ? { dnsOnlyForInbound: false } : {}),
  });
  const admits =
    peer === undefined
      ? "admitting nobody yet: add an inbound rule for TCP 443 from the clients' CIDR"
      : 'groupIds' in peer
        ? `admitting TCP 443 from ${peer.groupIds.join(', ')}`
        : `admitting TCP 443 from ${peer.cidr}`;
  return {
    commands: [createGroup, ...admit, create],
    summary: `Create an interface endpoint for ${service.short} in ${vpcId} with network interfaces in ${chosen.join(', ')} and a new security group ${admits}.`,
  };
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/accept-vpc-endpoint-connections.html, …/ec2/describe-vpc-endpoints.html, …/ec2/delete-vpc-endpoints.html
export function notAvailableFix(e: VpcEndpoint, region: string): { summary: string; commands: FixCommand[] } {
  const state = e.State.toLowerCase();
  const svcId = /\.(vpce-svc-[0-9a-f]+)$/.exec(e.ServiceName)?.[1];
  if (state === 'pendingacceptance') {
    return {
      summary: `The owner of ${e.ServiceName} must accept the connection from ${e.VpcEndpointId} (run this in the service provider's account).`,
      commands:
        svcId !== undefined
          ? [
              awsCommand(
                'ec2',
                'accept-vpc-endpoint-connections',
                ['--service-id', svcId, '--vpc-endpoint-ids', e.VpcEndpointId],
                { region },
              ),
            ]
          : [],
    };
  }
  if (state === 'pending' || state === 'deleting') {
    return {
      summary: `Wait for ${e.VpcEndpointId} to leave the ${e.State} state, then run vpce-doctor again.`,
      commands: [
        awsCommand(
          'ec2',
          'describe-vpc-endpoints',
          ['--vpc-endpoint-ids', e.VpcEndpointId, '--query', 'VpcEndpoints[0].State'],
          { region },
        ),
      ],
    };
  }
  return {
    summary: `${e.VpcEndpointId} is ${e.State} and will not recover: delete it and create it again.`,
    commands: [awsCommand('ec2', 'delete-vpc-endpoints', ['--vpc-endpoint-ids', e.VpcEndpointId], { region })],
  };
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/associate-vpc-with-hosted-zone.html
// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/create-vpc-association-authorization.html
// (--hosted-zone-id <value> --vpc VPCRegion=string,VPCId=string; cross-account: the zone's account authorizes first)
export function associateZoneFix(ctx: PathContext, hub: VpcEndpoint, spoke: string, hostname: string): Finding['fix'] {
  const zone = hubZoneFor(ctx, hub, hostname);
  const resolverWay = `associate a Resolver FORWARD rule for ${hostname} (to an inbound Resolver endpoint in ${hub.VpcId}) with ${spoke}`;
  if (zone === undefined) {
    // No zone could be listed: there is no id to print, so the fix says what to find and do.
    return {
      summary: `Find the private hosted zone for ${hostname} that holds an alias record to ${hub.VpcEndpointId} (none associated with ${hub.VpcId} could be listed) and associate it with ${spoke} (aws route53 associate-vpc-with-hosted-zone); or ${resolverWay}.`,
      commands: [],
    };
  }
  const zoneId = zone.HostedZoneId.replace(/^\/hostedzone\//, '');
  const vpcArg = ['--vpc', `VPCRegion=${ctx.region},VPCId=${spoke}`];
  const associate = awsCommand('route53', 'associate-vpc-with-hosted-zone', ['--hosted-zone-id', zoneId, ...vpcArg], {
    region: ctx.region,
  });
  return {
    summary:
      `Associate ${zoneId} (${zone.Name}), the hub's private hosted zone for ${hostname}, with ${spoke}.` +
      ` If the zone belongs to another account, first run create-vpc-association-authorization in the hub account. Or ${resolverWay}.`,
    commands: [associate],
    alternatives: [
      {
        summary: `Cross-account: in the account that owns ${zoneId}, authorize ${spoke}; then associate from the spoke's account.`,
        commands: [
          awsCommand('route53', 'create-vpc-association-authorization', ['--hosted-zone-id', zoneId, ...vpcArg], {
            region: ctx.region,
          }),
          associate,
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
      awsCommand('ec2', 'describe-vpc-endpoint-services', ['--query', `ServiceNames[?contains(@, '${stem}')]`], {
        region,
      }),
    ],
  };
}
