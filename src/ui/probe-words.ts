// What a probe reads, said in plain words for the live checklist ("the route table of
// subnet-…") instead of its key. Any probe without words here shows its key.
import type { ProbeRequest } from '../probes/contract.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : String(v));

const WORDS: Record<string, (input: Record<string, unknown>) => string> = {
  'sts.caller-identity': () => 'who you are signed in as',
  'ec2.source': (i) => `where ${s(i.id)} is (its subnet, VPC and security groups)`,
  'ec2.vpc': (i) => `VPC ${s(i.vpcId)}`,
  'ec2.vpc-endpoints': (i) => `the endpoints for ${s(i.serviceName)} in ${s(i.vpcId)}`,
  'ec2.vpc-endpoint': (i) => `endpoint ${s(i.vpcEndpointId)}`,
  'ec2.route-table': (i) => `the route table of ${s(i.subnetId)}`,
  'ec2.network-interfaces': (i) => `the endpoint's network interfaces ${s(i.networkInterfaceIds)}`,
  'ec2.subnets': (i) => `the subnets of ${s(i.vpcId)}`,
  'ec2.vpc-dns-attributes': (i) => `DNS support and hostnames of ${s(i.vpcId)}`,
  'ec2.dhcp-options': (i) => `the DHCP options ${s(i.dhcpOptionsId)} (which DNS servers the VPC uses)`,
  'ec2.vpc-endpoint-service': (i) => `the endpoint service ${s(i.serviceName)}`,
  'route53resolver.rule-associations': (i) => `the Resolver rules associated with ${s(i.vpcId)}`,
  'route53resolver.rule': (i) => `Resolver rule ${s(i.resolverRuleId)}`,
  'route53resolver.endpoints': (i) => `the Resolver endpoints of ${s(i.vpcId)}`,
  'route53.hosted-zones-by-vpc': (i) => `the private hosted zones of ${s(i.vpcId)}`,
  'route53.hosted-zone': (i) => `which VPCs private hosted zone ${s(i.hostedZoneId)} answers`,
  'route53.zone-records': (i) => `the records of private hosted zone ${s(i.hostedZoneId)}`,
  'imds.instance': () => 'whether vpce-doctor runs on an instance (instance metadata)',
  'dns.resolve': (i) => `what ${s(i.hostname)} resolves to${i.server !== undefined ? ` at ${s(i.server)}` : ''}`,
  'tcp.connect': (i) => `a TCP connection to ${s(i.ip)}:${s(i.port)}`,
  'host.proxy-env': () => 'the proxy settings of this shell',
  'ec2.service-prefix-list': (i) => `the prefix list ${s(i.prefixListName)}`,
  'ec2.managed-prefix-list': (i) => `the prefix list ${s(i.prefixListId)}`,
  'ec2.security-groups': (i) => `security groups ${s(i.groupIds)}`,
  'ec2.subnet-network-acl': (i) => `the network ACL of ${s(i.subnetId)}`,
  's3.bucket-location': (i) => `the Region of bucket ${s(i.bucket)}`,
  's3.bucket-policy': (i) => `the bucket policy of ${s(i.bucket)}`,
  's3.bucket-encryption': (i) => `the default encryption of ${s(i.bucket)}`,
  'kms.describe-key': (i) => `KMS key ${s(i.keyId)}`,
  'organizations.account-parents': (i) => `where account ${s(i.accountId)} sits in the organization`,
  'iam.simulate-principal-policy': () => 'what the identity policies allow (IAM policy simulator)',
};

export function probeWords(request: Pick<ProbeRequest, 'key' | 'input'>): string {
  const words = WORDS[request.key];
  return words === undefined ? request.key : words(request.input as Record<string, unknown>);
}
