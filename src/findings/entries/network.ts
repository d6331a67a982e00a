// The network path's findings: routes that take the service's traffic away from a gateway
// endpoint, and the packet filters (security groups, network ACLs) on both ends of the flow.
import type { CatalogueEntry } from '../catalogue-entry.js';

export const NETWORK_FINDINGS = {
  'gateway.route-overridden': {
    severity: 'error',
    layer: 'route',
    title: 'A more specific route takes the service traffic away from the gateway endpoint',
    why: 'Routes are chosen by longest prefix: a route equal to (static) or narrower than a prefix-list CIDR wins over the pl-… → vpce-… route, so that traffic never reaches the endpoint.',
  },
  'sg.source-egress-missing': {
    severity: 'error',
    layer: 'security-group',
    title: "The source's security groups allow no outbound HTTPS to the endpoint",
    why: 'Security groups allow only what a rule names: without an outbound TCP 443 rule to the endpoint (its network interfaces, or the service prefix list for a gateway) the connection never leaves the source.',
  },
  'sg.endpoint-ingress-missing': {
    severity: 'error',
    layer: 'security-group',
    title: "The interface endpoint's security groups allow no inbound HTTPS from the source",
    why: "An interface endpoint's network interfaces accept only what their security groups allow: without inbound TCP 443 from the source the connection times out.",
  },
  'nacl.source-subnet-blocks': {
    severity: 'error',
    layer: 'nacl',
    title: "The source subnet's network ACL blocks the request or its reply",
    why: 'Network ACLs are stateless and evaluated lowest rule number first: the subnet must allow outbound TCP 443 to the endpoint and inbound replies on ephemeral ports 1024-65535.',
  },
  'nacl.endpoint-subnet-blocks': {
    severity: 'error',
    layer: 'nacl',
    title: "The endpoint subnet's network ACL blocks the request or its reply",
    why: "Network ACLs are stateless: the endpoint's subnets must allow inbound TCP 443 from the source and outbound replies to its ephemeral ports 1024-65535.",
  },
  'cost.s3-via-nat': {
    severity: 'info',
    layer: 'cost',
    title: 'S3/DynamoDB traffic leaves through a NAT gateway',
    why: 'A NAT gateway bills per hour and per GB processed; a gateway endpoint for S3 or DynamoDB carries the same traffic for free.',
  },
} as const satisfies Record<string, CatalogueEntry>;
