// One place that shapes a DNS-layer Finding, so every check fills the same fields. The `why`
// sentences follow FINDINGS.md; they can move into src/findings/catalogue.ts when these ids land there.
import type { Finding, Fix, Layer, Severity } from '../../findings/types.js';
import type { DnsFindingId } from './types.js';

export const DNS_FINDING_WHY: Record<DnsFindingId, string> = {
  'dns.vpc-dns-support-disabled': 'With enableDnsSupport off the VPC has no Amazon resolver, so no private DNS name of an endpoint can resolve.',
  'dns.vpc-dns-hostnames-disabled': 'With enableDnsHostnames off the private DNS of interface endpoints does not apply, so the service name resolves to public addresses.',
  'dns.private-dns-disabled': 'With private DNS off the service name resolves to public addresses, and the request bypasses the endpoint.',
  'dns.resolves-public': 'The service name resolves to addresses that are not the endpoint\'s, so the request does not go through the endpoint.',
  'dns.custom-dhcp-servers': 'Instances ask the DHCP-provided DNS servers, which only see the endpoint\'s private zone if they forward to the VPC resolver.',
  'dns.resolver-rule-override': 'A Resolver FORWARD rule for the name or a parent sends the query to other DNS servers before the endpoint\'s private zone is consulted.',
  'dns.onprem-no-inbound-resolver': 'On-premises DNS servers cannot query a VPC\'s private zones without an inbound Resolver endpoint to forward to.',
  'dns.phz-shadow': 'A private hosted zone for the name or a parent answers for it; without a record for the name the answer is NXDOMAIN.',
  'interface.az-not-covered': 'Without an endpoint interface in the source AZ the request crosses AZs (latency, data charges) and zonal names do not resolve.',
  'client.sts-global-endpoint': 'The global STS name is not covered by a regional STS endpoint\'s private DNS, so the call leaves the VPC.',
  'client.companion-endpoints': 'The workload calls several services; one without an endpoint fails from a private subnet even when the others work.',
  'cost.interface-where-gateway-free': 'A gateway endpoint carries this traffic from inside the VPC for free; the interface endpoint bills per AZ-hour and per GB.',
};

export function makeFinding(args: {
  id: DnsFindingId;
  severity: Severity;
  layer: Layer;
  title: string;
  evidence: string[];
  fix: Fix;
}): Finding {
  return {
    id: args.id,
    severity: args.severity,
    layer: args.layer,
    title: args.title,
    why: DNS_FINDING_WHY[args.id],
    evidence: args.evidence,
    fix: args.fix,
  };
}
