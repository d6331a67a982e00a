// Inputs of the DNS analysis, named as the AWS APIs name them (PascalCase), so a recorded
// session reads like API output. The shapes are the probe schemas' (src/probes/specs/dns.ts).
import type { z } from 'zod';
import type {
  DhcpOptionsSchema,
  EndpointServiceDetailSchema,
  HostedZoneSummarySchema,
  ResolverEndpointSchema,
  ResolverRuleAssociationSchema,
  ResolverRuleSchema,
  VpcDnsAttributesSchema,
} from '../../probes/specs/dns.js';
import type { DNS_FINDINGS } from '../../findings/entries/dns.js';

/** Route 53 Resolver GetResolverRule / ListResolverRules → ResolverRule. */
export type ResolverRule = z.infer<typeof ResolverRuleSchema>;
/** Route 53 Resolver ListResolverRuleAssociations → ResolverRuleAssociations[]. */
export type ResolverRuleAssociation = z.infer<typeof ResolverRuleAssociationSchema>;
/** Route 53 Resolver ListResolverEndpoints → ResolverEndpoints[]. */
export type ResolverEndpoint = z.infer<typeof ResolverEndpointSchema>;
/** Route 53 ListHostedZonesByVPC → HostedZoneSummaries[]. */
export type HostedZoneSummary = z.infer<typeof HostedZoneSummarySchema>;
/** EC2 DescribeDhcpOptions → DhcpOptions[]. */
export type DhcpOptions = z.infer<typeof DhcpOptionsSchema>;
/** EC2 DescribeVpcAttribute, both DNS attributes. */
export type VpcDnsAttributes = z.infer<typeof VpcDnsAttributesSchema>;
/** EC2 DescribeVpcEndpointServices → ServiceDetails[]. */
export type EndpointServiceDetail = z.infer<typeof EndpointServiceDetailSchema>;

/** The finding ids this module can raise (see FINDINGS.md). */
export type DnsFindingId = keyof typeof DNS_FINDINGS;
