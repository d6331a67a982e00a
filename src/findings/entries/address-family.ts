// IPv4 and IPv6 on the request's path: an endpoint and a source with no family in common, a
// name without the records the source can use, and the IPv6 half of a dual-stack name leaving by
// a route other than the gateway endpoint's (PrivateLink guide: "IP address types", "DNS record
// IP type" for interface and gateway endpoints).
import type { CatalogueEntry } from '../catalogue-entry.js';
import type { DocLink } from '../docs.js';
import { DOCS } from '../docs.js';

const IP_TYPES: DocLink = {
  title: 'Access an AWS service using an interface VPC endpoint: IP address types and DNS record IP type',
  url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
};
const S3_DUAL_STACK: DocLink = {
  title: 'Using Amazon S3 dual-stack endpoints',
  url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/dual-stack-endpoints.html',
};
const NAT64: DocLink = {
  title: 'DNS64 and NAT64',
  url: 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html',
};
const IPV6_ONLY: DocLink = {
  title: 'IP addressing for your VPCs and subnets (IPv6-only subnets)',
  url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
};

export const ADDRESS_FAMILY_FINDINGS = {
  'endpoint.ip-family-mismatch': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The source and the interface endpoint have no IP address family in common',
    why: "An interface endpoint's network interfaces carry only the families of its IP address type: an IPv6-only source cannot reach an ipv4 endpoint (nor an IPv4-only source an ipv6 one), so the connection never starts — unless the source subnet has DNS64 on and routes 64:ff9b::/96 to a NAT gateway, which translates the flow to IPv4 (NAT64).",
    remedy:
      'Make the endpoint dual-stack (each endpoint subnet needs an IPv6 /64 first): aws ec2 modify-vpc-endpoint --vpc-endpoint-id $VPCE_ID --ip-address-type dualstack --dns-options DnsRecordIpType=dualstack. For an IPv6-only source, NAT64 works too: aws ec2 modify-subnet-attribute --subnet-id $SOURCE_SUBNET_ID --enable-dns64 and a 64:ff9b::/96 route to a NAT gateway.',
    docs: [IP_TYPES, IPV6_ONLY, NAT64],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].[IpAddressType,DnsOptions.DnsRecordIpType,SubnetIds]'",
      "aws ec2 describe-subnets --subnet-ids $SOURCE_SUBNET_ID --query 'Subnets[].[CidrBlock,Ipv6Native,EnableDns64,Ipv6CidrBlockAssociationSet[].Ipv6CidrBlock]'",
      "aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=$SOURCE_SUBNET_ID --query 'RouteTables[].Routes[?DestinationIpv6CidrBlock==`64:ff9b::/96`]'",
    ],
  },
  'nacl.nat64-subnet-blocks': {
    severity: 'error',
    layer: 'nacl',
    title: "The NAT gateway subnet's network ACL blocks the NAT64 flow",
    why: "Through NAT64 the packets cross the NAT gateway's subnet twice: in from the IPv6-only source (TCP 443 to the 64:ff9b::/96 address) and out to the endpoint over IPv4 (TCP 443 from the gateway's private address), with the replies on ephemeral ports 1024-65535 both ways. Network ACLs are stateless and an IPv4 entry never matches IPv6, so that subnet's ACL needs entries of both families.",
    remedy:
      "Add entries on the NAT gateway subnet's ACL: inbound TCP 443 from the source's IPv6 range and outbound TCP 1024-65535 to it (--ipv6-cidr-block), outbound TCP 443 to the endpoint's addresses and inbound TCP 1024-65535 from them (--cidr-block).",
    docs: [NAT64, DOCS.networkAcls],
    confirm: [
      "aws ec2 describe-nat-gateways --nat-gateway-ids $NAT_GATEWAY_ID --query 'NatGateways[].[SubnetId,NatGatewayAddresses[].PrivateIp]'",
      "aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=$NAT_SUBNET_ID --query 'NetworkAcls[].Entries'",
    ],
  },
  'dns.record-ip-type-mismatch': {
    severity: 'error',
    layer: 'dns',
    title: "The endpoint's DNS records offer no address of the family the source uses",
    why: "The DNS record IP type decides which records the endpoint's names answer: with ipv4, or service-defined on the private DNS name, there is no AAAA record, so an IPv6-only source gets no address of the endpoint even when its interfaces have IPv6 ones.",
    remedy:
      'Answer AAAA records too: aws ec2 modify-vpc-endpoint --vpc-endpoint-id $VPCE_ID --dns-options DnsRecordIpType=dualstack (ipv6 for an ipv6 endpoint).',
    docs: [IP_TYPES, DOCS.accessServices],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].[IpAddressType,DnsOptions.DnsRecordIpType]'",
      'dig +short AAAA $SERVICE_HOST',
    ],
  },
  'route.dualstack-bypasses-endpoint': {
    severity: 'error',
    layer: 'route',
    title: 'IPv6 traffic to the dual-stack name leaves by another route, not the gateway endpoint',
    why: 'A gateway endpoint routes only the prefix lists of its IP address type: with ipv4 (and always for DynamoDB) the AAAA answers of a dual-stack name match no endpoint route and follow the IPv6 default route (an egress-only internet gateway, say), skipping the endpoint, its policy and any aws:SourceVpce condition.',
    remedy:
      'S3: make the gateway endpoint dual-stack (aws ec2 modify-vpc-endpoint --vpc-endpoint-id $VPCE_ID --ip-address-type dualstack); DynamoDB, or an S3 client that need not use IPv6: call the regional IPv4 name instead of the dual-stack one.',
    docs: [DOCS.gatewayEndpoints, S3_DUAL_STACK, DOCS.gatewayDynamoDb],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].IpAddressType'",
      "aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=$SOURCE_SUBNET_ID --query 'RouteTables[].Routes'",
    ],
  },
  'route.dualstack-no-ipv6-route': {
    severity: 'error',
    layer: 'route',
    title: 'IPv6 traffic to the dual-stack name has no route: the gateway endpoint carries IPv4 only',
    why: 'The source prefers the AAAA answer of the dual-stack name, but no route of its table carries IPv6 service traffic: the gateway endpoint routes only its IPv4 prefix list and there is no IPv6 default route, so the connection times out.',
    remedy:
      'S3: make the gateway endpoint dual-stack (aws ec2 modify-vpc-endpoint --vpc-endpoint-id $VPCE_ID --ip-address-type dualstack); DynamoDB, or a client that need not use IPv6: call the regional IPv4 name instead of the dual-stack one.',
    docs: [DOCS.gatewayEndpoints, S3_DUAL_STACK, DOCS.gatewayDynamoDb],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].IpAddressType'",
      "aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=$SOURCE_SUBNET_ID --query 'RouteTables[].Routes'",
    ],
  },
} as const satisfies Record<string, CatalogueEntry>;
