// The network path's findings: routes that take the service's traffic away from a gateway
// endpoint, and the packet filters (security groups, network ACLs) on both ends of the flow.
import type { CatalogueEntry } from '../catalogue-entry.js';
import { DOCS } from '../docs.js';

export const NETWORK_FINDINGS = {
  'gateway.route-overridden': {
    severity: 'error',
    layer: 'route',
    title: 'A more specific route takes the service traffic away from the gateway endpoint',
    why: 'Routes are chosen by longest prefix: a route equal to (static) or narrower than a prefix-list CIDR wins over the pl-… → vpce-… route, so that traffic never reaches the endpoint.',
    remedy: 'Delete or narrow the route that is equal to or more specific than the prefix-list CIDR.',
    docs: [DOCS.routePriority, DOCS.gatewayEndpoints],
    confirm: [
      "aws ec2 describe-route-tables --route-table-ids $RTB_ID --query 'RouteTables[].Routes'",
      'aws ec2 get-managed-prefix-list-entries --prefix-list-id $PL_ID',
    ],
  },
  'sg.source-egress-missing': {
    severity: 'error',
    layer: 'security-group',
    title: "The source's security groups allow no outbound HTTPS to the endpoint",
    why: 'Security groups allow only what a rule names: without an outbound TCP 443 rule to the endpoint (its network interfaces, or the service prefix list for a gateway) the connection never leaves the source.',
    remedy:
      "Allow outbound TCP 443 from the source's security group to the endpoint (its security group, its subnets, or the service prefix list for a gateway).",
    docs: [DOCS.securityGroups, DOCS.gatewayS3],
    confirm: [
      "aws ec2 describe-security-groups --group-ids $SOURCE_SG_ID --query 'SecurityGroups[].IpPermissionsEgress'",
    ],
  },
  'sg.endpoint-ingress-missing': {
    severity: 'error',
    layer: 'security-group',
    title: "The interface endpoint's security groups allow no inbound HTTPS from the source",
    why: "An interface endpoint's network interfaces accept only what their security groups allow: without inbound TCP 443 from the source the connection times out.",
    remedy:
      "Allow inbound TCP 443 on the endpoint's security group from the source (its security group, or its CIDR across peering, transit gateway or on-premises).",
    docs: [DOCS.securityGroups, DOCS.accessServices],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].Groups'",
      "aws ec2 describe-security-groups --group-ids $ENDPOINT_SG_ID --query 'SecurityGroups[].IpPermissions'",
    ],
  },
  'nacl.source-subnet-blocks': {
    severity: 'error',
    layer: 'nacl',
    title: "The source subnet's network ACL blocks the request or its reply",
    why: 'Network ACLs are stateless and evaluated lowest rule number first: the subnet must allow outbound TCP 443 to the endpoint and inbound replies on ephemeral ports 1024-65535.',
    remedy:
      'Add network ACL entries on the source subnet: outbound TCP 443 to the endpoint, inbound TCP 1024-65535 from it (for a gateway, one entry per prefix-list CIDR).',
    docs: [DOCS.networkAcls],
    confirm: [
      "aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=$SOURCE_SUBNET_ID --query 'NetworkAcls[].Entries'",
    ],
  },
  'nacl.endpoint-subnet-blocks': {
    severity: 'error',
    layer: 'nacl',
    title: "The endpoint subnet's network ACL blocks the request or its reply",
    why: "Network ACLs are stateless: the endpoint's subnets must allow inbound TCP 443 from the source and outbound replies to its ephemeral ports 1024-65535.",
    remedy:
      "Add network ACL entries on the endpoint's subnets: inbound TCP 443 from the source, outbound TCP 1024-65535 to it.",
    docs: [DOCS.networkAcls],
    confirm: [
      "aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=$ENDPOINT_SUBNET_ID --query 'NetworkAcls[].Entries'",
    ],
  },
  'cost.s3-via-nat': {
    severity: 'info',
    layer: 'cost',
    title: 'S3/DynamoDB traffic leaves through a NAT gateway',
    why: 'A NAT gateway bills per hour and per GB processed; a gateway endpoint for S3 or DynamoDB carries the same traffic for free.',
    remedy: "Create a gateway endpoint for the service and associate it with the subnet's route table.",
    docs: [DOCS.gatewayEndpoints, DOCS.gatewayS3],
    confirm: [
      "aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=$SOURCE_SUBNET_ID --query 'RouteTables[].Routes'",
    ],
  },
} as const satisfies Record<string, CatalogueEntry>;
