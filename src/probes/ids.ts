// AWS resource ids as branded strings: a SubnetId cannot stand where a VpcId is expected.
//
// The brand is a type-level tag and an optional one: an id of one kind is refused where another
// kind is expected, while plain text (an answer the user typed, a fixture's literal) is still
// accepted where an id is expected. That keeps the check where mix-ups happen (ids read from one
// AWS result and passed into the next call) with no runtime cost and no cast at every literal;
// `parseResourceId` is the checked way in for text that must be an id of a given kind.
// Prefixes: Amazon EC2 user guide, "Resource IDs"
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html
import { z } from 'zod';

declare const kindOfId: unique symbol;

/** A string that is an AWS id of kind `K`. */
export type ResourceId<K extends string> = string & { readonly [kindOfId]?: K };

export type VpcId = ResourceId<'VpcId'>;
export type SubnetId = ResourceId<'SubnetId'>;
export type VpcEndpointId = ResourceId<'VpcEndpointId'>;
export type SecurityGroupId = ResourceId<'SecurityGroupId'>;
export type RouteTableId = ResourceId<'RouteTableId'>;
export type NetworkAclId = ResourceId<'NetworkAclId'>;
export type NetworkInterfaceId = ResourceId<'NetworkInterfaceId'>;
export type InstanceId = ResourceId<'InstanceId'>;
export type PrefixListId = ResourceId<'PrefixListId'>;

interface Ids {
  VpcId: VpcId;
  SubnetId: SubnetId;
  VpcEndpointId: VpcEndpointId;
  SecurityGroupId: SecurityGroupId;
  RouteTableId: RouteTableId;
  NetworkAclId: NetworkAclId;
  NetworkInterfaceId: NetworkInterfaceId;
  InstanceId: InstanceId;
  PrefixListId: PrefixListId;
}

export type ResourceIdKind = keyof Ids;

/** Each kind with the prefix AWS gives its ids. */
const PREFIXES: Readonly<Record<ResourceIdKind, string>> = {
  VpcId: 'vpc-',
  SubnetId: 'subnet-',
  VpcEndpointId: 'vpce-',
  SecurityGroupId: 'sg-',
  RouteTableId: 'rtb-',
  NetworkAclId: 'acl-',
  NetworkInterfaceId: 'eni-',
  InstanceId: 'i-',
  PrefixListId: 'pl-',
};

/** An id AWS could have issued for this kind: its prefix, then letters and digits (hex on AWS). */
export function isResourceId<K extends ResourceIdKind>(kind: K, text: string): text is Ids[K] {
  const prefix = PREFIXES[kind];
  return text.startsWith(prefix) && /^[0-9a-z]+$/.test(text.slice(prefix.length));
}

/** The id, typed by its kind, or undefined when `text` is not an id of that kind. */
export function parseResourceId<K extends ResourceIdKind>(kind: K, text: string): Ids[K] | undefined {
  return isResourceId(kind, text) ? text : undefined;
}

/** A zod string schema whose output is typed as an id of kind `K`; validation is unchanged (any string). */
function idSchema<K extends ResourceIdKind>(): z.ZodType<Ids[K], string> {
  return z.string() as z.ZodType<Ids[K], string>;
}

export const VpcIdSchema = idSchema<'VpcId'>();
export const SubnetIdSchema = idSchema<'SubnetId'>();
export const VpcEndpointIdSchema = idSchema<'VpcEndpointId'>();
export const SecurityGroupIdSchema = idSchema<'SecurityGroupId'>();
export const RouteTableIdSchema = idSchema<'RouteTableId'>();
export const NetworkAclIdSchema = idSchema<'NetworkAclId'>();
export const NetworkInterfaceIdSchema = idSchema<'NetworkInterfaceId'>();
export const InstanceIdSchema = idSchema<'InstanceId'>();
export const PrefixListIdSchema = idSchema<'PrefixListId'>();
