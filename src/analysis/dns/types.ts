// Inputs of the DNS analysis, named as the AWS APIs name them (PascalCase), so a recorded
// session reads like API output. Only the fields the analysis reads; all else may be present.

/** Route 53 Resolver ListResolverRules → ResolverRules[]. */
export interface ResolverRule {
  Id: string;
  /** With a trailing dot, e.g. `amazonaws.com.`; `.` matches every name. */
  DomainName: string;
  RuleType: 'FORWARD' | 'SYSTEM' | 'RECURSIVE';
  TargetIps?: { Ip?: string; Ipv6?: string; Port?: number }[];
  Name?: string;
  ResolverEndpointId?: string;
  OwnerId?: string;
  ShareStatus?: string;
}

/** Route 53 Resolver ListResolverRuleAssociations → ResolverRuleAssociations[]. */
export interface ResolverRuleAssociation {
  Id?: string;
  ResolverRuleId: string;
  VPCId: string;
  Status?: 'CREATING' | 'COMPLETE' | 'DELETING' | 'FAILED' | 'OVERRIDDEN' | string;
  Name?: string;
}

/** Route 53 Resolver ListResolverEndpoints → ResolverEndpoints[]. */
export interface ResolverEndpoint {
  Id: string;
  Direction: 'INBOUND' | 'OUTBOUND' | 'INBOUND_DELEGATION' | string;
  HostVPCId: string;
  IpAddressCount?: number;
  Status?: 'CREATING' | 'OPERATIONAL' | 'UPDATING' | 'AUTO_RECOVERING' | 'ACTION_NEEDED' | 'DELETING' | string;
  Name?: string;
  SecurityGroupIds?: string[];
}

/** Route 53 ListHostedZonesByVPC → HostedZoneSummaries[]. */
export interface HostedZoneSummary {
  HostedZoneId: string;
  /** With a trailing dot. */
  Name: string;
  /** OwningService is set for zones a service manages (e.g. Cloud Map); OwningAccount otherwise. */
  Owner?: { OwningAccount?: string; OwningService?: string };
}

/** EC2 DescribeDhcpOptions → DhcpOptions[]. */
export interface DhcpOptions {
  DhcpOptionsId?: string;
  DhcpConfigurations?: { Key?: string; Values?: { Value?: string }[] }[];
}

/** EC2 DescribeVpcAttribute, both DNS attributes. */
export interface VpcDnsAttributes {
  EnableDnsSupport: boolean;
  EnableDnsHostnames: boolean;
}

/** EC2 DescribeVpcEndpointServices → ServiceDetails[]. */
export interface EndpointServiceDetail {
  ServiceName: string;
  AvailabilityZones?: string[];
  /** E.g. `sqs.us-east-1.amazonaws.com`, or `*.s3.us-east-1.amazonaws.com` style wildcards. */
  PrivateDnsName?: string;
  PrivateDnsNames?: { PrivateDnsName?: string }[];
  ServiceType?: { ServiceType?: 'Interface' | 'Gateway' | 'GatewayLoadBalancer' | string }[];
}

/** Where the traffic starts, as far as DNS is concerned. */
export type SourceKind =
  | 'instance'
  | 'eni'
  | 'subnet'
  | 'peered-vpc'
  | 'transit-gateway'
  | 'on-premises'
  | 'vpn'
  | 'direct-connect';

/** The finding ids this module can raise (see FINDINGS.md). */
export type DnsFindingId =
  | 'dns.vpc-dns-support-disabled'
  | 'dns.vpc-dns-hostnames-disabled'
  | 'dns.private-dns-disabled'
  | 'dns.resolves-public'
  | 'dns.custom-dhcp-servers'
  | 'dns.resolver-rule-override'
  | 'dns.onprem-no-inbound-resolver'
  | 'dns.phz-shadow'
  | 'interface.az-not-covered'
  | 'client.sts-global-endpoint'
  | 'client.companion-endpoints'
  | 'cost.interface-where-gateway-free';
