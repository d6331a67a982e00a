// The catalogue of checks: every check id a report can carry (they are in the report JSON,
// so users read and filter on them), with the layer it is filed under and what it looks at.
// `vpce-doctor findings --checks` lists it. A check names what was looked at; a finding (the
// other catalogue, ./catalogue.ts) names what is wrong.
import type { ProbeKey } from '../probes/contract.js';
import type { Layer } from './layers.js';

export interface CheckEntry {
  /** The layer the check is filed under. */
  layer: Layer;
  /** Other layers it is filed under for some paths (the hub check reports its DNS half under dns). */
  alsoIn?: readonly Layer[];
  /** What the check looks at, in a few words. */
  title: string;
}

export const CHECKS = {
  'source.located': { layer: 'endpoint', title: 'the source was found: its VPC, subnet, address and groups' },
  'service.privatelink': { layer: 'endpoint', title: 'the Region offers the service as an endpoint service' },
  'endpoint.exists': { layer: 'endpoint', title: 'an endpoint for the service serves the path' },
  'endpoint.available': { layer: 'endpoint', title: 'the endpoint is in the available state' },
  'endpoint.same-vpc': { layer: 'endpoint', title: "the endpoint is in the source's VPC" },
  'endpoint.type': { layer: 'endpoint', title: 'the endpoint type (gateway or interface) fits the service and source' },
  'endpoint.hub': {
    layer: 'endpoint',
    alsoIn: ['dns'],
    title: 'a spoke reaches a centralized (hub) endpoint: route and name',
  },
  'interface.az-coverage': { layer: 'endpoint', title: "the endpoint has a subnet in the source's Availability Zone" },
  'interface.service-azs': {
    layer: 'endpoint',
    title: "the service is offered in the endpoint subnets' Availability Zones",
  },
  'dns.vpc-dns-support': { layer: 'dns', title: 'the VPC has DNS resolution (enableDnsSupport) on' },
  'dns.vpc-dns-hostnames': { layer: 'dns', title: 'the VPC has DNS hostnames (enableDnsHostnames) on' },
  'dns.private-dns': { layer: 'dns', title: "the endpoint's private DNS is enabled and owns the name" },
  'dns.private-dns-name': { layer: 'dns', title: 'the private DNS names the endpoint service offers' },
  'dns.dhcp-options': { layer: 'dns', title: "the VPC's DHCP option set sends queries to the Amazon resolver" },
  'dns.resolver-rules': { layer: 'dns', title: 'no Resolver rule forwards the service name elsewhere' },
  'dns.private-hosted-zones': { layer: 'dns', title: 'no private hosted zone shadows the service name' },
  'dns.inbound-resolver': { layer: 'dns', title: 'an inbound Resolver endpoint answers clients outside the VPC' },
  'dns.inbound-only-gateway': { layer: 'dns', title: 'a gateway-only service is reachable from outside the VPC' },
  'dns.inbound-only-resolver': { layer: 'dns', title: 'the inbound Resolver endpoint for on-premises clients' },
  'dns.answer': { layer: 'dns', title: "the service name resolves to the endpoint's addresses" },
  'route.gateway-prefix-list': {
    layer: 'route',
    title: "the source subnet routes the service's prefix list to the gateway endpoint",
  },
  'route.interface-local': { layer: 'route', title: "the source subnet reaches the endpoint's addresses" },
  'gateway.route-table': { layer: 'route', title: "the gateway endpoint is on the source subnet's route table" },
  'gateway.same-vpc-source': { layer: 'route', title: 'the traffic to a gateway endpoint starts in its VPC' },
  'tcp.connect': { layer: 'route', title: 'TCP 443 to the resolved address connects' },
  'sg.source-egress': {
    layer: 'security-group',
    title: "the source's security groups allow HTTPS out to the endpoint",
  },
  'sg.endpoint-ingress': {
    layer: 'security-group',
    title: "the endpoint's security groups allow HTTPS in from the source",
  },
  'nacl.source-subnet': { layer: 'nacl', title: "the source subnet's network ACL passes the request and its reply" },
  'nacl.endpoint-subnet': { layer: 'nacl', title: "the endpoint subnets' network ACLs pass the request and its reply" },
  'nacl.nat64-subnet': {
    layer: 'nacl',
    title: "the NAT gateway subnet's network ACL passes the NAT64 flow: IPv6 from the source, IPv4 to the endpoint",
  },
  'policy.request': { layer: 'endpoint-policy', title: 'the request the policies are judged for' },
  'policy.endpoint-policy': { layer: 'endpoint-policy', title: 'the endpoint policy allows the request' },
  'policy.bucket-policy': {
    layer: 'resource-policy',
    title: 'the bucket policy allows the request through the endpoint',
  },
  'policy.bucket-policy-other-deny': {
    layer: 'resource-policy',
    title: 'no other Deny of the bucket policy matches the request',
  },
  'policy.bucket-region': { layer: 'client', title: "the bucket is in the endpoint's Region" },
  'policy.resource-policy': {
    layer: 'resource-policy',
    title: "the target's resource policy (queue, topic, key, secret, table, repository, REST API) allows the request",
  },
  'apigw.endpoint-type': {
    layer: 'dns',
    title: "an API Gateway API's endpoint type fits the VPC's execute-api endpoint and its private DNS",
  },
  'policy.aws-owned-buckets': {
    layer: 'endpoint-policy',
    title: "the S3 endpoint's data perimeter lets through the AWS-owned buckets the workload reads",
  },
  'policy.kms-key': {
    layer: 'resource-policy',
    title: "the KMS key that encrypts the bucket's objects lets S3 use it for the caller",
  },
  'apigw.unsigned-methods': {
    layer: 'endpoint-policy',
    title: "the execute-api endpoint policy lets through unsigned calls to the API's methods without authorization",
  },
  'policy.identity': { layer: 'identity', title: "the caller's IAM policies allow the request (advisory)" },
  'client.proxy': { layer: 'client', title: 'no HTTPS proxy on the source takes the request away from the endpoint' },
  'client.companion-endpoints': { layer: 'client', title: 'the endpoints the service needs beside it exist' },
  'client.sts-endpoint': { layer: 'client', title: 'an STS endpoint for clients that call the Regional STS' },
  'cost.endpoint-type': { layer: 'cost', title: 'the cheaper endpoint type for the service' },
  'family.interface-endpoint': {
    layer: 'endpoint',
    alsoIn: ['dns'],
    title: 'the source and the interface endpoint share an address family, and the name has records of it',
  },
  'family.gateway-ipv6': { layer: 'route', title: 'IPv6 traffic to a dual-stack name takes the gateway endpoint' },
  'family.gateway-ipv6-filters': {
    layer: 'security-group',
    alsoIn: ['nacl'],
    title: 'the IPv6 half of a dual-stack name passes the source security groups and subnet ACL',
  },
  'run.interrupted': { layer: 'endpoint', title: 'the run was interrupted before every check finished' },
} as const satisfies Record<string, CheckEntry>;

export type CatalogueCheckId = keyof typeof CHECKS;

/**
 * Check ids made by the engine rather than a module: a failed read no check of a module named
 * (`facts.<probe key>`), and a module that threw (`<module id>.crashed`).
 */
export const CHECK_FAMILIES = [
  { pattern: 'facts.<probe key>', title: 'a fact a module read could not be collected (denied or failed)' },
  { pattern: '<module>.crashed', title: 'the checks of a module crashed: a bug in vpce-doctor, never a pass' },
] as const;

export type CheckId = CatalogueCheckId | `facts.${ProbeKey}` | `${string}.crashed`;

const FACTS = /^facts\.[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;
const CRASHED = /^[a-z0-9-]+\.crashed$/;

/** Whether a check id is one a report may carry: catalogued, or made by the engine (see CHECK_FAMILIES). */
export function isKnownCheckId(id: string): boolean {
  return Object.hasOwn(CHECKS, id) || FACTS.test(id) || CRASHED.test(id);
}
