// The DNS checks and findings of an interface endpoint, in words, from its verdict. Every check
// says whether it was observed or reasoned from configuration: never reasoning presented as
// observation.
import type { CheckId } from '../../findings/checks.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import type { Observation } from './endpoint-facts.js';
import type { DnsExpectation } from './expected-answer.js';
import type { InterfaceDnsVerdict, ObservedAnswerVerdict, Read } from './interface-verdict.js';

export function reasonedCheck(id: CheckId, status: Check['status'], detail: string): Check {
  return { id, layer: 'dns', status, detail: `${detail} — reasoned from configuration`, basis: 'reasoned' };
}

export function skipped(id: CheckId, what: string, outcome: ProbeOutcome<unknown> | undefined): Check {
  return { ...couldNotCheck(id, 'dns', what, outcome), basis: 'reasoned' };
}

/** A check of the VPC's DNS configuration: skipped naming what could not be read, else judged from what was. */
function configurationCheck<T>(
  id: CheckId,
  fact: Read<T>,
  what: string,
  judge: (value: T) => [Check['status'], string],
): Check {
  if (!fact.read) return skipped(id, what, fact.outcome);
  const [status, detail] = judge(fact.value);
  return reasonedCheck(id, status, detail);
}

export function observedLabel(o: Extract<Observation, { kind: 'observed' }>): string {
  return `observed from ${o.from}${o.server !== undefined ? ` through DNS server ${o.server} (--dns-server)` : " with the instance's resolver"}`;
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

/** The observed dns.answer check (or why it could not be checked). */
export function observedAnswerCheck(
  v: ObservedAnswerVerdict,
  e: VpcEndpoint,
  hostname: string,
  label: string,
  detailOf: (v: Extract<ObservedAnswerVerdict, { kind: 'compared' }>) => string,
): Check {
  switch (v.kind) {
    case 'unresolved':
      return { ...couldNotCheck('dns.answer', 'dns', `what ${hostname} resolves to`, v.outcome), basis: 'observed' };
    case 'enis-unknown':
      return {
        ...couldNotCheck('dns.answer', 'dns', `the addresses of ${e.VpcEndpointId}'s network interfaces`, v.outcome),
        basis: 'observed',
      };
    case 'compared':
      return {
        id: 'dns.answer',
        layer: 'dns',
        status: v.compared.verdict === 'resolves-private' ? 'pass' : 'fail',
        detail: `${detailOf(v)} — ${label}`,
        basis: 'observed',
      };
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
}

function comparedDetail(v: Extract<ObservedAnswerVerdict, { kind: 'compared' }>, hostname: string, e: VpcEndpoint) {
  const answered = v.compared.addresses.join(', ');
  const resolved = v.resolved;
  const detail: Record<typeof v.compared.verdict, string> = {
    'resolves-private': `${hostname} → ${answered}, the network interfaces of ${e.VpcEndpointId}`,
    'resolves-public': `${hostname} → ${answered || '(no addresses)'}, not ${e.VpcEndpointId}'s ${v.eniIps.join(', ') || '(none)'}`,
    nxdomain: `${hostname} → NXDOMAIN`,
    nodata: `${hostname} → no A record`,
    timeout: `${hostname} → no answer within the timeout`,
    error: `${hostname} → resolver error${resolved.status === 'error' ? ` ${resolved.code}: ${resolved.message}` : ''}`,
  };
  return detail[v.compared.verdict];
}

/**
 * The checks and findings in path order. `inboundOnly` (the S3/DynamoDB inbound-only option,
 * judged by its own rule) is placed where it belongs in the chain; `answerExtras` adds, to an
 * observed answer, its fix and the TCP handshakes.
 */
export function explainInterfaceDns(
  v: InterfaceDnsVerdict,
  inboundOnly: ModuleResult,
  observedExtras: { fix: (finding: Finding) => Finding['fix']; tcp: (label: string) => Check[] },
): ModuleResult {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const { vpcId, hostname, endpoint: e } = v;

  const attributes = `the DNS attributes of ${vpcId}`;
  checks.push(
    configurationCheck('dns.vpc-dns-support', v.attributes, attributes, (a) => [
      a.EnableDnsSupport ? 'pass' : 'fail',
      `enableDnsSupport is ${String(a.EnableDnsSupport)} on ${vpcId}`,
    ]),
    configurationCheck('dns.vpc-dns-hostnames', v.attributes, attributes, (a) => [
      a.EnableDnsHostnames ? 'pass' : 'fail',
      `enableDnsHostnames is ${String(a.EnableDnsHostnames)} on ${vpcId}`,
    ]),
  );

  if (!v.service.read)
    checks.push(skipped('dns.private-dns-name', `the private DNS names of ${e.ServiceName}`, v.service.outcome));

  const dhcp = v.dhcp;
  if (dhcp?.kind === 'unknown') checks.push(dhcp.check);
  else if (dhcp?.kind === 'read')
    checks.push(
      reasonedCheck(
        'dns.dhcp-options',
        dhcp.amazonOnly ? 'pass' : 'fail',
        dhcp.amazonOnly
          ? `${vpcId} uses ${dhcp.id === undefined || dhcp.id === 'default' ? 'the default DHCP options' : dhcp.id} (AmazonProvidedDNS)`
          : `DHCP option set ${dhcp.id} of ${vpcId} names ${dhcp.custom.join(', ')} as DNS servers`,
      ),
    );

  checks.push(
    configurationCheck('dns.resolver-rules', v.rule, `the Resolver rules associated with ${vpcId}`, (match) => [
      match.matched && match.forwards ? 'fail' : 'pass',
      !match.matched
        ? `no Resolver rule associated with ${vpcId} matches ${hostname}`
        : match.forwards
          ? `Resolver rule ${match.winner.rule.Id} (FORWARD ${match.winner.rule.DomainName}) decides ${hostname} for ${vpcId}`
          : `Resolver rule ${match.winner.rule.Id} (${match.winner.rule.RuleType} ${match.winner.rule.DomainName}) keeps ${hostname} on the VPC resolver`,
    ]),
    configurationCheck('dns.private-hosted-zones', v.zone, `the private hosted zones of ${vpcId}`, (top) => [
      top && v.zoneAnswer === undefined ? 'fail' : 'pass',
      top
        ? `private hosted zone ${top.Name} (${top.HostedZoneId}) associated with ${vpcId} claims ${hostname}${v.zoneAnswer !== undefined ? ` and answers it with ${v.zoneAnswer}` : ''}`
        : `no private hosted zone associated with ${vpcId} claims ${hostname}`,
    ]),
  );

  checks.push(...inboundOnly.checks);
  findings.push(...inboundOnly.findings);

  if (v.unlisted !== undefined) checks.push({ ...v.unlisted, basis: 'reasoned' });
  const x = v.expectation;
  if (x !== undefined) {
    findings.push(...x.findings);
    // The private DNS check: only interface endpoints; a gateway's PrivateDnsEnabled means nothing.
    checks.push(
      reasonedCheck(
        'dns.private-dns',
        x.privateCause && !x.byDesignPublic ? 'fail' : 'pass',
        x.privateCause
          ? x.privateCause.detail
          : e.PrivateDnsEnabled !== true && x.expectation.zoneAnswer !== undefined
            ? `${e.VpcEndpointId} has private DNS off; ${x.expectation.zoneAnswer}`
            : `${e.VpcEndpointId} has private DNS on and it covers ${hostname}`,
      ),
    );
  }

  let onPremBlocked = false;
  if (v.inbound !== undefined) {
    checks.push(
      configurationCheck('dns.inbound-resolver', v.inbound, `the Resolver endpoints of ${vpcId}`, (inbound) => [
        inbound.finding ? 'fail' : 'pass',
        inbound.finding
          ? `no usable INBOUND Resolver endpoint in ${vpcId}`
          : `inbound Resolver endpoint ${inbound.inbound.map((i) => i.Id).join(', ')} in ${vpcId} lets on-premises DNS forward ${v.region}.amazonaws.com`,
      ]),
    );
    if (v.inbound.read && v.inbound.value.finding) {
      findings.push(v.inbound.value.finding);
      onPremBlocked = true;
    }
  }

  // The answer: observed when that means something, otherwise reasoned.
  const observation = v.observation;
  if (observation.kind === 'observed' && v.observed !== undefined) {
    const observed = v.observed;
    const label = observedLabel(observation);
    checks.push(observedAnswerCheck(observed, e, hostname, label, (c) => comparedDetail(c, hostname, e)));
    if (observed.kind === 'compared') {
      const found = observed.compared.finding;
      if (found)
        findings.push({ ...found, evidence: [`${label}:`, ...found.evidence], fix: observedExtras.fix(found) });
      if (observed.resolved.status === 'answer') checks.push(...observedExtras.tcp(label));
    }
  } else if (x !== undefined) {
    const expectation = x.expectation;
    const failing = (expectation.answer !== 'private' && !x.byDesignPublic) || onPremBlocked;
    const status: Check['status'] = failing ? 'fail' : v.missing.length > 0 ? 'skipped' : 'pass';
    const because = observation.kind === 'reasoned' ? ` (${observation.why})` : '';
    const incomplete = !failing && v.missing.length > 0 ? `; could not read ${v.missing.join(', ')}` : '';
    const answer =
      onPremBlocked && expectation.answer === 'private'
        ? `on-premises DNS servers have no inbound Resolver endpoint in ${vpcId} to forward ${hostname} to: they answer with the service's public addresses, not ${e.VpcEndpointId}'s`
        : describeAnswer(expectation, e, v.eniIps);
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
