// The facts probes return, as zod schemas with AWS's own field names (PascalCase), so a
// recorded session reads like real API output. Each schema names only the fields the
// analysis reads; unknown fields are kept (looseObject) so recordings stay faithful.
// Types are inferred from the schemas: one source of truth for the live probe, the
// session loader and the pure analysis.
import { z } from 'zod';
import {
  InstanceIdSchema,
  NetworkAclIdSchema,
  NetworkInterfaceIdSchema,
  PrefixListIdSchema,
  RouteTableIdSchema,
  SecurityGroupIdSchema,
  SubnetIdSchema,
  VpcEndpointIdSchema,
  VpcIdSchema,
} from './ids.js';

export const TagSchema = z.looseObject({ Key: z.string().optional(), Value: z.string().optional() });
export type Tag = z.infer<typeof TagSchema>;

export const CallerIdentitySchema = z.looseObject({
  Account: z.string(),
  Arn: z.string(),
  UserId: z.string().optional(),
});
export type CallerIdentity = z.infer<typeof CallerIdentitySchema>;

export const GroupIdentifierSchema = z.looseObject({
  GroupId: SecurityGroupIdSchema,
  GroupName: z.string().optional(),
});

/** The workload the traffic starts from, whatever kind of id the user gave. */
export const SourceSchema = z.looseObject({
  Kind: z.enum(['instance', 'eni', 'subnet']),
  Id: z.string(),
  SubnetId: SubnetIdSchema,
  VpcId: VpcIdSchema,
  AvailabilityZone: z.string().optional(),
  PrivateIpAddress: z.string().optional(),
  Ipv6Addresses: z.array(z.string()).default([]),
  /** Security groups of the source ENI(s); empty for a subnet source. */
  Groups: z.array(GroupIdentifierSchema).default([]),
  /** The source's network interfaces (instance: all of them). */
  NetworkInterfaceIds: z.array(NetworkInterfaceIdSchema).default([]),
  Tags: z.array(TagSchema).default([]),
});
export type Source = z.infer<typeof SourceSchema>;

export const SubnetSchema = z.looseObject({
  SubnetId: SubnetIdSchema,
  VpcId: VpcIdSchema,
  AvailabilityZone: z.string().optional(),
  AvailabilityZoneId: z.string().optional(),
  CidrBlock: z.string().optional(),
  Ipv6CidrBlockAssociationSet: z
    .array(
      z.looseObject({
        Ipv6CidrBlock: z.string().optional(),
        Ipv6CidrBlockState: z.looseObject({ State: z.string().optional() }).optional(),
      }),
    )
    .default([]),
  /** An IPv6-only subnet: no IPv4 range, its interfaces get IPv6 addresses only. */
  Ipv6Native: z.boolean().optional(),
  /** DNS64: the Resolver synthesises 64:ff9b::/96 AAAA records for names with A records only. */
  EnableDns64: z.boolean().optional(),
  Tags: z.array(TagSchema).default([]),
});
export type Subnet = z.infer<typeof SubnetSchema>;

export const VpcSchema = z.looseObject({
  VpcId: VpcIdSchema,
  CidrBlock: z.string().optional(),
  CidrBlockAssociationSet: z
    .array(
      z.looseObject({
        CidrBlock: z.string().optional(),
        CidrBlockState: z.looseObject({ State: z.string().optional() }).optional(),
      }),
    )
    .default([]),
  Ipv6CidrBlockAssociationSet: z.array(z.looseObject({ Ipv6CidrBlock: z.string().optional() })).default([]),
  DhcpOptionsId: z.string().optional(),
  IsDefault: z.boolean().optional(),
  Tags: z.array(TagSchema).default([]),
});
export type Vpc = z.infer<typeof VpcSchema>;

export const VpcEndpointSchema = z.looseObject({
  VpcEndpointId: VpcEndpointIdSchema,
  VpcEndpointType: z.string(), // Gateway | Interface | GatewayLoadBalancer | Resource | ServiceNetwork
  VpcId: VpcIdSchema,
  ServiceName: z.string(),
  State: z.string(),
  PolicyDocument: z.string().optional(),
  RouteTableIds: z.array(RouteTableIdSchema).default([]),
  SubnetIds: z.array(SubnetIdSchema).default([]),
  Groups: z.array(GroupIdentifierSchema).default([]),
  NetworkInterfaceIds: z.array(NetworkInterfaceIdSchema).default([]),
  PrivateDnsEnabled: z.boolean().optional(),
  IpAddressType: z.string().optional(),
  DnsOptions: z
    .looseObject({
      DnsRecordIpType: z.string().optional(),
      PrivateDnsOnlyForInboundResolverEndpoint: z.boolean().optional(),
    })
    .optional(),
  DnsEntries: z
    .array(z.looseObject({ DnsName: z.string().optional(), HostedZoneId: z.string().optional() }))
    .default([]),
  Tags: z.array(TagSchema).default([]),
});
export type VpcEndpoint = z.infer<typeof VpcEndpointSchema>;

export const RouteSchema = z.looseObject({
  DestinationCidrBlock: z.string().optional(),
  DestinationIpv6CidrBlock: z.string().optional(),
  DestinationPrefixListId: PrefixListIdSchema.optional(),
  GatewayId: z.string().optional(), // igw-…, vgw-…, vpce-… (gateway endpoint), local
  NatGatewayId: z.string().optional(),
  TransitGatewayId: z.string().optional(),
  VpcPeeringConnectionId: z.string().optional(),
  NetworkInterfaceId: NetworkInterfaceIdSchema.optional(),
  InstanceId: InstanceIdSchema.optional(),
  EgressOnlyInternetGatewayId: z.string().optional(),
  LocalGatewayId: z.string().optional(),
  CarrierGatewayId: z.string().optional(),
  CoreNetworkArn: z.string().optional(),
  Origin: z.string().optional(), // CreateRouteTable | CreateRoute | EnableVgwRoutePropagation
  State: z.string().optional(), // active | blackhole
});
export type Route = z.infer<typeof RouteSchema>;

export const RouteTableSchema = z.looseObject({
  RouteTableId: RouteTableIdSchema,
  VpcId: VpcIdSchema.optional(),
  Routes: z.array(RouteSchema).default([]),
  Associations: z
    .array(
      z.looseObject({
        RouteTableAssociationId: z.string().optional(),
        RouteTableId: RouteTableIdSchema.optional(),
        SubnetId: SubnetIdSchema.optional(),
        GatewayId: z.string().optional(),
        Main: z.boolean().optional(),
      }),
    )
    .default([]),
  Tags: z.array(TagSchema).default([]),
});
export type RouteTable = z.infer<typeof RouteTableSchema>;

/** The route table a subnet actually uses, and how we know. */
export const EffectiveRouteTableSchema = z.looseObject({
  SubnetId: SubnetIdSchema,
  /** `explicit`: the subnet is associated with it; `main`: no association, the VPC's main table applies. */
  Association: z.enum(['explicit', 'main']),
  RouteTable: RouteTableSchema,
});
export type EffectiveRouteTable = z.infer<typeof EffectiveRouteTableSchema>;

export const PortRangeSchema = z.looseObject({ From: z.number().optional(), To: z.number().optional() });

export const NetworkAclEntrySchema = z.looseObject({
  RuleNumber: z.number(),
  Protocol: z.string(), // "-1" all, "6" tcp, "17" udp, "1" icmp …
  RuleAction: z.enum(['allow', 'deny']),
  Egress: z.boolean(),
  CidrBlock: z.string().optional(),
  Ipv6CidrBlock: z.string().optional(),
  PortRange: PortRangeSchema.optional(),
});
export type NetworkAclEntry = z.infer<typeof NetworkAclEntrySchema>;

export const NetworkAclSchema = z.looseObject({
  NetworkAclId: NetworkAclIdSchema,
  VpcId: VpcIdSchema.optional(),
  IsDefault: z.boolean().optional(),
  Entries: z.array(NetworkAclEntrySchema).default([]),
  Associations: z
    .array(
      z.looseObject({
        NetworkAclAssociationId: z.string().optional(),
        NetworkAclId: NetworkAclIdSchema.optional(),
        SubnetId: SubnetIdSchema.optional(),
      }),
    )
    .default([]),
  Tags: z.array(TagSchema).default([]),
});
export type NetworkAcl = z.infer<typeof NetworkAclSchema>;

export const IpPermissionSchema = z.looseObject({
  IpProtocol: z.string(), // "-1", "tcp", "udp", "icmp", "6" …
  FromPort: z.number().optional(),
  ToPort: z.number().optional(),
  IpRanges: z.array(z.looseObject({ CidrIp: z.string().optional(), Description: z.string().optional() })).default([]),
  Ipv6Ranges: z
    .array(z.looseObject({ CidrIpv6: z.string().optional(), Description: z.string().optional() }))
    .default([]),
  PrefixListIds: z
    .array(z.looseObject({ PrefixListId: PrefixListIdSchema.optional(), Description: z.string().optional() }))
    .default([]),
  UserIdGroupPairs: z
    .array(
      z.looseObject({
        GroupId: SecurityGroupIdSchema.optional(),
        UserId: z.string().optional(),
        VpcId: VpcIdSchema.optional(),
        VpcPeeringConnectionId: z.string().optional(),
        Description: z.string().optional(),
      }),
    )
    .default([]),
});
export type IpPermission = z.infer<typeof IpPermissionSchema>;

export const SecurityGroupSchema = z.looseObject({
  GroupId: SecurityGroupIdSchema,
  GroupName: z.string().optional(),
  VpcId: VpcIdSchema.optional(),
  IpPermissions: z.array(IpPermissionSchema).default([]),
  IpPermissionsEgress: z.array(IpPermissionSchema).default([]),
  Tags: z.array(TagSchema).default([]),
});
export type SecurityGroup = z.infer<typeof SecurityGroupSchema>;

export const ManagedPrefixListSchema = z.looseObject({
  PrefixListId: PrefixListIdSchema,
  PrefixListName: z.string().optional(), // com.amazonaws.<region>.s3 for the AWS-managed ones
  AddressFamily: z.string().optional(),
  Entries: z.array(z.looseObject({ Cidr: z.string(), Description: z.string().optional() })).default([]),
});
export type ManagedPrefixList = z.infer<typeof ManagedPrefixListSchema>;

export const NetworkInterfaceSchema = z.looseObject({
  NetworkInterfaceId: NetworkInterfaceIdSchema,
  SubnetId: SubnetIdSchema.optional(),
  VpcId: VpcIdSchema.optional(),
  AvailabilityZone: z.string().optional(),
  PrivateIpAddress: z.string().optional(),
  PrivateIpAddresses: z
    .array(z.looseObject({ PrivateIpAddress: z.string().optional(), Primary: z.boolean().optional() }))
    .default([]),
  Ipv6Addresses: z.array(z.looseObject({ Ipv6Address: z.string().optional() })).default([]),
  Groups: z.array(GroupIdentifierSchema).default([]),
  InterfaceType: z.string().optional(),
  Attachment: z.looseObject({ InstanceId: InstanceIdSchema.optional() }).optional(),
});
export type NetworkInterface = z.infer<typeof NetworkInterfaceSchema>;
