// Scenario tests of the network modules (routing, security groups, network ACLs) through the
// real engine and fixture accounts: the findings, the deciding rule in the evidence, the exact
// fix commands, and every path check with its status.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine/verdict.js';
import type { Finding } from '../../../src/findings/types.js';
import { endpointRoute, IDS } from '../../support/fixtures/world.js';
import { ALL_OUT, aclEntry, NET_IDS, networkAcl, securityGroup, tcp443 } from '../../support/fixtures/network.js';
import { networkScenarios, s3GatewayAccount, sqsInterfaceAccount } from '../../recordings/scenarios/network.js';
import { diagnose } from '../../support/diagnose.js';

const s3 = {
  region: 'us-east-1',
  service: 's3',
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'timeout',
} as const;
const sqs = { ...s3, service: 'sqs' } as const;

function only(report: Report, id: string): Finding {
  const f = report.findings.filter((x) => x.id === id);
  expect(f, `${id} in ${report.findings.map((x) => x.id).join(', ')}`).toHaveLength(1);
  return f[0] as Finding;
}

const status = (report: Report, id: string) => report.checks.find((c) => c.id === id)?.status;

describe('network recording scenarios', () => {
  for (const s of networkScenarios) {
    it(`${s.name} → ${s.expect.findings.join(', ') || 'no finding'}`, async () => {
      const report = await diagnose(s.account, s.answers);
      expect(report.findings.map((f) => f.id)).toEqual(s.expect.findings);
      expect(report.verdict).toBe(s.expect.verdict);
    });
  }

  it('healthy interface path: every hop passes and shows in checks', async () => {
    const report = await diagnose(sqsInterfaceAccount(), sqs);
    for (const id of [
      'route.interface-local',
      'sg.source-egress',
      'sg.endpoint-ingress',
      'nacl.source-subnet',
      'nacl.endpoint-subnet',
    ])
      expect(status(report, id), id).toBe('pass');
    expect(report.checks.find((c) => c.id === 'sg.endpoint-ingress')?.detail).toContain(
      `${NET_IDS.endpointSg} ingress allows tcp/443 from ${IDS.appSg}`,
    );
  });

  it('healthy S3 gateway path: route, egress to the prefix list and the source ACL pass', async () => {
    const report = await diagnose(s3GatewayAccount(), s3);
    expect(report.findings).toEqual([]);
    for (const id of ['route.gateway-prefix-list', 'sg.source-egress', 'nacl.source-subnet'])
      expect(status(report, id), id).toBe('pass');
    expect(status(report, 'sg.endpoint-ingress')).toBeUndefined();
  });
});

describe('routing', () => {
  it('a /32 static route to a NAT gateway inside one S3 CIDR → route-overridden (partial), fix deletes exactly that route', async () => {
    const a = s3GatewayAccount();
    a.routeTables[0]?.Routes.push({
      DestinationCidrBlock: '52.216.10.7/32',
      NatGatewayId: IDS.nat,
      Origin: 'CreateRoute',
      State: 'active',
    });
    const f = only(await diagnose(a, s3), 'gateway.route-overridden');
    expect(f.evidence.join('\n')).toContain(
      `static route 52.216.10.7/32 → ${IDS.nat} in ${IDS.appRtb} is more specific than pl-63a5400a CIDR 52.216.0.0/15`,
    );
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 delete-route --route-table-id ${IDS.appRtb} --destination-cidr-block 52.216.10.7/32 --region us-east-1`,
    ]);
  });

  it('a propagated route more specific than an S3 CIDR → route-overridden with no delete-route (it comes from BGP)', async () => {
    const a = s3GatewayAccount();
    a.routeTables[0]?.Routes.push({
      DestinationCidrBlock: '3.5.0.0/20',
      GatewayId: 'vgw-0a1b2c3d4e5f60718',
      Origin: 'EnableVgwRoutePropagation',
      State: 'active',
    });
    const f = only(await diagnose(a, s3), 'gateway.route-overridden');
    expect(f.evidence.join('\n')).toContain('propagated route 3.5.0.0/20 → vgw-0a1b2c3d4e5f60718');
    expect(f.fix.commands.map((c) => c.line)).toEqual([]);
    expect(f.fix.summary).toContain('stop advertising it');
  });

  it('a propagated route equal to an S3 CIDR loses to the prefix-list route: no finding', async () => {
    const a = s3GatewayAccount();
    a.routeTables[0]?.Routes.push({
      DestinationCidrBlock: '3.5.0.0/19',
      GatewayId: 'vgw-0a1b2c3d4e5f60718',
      Origin: 'EnableVgwRoutePropagation',
      State: 'active',
    });
    const report = await diagnose(a, s3);
    expect(report.findings).toEqual([]);
    expect(status(report, 'route.gateway-prefix-list')).toBe('pass');
  });

  it('a 0.0.0.0/0 route does not override the endpoint route', async () => {
    const report = await diagnose(s3GatewayAccount(), s3);
    expect(report.findings.map((f) => f.id)).not.toContain('gateway.route-overridden');
  });

  it('endpoint not on the source table and a NAT default route → the gateway module reports the table, routing adds cost.s3-via-nat with the association fix', async () => {
    const a = s3GatewayAccount();
    a.endpoints[0] = { ...a.endpoints[0]!, RouteTableIds: [IDS.mainRtb] };
    a.routeTables[0]!.Routes = a.routeTables[0]!.Routes.filter((r) => r.GatewayId !== IDS.s3Gateway);
    const report = await diagnose(a, s3);
    expect(report.findings.map((f) => f.id)).toEqual(['gateway.route-table-not-associated', 'cost.s3-via-nat']);
    expect(only(report, 'cost.s3-via-nat').fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${IDS.s3Gateway} --add-route-table-ids ${IDS.appRtb} --region us-east-1`,
    ]);
    expect(status(report, 'route.gateway-prefix-list')).toBe('fail');
  });

  it('a blackholed endpoint route in a table the endpoint lists → route-table-not-associated from routing (re-associate), not a pass', async () => {
    const a = s3GatewayAccount();
    a.routeTables[0]!.Routes = a.routeTables[0]!.Routes.map((r) =>
      r.GatewayId === IDS.s3Gateway ? { ...r, State: 'blackhole' } : r,
    );
    const report = await diagnose(a, s3);
    const f = only(report, 'gateway.route-table-not-associated');
    expect(f.evidence.join('\n')).toContain('is a blackhole');
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${IDS.s3Gateway} --remove-route-table-ids ${IDS.appRtb} --region us-east-1`,
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${IDS.s3Gateway} --add-route-table-ids ${IDS.appRtb} --region us-east-1`,
    ]);
    expect(status(report, 'route.gateway-prefix-list')).toBe('fail');
  });

  it('the prefix-list probe denied → the route check is skipped naming the action, never a pass', async () => {
    const a = s3GatewayAccount();
    a.denied = { 'ec2.service-prefix-list': 'ec2:DescribePrefixLists' };
    const report = await diagnose(a, s3);
    const check = report.checks.find((c) => c.id === 'route.gateway-prefix-list');
    expect(check?.status).toBe('skipped');
    expect(check?.detail).toContain('ec2:DescribePrefixLists');
    expect(report.verdict).toBe('incomplete');
  });

  it('an endpoint ENI captured by a route more specific than local (a firewall appliance) → route.interface-local warns', async () => {
    const a = sqsInterfaceAccount();
    a.routeTables[0]?.Routes.push({
      DestinationCidrBlock: '10.0.4.0/24',
      NetworkInterfaceId: 'eni-0f0f0f0f0f0f0f0f0',
      Origin: 'CreateRoute',
      State: 'active',
    });
    const report = await diagnose(a, sqs);
    expect(status(report, 'route.interface-local')).toBe('warn');
    expect(report.checks.find((c) => c.id === 'route.interface-local')?.detail).toContain(
      '10.0.4.10 (eni-0e1d2c3b4a5968779) → eni-0f0f0f0f0f0f0f0f0',
    );
  });
});

describe('security groups', () => {
  it('egress to a customer prefix list that contains the endpoint subnets counts (membership)', async () => {
    const a = sqsInterfaceAccount();
    a.prefixLists = [
      {
        PrefixListId: 'pl-0corp1234567890ab',
        PrefixListName: 'corp-endpoints',
        AddressFamily: 'IPv4',
        Entries: [{ Cidr: '10.0.3.0/24' }, { Cidr: '10.0.4.0/24' }],
      },
    ];
    a.securityGroups![0] = securityGroup(IDS.appSg, 'app-workers', IDS.vpc, {
      egress: [tcp443({ prefixListId: 'pl-0corp1234567890ab' })],
    });
    const report = await diagnose(a, sqs);
    expect(status(report, 'sg.source-egress')).toBe('pass');
    expect(report.checks.find((c) => c.id === 'sg.source-egress')?.detail).toContain('pl-0corp1234567890ab');
  });

  it('egress only to the endpoint group → pass (the ENIs are members of the endpoint Groups)', async () => {
    const a = sqsInterfaceAccount();
    a.securityGroups![0] = securityGroup(IDS.appSg, 'app-workers', IDS.vpc, {
      egress: [tcp443({ groupId: NET_IDS.endpointSg })],
    });
    expect(status(await diagnose(a, sqs), 'sg.source-egress')).toBe('pass');
  });

  it('egress only to 10.0.3.0/24 → fails for the ENI in 10.0.4.0/24; fix references the endpoint group', async () => {
    const a = sqsInterfaceAccount();
    a.securityGroups![0] = securityGroup(IDS.appSg, 'app-workers', IDS.vpc, {
      egress: [tcp443({ cidr: '10.0.3.0/24' })],
    });
    const f = only(await diagnose(a, sqs), 'sg.source-egress-missing');
    expect(f.evidence.join('\n')).toContain(
      `no rule in ${IDS.appSg} allows outbound tcp/443 to 10.0.4.10 or ${NET_IDS.endpointSg} (${NET_IDS.sqsEniB} (10.0.4.10))`,
    );
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 authorize-security-group-egress --group-id ${IDS.appSg} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${NET_IDS.endpointSg}}]' --region us-east-1`,
    ]);
  });

  it('IPv6-only ingress on the endpoint group does not match the IPv4 source', async () => {
    const a = sqsInterfaceAccount([{ ...tcp443({}), Ipv6Ranges: [{ CidrIpv6: '::/0' }] }]);
    only(await diagnose(a, sqs), 'sg.endpoint-ingress-missing');
  });

  it('a subnet source: egress is not applicable (warn), ingress is judged for the subnet CIDR and the fix names it', async () => {
    const a = sqsInterfaceAccount([tcp443({ cidr: '10.0.1.0/25' })]);
    const report = await diagnose(a, { ...sqs, 'source.kind': 'subnet', 'source.id': IDS.subnetA });
    expect(status(report, 'sg.source-egress')).toBe('warn');
    expect(report.checks.find((c) => c.id === 'sg.source-egress')?.detail).toContain('not applicable');
    const f = only(report, 'sg.endpoint-ingress-missing');
    expect(f.evidence.join('\n')).toContain('from 10.0.1.0/24');
    expect(f.fix.commands[0]?.line).toContain("IpRanges=[{CidrIp=10.0.1.0/24}]'");
  });

  it('an on-premises source over VPN: only the VPC side is judged, the fix allows the source address', async () => {
    const a = sqsInterfaceAccount([tcp443({ cidr: '10.0.0.0/16' })]);
    const report = await diagnose(a, {
      region: 'us-east-1',
      service: 'sqs',
      'source.kind': 'vpn',
      'source.ip': '192.168.40.12',
      vpc: IDS.vpc,
      symptom: 'timeout',
    });
    expect(status(report, 'sg.source-egress')).toBeUndefined();
    expect(status(report, 'nacl.source-subnet')).toBeUndefined();
    expect(status(report, 'nacl.endpoint-subnet')).toBe('pass');
    const check = report.checks.find((c) => c.id === 'sg.endpoint-ingress');
    expect(check?.status).toBe('fail');
    expect(check?.detail).toContain('only the VPC side was');
    const f = only(report, 'sg.endpoint-ingress-missing');
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 authorize-security-group-ingress --group-id ${NET_IDS.endpointSg} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=192.168.40.12/32}]' --region us-east-1`,
    ]);
  });

  it('DescribeSecurityGroups denied → both SG checks skipped naming the action', async () => {
    const a = sqsInterfaceAccount();
    a.denied = { 'ec2.security-groups': 'ec2:DescribeSecurityGroups' };
    const report = await diagnose(a, sqs);
    expect(status(report, 'sg.source-egress')).toBe('skipped');
    expect(status(report, 'sg.endpoint-ingress')).toBe('skipped');
    expect(report.verdict).toBe('incomplete');
  });
});

describe('network ACLs', () => {
  const allowAll = (id: string, subnets: string[]) =>
    networkAcl(
      id,
      IDS.vpc,
      subnets,
      [aclEntry(100, true, 'allow', '0.0.0.0/0'), aclEntry(100, false, 'allow', '0.0.0.0/0')],
      true,
    );

  it('deny-before-allow on the source ACL: rule 90 denies outbound tcp/443 to the S3 CIDRs; fix entries go below 90, one per CIDR', async () => {
    const a = s3GatewayAccount();
    a.networkAcls = [
      networkAcl(
        'acl-0a1b2c3d4e5f60711',
        IDS.vpc,
        [IDS.subnetA],
        [
          aclEntry(90, true, 'deny', '0.0.0.0/0', [443, 443]),
          aclEntry(100, true, 'allow', '0.0.0.0/0'),
          aclEntry(100, false, 'allow', '0.0.0.0/0'),
        ],
      ),
      allowAll('acl-0a1b2c3d4e5f60799', [IDS.subnetB]),
    ];
    const f = only(await diagnose(a, s3), 'nacl.source-subnet-blocks');
    expect(f.evidence).toContain('rule 90 on acl-0a1b2c3d4e5f60711 denies outbound tcp/443 to 52.216.0.0/15');
    expect(f.fix.commands.map((c) => c.line)).toHaveLength(5);
    expect(f.fix.commands[0]?.line).toBe(
      'aws ec2 create-network-acl-entry --network-acl-id acl-0a1b2c3d4e5f60711 --egress --rule-number 40 --protocol tcp --port-range From=443,To=443 --cidr-block 52.216.0.0/15 --rule-action allow --region us-east-1',
    );
    for (const c of f.fix.commands.map((c) => c.line))
      expect(Number(/--rule-number (\d+)/.exec(c)?.[1])).toBeLessThan(90);
  });

  it('an ACL without listed `*` entries (as the emulator shows custom ACLs) still denies by the final rule', async () => {
    const a = s3GatewayAccount();
    const acl = networkAcl(
      'acl-0a1b2c3d4e5f60711',
      IDS.vpc,
      [IDS.subnetA],
      [aclEntry(100, true, 'allow', '0.0.0.0/0')],
    );
    acl.Entries = acl.Entries.filter((e) => e.RuleNumber !== 32767);
    a.networkAcls = [acl, allowAll('acl-0a1b2c3d4e5f60799', [IDS.subnetB])];
    const f = only(await diagnose(a, s3), 'nacl.source-subnet-blocks');
    expect(f.evidence).toContain(
      'implicit deny (*) on acl-0a1b2c3d4e5f60711 denies inbound tcp/1024-65535 from 52.216.0.0/15',
    );
  });

  it("the endpoint ACL allows 443 in but only 1024-32767 back out → endpoint-subnet-blocks naming the uncovered ports; the entry admits the source subnet's CIDR, not the instance's /32", async () => {
    const a = sqsInterfaceAccount();
    a.networkAcls = [
      networkAcl(
        'acl-0c1d2e3f4a5b6c7d8',
        IDS.vpc,
        [NET_IDS.endpointSubnetA, NET_IDS.endpointSubnetB],
        [
          aclEntry(100, false, 'allow', '10.0.0.0/16', [443, 443]),
          aclEntry(100, true, 'allow', '10.0.0.0/16', [1024, 32767]),
        ],
      ),
      allowAll('acl-0a1b2c3d4e5f60799', [IDS.subnetA, IDS.subnetB]),
    ];
    const report = await diagnose(a, sqs);
    const f = only(report, 'nacl.endpoint-subnet-blocks');
    expect(f.evidence).toContain(
      'implicit deny (*) on acl-0c1d2e3f4a5b6c7d8 denies outbound tcp/32768-65535 to 10.0.1.25',
    );
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      'aws ec2 create-network-acl-entry --network-acl-id acl-0c1d2e3f4a5b6c7d8 --egress --rule-number 110 --protocol tcp --port-range From=1024,To=65535 --cidr-block 10.0.1.0/24 --rule-action allow --region us-east-1',
    ]);
    expect(f.fix.summary).not.toContain('/32');
    expect(status(report, 'nacl.source-subnet')).toBe('pass');
  });

  it('source and one endpoint ENI share a subnet: that ENI is not filtered; the other still is', async () => {
    const a = sqsInterfaceAccount();
    a.networkInterfaces = a.networkInterfaces!.map((n) =>
      n.NetworkInterfaceId === NET_IDS.sqsEniA ? { ...n, SubnetId: IDS.subnetA, PrivateIpAddress: '10.0.1.200' } : n,
    );
    a.networkAcls = [
      networkAcl(
        'acl-0a1b2c3d4e5f60711',
        IDS.vpc,
        [IDS.subnetA],
        [aclEntry(100, true, 'allow', '10.0.1.0/24'), aclEntry(100, false, 'allow', '10.0.1.0/24')],
      ),
      allowAll('acl-0a1b2c3d4e5f60799', [IDS.subnetB, NET_IDS.endpointSubnetB]),
    ];
    const report = await diagnose(a, sqs);
    const f = only(report, 'nacl.source-subnet-blocks');
    expect(f.evidence.join('\n')).toContain('denies outbound tcp/443 to 10.0.4.10');
    expect(f.evidence.join('\n')).not.toContain('10.0.1.200');
    expect(report.checks.find((c) => c.id === 'nacl.source-subnet')?.detail).toBeDefined();
  });

  it('DescribeNetworkAcls failing → ACL checks are errors, verdict incomplete', async () => {
    const a = s3GatewayAccount();
    a.failing = { 'ec2.subnet-network-acl': 'Throttling: Rate exceeded' };
    const report = await diagnose(a, s3);
    expect(status(report, 'nacl.source-subnet')).toBe('error');
    expect(report.verdict).toBe('incomplete');
  });

  it('the endpoint route is present and the ACL allows S3 only on 443: healthy setups produce no network finding', async () => {
    const a = s3GatewayAccount();
    a.routeTables[1]?.Routes.push(endpointRoute(IDS.s3Gateway));
    a.securityGroups = [
      securityGroup(IDS.appSg, 'app-workers', IDS.vpc, { egress: [tcp443({ prefixListId: 'pl-63a5400a' }), ALL_OUT] }),
    ];
    expect((await diagnose(a, s3)).findings).toEqual([]);
  });
});
