// DNS-chain scenarios in the emulator, built through the SDK (write calls are fine in tests,
// never in src/): interface endpoints, VPC DNS attributes, DHCP option sets, Route 53 Resolver
// rules and endpoints, private hosted zones.
import {
  AssociateDhcpOptionsCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateDhcpOptionsCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  ModifyVpcAttributeCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import {
  AssociateResolverRuleCommand,
  CreateResolverEndpointCommand,
  CreateResolverRuleCommand,
  DeleteResolverEndpointCommand,
  Route53ResolverClient,
} from '@aws-sdk/client-route53resolver';
import { REGION, type BasicVpc } from './moto-scenarios.js';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
export const route53 = (url: string): Route53Client =>
  new Route53Client({ region: REGION, endpoint: url, credentials });
export const resolver = (url: string): Route53ResolverClient =>
  new Route53ResolverClient({ region: REGION, endpoint: url, credentials });

let counter = 0;
const unique = (prefix: string): string => `${prefix}-${process.pid}-${Date.now()}-${counter++}`;

/** A new VPC has enableDnsHostnames off (as on AWS); interface private DNS needs it on. */
export async function enableDnsHostnames(client: EC2Client, vpcId: string, value = true): Promise<void> {
  await client.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: value } }));
}

export async function disableDnsSupport(client: EC2Client, vpcId: string): Promise<void> {
  await client.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: false } }));
}

/** An endpoint security group allowing tcp/443 from the VPC (and any extra CIDRs, e.g. on-premises). */
export async function endpointGroup(client: EC2Client, v: BasicVpc, extraCidrs: string[] = []): Promise<string> {
  const sg = await client.send(
    new CreateSecurityGroupCommand({
      VpcId: v.vpcId,
      GroupName: unique('endpoints'),
      Description: 'interface endpoints',
    }),
  );
  await client.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg.GroupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [v.vpcCidr, ...extraCidrs].map((CidrIp) => ({ CidrIp })),
        },
      ],
    }),
  );
  return sg.GroupId!;
}

export async function interfaceEndpoint(
  client: EC2Client,
  v: BasicVpc,
  service: string,
  opts: { subnetIds?: string[]; privateDns?: boolean; groupId?: string } = {},
): Promise<{ id: string; groupId: string; subnetIds: string[] }> {
  const groupId = opts.groupId ?? (await endpointGroup(client, v));
  const subnetIds = opts.subnetIds ?? [v.subnetId, v.otherSubnetId];
  const ep = await client.send(
    new CreateVpcEndpointCommand({
      VpcId: v.vpcId,
      ServiceName: `com.amazonaws.${REGION}.${service}`,
      VpcEndpointType: 'Interface',
      SubnetIds: subnetIds,
      SecurityGroupIds: [groupId],
      PrivateDnsEnabled: opts.privateDns ?? true,
    }),
  );
  return { id: ep.VpcEndpoint!.VpcEndpointId!, groupId, subnetIds };
}

export async function customDhcp(client: EC2Client, vpcId: string, servers: string[]): Promise<string> {
  const d = await client.send(
    new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name-servers', Values: servers }] }),
  );
  const id = d.DhcpOptions!.DhcpOptionsId!;
  await client.send(new AssociateDhcpOptionsCommand({ VpcId: vpcId, DhcpOptionsId: id }));
  return id;
}

/** A FORWARD rule for `domain` associated with the VPC (moto does not require an outbound endpoint). */
export async function forwardRule(
  url: string,
  vpcId: string,
  domain: string,
  target = '192.168.10.53',
): Promise<string> {
  const r = resolver(url);
  const rule = await r.send(
    new CreateResolverRuleCommand({
      CreatorRequestId: unique('rule'),
      RuleType: 'FORWARD',
      DomainName: domain,
      TargetIps: [{ Ip: target, Port: 53 }],
      Name: 'corp-forward',
    }),
  );
  const id = rule.ResolverRule!.Id!;
  await r.send(new AssociateResolverRuleCommand({ ResolverRuleId: id, VPCId: vpcId, Name: 'corp-forward' }));
  return id;
}

/** A Resolver endpoint in the VPC's two subnets; delete it when done (moto allows four per Region). */
export async function resolverEndpoint(
  url: string,
  client: EC2Client,
  v: BasicVpc,
  direction: 'INBOUND' | 'OUTBOUND',
): Promise<{ id: string; remove: () => Promise<void> }> {
  const r = resolver(url);
  const sg = await client.send(
    new CreateSecurityGroupCommand({ VpcId: v.vpcId, GroupName: unique('dns'), Description: 'resolver endpoint' }),
  );
  const ep = await r.send(
    new CreateResolverEndpointCommand({
      CreatorRequestId: unique('ep'),
      Direction: direction,
      SecurityGroupIds: [sg.GroupId!],
      IpAddresses: [{ SubnetId: v.subnetId }, { SubnetId: v.otherSubnetId }],
      Name: `${direction.toLowerCase()}-${v.vpcId}`,
    }),
  );
  const id = ep.ResolverEndpoint!.Id!;
  return { id, remove: async () => void (await r.send(new DeleteResolverEndpointCommand({ ResolverEndpointId: id }))) };
}

/** A plain A record in a zone (a record the zone's owner has besides the service name). */
export async function aRecord(url: string, zoneId: string, name: string, ip: string): Promise<void> {
  await route53(url).send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          {
            Action: 'CREATE',
            ResourceRecordSet: { Name: name, Type: 'A', TTL: 300, ResourceRecords: [{ Value: ip }] },
          },
        ],
      },
    }),
  );
}

export async function privateZone(url: string, vpcId: string, name: string): Promise<string> {
  const z = await route53(url).send(
    new CreateHostedZoneCommand({
      Name: name,
      CallerReference: unique('zone'),
      VPC: { VPCRegion: REGION, VPCId: vpcId },
      HostedZoneConfig: { PrivateZone: true },
    }),
  );
  return z.HostedZone!.Id!.replace('/hostedzone/', '');
}
