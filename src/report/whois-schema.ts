// The `whois --json` report: a versioned public interface like the diagnosis report.
// `vpce-doctor schema whois` prints it as JSON Schema.
import { z } from 'zod';
import { OWNER_KINDS } from '../analysis/whois/owner.js';
import { ADDRESS_FILTERS } from '../probes/specs/whois.js';

export const WHOIS_VERSION = 1;

const OwnerDetailsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('vpc-endpoint'),
    vpcEndpointId: z.string(),
    type: z.string(),
    serviceName: z.string(),
    state: z.string(),
    privateDnsEnabled: z.boolean().optional(),
    dnsNames: z.array(z.string()),
    policy: z.array(z.string()),
  }),
  z.strictObject({
    kind: z.literal('load-balancer'),
    name: z.string(),
    type: z.string().optional(),
    state: z.string().optional(),
    scheme: z.string().optional(),
    dnsName: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('nat-gateway'),
    natGatewayId: z.string(),
    state: z.string().optional(),
    connectivityType: z.string().optional(),
    publicIps: z.array(z.string()),
  }),
  z.strictObject({
    kind: z.literal('resolver-endpoint'),
    resolverEndpointId: z.string(),
    name: z.string().optional(),
    direction: z.string(),
    status: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('lambda'),
    functionName: z.string(),
    state: z.string().optional(),
    runtime: z.string().optional(),
  }),
]);
export type OwnerDetails = z.infer<typeof OwnerDetailsSchema>;

const InboundRuleSchema = z.strictObject({
  groupId: z.string(),
  protocol: z.string(),
  source: z.string(),
  description: z.string().optional(),
});

export const WhoisInterfaceReportSchema = z.strictObject({
  networkInterfaceId: z.string(),
  vpcId: z.string().optional(),
  subnetId: z.string().optional(),
  availabilityZone: z.string().optional(),
  status: z.string().optional(),
  privateIpAddresses: z.array(z.string()),
  publicIps: z.array(z.string()),
  ipv6Addresses: z.array(z.string()),
  /** The raw fields the owner was read from, as AWS returned them. */
  fields: z.strictObject({
    interfaceType: z.string().optional(),
    description: z.string().optional(),
    requesterId: z.string().optional(),
    requesterManaged: z.boolean().optional(),
    attachmentInstanceId: z.string().optional(),
    attachmentInstanceOwnerId: z.string().optional(),
    operatorPrincipal: z.string().optional(),
    operatorManaged: z.boolean().optional(),
  }),
  owner: z.strictObject({
    kind: z.enum(OWNER_KINDS),
    label: z.string(),
    resource: z.string().optional(),
    basis: z.array(z.string()),
    notes: z.array(z.string()),
  }),
  ownerDetails: OwnerDetailsSchema.optional(),
  securityGroups: z.array(z.strictObject({ groupId: z.string(), groupName: z.string().optional() })),
  /** Absent when the security groups could not be read (see `unread`). */
  inboundRules: z.array(InboundRuleSchema).optional(),
  listener: z
    .strictObject({
      ports: z.array(z.number().int()),
      why: z.string(),
      /** Absent when the security groups could not be read (see `unread`). */
      admitted: z.array(z.strictObject({ port: z.number().int(), rules: z.array(InboundRuleSchema) })).optional(),
    })
    .optional(),
  networkAcl: z
    .strictObject({
      networkAclId: z.string(),
      inboundForListener: z.array(
        z.strictObject({
          port: z.number().int(),
          rules: z.array(
            z.strictObject({
              rule: z.string(),
              action: z.enum(['allow', 'deny']),
              protocol: z.string(),
              ports: z.string().optional(),
              cidr: z.string(),
            }),
          ),
        }),
      ),
    })
    .optional(),
  routeTable: z
    .strictObject({
      routeTableId: z.string(),
      association: z.enum(['explicit', 'main']),
      routes: z.array(z.strictObject({ destination: z.string(), target: z.string(), state: z.string().optional() })),
    })
    .optional(),
  nextStep: z
    .strictObject({
      answers: z.record(z.string(), z.string()),
      missing: z.array(z.string()),
      file: z.string(),
    })
    .optional(),
});
export type WhoisInterfaceReport = z.infer<typeof WhoisInterfaceReportSchema>;

export const WhoisReportSchema = z.strictObject({
  version: z.literal(WHOIS_VERSION),
  query: z.strictObject({
    input: z.string(),
    kind: z.enum(['eni', 'ipv4', 'ipv6']),
    /** The DescribeNetworkInterfaces filters searched (or network-interface-id). */
    searched: z.array(z.union([z.enum(ADDRESS_FILTERS), z.literal('network-interface-id')])),
  }),
  region: z.string(),
  /** found: at least one interface; not-found: every search answered and none matched; incomplete: a read failed. */
  status: z.enum(['found', 'not-found', 'incomplete']),
  interfaces: z.array(WhoisInterfaceReportSchema),
  /** Every read that failed: what it was for, the IAM action when it was denied, and AWS's message. */
  unread: z.array(z.strictObject({ what: z.string(), action: z.string().optional(), message: z.string() })),
  /** For an address in no interface: whether AWS's published ranges could be checked. */
  publicRanges: z
    .strictObject({
      checked: z.literal(false),
      reason: z.string(),
      /** Where the user can look the address up: AWS's current file and the page on searching it. */
      lookUp: z.string().optional(),
    })
    .optional(),
});
export type WhoisReport = z.infer<typeof WhoisReportSchema>;

export function whoisJsonSchema(): unknown {
  return z.toJSONSchema(WhoisReportSchema, { io: 'input', unrepresentable: 'any' });
}
