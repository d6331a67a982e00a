// The network path's probes: the service prefix list a gateway endpoint routes, the security
// groups on both ends, the network ACL of a subnet and the customer prefix lists that security
// group rules name. Every one is a filtered, read-only call; none lists a whole account.
import { z } from 'zod';
import { ManagedPrefixListSchema, NetworkAclSchema, SecurityGroupSchema } from '../shapes.js';
import { PrefixListIdSchema, SecurityGroupIdSchema, SubnetIdSchema } from '../ids.js';

export const NETWORK_PROBES = {
  /**
   * The AWS-managed prefix list of a gateway service (DescribePrefixLists filtered by
   * prefix-list-name com.amazonaws.<region>.s3|dynamodb, then GetManagedPrefixListEntries);
   * null when the Region has no such list.
   */
  'ec2.service-prefix-list': {
    iam: ['ec2:DescribePrefixLists', 'ec2:GetManagedPrefixListEntries'],
    input: z.strictObject({ prefixListName: z.string() }),
    output: ManagedPrefixListSchema.nullable(),
  },
  /** A prefix list by id with its entries (DescribeManagedPrefixLists + GetManagedPrefixListEntries); null when it does not exist. */
  'ec2.managed-prefix-list': {
    iam: ['ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'],
    input: z.strictObject({ prefixListId: PrefixListIdSchema }),
    output: ManagedPrefixListSchema.nullable(),
  },
  /** DescribeSecurityGroups filtered by group-id: the groups that exist among the ids asked for. */
  'ec2.security-groups': {
    iam: ['ec2:DescribeSecurityGroups'],
    input: z.strictObject({ groupIds: z.array(SecurityGroupIdSchema) }),
    output: z.array(SecurityGroupSchema),
  },
  /** DescribeNetworkAcls filtered by association.subnet-id: every subnet has exactly one; null if none is found. */
  'ec2.subnet-network-acl': {
    iam: ['ec2:DescribeNetworkAcls'],
    input: z.strictObject({ subnetId: SubnetIdSchema }),
    output: NetworkAclSchema.nullable(),
  },
} as const;
