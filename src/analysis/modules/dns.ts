// The DNS chain, from the VPC's resolver settings to the answer a client gets for the service
// name. Configuration is always read (Describe/List/Get); the name is resolved and its answers
// connected to only when that observation means something: vpce-doctor runs on an instance
// inside the source VPC (IMDSv2 says so), or the user named the resolver with --dns-server.
// Otherwise every DNS check is reasoned from configuration and says so: never reasoning
// presented as observation.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeOutcome, ProbeRequest } from '../../probes/catalog.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { customDhcpServers, vpcResolverAddress } from '../dns/dhcp.js';
import { expectDnsAnswer, type DnsExpectation } from '../dns/expected-answer.js';
import { matchPrivateHostedZones } from '../dns/hosted-zones.js';
import { compareObserved } from '../dns/observed-answer.js';
import { onPremNeedsInbound } from '../dns/onprem.js';
import { matchResolverRule } from '../dns/resolver-rules.js';
import type { DhcpOptions, ResolverRule } from '../dns/types.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import {
  endpointEniIps,
  endpointInVpc,
  hostnameOf,
  isOnPremises,
  observationOf,
  type Observation,
} from '../dns/endpoint-facts.js';
import { gatewayMeant } from './endpoint-type.js';
import { inboundOnlyCheck, inboundOnlyEndpoint } from './inbound-only.js';

/** At most this many answers get a TCP handshake: enough to see a pattern, few enough to stay quick. */
const MAX_CONNECTS = 4;

function reasonedCheck(id: string, status: Check['status'], detail: string): Check {
  return { id, layer: 'dns', status, detail: `${detail} — reasoned from configuration`, basis: 'reasoned' };
}

function skipped(id: string, what: string, outcome: ProbeOutcome<unknown> | undefined): Check {
  return { ...couldNotCheck(id, 'dns', what, outcome), basis: 'reasoned' };
}

/** The resolver rules associated with the VPC, once every associated rule has been read. */
function associatedRules(
  ctx: PathContext,
  vpcId: string,
): { rules: ResolverRule[]; failed?: ProbeOutcome<unknown> | undefined } | undefined {
  const assocOutcome = ctx.probe('route53resolver.rule-associations', { vpcId });
  if (assocOutcome?.status !== 'ok') return { rules: [], failed: assocOutcome };
  const rules: ResolverRule[] = [];
  for (const a of assocOutcome.value) {
    const outcome = ctx.probe('route53resolver.rule', { resolverRuleId: a.ResolverRuleId });
    if (outcome?.status !== 'ok') return { rules, failed: outcome };
    if (outcome.value !== null) rules.push(outcome.value);
  }
  return { rules };
}

function interfaceRequests(ctx: PathContext, e: VpcEndpoint, vpcId: string): ProbeRequest[] {
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
  if (isOnPremises(ctx) || inboundOnlyEndpoint(e)) out.push({ key: 'route53resolver.endpoints', input: { vpcId } });
  if (inboundOnlyEndpoint(e) && ctx.inside && ctx.source !== undefined)
    out.push({ key: 'ec2.route-table', input: { subnetId: ctx.source.SubnetId, vpcId } });
  return out;
}

/** IMDS first; then, only when it (or --dns-server) makes an observation meaningful, the name and its answers. */
function observationRequests(ctx: PathContext, e: VpcEndpoint): ProbeRequest[] {
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

function evaluateGateway(ctx: PathContext, vpcId: string): ModuleResult {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const attrs = ctx.probe('ec2.vpc-dns-attributes', { vpcId });
  if (attrs?.status !== 'ok' || attrs.value === null) {
    checks.push(
      skipped('dns.vpc-dns-support', `the DNS attributes of ${vpcId}`, attrs?.status === 'ok' ? undefined : attrs),
    );
    return { checks, findings };
  }
  const dhcp = dhcpFacts(ctx, vpcId);
  const expectation = expectDnsAnswer({
    service: ctx.service?.serviceName ?? '',
    region: ctx.region,
    vpcId,
    vpcAttributes: attrs.value,
    endpoint: ctx.endpoint ?? null,
    dhcpOptions: dhcp.options,
  });
  const failed = expectation.causes.some((c) => c.kind === 'dns-support-disabled');
  checks.push(
    reasonedCheck(
      'dns.vpc-dns-support',
      failed ? 'fail' : 'pass',
      attrs.value.EnableDnsSupport
        ? `enableDnsSupport is true on ${vpcId}: the Amazon resolver answers the public service name`
        : `enableDnsSupport is false on ${vpcId}${failed ? '' : `, but the DHCP option set names other DNS servers for the public name`}`,
    ),
  );
  findings.push(...expectation.findings);
  return { checks, findings };
}

function dhcpFacts(
  ctx: PathContext,
  vpcId: string,
): { options: DhcpOptions | null; outcome?: ProbeOutcome<unknown> | undefined; id: string | undefined } {
  const vpc = okValue(ctx.probe('ec2.vpc', { vpcId }));
  const id = vpc?.DhcpOptionsId;
  // `default` (or none) means no option set: instances use AmazonProvidedDNS.
  if (id === undefined || id === 'default') return { options: null, id };
  const outcome = ctx.probe('ec2.dhcp-options', { dhcpOptionsId: id });
  if (outcome?.status !== 'ok') return { options: null, outcome, id };
  return { options: outcome.value, id };
}

function describeAnswer(expectation: DnsExpectation, e: VpcEndpoint, eniIps: readonly string[] | undefined): string {
  const host = expectation.hostname;
  switch (expectation.answer) {
    case 'private':
      return `${host} should resolve to the network interfaces of ${e.VpcEndpointId}${eniIps && eniIps.length > 0 ? ` (${eniIps.join(', ')})` : ''}`;
    case 'public':
      return `${host} should resolve to the service's public addresses, not to ${e.VpcEndpointId}: ${expectation.causes[0]?.detail ?? 'no private DNS applies to it'}`;
    case 'nxdomain':
      return `${host} should get NXDOMAIN: ${expectation.causes[0]?.detail ?? ''}`;
    case 'claimed-elsewhere':
      return `${host} is answered by what already claims it in the VPC, not by ${e.VpcEndpointId}'s private DNS: ${expectation.causes[0]?.detail ?? ''}`;
    case 'forwarded-elsewhere':
      return `${host} is answered by other DNS servers, not from ${e.VpcEndpointId}'s private zone: ${expectation.causes[0]?.detail ?? ''}`;
    case 'no-resolver':
      return `${host} gets no answer: ${expectation.causes[0]?.detail ?? ''}`;
    default: {
      const never: never = expectation.answer;
      return never;
    }
  }
}

function observedLabel(o: Extract<Observation, { kind: 'observed' }>): string {
  return `observed from ${o.from}${o.server !== undefined ? ` through DNS server ${o.server} (--dns-server)` : " with the instance's resolver"}`;
}

function evaluateInterface(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const inside = ctx.inside;
  const onPrem = isOnPremises(ctx);
  const hostname = hostnameOf(ctx, e);
  const missing: string[] = [];

  // VPC attributes.
  const attrsOutcome = ctx.probe('ec2.vpc-dns-attributes', { vpcId });
  const attrs = attrsOutcome?.status === 'ok' ? attrsOutcome.value : undefined;
  if (attrs === undefined || attrs === null) {
    const what = `the DNS attributes of ${vpcId}`;
    const outcome = attrsOutcome?.status === 'ok' ? undefined : attrsOutcome;
    checks.push(skipped('dns.vpc-dns-support', what, outcome), skipped('dns.vpc-dns-hostnames', what, outcome));
    missing.push('VPC DNS attributes');
  } else {
    checks.push(
      reasonedCheck(
        'dns.vpc-dns-support',
        attrs.EnableDnsSupport ? 'pass' : 'fail',
        `enableDnsSupport is ${String(attrs.EnableDnsSupport)} on ${vpcId}`,
      ),
      reasonedCheck(
        'dns.vpc-dns-hostnames',
        attrs.EnableDnsHostnames ? 'pass' : 'fail',
        `enableDnsHostnames is ${String(attrs.EnableDnsHostnames)} on ${vpcId}`,
      ),
    );
  }

  // The endpoint service: its private DNS names (and AZs, used by the interface module).
  const serviceOutcome = ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName });
  const serviceDetail = okValue(serviceOutcome) ?? null;
  if (serviceOutcome?.status !== 'ok') {
    checks.push(skipped('dns.private-dns-name', `the private DNS names of ${e.ServiceName}`, serviceOutcome));
    missing.push('the endpoint service');
  }

  // DHCP option set (instances in the VPC only; on-premises clients come in through the inbound resolver).
  let dhcpOptions: DhcpOptions | null = null;
  if (inside) {
    const dhcp = dhcpFacts(ctx, vpcId);
    if (dhcp.outcome !== undefined || (dhcp.id !== undefined && dhcp.id !== 'default' && dhcp.options === null)) {
      if (dhcp.outcome?.status === 'ok')
        checks.push(reasonedCheck('dns.dhcp-options', 'error', `DHCP option set ${dhcp.id} of ${vpcId} was not found`));
      else checks.push(skipped('dns.dhcp-options', `the DHCP option set of ${vpcId}`, dhcp.outcome));
      missing.push('the DHCP option set');
    } else {
      dhcpOptions = dhcp.options;
      const vpc = okValue(ctx.probe('ec2.vpc', { vpcId }));
      const result = customDhcpServers(dhcpOptions, {
        vpcId,
        region: ctx.region,
        ...(vpc?.CidrBlock ? { vpcCidr: vpc.CidrBlock } : {}),
      });
      checks.push(
        reasonedCheck(
          'dns.dhcp-options',
          result.amazonOnly ? 'pass' : 'fail',
          result.amazonOnly
            ? `${vpcId} uses ${dhcp.id === undefined || dhcp.id === 'default' ? 'the default DHCP options' : dhcp.id} (AmazonProvidedDNS)`
            : `DHCP option set ${dhcp.id} of ${vpcId} names ${result.custom.join(', ')} as DNS servers`,
        ),
      );
    }
  }

  // Route 53 Resolver rules associated with the VPC.
  const ruleFacts = associatedRules(ctx, vpcId);
  const assocOutcome = ctx.probe('route53resolver.rule-associations', { vpcId });
  const associations = okValue(assocOutcome) ?? [];
  let rules: ResolverRule[] = [];
  if (ruleFacts?.failed !== undefined || assocOutcome?.status !== 'ok') {
    checks.push(
      skipped('dns.resolver-rules', `the Resolver rules associated with ${vpcId}`, ruleFacts?.failed ?? assocOutcome),
    );
    missing.push('Resolver rules');
  } else {
    rules = ruleFacts?.rules ?? [];
    const match = matchResolverRule(hostname, rules, associations, vpcId, ctx.region);
    checks.push(
      reasonedCheck(
        'dns.resolver-rules',
        match.matched && match.forwards ? 'fail' : 'pass',
        !match.matched
          ? `no Resolver rule associated with ${vpcId} matches ${hostname}`
          : match.forwards
            ? `Resolver rule ${match.winner.rule.Id} (FORWARD ${match.winner.rule.DomainName}) decides ${hostname} for ${vpcId}`
            : `Resolver rule ${match.winner.rule.Id} (${match.winner.rule.RuleType} ${match.winner.rule.DomainName}) keeps ${hostname} on the VPC resolver`,
      ),
    );
  }

  // Private hosted zones associated with the VPC.
  const zonesOutcome = ctx.probe('route53.hosted-zones-by-vpc', { vpcId, region: ctx.region });
  const zones = okValue(zonesOutcome) ?? [];
  if (zonesOutcome?.status !== 'ok') {
    checks.push(skipped('dns.private-hosted-zones', `the private hosted zones of ${vpcId}`, zonesOutcome));
    missing.push('private hosted zones');
  } else {
    const phz = matchPrivateHostedZones(hostname, zones, { vpcId, region: ctx.region });
    const top = phz.zones[0];
    checks.push(
      reasonedCheck(
        'dns.private-hosted-zones',
        top ? 'fail' : 'pass',
        top
          ? `private hosted zone ${top.Name} (${top.HostedZoneId}) associated with ${vpcId} claims ${hostname}`
          : `no private hosted zone associated with ${vpcId} claims ${hostname}`,
      ),
    );
  }

  // The ENIs' addresses: what a private answer must be.
  const enisOutcome =
    e.NetworkInterfaceIds.length > 0
      ? ctx.probe('ec2.network-interfaces', { networkInterfaceIds: e.NetworkInterfaceIds })
      : undefined;
  const eniIps = endpointEniIps(e, okValue(enisOutcome));

  // S3/DynamoDB private DNS only for inbound resolvers: the inbound endpoint and the gateway route it relies on.
  const inboundOnly = inboundOnlyCheck(ctx, e, vpcId);
  checks.push(...inboundOnly.checks);
  findings.push(...inboundOnly.findings);
  /** In-VPC clients get the public name by design and the gateway endpoint carries their traffic. */
  const byDesignPublic = (x: DnsExpectation): boolean =>
    inboundOnly.gatewayServes && x.causes.length > 0 && x.causes.every((c) => c.kind === 'private-dns-inbound-only');

  // What the configuration says the answer is.
  let expectation: DnsExpectation | undefined;
  if (attrs !== undefined && attrs !== null) {
    const vpc = okValue(ctx.probe('ec2.vpc', { vpcId }));
    expectation = expectDnsAnswer({
      service: e.ServiceName,
      region: ctx.region,
      vpcId,
      hostname,
      vpcAttributes: attrs,
      endpoint: e,
      sameServiceEndpoints: ctx.candidates ?? [],
      ...(vpc?.CidrBlock ? { vpcCidr: vpc.CidrBlock } : {}),
      ...(eniIps !== undefined ? { eniIps } : {}),
      dhcpOptions,
      resolverRules: rules,
      resolverRuleAssociations: associations,
      hostedZones: zones,
      serviceDetail,
      viaInboundResolver: onPrem,
      gatewayEndpointInVpc: (ctx.candidates ?? []).some((c) => c.VpcEndpointType === 'Gateway' && c.VpcId === vpcId),
    });
    // From inside, S3/DynamoDB through an interface endpoint with private DNS off and no gateway:
    // endpoint.wrong-type reports it, with enabling private DNS as one of its alternatives.
    const meant = gatewayMeant(ctx) !== undefined;
    findings.push(...expectation.findings.filter((f) => !(meant && f.id === 'dns.private-dns-disabled')));
    // The private DNS check: only interface endpoints; a gateway's PrivateDnsEnabled means nothing.
    const privateCause = expectation.causes.find(
      (c) =>
        c.kind === 'private-dns-disabled' ||
        c.kind === 'private-dns-conflict' ||
        c.kind === 'name-not-covered' ||
        c.kind === 'private-dns-inbound-only',
    );
    checks.push(
      reasonedCheck(
        'dns.private-dns',
        privateCause && !byDesignPublic(expectation) ? 'fail' : 'pass',
        privateCause ? privateCause.detail : `${e.VpcEndpointId} has private DNS on and it covers ${hostname}`,
      ),
    );
  }

  // On-premises: an inbound Resolver endpoint is the only way in.
  let onPremBlocked = false;
  if (onPrem) {
    const epOutcome = ctx.probe('route53resolver.endpoints', { vpcId });
    if (epOutcome?.status !== 'ok') {
      checks.push(skipped('dns.inbound-resolver', `the Resolver endpoints of ${vpcId}`, epOutcome));
      missing.push('Resolver endpoints');
    } else {
      const kind = ctx.sourceKind === 'vpn' || ctx.sourceKind === 'direct-connect' ? ctx.sourceKind : 'on-premises';
      const subnetIds = e.SubnetIds.slice(0, 2);
      const inbound = onPremNeedsInbound(kind, epOutcome.value, vpcId, { region: ctx.region, subnetIds });
      checks.push(
        reasonedCheck(
          'dns.inbound-resolver',
          inbound.finding ? 'fail' : 'pass',
          inbound.finding
            ? `no usable INBOUND Resolver endpoint in ${vpcId}`
            : `inbound Resolver endpoint ${inbound.inbound.map((x) => x.Id).join(', ')} in ${vpcId} lets on-premises DNS forward ${ctx.region}.amazonaws.com`,
        ),
      );
      if (inbound.finding) {
        findings.push(inbound.finding);
        onPremBlocked = true;
      }
    }
  }

  // The answer: observed when that means something, otherwise reasoned.
  const observation = observationOf(ctx);
  if (observation.kind === 'observed') {
    const input = observation.server !== undefined ? { hostname, server: observation.server } : { hostname };
    const resolved = ctx.probe('dns.resolve', input);
    if (resolved?.status !== 'ok') {
      checks.push({
        ...couldNotCheck('dns.answer', 'dns', `what ${hostname} resolves to`, resolved),
        basis: 'observed',
      });
    } else if (eniIps === undefined) {
      checks.push({
        ...couldNotCheck('dns.answer', 'dns', `the addresses of ${e.VpcEndpointId}'s network interfaces`, enisOutcome),
        basis: 'observed',
      });
    } else {
      const label = observedLabel(observation);
      const explanation = (expectation?.causes ?? []).map((c) => `configuration explains it: ${c.detail}`);
      const compared = compareObserved(resolved.value, eniIps, {
        hostname,
        vpcEndpointId: e.VpcEndpointId,
        explanation,
      });
      const answered = compared.addresses.join(', ');
      const detail: Record<typeof compared.verdict, string> = {
        'resolves-private': `${hostname} → ${answered}, the network interfaces of ${e.VpcEndpointId}`,
        'resolves-public': `${hostname} → ${answered || '(no addresses)'}, not ${e.VpcEndpointId}'s ${eniIps.join(', ') || '(none)'}`,
        nxdomain: `${hostname} → NXDOMAIN`,
        nodata: `${hostname} → no A record`,
        timeout: `${hostname} → no answer within the timeout`,
        error: `${hostname} → resolver error${resolved.value.status === 'error' ? ` ${resolved.value.code}: ${resolved.value.message}` : ''}`,
      };
      checks.push({
        id: 'dns.answer',
        layer: 'dns',
        status: compared.verdict === 'resolves-private' ? 'pass' : 'fail',
        detail: `${detail[compared.verdict]} — ${label}`,
        basis: 'observed',
      });
      if (compared.finding) {
        findings.push({
          ...compared.finding,
          evidence: [`${label}:`, ...compared.finding.evidence],
          fix: resolvesPublicFix(ctx, vpcId, e, hostname, expectation, observation),
        });
      }
      if (resolved.value.status === 'answer')
        checks.push(...tcpChecks(ctx, resolved.value.addresses.slice(0, MAX_CONNECTS), label));
    }
  } else if (expectation !== undefined) {
    const failing = (expectation.answer !== 'private' && !byDesignPublic(expectation)) || onPremBlocked;
    const status: Check['status'] = failing ? 'fail' : missing.length > 0 ? 'skipped' : 'pass';
    const because = observation.kind === 'reasoned' ? ` (${observation.why})` : '';
    const incomplete = !failing && missing.length > 0 ? `; could not read ${missing.join(', ')}` : '';
    const answer =
      onPremBlocked && expectation.answer === 'private'
        ? `on-premises DNS servers have no inbound Resolver endpoint in ${vpcId} to forward ${hostname} to: they answer with the service's public addresses, not ${e.VpcEndpointId}'s`
        : describeAnswer(expectation, e, eniIps);
    checks.push({
      id: 'dns.answer',
      layer: 'dns',
      status,
      detail: `${answer}${incomplete} — reasoned from configuration${because}`,
      basis: 'reasoned',
    });
  }
  return { checks, findings };
}

/** What to do when the observed answer is not the endpoint's: the configured cause, or the resolver the client really uses. */
function resolvesPublicFix(
  ctx: PathContext,
  vpcId: string,
  e: VpcEndpoint,
  hostname: string,
  expectation: DnsExpectation | undefined,
  observation: Extract<Observation, { kind: 'observed' }>,
): Finding['fix'] {
  const meant = gatewayMeant(ctx) !== undefined;
  const causes = (expectation?.findings ?? []).map((f) =>
    meant && f.id === 'dns.private-dns-disabled' ? 'endpoint.wrong-type' : f.id,
  );
  if (causes.length > 0) {
    return {
      summary: `Fix ${causes.join(', ')} (reported above); ${hostname} then resolves to ${e.VpcEndpointId}'s network interfaces.`,
      commands: [],
    };
  }
  const cidr = okValue(ctx.probe('ec2.vpc', { vpcId }))?.CidrBlock;
  const resolver = cidr !== undefined ? vpcResolverAddress(cidr) : null;
  const vpcResolver = `${resolver !== null ? `${resolver} (the VPC resolver) or ` : ''}169.254.169.253`;
  if (observation.server !== undefined) {
    return {
      summary: `${vpcId}'s configuration answers ${hostname} with ${e.VpcEndpointId}'s addresses, but ${observation.server} does not: make it forward ${ctx.region}.amazonaws.com to ${vpcResolver}${isOnPremises(ctx) ? ' through an inbound Resolver endpoint' : ''}.`,
      commands: [],
    };
  }
  return {
    summary: `${vpcId}'s configuration answers ${hostname} with ${e.VpcEndpointId}'s addresses, so this host is not asking the VPC resolver: point its resolver (/etc/resolv.conf, a local DNS cache or proxy) at ${vpcResolver}, or forward ${ctx.region}.amazonaws.com there.`,
    commands: [],
  };
}

/** One handshake per answered address, port 443: what the client's TLS connection needs first. */
function tcpChecks(ctx: PathContext, addresses: readonly string[], label: string): Check[] {
  if (addresses.length === 0) return [];
  const parts: string[] = [];
  let status: Check['status'] = 'pass';
  for (const ip of addresses) {
    const outcome = ctx.probe('tcp.connect', { ip, port: 443 });
    if (outcome?.status !== 'ok')
      return [{ ...couldNotCheck('tcp.connect', 'route', `TCP 443 to ${ip}`, outcome), basis: 'observed' }];
    const r = outcome.value;
    if (r.status !== 'open') status = 'fail';
    parts.push(
      r.status === 'open'
        ? `${ip}:443 open (${r.ms} ms)`
        : r.status === 'error'
          ? `${ip}:443 ${r.code}`
          : `${ip}:443 ${r.status}`,
    );
  }
  return [{ id: 'tcp.connect', layer: 'route', status, detail: `${parts.join(', ')} — ${label}`, basis: 'observed' }];
}

export const dnsModule: CheckModule = {
  id: 'dns',
  requires(ctx) {
    const vpcId = ctx.vpcId;
    const e = endpointInVpc(ctx);
    if (vpcId === undefined || e === undefined) return [];
    if (e.VpcEndpointType === 'Gateway') {
      if (!ctx.inside) return [];
      const out: ProbeRequest[] = [
        { key: 'ec2.vpc', input: { vpcId } },
        { key: 'ec2.vpc-dns-attributes', input: { vpcId } },
      ];
      const dhcpId = okValue(ctx.probe('ec2.vpc', { vpcId }))?.DhcpOptionsId;
      if (dhcpId !== undefined && dhcpId !== 'default')
        out.push({ key: 'ec2.dhcp-options', input: { dhcpOptionsId: dhcpId } });
      return out;
    }
    if (e.VpcEndpointType !== 'Interface') return [];
    const out: ProbeRequest[] = [];
    if (ctx.inside || isOnPremises(ctx)) out.push(...interfaceRequests(ctx, e, vpcId));
    else out.push({ key: 'ec2.vpc-endpoint-service', input: { serviceName: e.ServiceName } });
    if (e.NetworkInterfaceIds.length > 0)
      out.push({ key: 'ec2.network-interfaces', input: { networkInterfaceIds: e.NetworkInterfaceIds } });
    out.push(...observationRequests(ctx, e));
    return out;
  },
  evaluate(ctx): ModuleResult {
    const vpcId = ctx.vpcId;
    const e = endpointInVpc(ctx);
    if (vpcId === undefined || e === undefined) return { checks: [], findings: [] };
    if (e.VpcEndpointType === 'Gateway') return ctx.inside ? evaluateGateway(ctx, vpcId) : { checks: [], findings: [] };
    if (e.VpcEndpointType !== 'Interface') return { checks: [], findings: [] };
    if (ctx.inside || isOnPremises(ctx)) return evaluateInterface(ctx, e, vpcId);
    return evaluateObservedOnly(ctx, e);
  },
};

/** Peered VPC / transit gateway sources resolve with their own VPC's resolver, which we do not see: only an observation speaks. */
function evaluateObservedOnly(ctx: PathContext, e: VpcEndpoint): ModuleResult {
  const observation = observationOf(ctx);
  if (observation.kind !== 'observed') return { checks: [], findings: [] };
  const hostname = hostnameOf(ctx, e);
  const input = observation.server !== undefined ? { hostname, server: observation.server } : { hostname };
  const resolved = ctx.probe('dns.resolve', input);
  const enisOutcome =
    e.NetworkInterfaceIds.length > 0
      ? ctx.probe('ec2.network-interfaces', { networkInterfaceIds: e.NetworkInterfaceIds })
      : undefined;
  const eniIps = endpointEniIps(e, okValue(enisOutcome));
  if (resolved?.status !== 'ok')
    return {
      checks: [{ ...couldNotCheck('dns.answer', 'dns', `what ${hostname} resolves to`, resolved), basis: 'observed' }],
      findings: [],
    };
  if (eniIps === undefined) {
    return {
      checks: [
        {
          ...couldNotCheck(
            'dns.answer',
            'dns',
            `the addresses of ${e.VpcEndpointId}'s network interfaces`,
            enisOutcome,
          ),
          basis: 'observed',
        },
      ],
      findings: [],
    };
  }
  const label = observedLabel(observation);
  const compared = compareObserved(resolved.value, eniIps, { hostname, vpcEndpointId: e.VpcEndpointId });
  const checks: Check[] = [
    {
      id: 'dns.answer',
      layer: 'dns',
      status: compared.verdict === 'resolves-private' ? 'pass' : 'fail',
      detail: `${hostname} → ${compared.addresses.join(', ') || compared.verdict} — ${label}`,
      basis: 'observed',
    },
  ];
  if (resolved.value.status === 'answer')
    checks.push(...tcpChecks(ctx, resolved.value.addresses.slice(0, MAX_CONNECTS), label));
  const findings = compared.finding
    ? [{ ...compared.finding, evidence: [`${label}:`, ...compared.finding.evidence] }]
    : [];
  return { checks, findings };
}
