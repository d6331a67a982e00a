// Where the request goes before the endpoint: does an endpoint exist for the service in the
// VPC the traffic enters, is it the one in the source's VPC, and is it available.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { Subnet, VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import { withRegion } from '../with-region.js';
import { hostnameOf } from '../dns/endpoint-facts.js';
import {
  CHECK_HUB,
  describeHubDns,
  hubCandidate,
  hubDns,
  hubRequests,
  hubRouting,
  hubZoneFor,
  viaLabel,
  type HubRoute,
} from '../hub/hub.js';

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

function describe(e: VpcEndpoint): string {
  return `${e.VpcEndpointId} (${e.VpcEndpointType}, ${e.State}) in ${e.VpcId}`;
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/accept-vpc-endpoint-connections.html, …/ec2/describe-vpc-endpoints.html, …/ec2/delete-vpc-endpoints.html
function notAvailableFix(e: VpcEndpoint, region: string): { summary: string; commands: string[] } {
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
function associateZoneFix(ctx: PathContext, hub: VpcEndpoint, spoke: string, hostname: string): Finding['fix'] {
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

/** A routed (or not yet judgeable) hub endpoint: pass, dns.hub-not-resolvable, or could-not-check. */
function judgeHub(
  ctx: PathContext,
  hub: VpcEndpoint,
  spoke: string,
  routing: Exclude<ReturnType<typeof hubRouting>, { kind: 'not-routed' }>,
): ModuleResult {
  if (routing.kind === 'unknown') return { checks: [routing.check], findings: [] };
  const route: HubRoute = routing.route;
  const hostname = hostnameOf(ctx, hub);
  const dns = hubDns(ctx, hub);
  const routeText = `${route.routeTableId}, the route table of ${ctx.source?.SubnetId ?? 'the source subnet'}, sends ${route.routes.join('; ')}`;
  if (dns.kind === 'unknown') return { checks: [dns.check], findings: [] };
  if (dns.kind === 'zone' || dns.kind === 'rule') {
    return {
      checks: [
        {
          id: CHECK_HUB,
          layer: 'endpoint',
          status: 'pass',
          detail: `${hub.VpcEndpointId} is a hub endpoint in ${hub.VpcId}, reached from ${spoke} over ${viaLabel(route)}: ${describeHubDns(dns, spoke, hostname)}; ${routeText} — reasoned from configuration`,
          basis: 'reasoned',
        },
      ],
      findings: [],
    };
  }
  return {
    checks: [
      {
        id: CHECK_HUB,
        layer: 'endpoint',
        status: 'fail',
        detail: `${spoke} routes to hub endpoint ${hub.VpcEndpointId} in ${hub.VpcId} over ${viaLabel(route)}, but no private hosted zone or FORWARD rule associated with ${spoke} answers ${hostname} — reasoned from configuration`,
        basis: 'reasoned',
      },
    ],
    findings: [
      finding('dns.hub-not-resolvable', {
        evidence: [
          `${hub.VpcEndpointId} belongs to ${hub.VpcId}; the source ${ctx.source?.Id ?? ''} is in ${spoke}`,
          routeText,
          `no private hosted zone associated with ${spoke} is named ${hostname} or a parent of it, and no Resolver FORWARD rule associated with ${spoke} matches it`,
          `${hub.VpcEndpointId}'s private DNS answers only inside ${hub.VpcId}: ${spoke} resolves ${hostname} to the service's public addresses`,
        ],
        fix: associateZoneFix(ctx, hub, spoke, hostname),
      }),
    ],
  };
}

export const endpointModule: CheckModule = {
  id: 'endpoint',
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
    const checks: Check[] = [];
    const findings: Finding[] = [];
    const { service, vpcId } = ctx;
    if (service === undefined || vpcId === undefined) return { checks, findings };
    const listOutcome = ctx.probe('ec2.vpc-endpoints', { vpcId, serviceName: service.serviceName });
    const endpoint = ctx.endpoint;

    if (endpoint === undefined) {
      if (listOutcome?.status !== 'ok') {
        checks.push(couldNotCheck('endpoint.exists', 'endpoint', `the endpoints of ${vpcId}`, listOutcome));
        return { checks, findings };
      }
      checks.push({
        id: 'endpoint.exists',
        layer: 'endpoint',
        status: 'fail',
        detail: `no endpoint for ${service.serviceName} in ${vpcId}`,
      });
      if (!service.gatewayCapable) {
        const offered = ctx.probe('ec2.vpc-endpoint-service', { serviceName: service.serviceName });
        if (offered?.status === 'ok' && offered.value === null) {
          checks.push({
            id: 'service.privatelink',
            layer: 'endpoint',
            status: 'fail',
            detail: `${ctx.region} offers no endpoint service named ${service.serviceName}`,
          });
          // A short stem finds the real name behind a typo ("secretmanager" → secretsmanager).
          const stem = (service.short.split(/[.-]/)[0] ?? service.short).slice(0, 6);
          findings.push(
            finding('service.no-privatelink', {
              evidence: [`DescribeVpcEndpointServices in ${ctx.region} does not know ${service.serviceName}`],
              fix: {
                summary:
                  `Reach ${service.short} from ${vpcId} through a NAT gateway or an HTTPS proxy, or check the name ` +
                  `(the command lists the endpoint services of ${ctx.region} whose name contains "${stem}").`,
                commands: [
                  withRegion(
                    `aws ec2 describe-vpc-endpoint-services --query "ServiceNames[?contains(@, '${stem}')]"`,
                    ctx.region,
                  ),
                ],
              },
            }),
          );
          return { checks, findings };
        }
        if (offered?.status === 'ok') {
          checks.push({
            id: 'service.privatelink',
            layer: 'endpoint',
            status: 'pass',
            detail: `${ctx.region} offers ${service.serviceName}`,
          });
        } else {
          checks.push(
            couldNotCheck(
              'service.privatelink',
              'endpoint',
              `whether ${ctx.region} offers ${service.serviceName}`,
              offered,
            ),
          );
        }
      }
      const create = createEndpointCommand(ctx, vpcId);
      findings.push(
        finding('endpoint.missing', {
          evidence: [
            `DescribeVpcEndpoints for vpc-id ${vpcId} and service-name ${service.serviceName} returned no endpoint`,
          ],
          fix: {
            summary: create?.summary ?? `Create an endpoint for ${service.serviceName} in ${vpcId}.`,
            commands: create ? [create.command] : [],
          },
        }),
      );
      return { checks, findings };
    }

    checks.push({
      id: 'endpoint.exists',
      layer: 'endpoint',
      status: 'pass',
      detail: `${describe(endpoint)} serves ${endpoint.ServiceName}`,
    });

    const hub = hubCandidate(ctx);
    const hubRoute = hub !== undefined ? hubRouting(ctx, hub) : undefined;
    if (hub !== undefined && hubRoute !== undefined && hubRoute.kind !== 'not-routed') {
      const judged = judgeHub(ctx, hub, vpcId, hubRoute);
      checks.push(...judged.checks);
      findings.push(...judged.findings);
    } else if (endpoint.VpcId !== vpcId) {
      checks.push({
        id: 'endpoint.same-vpc',
        layer: 'endpoint',
        status: 'fail',
        detail: `${endpoint.VpcEndpointId} is in ${endpoint.VpcId}; the traffic ${ctx.inside ? 'starts in' : 'enters'} ${vpcId}`,
      });
      const create = createEndpointCommand(ctx, vpcId);
      const evidence = [`${endpoint.VpcEndpointId} belongs to ${endpoint.VpcId}`];
      if (ctx.source !== undefined) evidence.push(`${ctx.source.Id} is in ${ctx.source.SubnetId} of ${vpcId}`);
      else evidence.push(`the traffic enters ${vpcId}`);
      const sameVpc = (ctx.candidates ?? []).filter((c) => c.VpcId === vpcId);
      if (sameVpc.length > 0)
        evidence.push(
          `${vpcId} has its own endpoint for the service: ${sameVpc.map((c) => c.VpcEndpointId).join(', ')}`,
        );
      if (hubRoute?.kind === 'not-routed') {
        evidence.push(
          `${hubRoute.routeTableId}, the route table of ${ctx.source?.SubnetId ?? 'the source subnet'}, sends the endpoint's addresses ${hubRoute.routes.join('; ')}: not over VPC peering or a transit gateway, so ${vpcId} cannot use it as a hub endpoint`,
        );
      }
      findings.push(
        finding('endpoint.other-vpc', {
          evidence,
          fix:
            sameVpc.length > 0
              ? {
                  summary: `Use ${sameVpc[0]?.VpcEndpointId}, the endpoint in ${vpcId}, instead of ${endpoint.VpcEndpointId}.`,
                  commands: [],
                }
              : {
                  summary:
                    (create?.summary ?? `Create an endpoint in ${vpcId}.`) +
                    ` Or keep the shared endpoint in ${endpoint.VpcId} (hub pattern) and make ${vpcId} resolve and route to it.`,
                  commands: create ? [create.command] : [],
                },
        }),
      );
    } else {
      checks.push({
        id: 'endpoint.same-vpc',
        layer: 'endpoint',
        status: 'pass',
        detail: `${endpoint.VpcEndpointId} is in ${vpcId}`,
      });
    }

    if (endpoint.State.toLowerCase() !== 'available') {
      checks.push({
        id: 'endpoint.available',
        layer: 'endpoint',
        status: 'fail',
        detail: `${endpoint.VpcEndpointId} is ${endpoint.State}`,
      });
      findings.push(
        finding('endpoint.not-available', {
          evidence: [`DescribeVpcEndpoints reports State ${endpoint.State} for ${endpoint.VpcEndpointId}`],
          fix: notAvailableFix(endpoint, ctx.region),
        }),
      );
    } else {
      checks.push({
        id: 'endpoint.available',
        layer: 'endpoint',
        status: 'pass',
        detail: `${endpoint.VpcEndpointId} is available`,
      });
    }
    return { checks, findings };
  },
};
