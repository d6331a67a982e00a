// Interface endpoints and the DNS chain: from the VPC's resolver settings to the answer a
// client gets for the service name (VPC user guide: vpc-dns; PrivateLink guide:
// privatelink-access-aws-services; Route 53 guide: resolver rules, private hosted zones).
import type { CatalogueEntry } from '../catalogue-entry.js';
import { DOCS } from '../docs.js';

export const DNS_FINDINGS = {
  'dns.vpc-dns-support-disabled': {
    severity: 'error',
    layer: 'dns',
    title: 'DNS resolution is disabled on the VPC',
    why: 'With enableDnsSupport off the VPC has no Amazon resolver, so no private DNS name of an endpoint can resolve.',
    remedy:
      'Turn DNS resolution on: aws ec2 modify-vpc-attribute --vpc-id $VPC_ID --enable-dns-support \'{"Value":true}\'.',
    docs: [DOCS.vpcDns],
    confirm: ['aws ec2 describe-vpc-attribute --vpc-id $VPC_ID --attribute enableDnsSupport'],
  },
  'dns.vpc-dns-hostnames-disabled': {
    severity: 'error',
    layer: 'dns',
    title: 'DNS hostnames are disabled on the VPC',
    why: 'With enableDnsHostnames off the private DNS of interface endpoints does not apply, so the service name resolves to public addresses.',
    remedy:
      'Turn DNS hostnames on: aws ec2 modify-vpc-attribute --vpc-id $VPC_ID --enable-dns-hostnames \'{"Value":true}\'.',
    docs: [DOCS.vpcDns, DOCS.privateHostedZones],
    confirm: ['aws ec2 describe-vpc-attribute --vpc-id $VPC_ID --attribute enableDnsHostnames'],
  },
  'dns.private-dns-disabled': {
    severity: 'error',
    layer: 'dns',
    title: 'Private DNS is off on the interface endpoint',
    why: 'With private DNS off the service name resolves to public addresses, and the request bypasses the endpoint.',
    remedy:
      'Enable private DNS on the endpoint (aws ec2 modify-vpc-endpoint --vpc-endpoint-id $VPCE_ID --private-dns-enabled), or call the endpoint-specific DNS name.',
    docs: [DOCS.accessServices],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].[PrivateDnsEnabled,DnsEntries]'",
    ],
  },
  'dns.resolves-public': {
    severity: 'error',
    layer: 'dns',
    title: "The service name does not resolve to the endpoint's addresses",
    why: "The service name resolves to addresses that are not the endpoint's, so the request does not go through the endpoint.",
    remedy:
      'Fix the cause the other DNS findings name (private DNS, Resolver rule, DHCP servers, private hosted zone); the answer then becomes the endpoint addresses.',
    docs: [DOCS.accessServices, DOCS.vpcDns],
    confirm: [
      'dig +short $SERVICE_HOST   # on an instance in the VPC',
      "aws ec2 describe-network-interfaces --filters Name=vpc-endpoint-id,Values=$VPCE_ID --query 'NetworkInterfaces[].PrivateIpAddress'",
    ],
  },
  'dns.custom-dhcp-servers': {
    severity: 'error',
    layer: 'dns',
    title: 'The VPC hands out custom DNS servers',
    why: "Instances ask the DHCP-provided DNS servers, which only see the endpoint's private zone if they forward to the VPC resolver.",
    remedy:
      'Forward $REGION.amazonaws.com from your DNS servers to the VPC resolver (VPC CIDR base + 2), or use a DHCP option set with AmazonProvidedDNS.',
    docs: [DOCS.dhcpOptions, DOCS.vpcDns],
    confirm: [
      "aws ec2 describe-vpcs --vpc-ids $VPC_ID --query 'Vpcs[].DhcpOptionsId'",
      'aws ec2 describe-dhcp-options --dhcp-options-ids $DOPT_ID',
    ],
  },
  'dns.resolver-rule-override': {
    severity: 'error',
    layer: 'dns',
    title: 'A Resolver FORWARD rule sends the service name away from the VPC resolver',
    why: "A Resolver FORWARD rule for the name or a parent sends the query to other DNS servers before the endpoint's private zone is consulted.",
    remedy:
      'Disassociate the FORWARD rule from the VPC, or add a SYSTEM rule for the service name so the VPC resolver answers it.',
    docs: [DOCS.resolverOutbound],
    confirm: [
      'aws route53resolver list-resolver-rule-associations --filters Name=VPCId,Values=$VPC_ID',
      'aws route53resolver get-resolver-rule --resolver-rule-id $RSLVR_RR_ID',
    ],
  },
  'dns.onprem-no-inbound-resolver': {
    severity: 'error',
    layer: 'dns',
    title: 'No inbound Resolver endpoint for on-premises clients',
    why: "On-premises DNS servers cannot query a VPC's private zones without an inbound Resolver endpoint to forward to.",
    remedy:
      'Create an INBOUND Resolver endpoint in the VPC and a conditional forwarder for the service name on your on-premises DNS servers.',
    docs: [DOCS.resolverInbound],
    confirm: ['aws route53resolver list-resolver-endpoints --filters Name=Direction,Values=INBOUND'],
  },
  'dns.phz-shadow': {
    severity: 'error',
    layer: 'dns',
    title: 'A private hosted zone shadows the service name',
    why: 'A private hosted zone for the name or a parent answers for it; without a record for the name the answer is NXDOMAIN.',
    remedy: 'Add the missing record to the private hosted zone, or disassociate the zone from the VPC.',
    docs: [DOCS.privateHostedZones],
    confirm: [
      'aws route53 list-hosted-zones-by-vpc --vpc-id $VPC_ID --vpc-region $REGION',
      'aws route53 list-resource-record-sets --hosted-zone-id $ZONE_ID --query "ResourceRecordSets[?Name==\'$SERVICE_HOST.\']"',
    ],
  },
  'dns.private-dns-conflict': {
    severity: 'error',
    layer: 'dns',
    title: 'Private DNS cannot be enabled: something else in the VPC already claims the service name',
    why: 'EC2 refuses to enable private DNS on an endpoint while another endpoint of the same service or a private hosted zone for the name already answers for it in the VPC.',
    remedy:
      'Reuse the endpoint that already has private DNS, or remove the conflicting private hosted zone, then enable private DNS.',
    docs: [DOCS.accessServices, DOCS.privateHostedZones],
    confirm: [
      "aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=$VPC_ID Name=service-name,Values=$SERVICE_NAME --query 'VpcEndpoints[].[VpcEndpointId,PrivateDnsEnabled]'",
      'aws route53 list-hosted-zones-by-vpc --vpc-id $VPC_ID --vpc-region $REGION',
    ],
  },
  'dns.inbound-only-misconfigured': {
    severity: 'error',
    layer: 'dns',
    title: 'Private DNS only for inbound resolver endpoints, without the pieces it relies on',
    why: 'With PrivateDnsOnlyForInboundResolverEndpoint on, only queries through an inbound Resolver endpoint get private answers; clients in the VPC must reach the service through the gateway endpoint.',
    remedy:
      'Add the missing piece: the inbound Resolver endpoint, or the gateway endpoint route for clients in the VPC.',
    docs: [DOCS.s3PrivateLink, DOCS.resolverInbound],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].DnsOptions'",
      'aws route53resolver list-resolver-endpoints --filters Name=Direction,Values=INBOUND',
    ],
  },
  'interface.service-not-in-az': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The interface endpoint is placed in Availability Zones the service does not offer',
    why: 'An endpoint network interface only serves in an Availability Zone where the endpoint service is offered; subnets elsewhere carry no traffic.',
    remedy: 'Place the endpoint in subnets of Availability Zones the service supports.',
    docs: [DOCS.accessServices],
    confirm: [
      "aws ec2 describe-vpc-endpoint-services --service-names $SERVICE_NAME --query 'ServiceDetails[].AvailabilityZones'",
      "aws ec2 describe-subnets --subnet-ids $ENDPOINT_SUBNET_ID --query 'Subnets[].AvailabilityZone'",
    ],
  },
  'interface.az-not-covered': {
    severity: 'warning',
    layer: 'endpoint',
    title: "The interface endpoint has no network interface in the source's Availability Zone",
    why: 'Without an endpoint interface in the source AZ the request crosses AZs (latency, data charges) and zonal names do not resolve; it still works.',
    remedy:
      "Add a subnet in the source's Availability Zone to the endpoint: aws ec2 modify-vpc-endpoint --vpc-endpoint-id $VPCE_ID --add-subnet-ids $SUBNET_ID.",
    docs: [DOCS.accessServices],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].SubnetIds'",
      "aws ec2 describe-subnets --subnet-ids $SOURCE_SUBNET_ID --query 'Subnets[].AvailabilityZone'",
    ],
  },
  'client.sts-global-endpoint': {
    severity: 'error',
    layer: 'client',
    title: 'The client calls the global STS endpoint, which a regional STS endpoint does not serve',
    why: "The global STS name is not covered by a regional STS endpoint's private DNS, so the call leaves the VPC.",
    remedy:
      'Make the client use the regional STS endpoint: AWS_STS_REGIONAL_ENDPOINTS=regional, or aws configure set sts_regional_endpoints regional.',
    docs: [DOCS.stsRegional],
    confirm: [
      'aws configure get sts_regional_endpoints   # on the source host',
      'aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=$VPC_ID Name=service-name,Values=com.amazonaws.$REGION.sts',
    ],
  },
  'client.companion-endpoints': {
    severity: 'error',
    layer: 'client',
    title: 'A companion endpoint the workload needs is missing',
    why: 'The workload calls several services; one without an endpoint fails from a private subnet even when the others work.',
    remedy:
      'Create an endpoint for each missing companion service (for ECR: ecr.api, ecr.dkr and the S3 gateway endpoint).',
    docs: [DOCS.ecrEndpoints, DOCS.accessServices],
    confirm: [
      "aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=$VPC_ID --query 'VpcEndpoints[].ServiceName'",
    ],
  },
  'client.proxy': {
    severity: 'error',
    layer: 'client',
    title: 'An HTTPS proxy on the source takes the request away from the endpoint',
    why: 'Clients that honour HTTPS_PROXY send the request to the proxy, which reaches the service by its own path, unless NO_PROXY exempts the AWS names.',
    remedy: 'Exempt the AWS names from the proxy: NO_PROXY=.amazonaws.com (and 169.254.169.254 for instance metadata).',
    docs: [DOCS.cliProxy],
    confirm: ['env | grep -i _proxy   # on the source host'],
  },
  'cost.interface-where-gateway-free': {
    severity: 'info',
    layer: 'cost',
    title: 'S3 or DynamoDB traffic uses a paid interface endpoint where a gateway endpoint is free',
    why: 'A gateway endpoint carries this traffic from inside the VPC for free; the interface endpoint bills per AZ-hour and per GB.',
    remedy:
      'Add a gateway endpoint for the traffic from inside the VPC; keep the interface endpoint only for on-premises or peered clients.',
    docs: [DOCS.gatewayEndpoints, DOCS.s3PrivateLink],
    confirm: [
      "aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=$VPC_ID --query 'VpcEndpoints[].[ServiceName,VpcEndpointType]'",
    ],
  },
  'dns.hub-not-resolvable': {
    severity: 'error',
    layer: 'dns',
    title: 'The spoke VPC does not resolve the service name to the hub endpoint',
    why: "A centralized endpoint's private DNS answers only in its own VPC; spokes reach it only through a private hosted zone for the name associated with them or a Resolver rule forwarding the name to the hub.",
    remedy:
      "Associate the hub's private hosted zone for the service name with the spoke VPC, or forward the name to the hub with a Resolver rule.",
    docs: [DOCS.privateHostedZones, DOCS.resolverOutbound],
    confirm: [
      'aws route53 list-hosted-zones-by-vpc --vpc-id $SPOKE_VPC_ID --vpc-region $REGION',
      'aws route53resolver list-resolver-rule-associations --filters Name=VPCId,Values=$SPOKE_VPC_ID',
    ],
  },
} as const satisfies Record<string, CatalogueEntry>;
