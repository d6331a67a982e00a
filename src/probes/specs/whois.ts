// The probes of `vpce-doctor whois`: find the network interfaces that hold an address (or the
// one with an id) and read, read-only, whatever owns them. Every call is filtered server-side.
import { z } from 'zod';
import { GroupIdentifierSchema, TagSchema, VpcEndpointSchema } from '../shapes.js';
import { VpcIdInput } from './core.js';

/** A network interface with the fields that say who made it and what uses it. */
export const WhoisInterfaceSchema = z.looseObject({
  NetworkInterfaceId: z.string(),
  SubnetId: z.string().optional(),
  VpcId: z.string().optional(),
  AvailabilityZone: z.string().optional(),
  OwnerId: z.string().optional(),
  Status: z.string().optional(), // available | in-use | attaching | detaching | associated
  Description: z.string().optional(),
  /** What kind of interface AWS says it is (interface, vpc_endpoint, nat_gateway, lambda, …). */
  InterfaceType: z.string().optional(),
  /** The alias or account of the service that created it (amazon-elb, amazon-rds, an account id …). */
  RequesterId: z.string().optional(),
  RequesterManaged: z.boolean().optional(),
  PrivateIpAddress: z.string().optional(),
  PrivateIpAddresses: z
    .array(
      z.looseObject({
        PrivateIpAddress: z.string().optional(),
        Primary: z.boolean().optional(),
        Association: z.looseObject({ PublicIp: z.string().optional() }).optional(),
      }),
    )
    .default([]),
  Ipv6Addresses: z.array(z.looseObject({ Ipv6Address: z.string().optional() })).default([]),
  Association: z
    .looseObject({
      PublicIp: z.string().optional(),
      IpOwnerId: z.string().optional(),
      AllocationId: z.string().optional(),
    })
    .optional(),
  Attachment: z
    .looseObject({
      InstanceId: z.string().optional(),
      InstanceOwnerId: z.string().optional(),
      Status: z.string().optional(),
      DeviceIndex: z.number().optional(),
    })
    .optional(),
  /** Set when a service manages the interface (e.g. EKS Auto Mode): who, and whether it is managed. */
  Operator: z.looseObject({ Managed: z.boolean().optional(), Principal: z.string().optional() }).optional(),
  Groups: z.array(GroupIdentifierSchema).default([]),
  TagSet: z.array(TagSchema).default([]),
});
export type WhoisInterface = z.infer<typeof WhoisInterfaceSchema>;

export const NatGatewaySchema = z.looseObject({
  NatGatewayId: z.string(),
  VpcId: z.string().optional(),
  SubnetId: z.string().optional(),
  State: z.string().optional(), // pending | failed | available | deleting | deleted
  ConnectivityType: z.string().optional(), // public | private
  NatGatewayAddresses: z
    .array(
      z.looseObject({
        NetworkInterfaceId: z.string().optional(),
        PrivateIp: z.string().optional(),
        PublicIp: z.string().optional(),
      }),
    )
    .default([]),
  Tags: z.array(TagSchema).default([]),
});
export type NatGateway = z.infer<typeof NatGatewaySchema>;

export const LoadBalancerSchema = z.looseObject({
  LoadBalancerArn: z.string(),
  LoadBalancerName: z.string(),
  Type: z.string().optional(), // application | network | gateway
  Scheme: z.string().optional(), // internet-facing | internal
  State: z.looseObject({ Code: z.string().optional(), Reason: z.string().optional() }).optional(),
  DNSName: z.string().optional(),
  VpcId: z.string().optional(),
  SecurityGroups: z.array(z.string()).default([]),
});
export type LoadBalancer = z.infer<typeof LoadBalancerSchema>;

export const LambdaFunctionSchema = z.looseObject({
  FunctionName: z.string(),
  FunctionArn: z.string().optional(),
  State: z.string().optional(), // Pending | Active | Inactive | Failed
  Runtime: z.string().optional(),
  VpcConfig: z
    .looseObject({
      VpcId: z.string().optional(),
      SubnetIds: z.array(z.string()).default([]),
      SecurityGroupIds: z.array(z.string()).default([]),
    })
    .optional(),
});
export type LambdaFunction = z.infer<typeof LambdaFunctionSchema>;

/** Which DescribeNetworkInterfaces filter finds an address. */
export const ADDRESS_FILTERS = [
  'addresses.private-ip-address',
  'association.public-ip',
  'ipv6-addresses.ipv6-address',
] as const;
export type AddressFilter = (typeof ADDRESS_FILTERS)[number];

export const WHOIS_PROBES = {
  /** DescribeNetworkInterfaces filtered by one address filter: every interface holding it, in any VPC. */
  'ec2.interfaces-by-address': {
    iam: ['ec2:DescribeNetworkInterfaces'],
    input: z.strictObject({ filter: z.enum(ADDRESS_FILTERS), address: z.string() }),
    output: z.array(WhoisInterfaceSchema),
  },
  /** DescribeNetworkInterfaces by id; null when it does not exist. */
  'ec2.interface': {
    iam: ['ec2:DescribeNetworkInterfaces'],
    input: z.strictObject({ networkInterfaceId: z.string() }),
    output: WhoisInterfaceSchema.nullable(),
  },
  /** DescribeVpcEndpoints filtered by vpc-id: to find the endpoint an interface belongs to when its fields do not say. */
  'ec2.vpc-endpoints-of-vpc': {
    iam: ['ec2:DescribeVpcEndpoints'],
    input: VpcIdInput,
    output: z.array(VpcEndpointSchema),
  },
  /** DescribeNatGateways by id; null when it does not exist. */
  'ec2.nat-gateway': {
    iam: ['ec2:DescribeNatGateways'],
    input: z.strictObject({ natGatewayId: z.string() }),
    output: NatGatewaySchema.nullable(),
  },
  /** DescribeNatGateways filtered by vpc-id. */
  'ec2.nat-gateways-of-vpc': { iam: ['ec2:DescribeNatGateways'], input: VpcIdInput, output: z.array(NatGatewaySchema) },
  /** elasticloadbalancing:DescribeLoadBalancers by name; null when none has it. */
  'elbv2.load-balancer': {
    iam: ['elasticloadbalancing:DescribeLoadBalancers'],
    input: z.strictObject({ name: z.string() }),
    output: LoadBalancerSchema.nullable(),
  },
  /** lambda:GetFunctionConfiguration by name; null when it does not exist. */
  'lambda.function': {
    iam: ['lambda:GetFunctionConfiguration'],
    input: z.strictObject({ functionName: z.string() }),
    output: LambdaFunctionSchema.nullable(),
  },
} as const;
