// Builders for the shapes the net evaluators read, filled in through the zod schemas so the
// defaults match what the probes produce.
import {
  ManagedPrefixListSchema,
  NetworkAclSchema,
  RouteTableSchema,
  SecurityGroupSchema,
  type IpPermission,
  type ManagedPrefixList,
  type NetworkAcl,
  type NetworkAclEntry,
  type Route,
  type RouteTable,
  type SecurityGroup,
} from '../../../src/probes/shapes.js';

export const S3_PL = 'pl-63a5400a';
export const S3_CIDRS = ['52.216.0.0/15', '3.5.0.0/19', '54.231.0.0/16', '16.182.0.0/16'];

export function s3PrefixList(cidrs: readonly string[] = S3_CIDRS): ManagedPrefixList {
  return ManagedPrefixListSchema.parse({
    PrefixListId: S3_PL,
    PrefixListName: 'com.amazonaws.us-east-1.s3',
    AddressFamily: 'IPv4',
    Entries: cidrs.map((Cidr) => ({ Cidr })),
  });
}

export function table(routes: Route[], id = 'rtb-0main'): RouteTable {
  return RouteTableSchema.parse({ RouteTableId: id, VpcId: 'vpc-0abc', Routes: routes });
}

export const localRoute: Route = {
  DestinationCidrBlock: '10.0.0.0/16',
  GatewayId: 'local',
  Origin: 'CreateRouteTable',
  State: 'active',
};

export function acl(entries: Partial<NetworkAclEntry>[], id = 'acl-0src'): NetworkAcl {
  return NetworkAclSchema.parse({
    NetworkAclId: id,
    VpcId: 'vpc-0abc',
    Entries: entries.map((e) => ({ Protocol: '6', RuleAction: 'allow', Egress: false, ...e })),
  });
}

export function sg(
  id: string,
  rules: { ingress?: Partial<IpPermission>[]; egress?: Partial<IpPermission>[] },
): SecurityGroup {
  return SecurityGroupSchema.parse({
    GroupId: id,
    IpPermissions: (rules.ingress ?? []).map((p) => ({ IpProtocol: 'tcp', ...p })),
    IpPermissionsEgress: (rules.egress ?? []).map((p) => ({ IpProtocol: 'tcp', ...p })),
  });
}
