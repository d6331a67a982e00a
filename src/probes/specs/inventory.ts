// The wizard's pick lists: what sources, VPCs and endpoint services the account has in the
// Region, so a user picks instead of typing ids. Each is one read-only list call (paged); they
// feed the questions only, never a check.
import { z } from 'zod';
import { SubnetSchema, TagSchema, VpcSchema } from '../shapes.js';
import { LambdaFunctionSchema, WhoisInterfaceSchema } from './whois.js';

export const InstanceSummarySchema = z.looseObject({
  InstanceId: z.string(),
  State: z.looseObject({ Name: z.string().optional() }).optional(),
  PrivateIpAddress: z.string().optional(),
  SubnetId: z.string().optional(),
  VpcId: z.string().optional(),
  Placement: z.looseObject({ AvailabilityZone: z.string().optional() }).optional(),
  Tags: z.array(TagSchema).default([]),
});
export type InstanceSummary = z.infer<typeof InstanceSummarySchema>;

/** An ECS task as DescribeTasks returns it: what the picker shows, and its awsvpc network interface. */
export const EcsTaskSchema = z.looseObject({
  taskArn: z.string(),
  clusterArn: z.string().optional(),
  /** "service:NAME" for a service's task, "family:NAME" for a standalone one. */
  group: z.string().optional(),
  lastStatus: z.string().optional(),
  launchType: z.string().optional(),
  attachments: z
    .array(
      z.looseObject({
        type: z.string().optional(),
        details: z.array(z.looseObject({ name: z.string().optional(), value: z.string().optional() })).default([]),
      }),
    )
    .default([]),
});
export type EcsTask = z.infer<typeof EcsTaskSchema>;

/** At most this many ECS clusters are listed for their tasks (each costs a ListTasks and a DescribeTasks). */
export const ECS_CLUSTER_LIMIT = 20;

/** At most this many items per list: a pick list longer than this is typed into (filter) anyway. */
export const LIST_LIMIT = 1000;

const Empty = z.strictObject({});

export const INVENTORY_PROBES = {
  /** DescribeInstances (every instance not terminated): the instance picker. */
  'ec2.instances-list': {
    iam: ['ec2:DescribeInstances'],
    input: Empty,
    output: z.array(InstanceSummarySchema),
  },
  /** DescribeNetworkInterfaces (all): the network interface picker, Lambda functions' interfaces among them. */
  'ec2.interfaces-list': {
    iam: ['ec2:DescribeNetworkInterfaces'],
    input: Empty,
    output: z.array(WhoisInterfaceSchema),
  },
  /** DescribeSubnets (all): the subnet picker. */
  'ec2.subnets-list': { iam: ['ec2:DescribeSubnets'], input: Empty, output: z.array(SubnetSchema) },
  /** DescribeVpcs (all): the VPC picker for traffic from outside. */
  'ec2.vpcs-list': { iam: ['ec2:DescribeVpcs'], input: Empty, output: z.array(VpcSchema) },
  /** lambda:ListFunctions: functions in a VPC lead to their network interfaces. */
  'lambda.functions-list': { iam: ['lambda:ListFunctions'], input: Empty, output: z.array(LambdaFunctionSchema) },
  /**
   * ecs:ListClusters, then per cluster ListTasks and DescribeTasks (running tasks): awsvpc tasks
   * lead to their network interfaces in the interface picker.
   */
  'ecs.tasks-list': {
    iam: ['ecs:ListClusters', 'ecs:ListTasks', 'ecs:DescribeTasks'],
    input: Empty,
    output: z.array(EcsTaskSchema),
  },
  /** DescribeVpcEndpointServices: the service names the Region offers endpoints for. */
  'ec2.endpoint-services-list': {
    iam: ['ec2:DescribeVpcEndpointServices'],
    input: Empty,
    output: z.array(z.string()),
  },
} as const;
