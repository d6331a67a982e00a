// Interface endpoints and the DNS chain: from the VPC's resolver settings to the answer a
// client gets for the service name (VPC user guide: vpc-dns; PrivateLink guide:
// privatelink-access-aws-services; Route 53 guide: resolver rules, private hosted zones).
import type { CatalogueEntry } from '../catalogue-entry.js';

export const DNS_FINDINGS = {
  'dns.vpc-dns-support-disabled': {
    severity: 'error',
    layer: 'dns',
    title: 'DNS resolution is disabled on the VPC',
    why: 'With enableDnsSupport off the VPC has no Amazon resolver, so no private DNS name of an endpoint can resolve.',
  },
  'dns.vpc-dns-hostnames-disabled': {
    severity: 'error',
    layer: 'dns',
    title: 'DNS hostnames are disabled on the VPC',
    why: 'With enableDnsHostnames off the private DNS of interface endpoints does not apply, so the service name resolves to public addresses.',
  },
  'dns.private-dns-disabled': {
    severity: 'error',
    layer: 'dns',
    title: 'Private DNS is off on the interface endpoint',
    why: 'With private DNS off the service name resolves to public addresses, and the request bypasses the endpoint.',
  },
  'dns.resolves-public': {
    severity: 'error',
    layer: 'dns',
    title: "The service name does not resolve to the endpoint's addresses",
    why: "The service name resolves to addresses that are not the endpoint's, so the request does not go through the endpoint.",
  },
  'dns.custom-dhcp-servers': {
    severity: 'error',
    layer: 'dns',
    title: 'The VPC hands out custom DNS servers',
    why: "Instances ask the DHCP-provided DNS servers, which only see the endpoint's private zone if they forward to the VPC resolver.",
  },
  'dns.resolver-rule-override': {
    severity: 'error',
    layer: 'dns',
    title: 'A Resolver FORWARD rule sends the service name away from the VPC resolver',
    why: "A Resolver FORWARD rule for the name or a parent sends the query to other DNS servers before the endpoint's private zone is consulted.",
  },
  'dns.onprem-no-inbound-resolver': {
    severity: 'error',
    layer: 'dns',
    title: 'No inbound Resolver endpoint for on-premises clients',
    why: "On-premises DNS servers cannot query a VPC's private zones without an inbound Resolver endpoint to forward to.",
  },
  'dns.phz-shadow': {
    severity: 'error',
    layer: 'dns',
    title: 'A private hosted zone shadows the service name',
    why: 'A private hosted zone for the name or a parent answers for it; without a record for the name the answer is NXDOMAIN.',
  },
  'dns.private-dns-conflict': {
    severity: 'error',
    layer: 'dns',
    title: 'Private DNS cannot be enabled: something else in the VPC already claims the service name',
    why: 'EC2 refuses to enable private DNS on an endpoint while another endpoint of the same service or a private hosted zone for the name already answers for it in the VPC.',
  },
  'dns.inbound-only-misconfigured': {
    severity: 'error',
    layer: 'dns',
    title: 'Private DNS only for inbound resolver endpoints, without the pieces it relies on',
    why: 'With PrivateDnsOnlyForInboundResolverEndpoint on, only queries through an inbound Resolver endpoint get private answers; clients in the VPC must reach the service through the gateway endpoint.',
  },
  'interface.service-not-in-az': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The interface endpoint is placed in Availability Zones the service does not offer',
    why: 'An endpoint network interface only serves in an Availability Zone where the endpoint service is offered; subnets elsewhere carry no traffic.',
  },
  'interface.az-not-covered': {
    severity: 'warning',
    layer: 'endpoint',
    title: "The interface endpoint has no network interface in the source's Availability Zone",
    why: 'Without an endpoint interface in the source AZ the request crosses AZs (latency, data charges) and zonal names do not resolve; it still works.',
  },
  'client.sts-global-endpoint': {
    severity: 'error',
    layer: 'client',
    title: 'The client calls the global STS endpoint, which a regional STS endpoint does not serve',
    why: "The global STS name is not covered by a regional STS endpoint's private DNS, so the call leaves the VPC.",
  },
  'client.companion-endpoints': {
    severity: 'error',
    layer: 'client',
    title: 'A companion endpoint the workload needs is missing',
    why: 'The workload calls several services; one without an endpoint fails from a private subnet even when the others work.',
  },
  'client.proxy': {
    severity: 'error',
    layer: 'client',
    title: 'An HTTPS proxy on the source takes the request away from the endpoint',
    why: 'Clients that honour HTTPS_PROXY send the request to the proxy, which reaches the service by its own path, unless NO_PROXY exempts the AWS names.',
  },
  'cost.interface-where-gateway-free': {
    severity: 'info',
    layer: 'cost',
    title: 'S3 or DynamoDB traffic uses a paid interface endpoint where a gateway endpoint is free',
    why: 'A gateway endpoint carries this traffic from inside the VPC for free; the interface endpoint bills per AZ-hour and per GB.',
  },
  'dns.hub-not-resolvable': {
    severity: 'error',
    layer: 'dns',
    title: 'The spoke VPC does not resolve the service name to the hub endpoint',
    why: "A centralized endpoint's private DNS answers only in its own VPC; spokes reach it only through a private hosted zone for the name associated with them or a Resolver rule forwarding the name to the hub.",
  },
} as const satisfies Record<string, CatalogueEntry>;
