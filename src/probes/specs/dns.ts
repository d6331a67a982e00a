// The DNS chain's probes: the VPC's resolver settings (attributes, DHCP option set), the
// endpoint service's private DNS name and AZs, Route 53 Resolver rules and endpoints, private
// hosted zones, and what a client actually sees from here (IMDS, a DNS answer, a TCP handshake).
// Schemas keep AWS's own field names; unknown fields are kept (looseObject).
import { z } from 'zod';
import { VpcIdInput } from './core.js';

/** EC2 DescribeVpcAttribute, both DNS attributes (one call each). */
export const VpcDnsAttributesSchema = z.looseObject({
  EnableDnsSupport: z.boolean(),
  EnableDnsHostnames: z.boolean(),
});

/** EC2 DescribeDhcpOptions → DhcpOptions[0]. */
export const DhcpOptionsSchema = z.looseObject({
  DhcpOptionsId: z.string().optional(),
  DhcpConfigurations: z
    .array(
      z.looseObject({
        Key: z.string().optional(),
        Values: z.array(z.looseObject({ Value: z.string().optional() })).optional(),
      }),
    )
    .optional(),
});

/** EC2 DescribeVpcEndpointServices → ServiceDetails[0]. */
export const EndpointServiceDetailSchema = z.looseObject({
  ServiceName: z.string(),
  AvailabilityZones: z.array(z.string()).optional(),
  /** E.g. `sqs.us-east-1.amazonaws.com`, or `*.s3.us-east-1.amazonaws.com` style wildcards. */
  PrivateDnsName: z.string().optional(),
  PrivateDnsNames: z.array(z.looseObject({ PrivateDnsName: z.string().optional() })).optional(),
  ServiceType: z.array(z.looseObject({ ServiceType: z.string().optional() })).optional(),
  /** ipv4 | ipv6: the address families the service accepts through an endpoint. */
  SupportedIpAddressTypes: z.array(z.string()).optional(),
});

/** Route 53 Resolver GetResolverRule → ResolverRule. */
export const ResolverRuleSchema = z.looseObject({
  Id: z.string(),
  /** With a trailing dot, e.g. `amazonaws.com.`; `.` matches every name. */
  DomainName: z.string(),
  RuleType: z.string(), // FORWARD | SYSTEM | RECURSIVE | DELEGATE
  TargetIps: z
    .array(z.looseObject({ Ip: z.string().optional(), Ipv6: z.string().optional(), Port: z.number().optional() }))
    .optional(),
  Name: z.string().optional(),
  ResolverEndpointId: z.string().optional(),
  OwnerId: z.string().optional(),
  ShareStatus: z.string().optional(),
});

/** Route 53 Resolver ListResolverRuleAssociations → ResolverRuleAssociations[]. */
export const ResolverRuleAssociationSchema = z.looseObject({
  Id: z.string().optional(),
  ResolverRuleId: z.string(),
  VPCId: z.string(),
  Status: z.string().optional(), // CREATING | COMPLETE | DELETING | FAILED | OVERRIDDEN
  Name: z.string().optional(),
});

/** Route 53 Resolver ListResolverEndpoints → ResolverEndpoints[]. */
export const ResolverEndpointSchema = z.looseObject({
  Id: z.string(),
  Direction: z.string(), // INBOUND | OUTBOUND | INBOUND_DELEGATION
  HostVPCId: z.string(),
  IpAddressCount: z.number().optional(),
  Status: z.string().optional(), // CREATING | OPERATIONAL | UPDATING | AUTO_RECOVERING | ACTION_NEEDED | DELETING
  Name: z.string().optional(),
  SecurityGroupIds: z.array(z.string()).optional(),
});

/** Route 53 ListHostedZonesByVPC → HostedZoneSummaries[]. */
export const HostedZoneSummarySchema = z.looseObject({
  HostedZoneId: z.string(),
  /** With a trailing dot. */
  Name: z.string(),
  /** OwningService is set for zones a service manages (e.g. Cloud Map); OwningAccount otherwise. */
  Owner: z.looseObject({ OwningAccount: z.string().optional(), OwningService: z.string().optional() }).optional(),
});

/** Route 53 GetHostedZone → VPCs: the VPCs a private hosted zone is associated with. */
export const HostedZoneVpcsSchema = z.looseObject({
  HostedZoneId: z.string(),
  VPCs: z.array(z.looseObject({ VPCId: z.string().optional(), VPCRegion: z.string().optional() })).default([]),
});

/** Route 53 ListResourceRecordSets → ResourceRecordSets[]: what a private hosted zone answers. */
export const ResourceRecordSetSchema = z.looseObject({
  /** With a trailing dot; `\052` stands for a leading `*`. */
  Name: z.string(),
  Type: z.string(),
  TTL: z.number().optional(),
  ResourceRecords: z.array(z.looseObject({ Value: z.string() })).optional(),
  AliasTarget: z
    .looseObject({ HostedZoneId: z.string(), DNSName: z.string(), EvaluateTargetHealth: z.boolean() })
    .optional(),
  SetIdentifier: z.string().optional(),
});

/** IMDSv2: is vpce-doctor running on an EC2 instance, and where (src/probes/live/net-observe.ts). */
export const InstanceDetectionSchema = z.discriminatedUnion('inside', [
  z.strictObject({
    inside: z.literal(true),
    instanceId: z.string(),
    az: z.string(),
    vpcId: z.string(),
    endpoint: z.string(),
  }),
  z.strictObject({
    inside: z.literal(false),
    reason: z.enum(['disabled', 'timeout', 'unreachable', 'token-rejected', 'metadata-error']),
    detail: z.string(),
  }),
]);
export type InstanceDetection = z.infer<typeof InstanceDetectionSchema>;

/** A live DNS answer (A and AAAA) from the system resolver or the --dns-server. */
export const ResolveNameResultSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('answer'),
    addresses: z.array(z.string()),
    ipv6Addresses: z.array(z.string()),
    server: z.string(),
  }),
  z.strictObject({ status: z.literal('nxdomain'), server: z.string() }),
  z.strictObject({ status: z.literal('nodata'), server: z.string() }),
  z.strictObject({ status: z.literal('timeout'), server: z.string() }),
  z.strictObject({ status: z.literal('error'), code: z.string(), message: z.string(), server: z.string() }),
]);
export type ResolveNameResult = z.infer<typeof ResolveNameResultSchema>;

/** One TCP handshake. */
export const TcpConnectResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('open'), ms: z.number() }),
  z.strictObject({ status: z.literal('refused') }),
  z.strictObject({ status: z.literal('timeout') }),
  z.strictObject({ status: z.literal('error'), code: z.string() }),
]);
export type TcpConnectResult = z.infer<typeof TcpConnectResultSchema>;

export const DNS_PROBES = {
  /** DescribeVpcAttribute enableDnsSupport + enableDnsHostnames; null when the VPC does not exist. */
  'ec2.vpc-dns-attributes': {
    iam: ['ec2:DescribeVpcAttribute'],
    input: VpcIdInput,
    output: VpcDnsAttributesSchema.nullable(),
  },
  /** DescribeDhcpOptions by the VPC's DhcpOptionsId (never called for `default`, which means AmazonProvidedDNS); null when not found. */
  'ec2.dhcp-options': {
    iam: ['ec2:DescribeDhcpOptions'],
    input: z.strictObject({ dhcpOptionsId: z.string() }),
    output: DhcpOptionsSchema.nullable(),
  },
  /** DescribeVpcEndpointServices by ServiceNames; null when the service is not offered in this Region. */
  'ec2.vpc-endpoint-service': {
    iam: ['ec2:DescribeVpcEndpointServices'],
    input: z.strictObject({ serviceName: z.string() }),
    output: EndpointServiceDetailSchema.nullable(),
  },
  /** Route 53 Resolver ListResolverRuleAssociations filtered by VPCId. */
  'route53resolver.rule-associations': {
    iam: ['route53resolver:ListResolverRuleAssociations'],
    input: VpcIdInput,
    output: z.array(ResolverRuleAssociationSchema),
  },
  /** Route 53 Resolver GetResolverRule (an associated rule, possibly shared from another account); null when not found. */
  'route53resolver.rule': {
    iam: ['route53resolver:GetResolverRule'],
    input: z.strictObject({ resolverRuleId: z.string() }),
    output: ResolverRuleSchema.nullable(),
  },
  /** Route 53 Resolver ListResolverEndpoints filtered by HostVPCId. */
  'route53resolver.endpoints': {
    iam: ['route53resolver:ListResolverEndpoints'],
    input: VpcIdInput,
    output: z.array(ResolverEndpointSchema),
  },
  /** Route 53 ListHostedZonesByVPC: the private hosted zones associated with the VPC. */
  'route53.hosted-zones-by-vpc': {
    iam: ['route53:ListHostedZonesByVPC'],
    input: z.strictObject({ vpcId: z.string(), region: z.string() }),
    output: z.array(HostedZoneSummarySchema),
  },
  /** Route 53 GetHostedZone: which VPCs a private hosted zone answers (one of them can't be disassociated); null when not found. */
  'route53.hosted-zone': {
    iam: ['route53:GetHostedZone'],
    input: z.strictObject({ hostedZoneId: z.string() }),
    output: HostedZoneVpcsSchema.nullable(),
  },
  /** Route 53 ListResourceRecordSets: a private hosted zone's records (an alias to the endpoint resolves a shadow); null when not found. */
  'route53.zone-records': {
    iam: ['route53:ListResourceRecordSets'],
    input: z.strictObject({ hostedZoneId: z.string() }),
    output: z.array(ResourceRecordSetSchema).nullable(),
  },
  /** IMDSv2 with a short timeout: which instance, AZ and VPC vpce-doctor runs in, if any. */
  'imds.instance': {
    iam: [],
    input: z.strictObject({}),
    output: InstanceDetectionSchema,
  },
  /** Resolve a name (A + AAAA) with the system resolver, or through `server` (--dns-server). */
  'dns.resolve': {
    iam: [],
    input: z.strictObject({ hostname: z.string(), server: z.string().optional() }),
    output: ResolveNameResultSchema,
  },
  /** One TCP handshake to ip:port with a short timeout (the module always asks port 443). */
  'tcp.connect': {
    iam: [],
    input: z.strictObject({ ip: z.string(), port: z.number().int() }),
    output: TcpConnectResultSchema,
  },
} as const;
