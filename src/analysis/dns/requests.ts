// The probe calls the DNS chain needs, following results round by round: configuration always;
// the name and its answers only when an observation means something (IMDS or --dns-server).
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { hostnameOf, isOnPremises, observationOf } from './endpoint-facts.js';
import { matchPrivateHostedZones } from './hosted-zones.js';
import { bareZoneId } from './zone-records.js';

/** At most this many answers get a TCP handshake: enough to see a pattern, few enough to stay quick. */
export const MAX_CONNECTS = 4;

export function gatewayDnsRequests(ctx: PathContext, vpcId: string): ProbeRequest[] {
  const out: ProbeRequest[] = [
    { key: 'ec2.vpc', input: { vpcId } },
    { key: 'ec2.vpc-dns-attributes', input: { vpcId } },
  ];
  const dhcpId = okValue(ctx.probe('ec2.vpc', { vpcId }))?.DhcpOptionsId;
  if (dhcpId !== undefined && dhcpId !== 'default')
    out.push({ key: 'ec2.dhcp-options', input: { dhcpOptionsId: dhcpId } });
  return out;
}

export function interfaceDnsRequests(
  ctx: PathContext,
  e: VpcEndpoint,
  vpcId: string,
  inboundOnly: boolean,
): ProbeRequest[] {
  const out: ProbeRequest[] = [
    { key: 'ec2.vpc', input: { vpcId } },
    { key: 'ec2.vpc-dns-attributes', input: { vpcId } },
    { key: 'ec2.vpc-endpoint-service', input: { serviceName: e.ServiceName } },
    { key: 'route53resolver.rule-associations', input: { vpcId } },
    { key: 'route53.hosted-zones-by-vpc', input: { vpcId, region: ctx.region } },
  ];
  if (e.NetworkInterfaceIds.length > 0)
    out.push({ key: 'ec2.network-interfaces', input: { networkInterfaceIds: e.NetworkInterfaceIds } });
  const dhcpId = okValue(ctx.probe('ec2.vpc', { vpcId }))?.DhcpOptionsId;
  if (ctx.inside && dhcpId !== undefined && dhcpId !== 'default')
    out.push({ key: 'ec2.dhcp-options', input: { dhcpOptionsId: dhcpId } });
  for (const a of okValue(ctx.probe('route53resolver.rule-associations', { vpcId })) ?? []) {
    out.push({ key: 'route53resolver.rule', input: { resolverRuleId: a.ResolverRuleId } });
  }
  // The zones that claim the name: which VPCs they serve and what they answer (once the name is known).
  const zones = okValue(ctx.probe('route53.hosted-zones-by-vpc', { vpcId, region: ctx.region }));
  if (zones !== undefined && ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName }) !== undefined) {
    for (const z of matchPrivateHostedZones(hostnameOf(ctx, e), zones).zones) {
      const hostedZoneId = bareZoneId(z.HostedZoneId);
      out.push({ key: 'route53.hosted-zone', input: { hostedZoneId } });
      out.push({ key: 'route53.zone-records', input: { hostedZoneId } });
    }
  }
  if (isOnPremises(ctx) || inboundOnly) out.push({ key: 'route53resolver.endpoints', input: { vpcId } });
  if (inboundOnly && ctx.inside && ctx.source !== undefined)
    out.push({ key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId } });
  return out;
}

/** IMDS first; then, only when it (or --dns-server) makes an observation meaningful, the name and its answers. */
export function observationRequests(ctx: PathContext, e: VpcEndpoint): ProbeRequest[] {
  const out: ProbeRequest[] = [{ key: 'imds.instance', input: {} }];
  const observation = observationOf(ctx);
  if (observation.kind !== 'observed') return out;
  // The hostname's default comes from the endpoint service's private DNS name: wait for it.
  if (ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName }) === undefined) return out;
  const hostname = hostnameOf(ctx, e);
  const input = observation.server !== undefined ? { hostname, server: observation.server } : { hostname };
  out.push({ key: 'dns.resolve', input });
  const answer = okValue(ctx.probe('dns.resolve', input));
  if (answer?.status === 'answer') {
    for (const ip of answer.addresses.slice(0, MAX_CONNECTS))
      out.push({ key: 'tcp.connect', input: { ip, port: 443 } });
  }
  return out;
}
