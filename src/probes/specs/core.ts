// The spine's probes: who is asking, where the traffic starts, the VPC's endpoints and the
// source subnet's route table.
import { z } from 'zod';
import {
  CallerIdentitySchema,
  EffectiveRouteTableSchema,
  NetworkInterfaceSchema,
  SourceSchema,
  SubnetSchema,
  VpcEndpointSchema,
  VpcSchema,
} from '../shapes.js';
import { NetworkInterfaceIdSchema, SubnetIdSchema, VpcEndpointIdSchema, VpcIdSchema } from '../ids.js';

export const VpcIdInput = z.strictObject({ vpcId: VpcIdSchema });

export const CORE_PROBES = {
  /** Who is asking: sts:GetCallerIdentity (never denied by IAM, but may fail without credentials). */
  'sts.caller-identity': {
    iam: ['sts:GetCallerIdentity'],
    input: z.strictObject({}),
    output: CallerIdentitySchema,
  },
  /** The workload: DescribeInstances / DescribeNetworkInterfaces / DescribeSubnets by id; null when it does not exist. */
  'ec2.source': {
    iam: ['ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
    input: z.strictObject({ kind: z.enum(['instance', 'eni', 'subnet']), id: z.string() }),
    output: SourceSchema.nullable(),
  },
  /** DescribeVpcs by id; null when it does not exist. */
  'ec2.vpc': {
    iam: ['ec2:DescribeVpcs'],
    input: VpcIdInput,
    output: VpcSchema.nullable(),
  },
  /** DescribeVpcEndpoints filtered by vpc-id and service-name. */
  'ec2.vpc-endpoints': {
    iam: ['ec2:DescribeVpcEndpoints'],
    input: z.strictObject({ vpcId: VpcIdSchema, serviceName: z.string() }),
    output: z.array(VpcEndpointSchema),
  },
  /** DescribeVpcEndpoints by id (an endpoint the user named); null when it does not exist. */
  'ec2.vpc-endpoint': {
    iam: ['ec2:DescribeVpcEndpoints'],
    input: z.strictObject({ vpcEndpointId: VpcEndpointIdSchema }),
    output: VpcEndpointSchema.nullable(),
  },
  /** DescribeRouteTables by association.subnet-id, else the VPC's main table. */
  'ec2.route-table': {
    iam: ['ec2:DescribeRouteTables'],
    input: z.strictObject({ subnetId: SubnetIdSchema, vpcId: VpcIdSchema }),
    output: EffectiveRouteTableSchema.nullable(),
  },
  /** DescribeNetworkInterfaces by id (an interface endpoint's ENIs: their IPs, subnets, AZs). */
  'ec2.network-interfaces': {
    iam: ['ec2:DescribeNetworkInterfaces'],
    input: z.strictObject({ networkInterfaceIds: z.array(NetworkInterfaceIdSchema) }),
    output: z.array(NetworkInterfaceSchema),
  },
  /** DescribeSubnets filtered by vpc-id (to name real subnets in a fix). */
  'ec2.subnets': {
    iam: ['ec2:DescribeSubnets'],
    input: VpcIdInput,
    output: z.array(SubnetSchema),
  },
} as const;
