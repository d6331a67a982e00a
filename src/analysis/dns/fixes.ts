// Exact AWS CLI v2 commands for the DNS findings, built from the real ids. Flags checked against
// the AWS CLI v2 command reference; the page is named above each builder.
// `<…>` marks a value the user still has to choose (never an id we could have known).
// Every AWS call carries `--region` (via withRegion()); inside `$(…)` it goes before the `)`.
import { withRegion } from '../with-region.js';

const list = (values: readonly string[], placeholder: string): string =>
  values.length > 0 ? values.join(' ') : placeholder;

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-attribute.html
export function enableDnsSupport(vpcId: string, region: string): string {
  return withRegion(`aws ec2 modify-vpc-attribute --vpc-id ${vpcId} --enable-dns-support '{"Value":true}'`, region);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-attribute.html
// (one attribute per call: DNS support and DNS hostnames can't be changed in the same request)
export function enableDnsHostnames(vpcId: string, region: string): string {
  return withRegion(`aws ec2 modify-vpc-attribute --vpc-id ${vpcId} --enable-dns-hostnames '{"Value":true}'`, region);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--dns-options shorthand: PrivateDnsOnlyForInboundResolverEndpoint=boolean). For a service with
// both endpoint types (S3) EC2 turns that option on by default with private DNS, and refuses it
// ("the VPC must have a Gateway endpoint for the service") when the VPC has no gateway endpoint;
// so for those services `dnsOnlyForInbound` is given and stated explicitly.
export function enablePrivateDns(vpcEndpointId: string, region: string, dnsOnlyForInbound?: boolean): string {
  const dnsOptions =
    dnsOnlyForInbound === undefined
      ? ''
      : ` --dns-options PrivateDnsOnlyForInboundResolverEndpoint=${dnsOnlyForInbound ? 'true' : 'false'}`;
  return withRegion(
    `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpcEndpointId} --private-dns-enabled${dnsOptions}`,
    region,
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--private-dns-enabled | --no-private-dns-enabled)
export function disableOtherPrivateDns(vpcEndpointId: string, region: string): string {
  return withRegion(`aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpcEndpointId} --no-private-dns-enabled`, region);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--dns-options shorthand: PrivateDnsOnlyForInboundResolverEndpoint=boolean)
export function privateDnsForAllResolvers(vpcEndpointId: string, region: string): string {
  return withRegion(
    `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpcEndpointId} --dns-options PrivateDnsOnlyForInboundResolverEndpoint=false`,
    region,
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--add-route-table-ids: gateway endpoints; endpoint routes can't be made with create-route)
export function addEndpointRouteTable(vpcEndpointId: string, routeTableId: string, region: string): string {
  return withRegion(
    `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpcEndpointId} --add-route-table-ids ${routeTableId}`,
    region,
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
export function addEndpointSubnet(vpcEndpointId: string, subnetId: string, region: string): string {
  return withRegion(
    `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpcEndpointId} --add-subnet-ids ${subnetId}`,
    region,
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--dns-options shorthand: PrivateDnsOnlyForInboundResolverEndpoint=boolean)
export function s3PrivateDnsOnlyForInbound(vpcEndpointId: string, region: string): string {
  return withRegion(
    `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpcEndpointId} --dns-options PrivateDnsOnlyForInboundResolverEndpoint=true`,
    region,
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-vpc-endpoint.html
export function createInterfaceEndpoint(args: {
  region: string;
  vpcId: string;
  serviceName: string;
  subnetIds?: readonly string[];
  securityGroupIds?: readonly string[];
}): string {
  const command = [
    'aws ec2 create-vpc-endpoint',
    `--vpc-id ${args.vpcId}`,
    '--vpc-endpoint-type Interface',
    `--service-name ${args.serviceName}`,
    `--subnet-ids ${list(args.subnetIds ?? [], '<subnet-id …>')}`,
    `--security-group-ids ${list(args.securityGroupIds ?? [], '<sg-id>')}`,
    '--private-dns-enabled',
  ].join(' ');
  return withRegion(command, args.region);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-vpc-endpoint.html
export function createGatewayEndpoint(args: {
  region: string;
  vpcId: string;
  serviceName: string;
  routeTableIds?: readonly string[];
}): string {
  const command = [
    'aws ec2 create-vpc-endpoint',
    `--vpc-id ${args.vpcId}`,
    '--vpc-endpoint-type Gateway',
    `--service-name ${args.serviceName}`,
    `--route-table-ids ${list(args.routeTableIds ?? [], '<rtb-id …>')}`,
  ].join(' ');
  return withRegion(command, args.region);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53resolver/disassociate-resolver-rule.html
export function disassociateResolverRule(vpcId: string, resolverRuleId: string, region: string): string {
  return withRegion(
    `aws route53resolver disassociate-resolver-rule --vpc-id ${vpcId} --resolver-rule-id ${resolverRuleId}`,
    region,
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53resolver/create-resolver-rule.html
// and …/route53resolver/associate-resolver-rule.html: a SYSTEM rule for the exact name beats a
// FORWARD rule for a parent (most specific domain wins).
export function systemRuleForName(vpcId: string, hostname: string, region: string): string[] {
  const domain = hostname.replace(/\.$/, '');
  return [
    `RULE_ID=$(${withRegion(`aws route53resolver create-resolver-rule --creator-request-id vpce-doctor-${domain} --rule-type SYSTEM --domain-name ${domain} --query ResolverRule.Id --output text`, region)})`,
    withRegion(`aws route53resolver associate-resolver-rule --resolver-rule-id "$RULE_ID" --vpc-id ${vpcId}`, region),
  ];
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53resolver/create-resolver-endpoint.html
// --ip-addresses is a list: one `SubnetId=…` per address; an endpoint needs at least two.
export function createInboundResolverEndpoint(args: {
  region: string;
  vpcId: string;
  subnetIds?: readonly string[];
  securityGroupIds?: readonly string[];
}): string {
  const subnets = [...(args.subnetIds ?? [])];
  while (subnets.length < 2) subnets.push(`<subnet-id in ${subnets.length === 0 ? 'an' : 'another'} AZ>`);
  const command = [
    'aws route53resolver create-resolver-endpoint',
    `--creator-request-id vpce-doctor-inbound-${args.vpcId}`,
    `--name inbound-${args.vpcId}`,
    '--direction INBOUND',
    `--security-group-ids ${list(args.securityGroupIds ?? [], '<sg-id allowing TCP+UDP 53 from on-premises>')}`,
    `--ip-addresses ${subnets.map((subnet) => `SubnetId=${subnet}`).join(' ')}`,
  ].join(' ');
  return withRegion(command, args.region);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/configure/set.html
// (config key sts_regional_endpoints; docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html)
// The one command without --region: it edits the local shared config, no AWS call is made.
export function stsRegionalEndpoints(): string {
  return 'aws configure set sts_regional_endpoints regional';
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-dhcp-options.html
// and …/ec2/associate-dhcp-options.html
export function amazonProvidedDnsOptions(vpcId: string, region: string): string[] {
  return [
    `DOPT_ID=$(${withRegion('aws ec2 create-dhcp-options --dhcp-configurations "Key=domain-name-servers,Values=AmazonProvidedDNS" --query DhcpOptions.DhcpOptionsId --output text', region)})`,
    withRegion(`aws ec2 associate-dhcp-options --dhcp-options-id "$DOPT_ID" --vpc-id ${vpcId}`, region),
  ];
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/disassociate-vpc-from-hosted-zone.html
// (--vpc shorthand: VPCRegion=string,VPCId=string; the last VPC of a zone can't be disassociated)
export function disassociateVpcFromHostedZone(hostedZoneId: string, vpcId: string, region: string): string {
  const id = hostedZoneId.replace(/^\/hostedzone\//, '');
  return withRegion(
    `aws route53 disassociate-vpc-from-hosted-zone --hosted-zone-id ${id} --vpc VPCRegion=${region},VPCId=${vpcId}`,
    region,
  );
}
