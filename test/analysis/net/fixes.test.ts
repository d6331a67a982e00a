import { describe, expect, it } from 'vitest';
import {
  addEndpointRouteTableCommand,
  authorizeSecurityGroupEgressCommand,
  authorizeSecurityGroupIngressCommand,
  chooseFreeRuleNumbers,
  createNetworkAclEntryCommand,
  deleteRouteCommand,
  gatewayRoutingFixCommands,
  naclFixForVerdicts,
  replaceRouteCommand,
} from '../../../src/analysis/net/fixes.js';
import { shellQuote } from '../../../src/findings/command.js';
import { evaluateNacl, evaluateTcpExchange } from '../../../src/analysis/net/network-acls.js';
import { analyzeGatewayRouting } from '../../../src/analysis/net/routes.js';
import { acl, localRoute, S3_CIDRS, S3_PL, s3PrefixList, table } from './helpers.js';

const R = 'us-east-1';

describe('security group fixes', () => {
  it.each([
    [
      'ingress from the source group',
      authorizeSecurityGroupIngressCommand({ region: R, groupId: 'sg-0vpce', source: { groupId: 'sg-0app' } }),
      "aws ec2 authorize-security-group-ingress --group-id sg-0vpce --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=sg-0app}]'",
    ],
    [
      'ingress from an on-premises CIDR',
      authorizeSecurityGroupIngressCommand({ region: R, groupId: 'sg-0vpce', source: { cidr: '192.168.0.0/16' } }),
      "aws ec2 authorize-security-group-ingress --group-id sg-0vpce --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=192.168.0.0/16}]'",
    ],
    [
      'ingress from a single address becomes a /32',
      authorizeSecurityGroupIngressCommand({ region: R, groupId: 'sg-0vpce', source: { cidr: '10.0.1.5' } }),
      "aws ec2 authorize-security-group-ingress --group-id sg-0vpce --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.1.5/32}]'",
    ],
    [
      'ingress from an IPv6 range',
      authorizeSecurityGroupIngressCommand({ region: R, groupId: 'sg-0vpce', source: { cidr: '2600:1f18::/56' } }),
      "aws ec2 authorize-security-group-ingress --group-id sg-0vpce --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=2600:1f18::/56}]'",
    ],
    [
      'egress to the S3 prefix list',
      authorizeSecurityGroupEgressCommand({ region: R, groupId: 'sg-0app', destination: { prefixListId: S3_PL } }),
      `aws ec2 authorize-security-group-egress --group-id sg-0app --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=${S3_PL}}]'`,
    ],
    [
      'egress to the endpoint subnet',
      authorizeSecurityGroupEgressCommand({ region: R, groupId: 'sg-0app', destination: { cidr: '10.0.2.0/24' } }),
      "aws ec2 authorize-security-group-egress --group-id sg-0app --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.2.0/24}]'",
    ],
  ])('%s', (_name, command, expected) => {
    expect(command.line).toBe(`${expected} --region ${R}`);
  });

  it('refuses ids that would break the command', () => {
    expect(() =>
      authorizeSecurityGroupIngressCommand({ region: R, groupId: "sg-0'; rm -rf /", source: { groupId: 'sg-0app' } }),
    ).toThrow(RangeError);
    expect(() =>
      authorizeSecurityGroupEgressCommand({ region: R, groupId: 'sg-0app', destination: { cidr: '10.0.0.0/99' } }),
    ).toThrow(RangeError);
  });

  it('shellQuote leaves plain tokens and single-quotes the rest', () => {
    expect(shellQuote('acl-0abc')).toBe('acl-0abc');
    expect(shellQuote("it's [x]")).toBe(`'it'\\''s [x]'`);
  });
});

describe('network ACL fixes', () => {
  it('create-network-acl-entry with every flag the reference lists', () => {
    expect(
      createNetworkAclEntryCommand({
        region: R,
        networkAclId: 'acl-0src',
        ruleNumber: 90,
        egress: true,
        cidr: '10.1.0.0/16',
        ports: 443,
      }).line,
    ).toBe(
      'aws ec2 create-network-acl-entry --network-acl-id acl-0src --egress --rule-number 90 --protocol tcp --port-range From=443,To=443 --cidr-block 10.1.0.0/16 --rule-action allow --region us-east-1',
    );
    expect(
      createNetworkAclEntryCommand({
        region: R,
        networkAclId: 'acl-0src',
        ruleNumber: 120,
        egress: false,
        cidr: '2600:1f18::/56',
        ports: { from: 1024, to: 65535 },
      }).line,
    ).toBe(
      'aws ec2 create-network-acl-entry --network-acl-id acl-0src --ingress --rule-number 120 --protocol tcp --port-range From=1024,To=65535 --ipv6-cidr-block 2600:1f18::/56 --rule-action allow --region us-east-1',
    );
    expect(() =>
      createNetworkAclEntryCommand({
        region: R,
        networkAclId: 'acl-0src',
        ruleNumber: 32767,
        egress: true,
        cidr: '0.0.0.0/0',
        ports: 443,
      }),
    ).toThrow();
  });

  it.each([
    ['below an explicit deny at 100, 90 is free', [100, 110], 100, 1, [90]],
    ['90 taken → 80', [80 + 10, 100], 100, 1, [80]],
    ['deny at 5: any free number below', [5], 5, 1, [4]],
    ['deny at 1: no room', [1], 1, 1, undefined],
    ['only the * rule: after the last rule', [100, 200], 32767, 2, [210, 220]],
    ['several entries below 100', [100], 100, 3, [70, 80, 90]],
  ] as [string, number[], number, number, number[] | undefined][])('%s', (_name, used, below, count, expected) => {
    const a = acl(used.map((n) => ({ RuleNumber: n, Egress: true, CidrBlock: '0.0.0.0/0' })));
    expect(chooseFreeRuleNumbers(a, true, count, below)).toEqual(expected);
  });

  it('a deny at 90 blocking 443 to S3: one entry per prefix-list CIDR, numbered below 90', () => {
    const source = acl([
      { RuleNumber: 90, Egress: true, RuleAction: 'deny', CidrBlock: '0.0.0.0/0', Protocol: '-1' },
      { RuleNumber: 100, Egress: true, CidrBlock: '10.0.0.0/8', Protocol: '-1' },
    ]);
    const r = evaluateTcpExchange({
      port: 443,
      source: { networkAcl: source, address: '10.0.1.5' },
      destination: { kind: 'gateway', cidrs: S3_CIDRS },
    });
    const fix = naclFixForVerdicts(source, r.legs[0]!.verdicts, R);
    expect(fix?.egress).toBe(true);
    expect(fix?.commands.map((c) => c.line)).toEqual([
      'aws ec2 create-network-acl-entry --network-acl-id acl-0src --egress --rule-number 50 --protocol tcp --port-range From=443,To=443 --cidr-block 52.216.0.0/15 --rule-action allow --region us-east-1',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0src --egress --rule-number 60 --protocol tcp --port-range From=443,To=443 --cidr-block 3.5.0.0/19 --rule-action allow --region us-east-1',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0src --egress --rule-number 70 --protocol tcp --port-range From=443,To=443 --cidr-block 54.231.0.0/16 --rule-action allow --region us-east-1',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0src --egress --rule-number 80 --protocol tcp --port-range From=443,To=443 --cidr-block 16.182.0.0/16 --rule-action allow --region us-east-1',
    ]);
  });

  it('the ephemeral return denied by the * rule: one ingress entry for the whole range from the endpoint address', () => {
    const source = acl([
      { RuleNumber: 100, Egress: false, CidrBlock: '10.0.0.0/16', PortRange: { From: 1024, To: 32767 } },
    ]);
    const v = evaluateNacl(source, { direction: 'inbound', peer: '10.0.2.15', ports: { from: 1024, to: 65535 } });
    expect(naclFixForVerdicts(source, [v], R)?.commands.map((c) => c.line)).toEqual([
      'aws ec2 create-network-acl-entry --network-acl-id acl-0src --ingress --rule-number 110 --protocol tcp --port-range From=1024,To=65535 --cidr-block 10.0.2.15/32 --rule-action allow --region us-east-1',
    ]);
  });

  it('no free number below a deny at rule 1 → a problem, no command', () => {
    const source = acl([{ RuleNumber: 1, Egress: true, RuleAction: 'deny', CidrBlock: '0.0.0.0/0', Protocol: '-1' }]);
    const v = evaluateNacl(source, { direction: 'outbound', peer: '10.0.2.15', ports: 443 });
    expect(naclFixForVerdicts(source, [v], R)).toMatchObject({
      commands: [],
      problem: expect.stringContaining('below 1'),
    });
  });

  it('a prefix list needing more entries than the ACL can take (20 rules per direction) → no command that would stop halfway; says what works instead', () => {
    // 18 outbound rules already (the deny and 17 others); the 4 S3 CIDRs would make 22.
    const existing = Array.from({ length: 17 }, (_, i) => ({
      RuleNumber: 200 + i * 10,
      Egress: true,
      CidrBlock: `10.${i}.0.0/16`,
      Protocol: '-1',
    }));
    const source = acl([
      { RuleNumber: 90, Egress: true, RuleAction: 'deny', CidrBlock: '0.0.0.0/0', Protocol: '-1' },
      ...existing,
    ]);
    const r = evaluateTcpExchange({
      port: 443,
      source: { networkAcl: source, address: '10.0.1.5' },
      destination: { kind: 'gateway', cidrs: S3_CIDRS },
    });
    const fix = naclFixForVerdicts(source, r.legs[0]!.verdicts, R);
    expect(fix?.commands).toEqual([]);
    expect(fix?.quotaNote).toContain('4 entries would bring acl-0src to 22 outbound rules, over the quota of 20');
    expect(fix?.quotaNote).toContain('allow outbound tcp/443 to 0.0.0.0/0 in one rule numbered below 90');
    expect(fix?.quotaNote).toContain('Service Quotas (up to 40)');
  });

  it('nothing denied → no fix', () => {
    const source = acl([{ RuleNumber: 100, Egress: true, CidrBlock: '0.0.0.0/0', Protocol: '-1' }]);
    expect(
      naclFixForVerdicts(source, [evaluateNacl(source, { direction: 'outbound', peer: '10.0.2.15', ports: 443 })], R),
    ).toBeUndefined();
  });
});

describe('route fixes', () => {
  it('delete-route names the destination as the table does', () => {
    expect(
      deleteRouteCommand('rtb-0main', { DestinationCidrBlock: '52.216.10.7/32', NatGatewayId: 'nat-0abc' }, R).line,
    ).toBe(
      'aws ec2 delete-route --route-table-id rtb-0main --destination-cidr-block 52.216.10.7/32 --region us-east-1',
    );
    expect(
      deleteRouteCommand('rtb-0main', { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1' }, R)
        .line,
    ).toBe('aws ec2 delete-route --route-table-id rtb-0main --destination-ipv6-cidr-block ::/0 --region us-east-1');
    expect(
      deleteRouteCommand('rtb-0main', { DestinationPrefixListId: 'pl-0corp', TransitGatewayId: 'tgw-1' }, R).line,
    ).toBe('aws ec2 delete-route --route-table-id rtb-0main --destination-prefix-list-id pl-0corp --region us-east-1');
  });

  it.each([
    [{ kind: 'nat', id: 'nat-0abc' }, '--nat-gateway-id nat-0abc'],
    [{ kind: 'igw', id: 'igw-0abc' }, '--gateway-id igw-0abc'],
    [{ kind: 'tgw', id: 'tgw-0abc' }, '--transit-gateway-id tgw-0abc'],
    [{ kind: 'pcx', id: 'pcx-0abc' }, '--vpc-peering-connection-id pcx-0abc'],
    [{ kind: 'eni', id: 'eni-0abc' }, '--network-interface-id eni-0abc'],
    [{ kind: 'local', id: 'local' }, '--local-target'],
  ] as const)('replace-route to %o', (target, flag) => {
    expect(replaceRouteCommand('rtb-0main', { DestinationCidrBlock: '52.216.0.0/15' }, target, R)?.line).toBe(
      `aws ec2 replace-route --route-table-id rtb-0main --destination-cidr-block 52.216.0.0/15 ${flag} --region ${R}`,
    );
  });

  it('replace-route cannot point a route at a gateway endpoint', () => {
    expect(
      replaceRouteCommand(
        'rtb-0main',
        { DestinationCidrBlock: '52.216.0.0/15' },
        { kind: 'gateway-endpoint', id: 'vpce-1' },
        R,
      ),
    ).toBeUndefined();
  });

  it('gateway issues: missing route → modify-vpc-endpoint; overriding route → delete-route', () => {
    const missing = analyzeGatewayRouting(table([localRoute], 'rtb-0private'), 'vpce-0s3gw', s3PrefixList());
    expect(missing.issues.flatMap((i) => gatewayRoutingFixCommands(i, R).map((c) => c.line))).toEqual([
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0s3gw --add-route-table-ids rtb-0private --region us-east-1',
    ]);
    expect(addEndpointRouteTableCommand('vpce-0s3gw', ['rtb-1', 'rtb-2'], R).line).toBe(
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0s3gw --add-route-table-ids rtb-1 rtb-2 --region us-east-1',
    );
    const overridden = analyzeGatewayRouting(
      table([
        localRoute,
        { DestinationPrefixListId: S3_PL, GatewayId: 'vpce-0s3gw' },
        { DestinationCidrBlock: '54.231.0.0/16', TransitGatewayId: 'tgw-0abc', Origin: 'CreateRoute' },
      ]),
      'vpce-0s3gw',
      s3PrefixList(),
    );
    expect(overridden.issues.flatMap((i) => gatewayRoutingFixCommands(i, R).map((c) => c.line))).toEqual([
      'aws ec2 delete-route --route-table-id rtb-0main --destination-cidr-block 54.231.0.0/16 --region us-east-1',
    ]);
  });
});
