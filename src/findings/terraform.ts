// Terraform hints: where a resource a fix touches is usually managed as code, the same change
// written as the Terraform AWS provider resource that owns it. A hint is derived from the fix
// command's argument vector (`aws SERVICE OPERATION --flag value …`), so it carries the same real
// ids; it is marked as a hint in every output because vpce-doctor cannot see the user's code.
// Resource and argument names: the Terraform AWS provider documentation,
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/<name>.

export interface TerraformHint {
  /** The provider resource type, e.g. `aws_vpc_endpoint_route_table_association`. */
  resource: string;
  /** HCL that makes the same change: a resource block to add, or the attribute to set or remove. */
  hcl: string;
}

type Flags = Map<string, string[]>;
type Attr = [name: string, value: string];

/** `--name value…` pairs of an AWS CLI argument vector; a flag with no value maps to `[]`. */
function parseFlags(args: readonly string[]): Flags {
  const flags: Flags = new Map();
  let current: string[] | undefined;
  for (const arg of args) {
    if (arg.startsWith('--')) {
      current = [];
      flags.set(arg.slice(2), current);
    } else if (current !== undefined) {
      current.push(arg);
    }
  }
  return flags;
}

function one(flags: Flags, name: string): string | undefined {
  return flags.get(name)?.[0];
}

function many(flags: Flags, name: string): string[] {
  return flags.get(name) ?? [];
}

/** Ids an earlier command of the same fix creates (`"$SG_ID"`) are the resource that creates them in Terraform. */
const CREATED: Record<string, string> = {
  $SG_ID: 'aws_security_group.this.id',
  $DOPT_ID: 'aws_vpc_dhcp_options.this.id',
  $RULE_ID: 'aws_route53_resolver_rule.this.id',
};

function str(value: string): string {
  if (/^\$[A-Z][A-Z0-9_]*$/.test(value)) return CREATED[value] ?? `var.${value.slice(1).toLowerCase()}`;
  return JSON.stringify(value);
}

function list(values: readonly string[]): string {
  return `[${values.map(str).join(', ')}]`;
}

/** A policy document argument as HCL: a file the fix wrote, or the inline JSON through jsonencode. */
function policy(value: string): string {
  if (value.startsWith('file://')) return `file(${str(value.slice('file://'.length))})`;
  try {
    JSON.parse(value);
    return `jsonencode(${value})`;
  } catch {
    return str(value);
  }
}

/** A Terraform label from the first id: letters, digits and underscores, starting with a letter. */
function label(id: string | undefined, fallback: string): string {
  const cleaned = (id ?? fallback).replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `r_${cleaned}`;
}

function block(resource: string, name: string, attrs: readonly (Attr | undefined)[]): TerraformHint {
  const present = attrs.filter((a): a is Attr => a !== undefined);
  const width = Math.max(0, ...present.map(([k]) => k.length));
  const body = present.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`).join('\n');
  return { resource, hcl: `resource "${resource}" "${name}" {\n${body}\n}` };
}

function remove(resource: string, what: string): TerraformHint {
  return { resource, hcl: `# remove the ${resource} resource for ${what} (terraform destroys it on apply)` };
}

function attr(name: string, value: string | undefined, render: (v: string) => string = str): Attr | undefined {
  return value === undefined ? undefined : [name, render(value)];
}

/** `Key=Value,Key=[{Inner=Value}]` shorthand (as in --ip-permissions) flattened to its leaf pairs. */
function shorthand(value: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const m of value.matchAll(/([A-Za-z0-9]+)=([^,[\]{}]+)/g)) {
    const [, key, val] = m;
    if (key !== undefined && val !== undefined && !pairs.has(key)) pairs.set(key, val);
  }
  return pairs;
}

function securityGroupRule(resource: string, flags: Flags): TerraformHint | undefined {
  const groupId = one(flags, 'group-id');
  const perms = one(flags, 'ip-permissions');
  if (groupId === undefined || perms === undefined) return undefined;
  const p = shorthand(perms);
  const protocol = p.get('IpProtocol');
  return block(resource, label(groupId, 'rule'), [
    ['security_group_id', str(groupId)],
    attr('ip_protocol', protocol),
    protocol === '-1' ? undefined : attr('from_port', p.get('FromPort'), (v) => v),
    protocol === '-1' ? undefined : attr('to_port', p.get('ToPort'), (v) => v),
    attr('cidr_ipv4', p.get('CidrIp')),
    attr('cidr_ipv6', p.get('CidrIpv6')),
    attr('referenced_security_group_id', p.get('GroupId')),
    attr('prefix_list_id', p.get('PrefixListId')),
  ]);
}

function networkAclRule(flags: Flags): TerraformHint | undefined {
  const aclId = one(flags, 'network-acl-id');
  if (aclId === undefined) return undefined;
  const ports = shorthand(one(flags, 'port-range') ?? '');
  return block('aws_network_acl_rule', label(aclId, 'rule'), [
    ['network_acl_id', str(aclId)],
    attr('rule_number', one(flags, 'rule-number'), (v) => v),
    ['egress', flags.has('egress') ? 'true' : 'false'],
    attr('protocol', one(flags, 'protocol')),
    attr('rule_action', one(flags, 'rule-action')),
    attr('cidr_block', one(flags, 'cidr-block')),
    attr('ipv6_cidr_block', one(flags, 'ipv6-cidr-block')),
    attr('from_port', ports.get('From'), (v) => v),
    attr('to_port', ports.get('To'), (v) => v),
  ]);
}

function modifyVpcEndpoint(flags: Flags): TerraformHint[] {
  const endpoint = one(flags, 'vpc-endpoint-id');
  if (endpoint === undefined) return [];
  const hints: TerraformHint[] = [];
  const pair = (resource: string, key: string, ids: string[]): void => {
    for (const id of ids)
      hints.push(
        block(resource, label(id, 'assoc'), [
          ['vpc_endpoint_id', str(endpoint)],
          [key, str(id)],
        ]),
      );
  };
  pair('aws_vpc_endpoint_route_table_association', 'route_table_id', many(flags, 'add-route-table-ids'));
  pair('aws_vpc_endpoint_subnet_association', 'subnet_id', many(flags, 'add-subnet-ids'));
  pair('aws_vpc_endpoint_security_group_association', 'security_group_id', many(flags, 'add-security-group-ids'));
  for (const id of many(flags, 'remove-route-table-ids'))
    hints.push(remove('aws_vpc_endpoint_route_table_association', `${endpoint} and ${id}`));
  for (const id of many(flags, 'remove-subnet-ids'))
    hints.push(remove('aws_vpc_endpoint_subnet_association', `${endpoint} and ${id}`));
  const doc = one(flags, 'policy-document');
  if (doc !== undefined)
    hints.push(
      block('aws_vpc_endpoint_policy', label(endpoint, 'policy'), [
        ['vpc_endpoint_id', str(endpoint)],
        ['policy', policy(doc)],
      ]),
    );
  if (flags.has('reset-policy')) hints.push(remove('aws_vpc_endpoint_policy', endpoint));
  const settings: string[] = [];
  if (flags.has('private-dns-enabled')) settings.push('private_dns_enabled = true');
  if (flags.has('no-private-dns-enabled')) settings.push('private_dns_enabled = false');
  const ipType = one(flags, 'ip-address-type');
  if (ipType !== undefined) settings.push(`ip_address_type = ${str(ipType)}`);
  const recordType = shorthand(one(flags, 'dns-options') ?? '').get('DnsRecordIpType');
  if (recordType !== undefined) settings.push(`dns_options { dns_record_ip_type = ${str(recordType)} }`);
  if (settings.length > 0)
    hints.push({
      resource: 'aws_vpc_endpoint',
      hcl: `# in the aws_vpc_endpoint resource for ${endpoint}:\n${settings.map((s) => `  ${s}`).join('\n')}`,
    });
  return hints;
}

function createVpcEndpoint(flags: Flags): TerraformHint | undefined {
  const vpc = one(flags, 'vpc-id');
  const service = one(flags, 'service-name');
  if (vpc === undefined || service === undefined) return undefined;
  const ids = (name: string): string | undefined => (flags.has(name) ? list(many(flags, name)) : undefined);
  return block('aws_vpc_endpoint', label(service.split('.').pop(), 'endpoint'), [
    ['vpc_id', str(vpc)],
    ['service_name', str(service)],
    attr('vpc_endpoint_type', one(flags, 'vpc-endpoint-type')),
    attr('subnet_ids', ids('subnet-ids'), (v) => v),
    attr('security_group_ids', ids('security-group-ids'), (v) => v),
    attr('route_table_ids', ids('route-table-ids'), (v) => v),
    flags.has('private-dns-enabled') ? ['private_dns_enabled', 'true'] : undefined,
    flags.has('no-private-dns-enabled') ? ['private_dns_enabled', 'false'] : undefined,
    attr('policy', one(flags, 'policy-document'), policy),
  ]);
}

/** A resource-policy write: `aws SERVICE OPERATION --id-flag ID --policy-flag DOC` → one resource. */
const RESOURCE_POLICIES: Record<string, { resource: string; id: [flag: string, attr: string]; doc: string }> = {
  's3api put-bucket-policy': { resource: 'aws_s3_bucket_policy', id: ['bucket', 'bucket'], doc: 'policy' },
  'kms put-key-policy': { resource: 'aws_kms_key_policy', id: ['key-id', 'key_id'], doc: 'policy' },
  'secretsmanager put-resource-policy': {
    resource: 'aws_secretsmanager_secret_policy',
    id: ['secret-id', 'secret_arn'],
    doc: 'resource-policy',
  },
  'dynamodb put-resource-policy': {
    resource: 'aws_dynamodb_resource_policy',
    id: ['resource-arn', 'resource_arn'],
    doc: 'policy',
  },
  'ecr set-repository-policy': {
    resource: 'aws_ecr_repository_policy',
    id: ['repository-name', 'repository'],
    doc: 'policy-text',
  },
  'iam put-role-policy': { resource: 'aws_iam_role_policy', id: ['role-name', 'role'], doc: 'policy-document' },
};

function resourcePolicy(key: string, flags: Flags): TerraformHint | undefined {
  const spec = RESOURCE_POLICIES[key];
  if (spec === undefined) return undefined;
  const id = one(flags, spec.id[0]);
  const doc = one(flags, spec.doc);
  if (id === undefined || doc === undefined) return undefined;
  return block(spec.resource, label(id.split(/[:/]/).pop(), 'policy'), [
    [spec.id[1], str(id)],
    attr('name', one(flags, 'policy-name')),
    ['policy', policy(doc)],
  ]);
}

/** A finding's hints: the ones its report carries, or, in a report saved before reports carried them, derived from its commands. */
export function hintsOfFix(fix: {
  commands: readonly { argv: readonly string[] }[];
  terraformHints?: readonly TerraformHint[];
}): readonly TerraformHint[] {
  return fix.terraformHints ?? fix.commands.flatMap((c) => terraformHints(c.argv));
}

/** The Terraform resources a fix command changes, or none when it is not usually managed as code. */
export function terraformHints(argv: readonly string[]): TerraformHint[] {
  if (argv[0] !== 'aws' || argv.length < 3) return [];
  const key = `${argv[1]} ${argv[2]}`;
  const flags = parseFlags(argv.slice(3));
  const single = (hint: TerraformHint | undefined): TerraformHint[] => (hint === undefined ? [] : [hint]);
  switch (key) {
    case 'ec2 modify-vpc-endpoint':
      return modifyVpcEndpoint(flags);
    case 'ec2 create-vpc-endpoint':
      return single(createVpcEndpoint(flags));
    case 'ec2 delete-vpc-endpoints':
      return many(flags, 'vpc-endpoint-ids').map((id) => remove('aws_vpc_endpoint', id));
    case 'ec2 authorize-security-group-ingress':
      return single(securityGroupRule('aws_vpc_security_group_ingress_rule', flags));
    case 'ec2 authorize-security-group-egress':
      return single(securityGroupRule('aws_vpc_security_group_egress_rule', flags));
    case 'ec2 create-network-acl-entry':
      return single(networkAclRule(flags));
    case 'ec2 delete-route':
      return single(
        one(flags, 'route-table-id') === undefined
          ? undefined
          : remove(
              'aws_route',
              `${one(flags, 'route-table-id') ?? ''} → ${one(flags, 'destination-cidr-block') ?? one(flags, 'destination-ipv6-cidr-block') ?? one(flags, 'destination-prefix-list-id') ?? ''}`,
            ),
      );
    case 'ec2 modify-vpc-attribute': {
      const vpc = one(flags, 'vpc-id');
      const setting = flags.has('enable-dns-support')
        ? 'enable_dns_support'
        : flags.has('enable-dns-hostnames')
          ? 'enable_dns_hostnames'
          : undefined;
      if (vpc === undefined || setting === undefined) return [];
      const raw = one(flags, setting === 'enable_dns_support' ? 'enable-dns-support' : 'enable-dns-hostnames');
      const value = raw !== undefined && /false/i.test(raw) ? 'false' : 'true';
      return [{ resource: 'aws_vpc', hcl: `# in the aws_vpc resource for ${vpc}:\n  ${setting} = ${value}` }];
    }
    case 'ec2 associate-dhcp-options': {
      const vpc = one(flags, 'vpc-id');
      const options = one(flags, 'dhcp-options-id');
      if (vpc === undefined || options === undefined) return [];
      return [
        block('aws_vpc_dhcp_options_association', label(vpc, 'dhcp'), [
          ['vpc_id', str(vpc)],
          ['dhcp_options_id', str(options)],
        ]),
      ];
    }
    case 'ec2 accept-vpc-endpoint-connections': {
      const service = one(flags, 'service-id');
      return many(flags, 'vpc-endpoint-ids').map((id) =>
        block('aws_vpc_endpoint_connection_accepter', label(id, 'accept'), [
          attr('vpc_endpoint_service_id', service),
          ['vpc_endpoint_id', str(id)],
        ]),
      );
    }
    case 'route53 associate-vpc-with-hosted-zone':
    case 'route53 create-vpc-association-authorization': {
      const zone = one(flags, 'hosted-zone-id');
      const vpc = shorthand(one(flags, 'vpc') ?? '');
      if (zone === undefined || !vpc.has('VPCId')) return [];
      const resource =
        key === 'route53 associate-vpc-with-hosted-zone'
          ? 'aws_route53_zone_association'
          : 'aws_route53_vpc_association_authorization';
      return [
        block(resource, label(vpc.get('VPCId'), 'zone'), [
          ['zone_id', str(zone)],
          ['vpc_id', str(vpc.get('VPCId') ?? '')],
          attr('vpc_region', vpc.get('VPCRegion')),
        ]),
      ];
    }
    case 'route53 disassociate-vpc-from-hosted-zone': {
      const zone = one(flags, 'hosted-zone-id');
      const vpc = shorthand(one(flags, 'vpc') ?? '').get('VPCId');
      return zone === undefined ? [] : [remove('aws_route53_zone_association', `${zone} and ${vpc ?? 'the VPC'}`)];
    }
    case 'route53 delete-hosted-zone': {
      const zone = one(flags, 'id');
      return zone === undefined ? [] : [remove('aws_route53_zone', zone)];
    }
    case 'route53resolver associate-resolver-rule': {
      const rule = one(flags, 'resolver-rule-id');
      const vpc = one(flags, 'vpc-id');
      if (rule === undefined || vpc === undefined) return [];
      return [
        block('aws_route53_resolver_rule_association', label(vpc, 'rule'), [
          ['resolver_rule_id', str(rule)],
          ['vpc_id', str(vpc)],
        ]),
      ];
    }
    case 'route53resolver disassociate-resolver-rule': {
      const rule = one(flags, 'resolver-rule-id');
      const vpc = one(flags, 'vpc-id');
      return rule === undefined
        ? []
        : [remove('aws_route53_resolver_rule_association', `${rule} and ${vpc ?? 'the VPC'}`)];
    }
    case 'ec2 create-security-group':
      return [
        block('aws_security_group', 'this', [
          attr('name', one(flags, 'group-name')),
          attr('description', one(flags, 'description')),
          attr('vpc_id', one(flags, 'vpc-id')),
        ]),
      ];
    case 'ec2 create-dhcp-options':
      return [
        {
          resource: 'aws_vpc_dhcp_options',
          hcl: '# an aws_vpc_dhcp_options resource "this" with the options of the command above',
        },
      ];
    case 'route53resolver create-resolver-rule':
      return [
        block('aws_route53_resolver_rule', 'this', [
          attr('domain_name', one(flags, 'domain-name')),
          attr('rule_type', one(flags, 'rule-type')),
          attr('name', one(flags, 'name')),
        ]),
      ];
    default:
      return single(resourcePolicy(key, flags));
  }
}
