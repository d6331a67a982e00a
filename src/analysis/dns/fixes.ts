// Exact AWS CLI v2 commands for the DNS findings, built from the real ids, as data
// (src/findings/command.ts). Flags checked against the AWS CLI v2 command reference; the page is
// named above each builder. Every AWS call carries `--region`. No placeholder: a value the
// account does not have yet is created first and captured in a shell variable.
import { awsCommand, shellVar, type FixCommand, type ShellVar } from '../../findings/command.js';

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-attribute.html
export function enableDnsSupport(vpcId: string, region: string): FixCommand {
  return awsCommand('ec2', 'modify-vpc-attribute', ['--vpc-id', vpcId, '--enable-dns-support', '{"Value":true}'], {
    region,
  });
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-attribute.html
// (one attribute per call: DNS support and DNS hostnames can't be changed in the same request)
export function enableDnsHostnames(vpcId: string, region: string): FixCommand {
  return awsCommand('ec2', 'modify-vpc-attribute', ['--vpc-id', vpcId, '--enable-dns-hostnames', '{"Value":true}'], {
    region,
  });
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--dns-options shorthand: PrivateDnsOnlyForInboundResolverEndpoint=boolean). For a service with
// both endpoint types (S3) EC2 turns that option on by default with private DNS, and refuses it
// ("the VPC must have a Gateway endpoint for the service") when the VPC has no gateway endpoint;
// so for those services `dnsOnlyForInbound` is given and stated explicitly.
export function enablePrivateDns(vpcEndpointId: string, region: string, dnsOnlyForInbound?: boolean): FixCommand {
  const dnsOptions =
    dnsOnlyForInbound === undefined
      ? []
      : ['--dns-options', `PrivateDnsOnlyForInboundResolverEndpoint=${dnsOnlyForInbound ? 'true' : 'false'}`];
  return awsCommand(
    'ec2',
    'modify-vpc-endpoint',
    ['--vpc-endpoint-id', vpcEndpointId, '--private-dns-enabled', ...dnsOptions],
    { region },
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--private-dns-enabled | --no-private-dns-enabled)
export function disableOtherPrivateDns(vpcEndpointId: string, region: string): FixCommand {
  return awsCommand('ec2', 'modify-vpc-endpoint', ['--vpc-endpoint-id', vpcEndpointId, '--no-private-dns-enabled'], {
    region,
  });
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--dns-options shorthand: PrivateDnsOnlyForInboundResolverEndpoint=boolean)
function privateDnsOnlyForInbound(vpcEndpointId: string, only: boolean, region: string): FixCommand {
  return awsCommand(
    'ec2',
    'modify-vpc-endpoint',
    ['--vpc-endpoint-id', vpcEndpointId, '--dns-options', `PrivateDnsOnlyForInboundResolverEndpoint=${only}`],
    { region },
  );
}

/** An S3 interface endpoint's private DNS answers every resolver in the VPC, not only the inbound one. */
export function privateDnsForAllResolvers(vpcEndpointId: string, region: string): FixCommand {
  return privateDnsOnlyForInbound(vpcEndpointId, false, region);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
export function addEndpointSubnet(vpcEndpointId: string, subnetId: string, region: string): FixCommand {
  return awsCommand('ec2', 'modify-vpc-endpoint', ['--vpc-endpoint-id', vpcEndpointId, '--add-subnet-ids', subnetId], {
    region,
  });
}

/** Beside an S3 gateway endpoint, the interface endpoint's private DNS answers only the inbound Resolver. */
export function s3PrivateDnsOnlyForInbound(vpcEndpointId: string, region: string): FixCommand {
  return privateDnsOnlyForInbound(vpcEndpointId, true, region);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-security-group.html
// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/authorize-security-group-ingress.html
/**
 * A new security group in `vpcId` admitting `rules` (protocol/port from a CIDR), its id kept in
 * `$variable` for the commands that follow. Used where no group in the account fits.
 */
export function createSecurityGroupCommands(args: {
  region: string;
  vpcId: string;
  name: string;
  description: string;
  variable: string;
  ingress: readonly { protocol: 'tcp' | 'udp'; port: number; cidr: string }[];
}): FixCommand[] {
  const create = awsCommand(
    'ec2',
    'create-security-group',
    [
      '--group-name',
      args.name,
      '--description',
      args.description,
      '--vpc-id',
      args.vpcId,
      '--query',
      'GroupId',
      '--output',
      'text',
    ],
    { region: args.region, assigns: args.variable },
  );
  if (args.ingress.length === 0) return [create];
  const perms = args.ingress.map(
    (r) => `IpProtocol=${r.protocol},FromPort=${r.port},ToPort=${r.port},IpRanges=[{CidrIp=${r.cidr}}]`,
  );
  return [
    create,
    awsCommand(
      'ec2',
      'authorize-security-group-ingress',
      ['--group-id', shellVar(args.variable), '--ip-permissions', ...perms],
      { region: args.region },
    ),
  ];
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-vpc-endpoint.html
export function createGatewayEndpoint(args: {
  region: string;
  vpcId: string;
  serviceName: string;
  routeTableIds: readonly string[];
}): FixCommand {
  return awsCommand(
    'ec2',
    'create-vpc-endpoint',
    [
      '--vpc-id',
      args.vpcId,
      '--vpc-endpoint-type',
      'Gateway',
      '--service-name',
      args.serviceName,
      ...(args.routeTableIds.length > 0 ? ['--route-table-ids', ...args.routeTableIds] : []),
    ],
    { region: args.region },
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-vpc-endpoint.html
// Always with --security-group-ids: without it AWS attaches the VPC's default group, which
// rarely admits the clients (PrivateLink guide: create an interface endpoint, "Security groups").
export function createInterfaceEndpoint(args: {
  region: string;
  vpcId: string;
  serviceName: string;
  subnetIds: readonly string[];
  securityGroupIds: readonly (string | ShellVar)[];
  /** For S3/DynamoDB: PrivateDnsOnlyForInboundResolverEndpoint (true only with a gateway endpoint in the VPC). */
  dnsOnlyForInbound?: boolean;
}): FixCommand {
  return awsCommand(
    'ec2',
    'create-vpc-endpoint',
    [
      '--vpc-id',
      args.vpcId,
      '--vpc-endpoint-type',
      'Interface',
      '--service-name',
      args.serviceName,
      '--subnet-ids',
      ...args.subnetIds,
      '--security-group-ids',
      ...args.securityGroupIds,
      '--private-dns-enabled',
      ...(args.dnsOnlyForInbound === undefined
        ? []
        : ['--dns-options', `PrivateDnsOnlyForInboundResolverEndpoint=${args.dnsOnlyForInbound ? 'true' : 'false'}`]),
    ],
    { region: args.region },
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53resolver/disassociate-resolver-rule.html
export function disassociateResolverRule(vpcId: string, resolverRuleId: string, region: string): FixCommand {
  return awsCommand(
    'route53resolver',
    'disassociate-resolver-rule',
    ['--vpc-id', vpcId, '--resolver-rule-id', resolverRuleId],
    {
      region,
    },
  );
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53resolver/create-resolver-rule.html
// and …/route53resolver/associate-resolver-rule.html: a SYSTEM rule for a *subdomain* of a
// forwarded domain beats the FORWARD rule (most specific domain wins). AWS refuses a second rule
// for the same domain on one VPC ("Cannot associate rules with same domain name with same VPC"),
// so this is only for a name below the FORWARD rule's domain
// (docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network.html).
// Every rule gets a name (moto's ListResolverRules fails on a rule without one; names help people too).
export function systemRuleForName(vpcId: string, hostname: string, region: string): FixCommand[] {
  const domain = hostname.replace(/\.$/, '');
  const name = `vpce-doctor-${domain}`.replace(/\./g, '-').slice(0, 64);
  return [
    awsCommand(
      'route53resolver',
      'create-resolver-rule',
      [
        '--creator-request-id',
        `vpce-doctor-${domain}`,
        '--name',
        name,
        '--rule-type',
        'SYSTEM',
        '--domain-name',
        domain,
        '--query',
        'ResolverRule.Id',
        '--output',
        'text',
      ],
      { region, assigns: 'RULE_ID' },
    ),
    awsCommand(
      'route53resolver',
      'associate-resolver-rule',
      // Named too: moto's ListResolverRuleAssociations fails for the whole account once one has no name.
      ['--resolver-rule-id', shellVar('RULE_ID'), '--name', name, '--vpc-id', vpcId],
      {
        region,
      },
    ),
  ];
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53resolver/create-resolver-endpoint.html
// --ip-addresses is a list: one `SubnetId=…` per address; an endpoint needs at least two (two
// Availability Zones recommended). Its group must admit DNS (TCP and UDP 53) from the clients
// (docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html).
// With no group given, the fix creates one (admitting `clientCidr` when the forwarding DNS
// servers' range is known; otherwise the summary must say to add it).
export function createInboundResolverEndpoint(args: {
  region: string;
  vpcId: string;
  subnetIds: readonly string[];
  clientCidr?: string;
  securityGroupIds?: readonly string[];
}): FixCommand[] {
  const first = args.subnetIds[0];
  if (first === undefined) return [];
  const subnets = args.subnetIds.length >= 2 ? args.subnetIds.slice(0, 2) : [first, first];
  const groups = args.securityGroupIds ?? [];
  const setup =
    groups.length > 0
      ? []
      : createSecurityGroupCommands({
          region: args.region,
          vpcId: args.vpcId,
          name: `vpce-doctor-inbound-dns-${args.vpcId}`,
          description: 'DNS (TCP and UDP 53) from on-premises DNS servers to the inbound Resolver endpoint',
          variable: 'DNS_SG_ID',
          ingress:
            args.clientCidr === undefined
              ? []
              : [
                  { protocol: 'udp', port: 53, cidr: args.clientCidr },
                  { protocol: 'tcp', port: 53, cidr: args.clientCidr },
                ],
        });
  return [
    ...setup,
    awsCommand(
      'route53resolver',
      'create-resolver-endpoint',
      [
        '--creator-request-id',
        `vpce-doctor-inbound-${args.vpcId}`,
        '--name',
        `inbound-${args.vpcId}`,
        '--direction',
        'INBOUND',
        '--security-group-ids',
        ...(groups.length > 0 ? groups : [shellVar('DNS_SG_ID')]),
        '--ip-addresses',
        ...subnets.map((subnet) => `SubnetId=${subnet}`),
      ],
      { region: args.region },
    ),
  ];
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/configure/set.html
// (config key sts_regional_endpoints; docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html)
// The one command without --region: it edits the local shared config, no AWS call is made.
export function stsRegionalEndpoints(): FixCommand {
  return awsCommand('configure', 'set', ['sts_regional_endpoints', 'regional']);
}

/** One DHCP option of a set, as create-dhcp-options takes it back. */
export interface DhcpOption {
  key: string;
  values: string[];
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/create-dhcp-options.html
// and …/ec2/associate-dhcp-options.html. The set's other options (domain-name, ntp-servers …)
// are copied, so only the DNS servers change (VPC guide: DHCP option sets, "change the options").
export function amazonProvidedDnsOptions(
  vpcId: string,
  region: string,
  otherOptions: readonly DhcpOption[] = [],
): FixCommand[] {
  const configurations = [
    'Key=domain-name-servers,Values=AmazonProvidedDNS',
    ...otherOptions
      .filter((o) => o.key !== 'domain-name-servers' && o.values.length > 0)
      .map((o) => `Key=${o.key},Values=${o.values.join(',')}`),
  ];
  return [
    awsCommand(
      'ec2',
      'create-dhcp-options',
      ['--dhcp-configurations', ...configurations, '--query', 'DhcpOptions.DhcpOptionsId', '--output', 'text'],
      { region, assigns: 'DOPT_ID' },
    ),
    awsCommand('ec2', 'associate-dhcp-options', ['--dhcp-options-id', shellVar('DOPT_ID'), '--vpc-id', vpcId], {
      region,
    }),
  ];
}

const bareZoneId = (id: string): string => id.replace(/^\/hostedzone\//, '');

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/disassociate-vpc-from-hosted-zone.html
// (--vpc shorthand: VPCRegion=string,VPCId=string; the last VPC of a zone can't be disassociated:
// LastVPCAssociation)
export function disassociateVpcFromHostedZone(hostedZoneId: string, vpcId: string, region: string): FixCommand {
  return awsCommand(
    'route53',
    'disassociate-vpc-from-hosted-zone',
    ['--hosted-zone-id', bareZoneId(hostedZoneId), '--vpc', `VPCRegion=${region},VPCId=${vpcId}`],
    { region },
  );
}

/** A record set as ListResourceRecordSets returns it (the fields a DELETE change must repeat). */
export interface RecordSet {
  Name: string;
  Type: string;
  TTL?: number;
  ResourceRecords?: { Value: string }[];
  AliasTarget?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/change-resource-record-sets.html
// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/delete-hosted-zone.html
// A zone can only be deleted once it holds nothing but its SOA and NS records
// (docs.aws.amazon.com/Route53/latest/DeveloperGuide/DeleteHostedZone.html); DELETE repeats each
// record exactly as listed.
export function deleteHostedZoneCommands(
  hostedZoneId: string,
  records: readonly RecordSet[],
  region: string,
): FixCommand[] {
  const zone = bareZoneId(hostedZoneId);
  const deletable = records.filter((r) => r.Type !== 'SOA' && r.Type !== 'NS');
  const changes =
    deletable.length === 0
      ? []
      : [
          awsCommand(
            'route53',
            'change-resource-record-sets',
            [
              '--hosted-zone-id',
              zone,
              '--change-batch',
              JSON.stringify({ Changes: deletable.map((r) => ({ Action: 'DELETE', ResourceRecordSet: r })) }),
            ],
            { region },
          ),
        ];
  return [...changes, awsCommand('route53', 'delete-hosted-zone', ['--id', zone], { region })];
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/change-resource-record-sets.html
// (--change-batch takes the JSON inline: {"Changes":[{"Action":"UPSERT","ResourceRecordSet":…}]};
// docs.aws.amazon.com/code-library/latest/ug/route-53_example_route-53_ChangeResourceRecordSets_section.html)
// An alias A record to an interface endpoint's regional DNS name, with the endpoint's
// DnsEntries HostedZoneId as the alias target's zone ("Amazon Virtual Private Cloud interface VPC
// endpoint: specify the hosted zone ID for your interface endpoint … describe-vpc-endpoints",
// docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html). A CNAME of the same name
// can't coexist with it: `replacing` deletes it in the same (transactional) batch.
export function aliasToEndpoint(args: {
  hostedZoneId: string;
  name: string;
  endpointDnsName: string;
  endpointZoneId: string;
  region: string;
  replacing?: readonly RecordSet[];
}): FixCommand {
  const batch = {
    Changes: [
      ...(args.replacing ?? []).map((r) => ({ Action: 'DELETE', ResourceRecordSet: r })),
      {
        Action: 'UPSERT',
        ResourceRecordSet: {
          Name: args.name,
          Type: 'A',
          AliasTarget: {
            HostedZoneId: args.endpointZoneId,
            DNSName: args.endpointDnsName,
            EvaluateTargetHealth: false,
          },
        },
      },
    ],
  };
  return awsCommand(
    'route53',
    'change-resource-record-sets',
    ['--hosted-zone-id', bareZoneId(args.hostedZoneId), '--change-batch', JSON.stringify(batch)],
    { region: args.region },
  );
}
