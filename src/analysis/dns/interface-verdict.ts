// The DNS chain of an interface endpoint, judged: every fact read once from the probe results
// (VPC attributes, DHCP, Resolver rules, private hosted zones, inbound endpoints, the observed
// answer) and the answer the configuration predicts. No prose: ./interface-explain.ts words it.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { Check, Finding } from '../../findings/types.js';
import { endpointsUnknown } from '../check-module.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { ResolveNameResult } from '../../probes/specs/dns.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { customDhcpServers } from './dhcp.js';
import { associatedRules, dhcpFacts, zoneDetailsOf } from './configuration.js';
import type { ZoneDetails } from './zone-records.js';
import { endpointEniIps, hostnameOf, isOnPremises, observationOf, type Observation } from './endpoint-facts.js';
import { expectDnsAnswer, type DnsCause, type DnsExpectation } from './expected-answer.js';
import { matchPrivateHostedZones } from './hosted-zones.js';
import { compareObserved, type ObservedComparison } from './observed-answer.js';
import { onPremNeedsInbound, type InboundResolverCheck } from './onprem.js';
import { matchResolverRule, type ResolverRuleMatch } from './resolver-rules.js';
import type { DhcpOptions, HostedZoneSummary, VpcDnsAttributes } from './types.js';

/** A fact read from the probe results, or the outcome that kept it from being read. */
export type Read<T> = { read: true; value: T } | { read: false; outcome: ProbeOutcome<unknown> | undefined };

export type DhcpVerdict =
  { kind: 'unknown'; check: Check } | { kind: 'read'; id: string | undefined; amazonOnly: boolean; custom: string[] };

export type ObservedAnswerVerdict =
  | { kind: 'unresolved'; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'enis-unknown'; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'compared'; resolved: ResolveNameResult; eniIps: string[]; compared: ObservedComparison };

export interface InterfaceDnsVerdict {
  endpoint: VpcEndpoint;
  vpcId: string;
  region: string;
  hostname: string;
  attributes: Read<VpcDnsAttributes>;
  service: Read<true>;
  /** Instances in the VPC only; on-premises clients come in through the inbound resolver. */
  dhcp: DhcpVerdict | undefined;
  rule: Read<ResolverRuleMatch>;
  /** The most specific private hosted zone associated with the VPC that claims the name. */
  zone: Read<HostedZoneSummary | undefined>;
  /** That zone answers the name with the endpoint (its records read): the record, in words. */
  zoneAnswer: string | undefined;
  eniIps: string[] | undefined;
  /** The VPC's other endpoints for the service could not be listed: another may claim the name, so no expectation. */
  unlisted: Check | undefined;
  expectation:
    | {
        expectation: DnsExpectation;
        /** The findings the expectation reports here (endpoint.wrong-type covers private-dns-disabled when a gateway was meant). */
        findings: Finding[];
        /** The interface endpoint's own private-DNS cause, if any. */
        privateCause: DnsCause | undefined;
        /** In-VPC clients get the public name by design and the gateway endpoint carries their traffic. */
        byDesignPublic: boolean;
      }
    | undefined;
  /** On-premises sources: the inbound Resolver endpoint they need. */
  inbound: Read<InboundResolverCheck> | undefined;
  observation: Observation;
  observed: ObservedAnswerVerdict | undefined;
  /** Facts that could not be read, as the reasoned answer names them. */
  missing: string[];
}

export interface InterfaceDnsFacts {
  /** The inbound-only option's gateway half carries in-VPC traffic (see inbound-only). */
  gatewayServes: boolean;
  /** A gateway endpoint was meant (endpoint.wrong-type reports it). */
  gatewayMeant: boolean;
}

function read<T>(outcome: ProbeOutcome<T | null> | undefined): Read<T> {
  if (outcome?.status === 'ok' && outcome.value !== null) return { read: true, value: outcome.value };
  return { read: false, outcome: outcome?.status === 'ok' ? undefined : outcome };
}

function dhcpVerdict(ctx: PathContext, vpcId: string): { verdict: DhcpVerdict; options: DhcpOptions | null } {
  const dhcp = dhcpFacts(ctx, vpcId);
  if (dhcp.kind === 'unknown') return { verdict: { kind: 'unknown', check: dhcp.check }, options: null };
  const vpc = okValue(ctx.probe('ec2.vpc', { vpcId }));
  const result = customDhcpServers(dhcp.options, {
    vpcId,
    region: ctx.region,
    ...(vpc?.CidrBlock ? { vpcCidr: vpc.CidrBlock } : {}),
  });
  return {
    verdict: { kind: 'read', id: dhcp.id, amazonOnly: result.amazonOnly, custom: result.custom },
    options: dhcp.options,
  };
}

const PRIVATE_CAUSES = new Set<DnsCause['kind']>([
  'private-dns-disabled',
  'private-dns-conflict',
  'name-not-covered',
  'private-dns-inbound-only',
]);

export function interfaceDnsVerdict(
  ctx: PathContext,
  e: VpcEndpoint,
  vpcId: string,
  facts: InterfaceDnsFacts,
): InterfaceDnsVerdict {
  const region = ctx.region;
  const hostname = hostnameOf(ctx, e);
  const missing: string[] = [];

  const attributes = read(ctx.probe('ec2.vpc-dns-attributes', { vpcId }));
  if (!attributes.read) missing.push('VPC DNS attributes');

  const serviceOutcome = ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName });
  const service: Read<true> =
    serviceOutcome?.status === 'ok' ? { read: true, value: true } : { read: false, outcome: serviceOutcome };
  if (!service.read) missing.push('the endpoint service');

  let dhcp: DhcpVerdict | undefined;
  let dhcpOptions: DhcpOptions | null = null;
  if (ctx.inside) {
    const d = dhcpVerdict(ctx, vpcId);
    dhcp = d.verdict;
    dhcpOptions = d.options;
    if (dhcp.kind !== 'read') missing.push('the DHCP option set');
  }

  // One call decides the Resolver rule: the resolver-rules check and the expectation both read it.
  const ruleFacts = associatedRules(ctx, vpcId);
  const assocOutcome = ctx.probe('route53resolver.rule-associations', { vpcId });
  const associations = okValue(assocOutcome) ?? [];
  let rule: Read<ResolverRuleMatch>;
  if (ruleFacts.failed !== undefined || assocOutcome?.status !== 'ok') {
    rule = { read: false, outcome: ruleFacts.failed ?? assocOutcome };
    missing.push('Resolver rules');
  } else {
    rule = { read: true, value: matchResolverRule(hostname, ruleFacts.rules, associations, vpcId, region) };
  }

  const zonesOutcome = ctx.probe('route53.hosted-zones-by-vpc', { vpcId, region });
  const zones = okValue(zonesOutcome) ?? [];
  const enisOutcome =
    e.NetworkInterfaceIds.length > 0
      ? ctx.probe('ec2.network-interfaces', { networkInterfaceIds: e.NetworkInterfaceIds })
      : undefined;
  const eniIps = endpointEniIps(e, okValue(enisOutcome));

  let zone: Read<HostedZoneSummary | undefined>;
  let zoneDetails: ZoneDetails | undefined;
  let zoneAnswer: string | undefined;
  if (zonesOutcome?.status !== 'ok') {
    zone = { read: false, outcome: zonesOutcome };
    missing.push('private hosted zones');
  } else {
    const claiming = matchPrivateHostedZones(hostname, zones).zones;
    zoneDetails = zoneDetailsOf(ctx, claiming);
    const phz = matchPrivateHostedZones(hostname, zones, {
      vpcId,
      region,
      details: zoneDetails,
      endpoint: e,
      ...(eniIps !== undefined ? { eniIps } : {}),
    });
    zone = { read: true, value: phz.zones[0] };
    if (phz.answer?.kind === 'endpoint') zoneAnswer = phz.answer.detail;
  }

  const onPrem = isOnPremises(ctx);
  // What the configuration says the answer is; another endpoint may claim the name, so it needs them listed.
  const unlisted = endpointsUnknown(
    ctx,
    'dns.private-dns',
    'dns',
    `the other endpoints for ${e.ServiceName} in ${vpcId}`,
  );
  if (unlisted !== undefined) missing.push('the endpoints of the VPC');
  let expectation: InterfaceDnsVerdict['expectation'];
  if (attributes.read && unlisted === undefined) {
    const vpc = okValue(ctx.probe('ec2.vpc', { vpcId }));
    const x = expectDnsAnswer({
      service: e.ServiceName,
      region,
      vpcId,
      hostname,
      vpcAttributes: attributes.value,
      endpoint: e,
      sameServiceEndpoints: ctx.candidates ?? [],
      ...(vpc?.CidrBlock ? { vpcCidr: vpc.CidrBlock } : {}),
      ...(eniIps !== undefined ? { eniIps } : {}),
      dhcpOptions,
      ...(rule.read ? { resolverRule: rule.value } : {}),
      hostedZones: zones,
      ...(zoneDetails !== undefined ? { zoneDetails } : {}),
      serviceDetail: okValue(serviceOutcome) ?? null,
      viaInboundResolver: onPrem,
      gatewayEndpointInVpc: (ctx.candidates ?? []).some((c) => c.VpcEndpointType === 'Gateway' && c.VpcId === vpcId),
    });
    expectation = {
      expectation: x,
      // From inside, S3/DynamoDB through an interface endpoint with private DNS off and no gateway:
      // endpoint.wrong-type reports it, with enabling private DNS as one of its alternatives.
      findings: x.findings.filter((f) => !(facts.gatewayMeant && f.id === 'dns.private-dns-disabled')),
      privateCause: x.causes.find((c) => PRIVATE_CAUSES.has(c.kind)),
      byDesignPublic:
        facts.gatewayServes && x.causes.length > 0 && x.causes.every((c) => c.kind === 'private-dns-inbound-only'),
    };
  }

  let inbound: Read<InboundResolverCheck> | undefined;
  if (onPrem) {
    const epOutcome = ctx.probe('route53resolver.endpoints', { vpcId });
    if (epOutcome?.status !== 'ok') {
      inbound = { read: false, outcome: epOutcome };
      missing.push('Resolver endpoints');
    } else {
      const kind = ctx.sourceKind === 'vpn' || ctx.sourceKind === 'direct-connect' ? ctx.sourceKind : 'on-premises';
      const subnetIds = e.SubnetIds.slice(0, 2);
      inbound = { read: true, value: onPremNeedsInbound(kind, epOutcome.value, vpcId, { region, subnetIds }) };
    }
  }

  const observation = observationOf(ctx);
  let observed: ObservedAnswerVerdict | undefined;
  if (observation.kind === 'observed') {
    const explanation = (expectation?.expectation.causes ?? []).map((c) => `configuration explains it: ${c.detail}`);
    observed = observedAnswer(ctx, e, hostname, observation, eniIps, enisOutcome, explanation);
  }

  return {
    endpoint: e,
    vpcId,
    region,
    hostname,
    attributes,
    service,
    dhcp,
    rule,
    zone,
    zoneAnswer,
    eniIps,
    unlisted,
    expectation,
    inbound,
    observation,
    observed,
    missing,
  };
}

/** What the name resolves to from here, compared with the endpoint's ENI addresses. */
export function observedAnswer(
  ctx: PathContext,
  e: VpcEndpoint,
  hostname: string,
  observation: Extract<Observation, { kind: 'observed' }>,
  eniIps: string[] | undefined,
  enisOutcome: ProbeOutcome<unknown> | undefined,
  explanation?: readonly string[],
): ObservedAnswerVerdict {
  const input = observation.server !== undefined ? { hostname, server: observation.server } : { hostname };
  const resolved = ctx.probe('dns.resolve', input);
  if (resolved?.status !== 'ok') return { kind: 'unresolved', outcome: resolved };
  if (eniIps === undefined) return { kind: 'enis-unknown', outcome: enisOutcome };
  const compared = compareObserved(resolved.value, eniIps, {
    hostname,
    vpcEndpointId: e.VpcEndpointId,
    ...(explanation !== undefined ? { explanation } : {}),
  });
  return { kind: 'compared', resolved: resolved.value, eniIps, compared };
}
