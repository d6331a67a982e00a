// Builders for network-path scenarios in the emulator (write calls are fine in tests, never in
// src/): security groups with exact rules, custom network ACLs swapped onto a subnet, interface
// endpoints with their groups, NAT and internet gateway routes.
import {
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DescribeNetworkAclsCommand,
  DescribePrefixListsCommand,
  ReplaceNetworkAclAssociationCommand,
  RevokeSecurityGroupEgressCommand,
  RunInstancesCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { REGION } from './moto-scenarios.js';

let groupCounter = 0;

/** A security group with exactly these rules (the default allow-all egress is revoked first). */
export async function securityGroup(
  client: EC2Client,
  vpcId: string,
  rules: { ingress?: IpPermission[]; egress?: IpPermission[] },
): Promise<string> {
  const name = `net-${++groupCounter}-${Date.now()}`;
  const { GroupId } = await client.send(
    new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }),
  );
  await client.send(
    new RevokeSecurityGroupEgressCommand({
      GroupId,
      IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  if (rules.ingress?.length)
    await client.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: rules.ingress }));
  if (rules.egress?.length)
    await client.send(new AuthorizeSecurityGroupEgressCommand({ GroupId, IpPermissions: rules.egress }));
  return GroupId!;
}

export const allOut: IpPermission = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
export function https(peer: { cidr?: string; groupId?: string; prefixListId?: string }): IpPermission {
  return {
    IpProtocol: 'tcp',
    FromPort: 443,
    ToPort: 443,
    ...(peer.cidr ? { IpRanges: [{ CidrIp: peer.cidr }] } : {}),
    ...(peer.groupId ? { UserIdGroupPairs: [{ GroupId: peer.groupId }] } : {}),
    ...(peer.prefixListId ? { PrefixListIds: [{ PrefixListId: peer.prefixListId }] } : {}),
  };
}

/** An instance with these groups; returns its id and private IP. */
export async function instanceIn(
  client: EC2Client,
  subnetId: string,
  groupIds: string[],
): Promise<{ instanceId: string; ip: string }> {
  const out = await client.send(
    new RunInstancesCommand({
      ImageId: 'ami-12c6146b',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
      SecurityGroupIds: groupIds,
    }),
  );
  const i = out.Instances![0]!;
  return { instanceId: i.InstanceId!, ip: i.PrivateIpAddress! };
}

export interface AclEntry {
  rule: number;
  egress: boolean;
  action: 'allow' | 'deny';
  cidr: string;
  ports?: [number, number];
}

/** A custom ACL with these entries (the emulator lists no `*` entries for it), associated with the subnet. */
export async function customAcl(
  client: EC2Client,
  vpcId: string,
  subnetId: string,
  entries: AclEntry[],
): Promise<string> {
  const acl = (await client.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!;
  for (const e of entries) {
    await client.send(
      new CreateNetworkAclEntryCommand({
        NetworkAclId: acl.NetworkAclId,
        RuleNumber: e.rule,
        Protocol: e.ports ? '6' : '-1',
        RuleAction: e.action,
        Egress: e.egress,
        CidrBlock: e.cidr,
        ...(e.ports ? { PortRange: { From: e.ports[0], To: e.ports[1] } } : {}),
      }),
    );
  }
  const current = await client.send(
    new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
  );
  const assoc = current.NetworkAcls?.[0]?.Associations?.find((a) => a.SubnetId === subnetId);
  await client.send(
    new ReplaceNetworkAclAssociationCommand({
      AssociationId: assoc!.NetworkAclAssociationId,
      NetworkAclId: acl.NetworkAclId,
    }),
  );
  return acl.NetworkAclId!;
}

/** An interface endpoint with these subnets and groups (its `Groups`; the emulator puts the default group on the ENIs). */
export async function interfaceEndpoint(
  client: EC2Client,
  vpcId: string,
  service: string,
  subnetIds: string[],
  groupIds: string[],
): Promise<string> {
  const out = await client.send(
    new CreateVpcEndpointCommand({
      VpcId: vpcId,
      ServiceName: `com.amazonaws.${REGION}.${service}`,
      VpcEndpointType: 'Interface',
      SubnetIds: subnetIds,
      SecurityGroupIds: groupIds,
      PrivateDnsEnabled: true,
    }),
  );
  return out.VpcEndpoint!.VpcEndpointId!;
}

export async function natDefaultRoute(
  client: EC2Client,
  routeTableId: string,
  publicSubnetId: string,
): Promise<string> {
  const eip = await client.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  const nat = (
    await client.send(new CreateNatGatewayCommand({ SubnetId: publicSubnetId, AllocationId: eip.AllocationId }))
  ).NatGateway!;
  await client.send(
    new CreateRouteCommand({
      RouteTableId: routeTableId,
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: nat.NatGatewayId,
    }),
  );
  return nat.NatGatewayId!;
}

export async function internetGatewayRoute(
  client: EC2Client,
  vpcId: string,
  routeTableId: string,
  cidr: string,
): Promise<string> {
  const igw = (await client.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
  await client.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }));
  await client.send(
    new CreateRouteCommand({
      RouteTableId: routeTableId,
      DestinationCidrBlock: cidr,
      GatewayId: igw.InternetGatewayId,
    }),
  );
  return igw.InternetGatewayId!;
}

/** The emulator's S3 prefix list (its id is random per server) and CIDRs. */
export async function s3PrefixList(client: EC2Client): Promise<{ id: string }> {
  const out = await client.send(
    new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [`com.amazonaws.${REGION}.s3`] }] }),
  );
  return { id: out.PrefixLists![0]!.PrefixListId! };
}
