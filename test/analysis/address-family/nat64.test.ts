// DNS64 and NAT64 (fixture accounts: moto neither reports nor sets a subnet's EnableDns64): an
// IPv6-only instance calling an IPv4-only SQS interface endpoint through the NAT gateway, and
// the security groups and ACLs judged on the addresses each hop really carries — the source's
// packets go to the synthesised 64:ff9b::/96 addresses, the endpoint sees the NAT gateway's
// private IPv4 address.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../support/diagnose.js';
import { sqsInterfaceAccount, s3GatewayAccount } from '../../recordings/scenarios/network.js';
import { dualStackSqsAccount } from '../../recordings/scenarios/address-family.js';
import { ALL_OUT, NET_IDS, networkAcl, securityGroup, tcp443 } from '../../support/fixtures/network.js';
import { IDS } from '../../support/fixtures/world.js';
import { NAT64, natGateway, s3Ipv6PrefixList, V6, withIpv6, withNat64 } from '../../support/fixtures/ipv6.js';
import { synthesizedAddress } from '../../../src/analysis/address-family/nat64.js';
import type { Report } from '../../../src/engine/verdict.js';
import type { Account } from '../../support/fixtures/index.js';

const fromIpv6Only = {
  region: 'us-east-1',
  'source.kind': 'instance',
  'source.id': V6.instance,
  service: 'sqs',
  symptom: 'timeout',
} as const;
const byId = (r: Report, id: string) => r.findings.find((f) => f.id === id);
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);
const lines = (r: Report, id: string) => byId(r, id)?.fix.commands.map((c) => c.line) ?? [];
const V6_ALL_OUT = { ...ALL_OUT, Ipv6Ranges: [{ CidrIpv6: '::/0' }] };

/** The endpoint's group admits the VPC's IPv4 range (so the NAT gateway's address). */
function nat64Account(opts: { dns64?: boolean; route?: boolean } = {}): Account {
  const a = withNat64(withIpv6(sqsInterfaceAccount([tcp443({ cidr: '10.0.0.0/16' })])), opts);
  return a;
}

describe('synthesised addresses', () => {
  it.each([
    ['10.0.3.10', '64:ff9b::a00:30a'],
    ['192.0.2.33', '64:ff9b::c000:221'],
  ])('%s → %s (RFC 6052 well-known prefix)', (v4, v6) => {
    expect(synthesizedAddress(v4)).toBe(v6);
  });
  it('an IPv6 address has no synthesised form', () => expect(synthesizedAddress('2600::1')).toBeUndefined());
});

describe('an IPv6-only instance and an IPv4-only interface endpoint, with DNS64 and NAT64', () => {
  it('DNS64 on, 64:ff9b::/96 → an available NAT gateway, every filter open → healthy; the endpoint side is judged from the NAT gateway address', async () => {
    const report = await diagnose(nat64Account(), fromIpv6Only);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('healthy');
    expect(check(report, 'family.interface-endpoint')).toMatchObject({ status: 'pass' });
    expect(check(report, 'family.interface-endpoint')?.detail).toContain(`through NAT64, from ${NAT64.natGateway}`);
    expect(check(report, 'sg.endpoint-ingress')?.detail).toContain('10.0.0.0/16');
    expect(check(report, 'sg.source-egress')?.detail).toContain('::/0');
    // The route check follows the synthesised addresses to the NAT gateway, not the local route.
    expect(check(report, 'route.interface-local')?.detail).toContain(
      `to ${NAT64.natGateway} by the 64:ff9b::/96 route`,
    );
    expect(check(report, 'nacl.nat64-subnet')).toMatchObject({ status: 'pass' });
  });

  it('the endpoint group admits only the source instance group → sg.endpoint-ingress-missing: the NAT gateway has no groups, the fix names its private address /32', async () => {
    const a = nat64Account();
    a.securityGroups = [
      securityGroup(IDS.appSg, 'app-workers', IDS.vpc, { egress: [V6_ALL_OUT] }),
      securityGroup(NET_IDS.endpointSg, 'sqs-endpoint', IDS.vpc, { ingress: [tcp443({ groupId: IDS.appSg })] }),
    ];
    const report = await diagnose(a, fromIpv6Only);
    expect(report.findings.map((f) => f.id)).toEqual(['sg.endpoint-ingress-missing']);
    expect(byId(report, 'sg.endpoint-ingress-missing')?.evidence.join('\n')).toContain(NAT64.natPrivateIp);
    expect(lines(report, 'sg.endpoint-ingress-missing')).toEqual([
      `aws ec2 authorize-security-group-ingress --group-id ${NET_IDS.endpointSg} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=${NAT64.natPrivateIp}/32}]' --region us-east-1`,
    ]);
    expect(byId(report, 'sg.endpoint-ingress-missing')?.fix.summary).toContain(NAT64.natGateway);
  });

  it('the source group allows all outbound IPv4 but no IPv6 → sg.source-egress-missing for the 64:ff9b::/96 addresses; the fix adds Ipv6Ranges rules', async () => {
    const a = nat64Account();
    a.securityGroups = [
      securityGroup(IDS.appSg, 'app-workers', IDS.vpc, { egress: [ALL_OUT] }),
      securityGroup(NET_IDS.endpointSg, 'sqs-endpoint', IDS.vpc, { ingress: [tcp443({ cidr: '10.0.0.0/16' })] }),
    ];
    const report = await diagnose(a, fromIpv6Only);
    expect(report.findings.map((f) => f.id)).toEqual(['sg.source-egress-missing']);
    expect(lines(report, 'sg.source-egress-missing')).toEqual([
      `aws ec2 authorize-security-group-egress --group-id ${IDS.appSg} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=64:ff9b::a00:30a/128}]' --region us-east-1`,
      `aws ec2 authorize-security-group-egress --group-id ${IDS.appSg} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=64:ff9b::a00:40a/128}]' --region us-east-1`,
    ]);
  });

  it('the IPv6-only subnet ACL has IPv4 rules only → nacl.source-subnet-blocks with --ipv6-cidr-block entries for the synthesised addresses, never an IPv4 one', async () => {
    const a = nat64Account();
    const v4Only = (subnets: string[], id: string) =>
      networkAcl(id, IDS.vpc, subnets, [
        { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
      ]);
    const others = a.subnets.map((s) => s.SubnetId).filter((s) => s !== V6.ipv6OnlySubnet);
    a.networkAcls = [
      { ...(a.networkAcls?.[0] as NonNullable<Account['networkAcls']>[number]), Associations: [] },
      v4Only([V6.ipv6OnlySubnet], 'acl-0a6b7c8d9e0f1a2b3'),
      { ...v4Only(others, 'acl-0b6b7c8d9e0f1a2b3') },
    ];
    const report = await diagnose(a, fromIpv6Only);
    // The NAT gateway's subnet B has the IPv4-only ACL too: it refuses the IPv6 half of NAT64 (below).
    expect(report.findings.map((f) => f.id).sort()).toEqual(['nacl.nat64-subnet-blocks', 'nacl.source-subnet-blocks']);
    const cmds = lines(report, 'nacl.source-subnet-blocks').join('\n');
    expect(cmds).toContain('--ipv6-cidr-block 64:ff9b::a00:30a/128');
    expect(cmds).not.toContain('--cidr-block 10.');
    // The endpoint subnets' ACL admits the NAT gateway's IPv4 address: judged and passed.
    expect(check(report, 'nacl.endpoint-subnet')?.detail).toContain(NAT64.natPrivateIp);
  });

  it("the NAT gateway subnet's ACL has IPv4 entries only → nacl.nat64-subnet-blocks: IPv6 in from the source and the reply out refused; the fix adds --ipv6-cidr-block entries for the source subnet's /64", async () => {
    const a = nat64Account();
    const acl = a.networkAcls?.[0];
    if (acl === undefined) throw new Error('fixture without ACL');
    acl.Associations = acl.Associations.filter((x) => x.SubnetId !== NAT64.natSubnet);
    a.networkAcls?.push(
      networkAcl(
        'acl-0d6b7c8d9e0f1a2b3',
        IDS.vpc,
        [NAT64.natSubnet],
        [
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
        ],
      ),
    );
    const report = await diagnose(a, fromIpv6Only);
    expect(report.findings.map((f) => f.id)).toEqual(['nacl.nat64-subnet-blocks']);
    expect(lines(report, 'nacl.nat64-subnet-blocks')).toEqual([
      `aws ec2 create-network-acl-entry --network-acl-id acl-0d6b7c8d9e0f1a2b3 --egress --rule-number 110 --protocol tcp --port-range From=1024,To=65535 --ipv6-cidr-block ${V6.ipv6OnlyCidr} --rule-action allow --region us-east-1`,
      `aws ec2 create-network-acl-entry --network-acl-id acl-0d6b7c8d9e0f1a2b3 --ingress --rule-number 110 --protocol tcp --port-range From=443,To=443 --ipv6-cidr-block ${V6.ipv6OnlyCidr} --rule-action allow --region us-east-1`,
    ]);
    expect(check(report, 'nacl.nat64-subnet')?.status).toBe('fail');
  });

  it('the endpoint subnets deny the NAT gateway subnet → nacl.endpoint-subnet-blocks with --cidr-block entries for the NAT gateway address', async () => {
    const a = nat64Account();
    const acl = a.networkAcls?.[0];
    if (acl === undefined) throw new Error('fixture without ACL');
    acl.Associations = acl.Associations.filter(
      (x) => x.SubnetId !== NET_IDS.endpointSubnetA && x.SubnetId !== NET_IDS.endpointSubnetB,
    );
    a.networkAcls?.push(
      networkAcl(
        'acl-0c6b7c8d9e0f1a2b3',
        IDS.vpc,
        [NET_IDS.endpointSubnetA, NET_IDS.endpointSubnetB],
        [
          { RuleNumber: 90, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '10.0.2.0/24' },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/16' },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '10.0.0.0/16' },
        ],
      ),
    );
    const report = await diagnose(a, fromIpv6Only);
    expect(report.findings.map((f) => f.id)).toEqual(['nacl.endpoint-subnet-blocks']);
    expect(lines(report, 'nacl.endpoint-subnet-blocks')).toEqual([
      `aws ec2 create-network-acl-entry --network-acl-id acl-0c6b7c8d9e0f1a2b3 --ingress --rule-number 80 --protocol tcp --port-range From=443,To=443 --cidr-block ${NAT64.natPrivateIp}/32 --rule-action allow --region us-east-1`,
    ]);
  });
});

describe('an IPv6-only instance and an IPv4-only interface endpoint, NAT64 half set up', () => {
  it('the NAT64 route is there, DNS64 off → endpoint.ip-family-mismatch; the fix turns DNS64 on, the dual-stack endpoint is the alternative', async () => {
    const report = await diagnose(nat64Account({ dns64: false }), fromIpv6Only);
    expect(report.findings.map((f) => f.id)).toEqual(['endpoint.ip-family-mismatch']);
    const f = byId(report, 'endpoint.ip-family-mismatch');
    expect(f?.evidence.join('\n')).toContain('DNS64 off (EnableDns64 false)');
    expect(lines(report, 'endpoint.ip-family-mismatch')).toEqual([
      `aws ec2 modify-subnet-attribute --subnet-id ${V6.ipv6OnlySubnet} --enable-dns64 --region us-east-1`,
    ]);
    expect(f?.fix.alternatives?.[0]?.commands.map((c) => c.line).join('\n')).toContain('--ip-address-type dualstack');
  });

  it('DNS64 on, no 64:ff9b::/96 route (the synthesised addresses follow ::/0 to the egress-only gateway) → the fix adds the NAT64 route to the available NAT gateway', async () => {
    const report = await diagnose(nat64Account({ route: false }), fromIpv6Only);
    const f = byId(report, 'endpoint.ip-family-mismatch');
    expect(f?.evidence.join('\n')).toContain(`take ::/0 → ${V6.eigw}`);
    expect(lines(report, 'endpoint.ip-family-mismatch')).toEqual([
      `aws ec2 create-route --route-table-id ${V6.ipv6OnlyRtb} --destination-ipv6-cidr-block 64:ff9b::/96 --nat-gateway-id ${NAT64.natGateway} --region us-east-1`,
    ]);
  });

  it('neither DNS64 nor the route, a NAT gateway in the VPC → the dual-stack endpoint first, NAT64 (route and DNS64) as the alternative', async () => {
    const report = await diagnose(nat64Account({ dns64: false, route: false }), fromIpv6Only);
    const f = byId(report, 'endpoint.ip-family-mismatch');
    expect(lines(report, 'endpoint.ip-family-mismatch').at(-1)).toContain('--ip-address-type dualstack');
    expect(f?.fix.alternatives?.at(-1)?.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-route --route-table-id ${V6.ipv6OnlyRtb} --destination-ipv6-cidr-block 64:ff9b::/96 --nat-gateway-id ${NAT64.natGateway} --region us-east-1`,
      `aws ec2 modify-subnet-attribute --subnet-id ${V6.ipv6OnlySubnet} --enable-dns64 --region us-east-1`,
    ]);
  });

  it('the route names a deleted NAT gateway → mismatch naming its state; no replacement gateway, so no NAT64 command', async () => {
    const a = nat64Account();
    a.natGateways = [natGateway('deleted')];
    const report = await diagnose(a, fromIpv6Only);
    const f = byId(report, 'endpoint.ip-family-mismatch');
    expect(f?.evidence.join('\n')).toContain(`${NAT64.natGateway}, which is deleted`);
    expect(lines(report, 'endpoint.ip-family-mismatch').join('\n')).not.toContain('create-route');
  });
});

describe('DNS64 and NAT64 that cannot be judged are never a pass', () => {
  it('DescribeNatGateways denied → the address-family and filter checks could not check, the run is not healthy', async () => {
    const a = nat64Account();
    a.denied = { 'ec2.nat-gateway': 'ec2:DescribeNatGateways' };
    const report = await diagnose(a, fromIpv6Only);
    expect(report.verdict).toBe('incomplete');
    expect(check(report, 'family.interface-endpoint')?.status).not.toBe('pass');
    expect(check(report, 'sg.endpoint-ingress')?.status).not.toBe('pass');
    expect(JSON.stringify(report.checks)).toContain('ec2:DescribeNatGateways');
  });

  it('a subnet description without EnableDns64 (as moto gives it) and a NAT64 route → could not check, never healthy', async () => {
    const a = nat64Account();
    for (const s of a.subnets) delete s.EnableDns64;
    const report = await diagnose(a, fromIpv6Only);
    expect(report.verdict).not.toBe('healthy');
    expect(check(report, 'family.interface-endpoint')?.detail).toContain('EnableDns64');
  });
});

describe('a family the client may use that cannot be known is never a pass', () => {
  it('a dual-stack endpoint that reports no DNS record IP type, a dual-stack instance → family.interface-endpoint could not check (A or AAAA unknown), never healthy', async () => {
    const a = dualStackSqsAccount('dualstack');
    for (const e of a.endpoints) delete e.DnsOptions;
    const report = await diagnose(a, { ...fromIpv6Only, 'source.id': IDS.instance });
    expect(check(report, 'family.interface-endpoint')?.status).toBe('error');
    expect(check(report, 'family.interface-endpoint')?.detail).toContain('DnsRecordIpType');
    expect(report.verdict).toBe('incomplete');
  });
});

describe('an IPv6-only source and a gateway endpoint: no IPv4 flow to judge', () => {
  it('dual-stack S3 gateway on the IPv6-only table, the source group allows only the IPv6 list → no finding; the IPv4 list checks say not applicable', async () => {
    const a = withIpv6(s3GatewayAccount());
    for (const e of a.endpoints) {
      e.IpAddressType = 'dualstack';
      e.RouteTableIds = [...e.RouteTableIds, V6.ipv6OnlyRtb];
    }
    for (const t of a.routeTables)
      if (t.RouteTableId === V6.ipv6OnlyRtb)
        t.Routes.push(
          {
            DestinationPrefixListId: IDS.s3PrefixList,
            GatewayId: IDS.s3Gateway,
            Origin: 'CreateRoute',
            State: 'active',
          },
          {
            DestinationPrefixListId: V6.s3Ipv6PrefixList,
            GatewayId: IDS.s3Gateway,
            Origin: 'CreateRoute',
            State: 'active',
          },
        );
    a.securityGroups = [
      securityGroup(IDS.appSg, 'app-workers', IDS.vpc, {
        egress: [tcp443({ prefixListId: s3Ipv6PrefixList().PrefixListId })],
      }),
    ];
    const report = await diagnose(a, { ...fromIpv6Only, service: 's3' });
    expect(report.findings).toEqual([]);
    expect(check(report, 'sg.source-egress')?.detail).toMatch(/^not applicable: .*no IPv4 address/);
    expect(check(report, 'nacl.source-subnet')?.detail).toMatch(/^not applicable/);
    expect(check(report, 'family.gateway-ipv6-filters')?.status).toBe('pass');
  });

  it('the IPv6-only subnet table is not associated with the ipv4 S3 gateway endpoint → route.dualstack-bypasses-endpoint; the fix associates that table and makes the endpoint dual-stack; no IPv4 route verdict', async () => {
    const report = await diagnose(withIpv6(s3GatewayAccount()), { ...fromIpv6Only, service: 's3' });
    expect(report.findings.map((f) => f.id)).toContain('route.dualstack-bypasses-endpoint');
    expect(lines(report, 'route.dualstack-bypasses-endpoint')).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${IDS.s3Gateway} --add-route-table-ids ${V6.ipv6OnlyRtb} --region us-east-1`,
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${IDS.s3Gateway} --ip-address-type dualstack --region us-east-1`,
    ]);
    expect(check(report, 'route.gateway-prefix-list')).toBeUndefined();
    expect(check(report, 'sg.source-egress')?.detail).toMatch(/^not applicable/);
  });
});
