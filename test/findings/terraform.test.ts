// Terraform hints are derived from a fix's argument vector, so they carry the same real ids as
// the AWS CLI command beside them; these scenarios pin the resource each fix maps to.
import { describe, expect, it } from 'vitest';
import { terraformHints } from '../../src/findings/terraform.js';

describe('Terraform hints beside a fix', () => {
  it('gateway endpoint missing from the route table → aws_vpc_endpoint_route_table_association with both ids', () => {
    const hints = terraformHints([
      'aws',
      'ec2',
      'modify-vpc-endpoint',
      '--vpc-endpoint-id',
      'vpce-0abc',
      '--add-route-table-ids',
      'rtb-1',
      'rtb-2',
      '--region',
      'us-east-1',
    ]);
    expect(hints.map((h) => h.resource)).toEqual([
      'aws_vpc_endpoint_route_table_association',
      'aws_vpc_endpoint_route_table_association',
    ]);
    expect(hints[0]?.hcl).toBe(
      'resource "aws_vpc_endpoint_route_table_association" "rtb_1" {\n  vpc_endpoint_id = "vpce-0abc"\n  route_table_id  = "rtb-1"\n}',
    );
  });

  it('security group ingress from a group → aws_vpc_security_group_ingress_rule naming the referenced group', () => {
    const [hint] = terraformHints([
      'aws',
      'ec2',
      'authorize-security-group-ingress',
      '--group-id',
      'sg-endpoint',
      '--ip-permissions',
      'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=sg-source}]',
    ]);
    expect(hint?.resource).toBe('aws_vpc_security_group_ingress_rule');
    expect(hint?.hcl).toContain('security_group_id            = "sg-endpoint"');
    expect(hint?.hcl).toContain('referenced_security_group_id = "sg-source"');
    expect(hint?.hcl).toContain('from_port                    = 443');
  });

  it('egress to a prefix list → aws_vpc_security_group_egress_rule with prefix_list_id', () => {
    const [hint] = terraformHints([
      'aws',
      'ec2',
      'authorize-security-group-egress',
      '--group-id',
      'sg-1',
      '--ip-permissions',
      'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-63a5400a}]',
    ]);
    expect(hint?.resource).toBe('aws_vpc_security_group_egress_rule');
    expect(hint?.hcl).toContain('prefix_list_id    = "pl-63a5400a"');
  });

  it('network ACL entry for replies → aws_network_acl_rule with egress false and the port range', () => {
    const [hint] = terraformHints([
      'aws',
      'ec2',
      'create-network-acl-entry',
      '--network-acl-id',
      'acl-1',
      '--ingress',
      '--rule-number',
      '100',
      '--protocol',
      'tcp',
      '--port-range',
      'From=1024,To=65535',
      '--cidr-block',
      '10.0.1.0/24',
      '--rule-action',
      'allow',
    ]);
    expect(hint?.resource).toBe('aws_network_acl_rule');
    expect(hint?.hcl).toContain('egress         = false');
    expect(hint?.hcl).toContain('from_port      = 1024');
    expect(hint?.hcl).toContain('to_port        = 65535');
    expect(hint?.hcl).toContain('cidr_block     = "10.0.1.0/24"');
  });

  it('an endpoint policy written next to the session → aws_vpc_endpoint_policy reading the same file', () => {
    const [hint] = terraformHints([
      'aws',
      'ec2',
      'modify-vpc-endpoint',
      '--vpc-endpoint-id',
      'vpce-1',
      '--policy-document',
      'file:///tmp/s 1/policy.json',
    ]);
    expect(hint?.resource).toBe('aws_vpc_endpoint_policy');
    expect(hint?.hcl).toContain('policy          = file("/tmp/s 1/policy.json")');
  });

  it('an inline bucket policy → aws_s3_bucket_policy through jsonencode of the same document', () => {
    const doc = '{"Version":"2012-10-17","Statement":[]}';
    const [hint] = terraformHints(['aws', 's3api', 'put-bucket-policy', '--bucket', 'my-bucket', '--policy', doc]);
    expect(hint).toEqual({
      resource: 'aws_s3_bucket_policy',
      hcl: `resource "aws_s3_bucket_policy" "my_bucket" {\n  bucket = "my-bucket"\n  policy = jsonencode(${doc})\n}`,
    });
  });

  it('private DNS turned on → the attribute to set on the existing aws_vpc_endpoint, not a new resource', () => {
    const [hint] = terraformHints([
      'aws',
      'ec2',
      'modify-vpc-endpoint',
      '--vpc-endpoint-id',
      'vpce-1',
      '--private-dns-enabled',
    ]);
    expect(hint).toEqual({
      resource: 'aws_vpc_endpoint',
      hcl: '# in the aws_vpc_endpoint resource for vpce-1:\n  private_dns_enabled = true',
    });
  });

  it('DNS support turned on → enable_dns_support on the aws_vpc', () => {
    const [hint] = terraformHints([
      'aws',
      'ec2',
      'modify-vpc-attribute',
      '--vpc-id',
      'vpc-1',
      '--enable-dns-support',
      '{"Value":true}',
    ]);
    expect(hint?.hcl).toBe('# in the aws_vpc resource for vpc-1:\n  enable_dns_support = true');
  });

  it('a Resolver rule disassociated and a route deleted → remove the resource, said as such', () => {
    expect(
      terraformHints([
        'aws',
        'route53resolver',
        'disassociate-resolver-rule',
        '--resolver-rule-id',
        'rslvr-rr-1',
        '--vpc-id',
        'vpc-1',
      ])[0]?.hcl,
    ).toMatch(/^# remove the aws_route53_resolver_rule_association resource for rslvr-rr-1 and vpc-1/);
    expect(
      terraformHints([
        'aws',
        'ec2',
        'delete-route',
        '--route-table-id',
        'rtb-1',
        '--destination-cidr-block',
        '52.216.0.0/15',
      ])[0]?.resource,
    ).toBe('aws_route');
  });

  it('a new interface endpoint with its groups and subnets → one aws_vpc_endpoint block', () => {
    const [hint] = terraformHints([
      'aws',
      'ec2',
      'create-vpc-endpoint',
      '--vpc-id',
      'vpc-1',
      '--vpc-endpoint-type',
      'Interface',
      '--service-name',
      'com.amazonaws.us-east-1.sqs',
      '--subnet-ids',
      'subnet-a',
      'subnet-b',
      '--security-group-ids',
      'sg-1',
      '--private-dns-enabled',
    ]);
    expect(hint?.hcl).toContain('resource "aws_vpc_endpoint" "sqs"');
    expect(hint?.hcl).toContain('subnet_ids          = ["subnet-a", "subnet-b"]');
    expect(hint?.hcl).toContain('private_dns_enabled = true');
  });

  it('commands that are not infrastructure (client settings, reads) get no hint', () => {
    expect(terraformHints(['aws', 'configure', 'set', 'sts_regional_endpoints', 'regional'])).toEqual([]);
    expect(terraformHints(['aws', 'ec2', 'describe-vpc-endpoints'])).toEqual([]);
    expect(terraformHints([])).toEqual([]);
  });
});

describe('Terraform hints for what a fix creates first', () => {
  it('an endpoint whose group the fix creates → security_group_ids names aws_security_group.this, which the hint for the group defines', () => {
    const group = terraformHints([
      'aws',
      'ec2',
      'create-security-group',
      '--group-name',
      'vpce-sqs',
      '--description',
      'HTTPS from the source',
      '--vpc-id',
      'vpc-1',
    ]);
    expect(group[0]?.hcl).toContain('resource "aws_security_group" "this"');
    const [endpoint] = terraformHints([
      'aws',
      'ec2',
      'create-vpc-endpoint',
      '--vpc-id',
      'vpc-1',
      '--service-name',
      'com.amazonaws.us-east-1.sqs',
      '--vpc-endpoint-type',
      'Interface',
      '--subnet-ids',
      'subnet-a',
      '--security-group-ids',
      '$SG_ID',
    ]);
    expect(endpoint?.hcl).toContain('security_group_ids = [aws_security_group.this.id]');
  });
});

describe('Terraform hints in the report JSON', () => {
  it('a recorded report carries the hint beside the fix, and the published report schema marks it as a hint', async () => {
    const { readFileSync } = await import('node:fs');
    const { jsonSchema, SessionSchema } = await import('../../src/session/schema.js');
    const session = SessionSchema.parse(
      JSON.parse(
        readFileSync(new URL('../../recordings/gateway.route-table-not-associated.json', import.meta.url), 'utf8'),
      ),
    );
    const [f] = session.report.findings;
    expect(f?.fix.terraformHints?.map((h) => h.resource)).toEqual(
      f?.fix.commands.flatMap((c) => terraformHints(c.argv)).map((h) => h.resource),
    );
    expect(f?.fix.terraformHints?.[0]?.resource).toBe('aws_vpc_endpoint_route_table_association');
    expect(JSON.stringify(jsonSchema('report'))).toContain('"description":"Hints, not fixes:');
  });
});
