// Scenarios: what a client in the VPC gets for the service name, reasoned from configuration.
import { describe, expect, it } from 'vitest';
import { expectDnsAnswer, type DnsConfig } from '../../../src/analysis/dns/expected-answer.js';
import { matchResolverRule } from '../../../src/analysis/dns/resolver-rules.js';
import type { DhcpOptions, ResolverRule, ResolverRuleAssociation } from '../../../src/analysis/dns/types.js';
import { endpoint, REGION, VPC } from './fixtures.js';

const sqsEndpoint = endpoint({ VpcEndpointId: 'vpce-0sqs', ServiceName: `com.amazonaws.${REGION}.sqs` });
const healthy: DnsConfig = {
  service: 'sqs',
  region: REGION,
  vpcId: VPC,
  vpcCidr: '10.0.0.0/16',
  vpcAttributes: { EnableDnsSupport: true, EnableDnsHostnames: true },
  endpoint: sqsEndpoint,
  eniIps: ['10.0.1.25', '10.0.2.31'],
};
const forward: ResolverRule = {
  Id: 'rslvr-rr-fwd',
  DomainName: 'amazonaws.com.',
  RuleType: 'FORWARD',
  TargetIps: [{ Ip: '192.168.10.53' }],
};
const corporateDhcp: DhcpOptions = {
  DhcpOptionsId: 'dopt-corp',
  DhcpConfigurations: [{ Key: 'domain-name-servers', Values: [{ Value: '10.50.0.10' }] }],
};

/** The rule decision the DNS module makes once and hands to expectDnsAnswer. */
const ruleFor = (rules: ResolverRule[], associations: ResolverRuleAssociation[]) =>
  matchResolverRule('sqs.us-east-1.amazonaws.com', rules, associations, VPC, REGION);

describe('expectDnsAnswer', () => {
  it.each<[string, Partial<DnsConfig>, string, string[]]>([
    ['healthy interface endpoint', {}, 'private', []],
    [
      'DNS support off',
      { vpcAttributes: { EnableDnsSupport: false, EnableDnsHostnames: true } },
      'no-resolver',
      ['dns.vpc-dns-support-disabled'],
    ],
    [
      'DNS hostnames off',
      { vpcAttributes: { EnableDnsSupport: true, EnableDnsHostnames: false } },
      'public',
      ['dns.vpc-dns-hostnames-disabled'],
    ],
    [
      'private DNS off',
      { endpoint: { ...sqsEndpoint, PrivateDnsEnabled: false } },
      'public',
      ['dns.private-dns-disabled'],
    ],
    ['custom DHCP servers', { dhcpOptions: corporateDhcp }, 'forwarded-elsewhere', ['dns.custom-dhcp-servers']],
    [
      'FORWARD rule for amazonaws.com',
      {
        resolverRule: ruleFor([forward], [{ ResolverRuleId: 'rslvr-rr-fwd', VPCId: VPC, Status: 'COMPLETE' }]),
      },
      'forwarded-elsewhere',
      ['dns.resolver-rule-override'],
    ],
    [
      'FORWARD rule for amazonaws.com, SYSTEM rule for the exact name',
      {
        resolverRule: ruleFor(
          [forward, { Id: 'rslvr-rr-sys', DomainName: 'sqs.us-east-1.amazonaws.com.', RuleType: 'SYSTEM' }],
          [
            { ResolverRuleId: 'rslvr-rr-fwd', VPCId: VPC, Status: 'COMPLETE' },
            { ResolverRuleId: 'rslvr-rr-sys', VPCId: VPC, Status: 'COMPLETE' },
          ],
        ),
      },
      'private',
      [],
    ],
    [
      'PHZ for us-east-1.amazonaws.com',
      { hostedZones: [{ HostedZoneId: 'Z0REG', Name: 'us-east-1.amazonaws.com.' }] },
      'nxdomain',
      ['dns.phz-shadow'],
    ],
  ])('%s → %s %j', (_label, change, answer, ids) => {
    const result = expectDnsAnswer({ ...healthy, ...change });
    expect(result.answer).toBe(answer);
    expect(result.findings.map((f) => f.id)).toEqual(ids);
    expect(result.basis).toBe('reasoned');
  });

  it('healthy → the ENI addresses, for sqs.us-east-1.amazonaws.com', () => {
    const result = expectDnsAnswer(healthy);
    expect(result.hostname).toBe('sqs.us-east-1.amazonaws.com');
    expect(result.addresses).toEqual(['10.0.1.25', '10.0.2.31']);
  });

  it('several causes → all reported in precedence order; the first decides the answer', () => {
    const result = expectDnsAnswer({
      ...healthy,
      vpcAttributes: { EnableDnsSupport: true, EnableDnsHostnames: false },
      endpoint: { ...sqsEndpoint, PrivateDnsEnabled: false },
      dhcpOptions: corporateDhcp,
      resolverRule: ruleFor([forward], [{ ResolverRuleId: 'rslvr-rr-fwd', VPCId: VPC }]),
      hostedZones: [{ HostedZoneId: 'Z0REG', Name: 'us-east-1.amazonaws.com.' }],
    });
    expect(result.causes.map((c) => c.kind)).toEqual([
      'dns-hostnames-disabled',
      'private-dns-disabled',
      'custom-dhcp-servers',
      'resolver-rule-forward',
      'phz-shadow',
    ]);
    expect(result.answer).toBe('public');
  });

  it('DNS support off with custom DHCP servers → their answer, not none', () => {
    const result = expectDnsAnswer({
      ...healthy,
      vpcAttributes: { EnableDnsSupport: false, EnableDnsHostnames: true },
      dhcpOptions: corporateDhcp,
    });
    expect(result.answer).toBe('forwarded-elsewhere');
    expect(result.causes[0]?.kind).toBe('dns-support-disabled');
  });

  it('gateway endpoint reported with PrivateDnsEnabled true (emulator quirk) → public, no findings', () => {
    const gateway = endpoint({
      VpcEndpointId: 'vpce-0s3gw',
      ServiceName: `com.amazonaws.${REGION}.s3`,
      VpcEndpointType: 'Gateway',
      PrivateDnsEnabled: true,
    });
    const result = expectDnsAnswer({ ...healthy, service: 's3', endpoint: gateway, eniIps: [] });
    expect(result).toMatchObject({ answer: 'public', endpointKind: 'gateway', causes: [], findings: [] });
  });

  it('gateway endpoint with private DNS "off" → still nothing (the flag means nothing for gateways)', () => {
    const gateway = endpoint({
      ServiceName: `com.amazonaws.${REGION}.s3`,
      VpcEndpointType: 'Gateway',
      PrivateDnsEnabled: false,
    });
    expect(expectDnsAnswer({ ...healthy, service: 's3', endpoint: gateway }).findings).toEqual([]);
  });

  it('client uses sts.amazonaws.com, endpoint covers sts.us-east-1 only → public, name not covered (no private-DNS finding)', () => {
    const sts = endpoint({ ServiceName: `com.amazonaws.${REGION}.sts` });
    const result = expectDnsAnswer({ ...healthy, service: 'sts', hostname: 'sts.amazonaws.com', endpoint: sts });
    expect(result.answer).toBe('public');
    expect(result.causes.map((c) => c.kind)).toEqual(['name-not-covered']);
    expect(result.findings).toEqual([]);
  });

  it('ECR registry name is covered by the ecr.dkr wildcard', () => {
    const dkr = endpoint({ ServiceName: `com.amazonaws.${REGION}.ecr.dkr` });
    const result = expectDnsAnswer({
      ...healthy,
      service: 'ecr.dkr',
      hostname: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
      endpoint: dkr,
    });
    expect(result.answer).toBe('private');
  });

  it('S3 interface endpoint answering only inbound resolver queries → public inside the VPC, by design', () => {
    const s3 = endpoint({
      ServiceName: `com.amazonaws.${REGION}.s3`,
      DnsOptions: { PrivateDnsOnlyForInboundResolverEndpoint: true },
    });
    const result = expectDnsAnswer({ ...healthy, service: 's3', endpoint: s3 });
    expect(result.answer).toBe('public');
    expect(result.causes).toEqual([expect.objectContaining({ kind: 'private-dns-inbound-only', finding: null })]);
  });

  it('S3 interface endpoint with private DNS off → the fix states PrivateDnsOnlyForInboundResolverEndpoint (EC2 defaults it to true)', () => {
    const s3 = endpoint({
      VpcEndpointId: 'vpce-0s3if',
      ServiceName: `com.amazonaws.${REGION}.s3`,
      PrivateDnsEnabled: false,
    });
    const commands = (gatewayEndpointInVpc?: boolean): string[] =>
      expectDnsAnswer({
        ...healthy,
        service: 's3',
        endpoint: s3,
        ...(gatewayEndpointInVpc !== undefined ? { gatewayEndpointInVpc } : {}),
      }).findings.flatMap((f) => f.fix.commands.map((c) => c.line));
    expect(commands()).toEqual([
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0s3if --private-dns-enabled --dns-options PrivateDnsOnlyForInboundResolverEndpoint=false --region us-east-1',
    ]);
    expect(commands(true)).toEqual([
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0s3if --private-dns-enabled --dns-options PrivateDnsOnlyForInboundResolverEndpoint=true --region us-east-1',
    ]);
  });

  it('no endpoint in the VPC → public, no DNS finding (endpoint.missing is another check)', () => {
    const result = expectDnsAnswer({ ...healthy, endpoint: null });
    expect(result).toMatchObject({ answer: 'public', endpointKind: 'none', findings: [] });
  });
});
