// IPv4 and IPv6 on the path, diagnosed through every check module over fixture accounts in
// DescribeVpcs/Subnets/Instances/VpcEndpoints shapes: each recording scenario's verdict and
// findings, what their evidence and fixes say, and IPv6 flows judged on IPv6 rules only.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../support/diagnose.js';
import { addressFamilyScenarios, dualStackSqsAccount } from '../../recordings/scenarios/address-family.js';
import { s3GatewayAccount, sqsInterfaceAccount } from '../../recordings/scenarios/network.js';
import { ALL_OUT, NET_IDS, securityGroup, tcp443 } from '../../support/fixtures/network.js';
import { IDS } from '../../support/fixtures/world.js';
import { s3Ipv6PrefixList, V6, withIpv6 } from '../../support/fixtures/ipv6.js';
import type { Report } from '../../../src/engine/verdict.js';
import type { Account } from '../../support/fixtures/index.js';

const fromIpv6Only = {
  region: 'us-east-1',
  'source.kind': 'instance',
  'source.id': V6.instance,
  symptom: 'timeout',
} as const;
const byId = (r: Report, id: string) => r.findings.find((f) => f.id === id);
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

describe('address-family recording scenarios', () => {
  it.each(addressFamilyScenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const report = await diagnose(s.account, s.answers);
    expect(report.verdict).toBe(s.expect.verdict);
    expect(report.findings.map((f) => f.id).sort()).toEqual([...s.expect.findings].sort());
  });
});

describe('an IPv6-only source and an interface endpoint', () => {
  it('ipv4 endpoint in subnets without IPv6 → endpoint.ip-family-mismatch; the fix gives each endpoint subnet a free /64 of the VPC block, then makes the endpoint dual-stack', async () => {
    const report = await diagnose(withIpv6(sqsInterfaceAccount()), { ...fromIpv6Only, service: 'sqs' });
    const f = byId(report, 'endpoint.ip-family-mismatch');
    expect(f?.evidence.join('\n')).toContain('is IPv6-only');
    expect(f?.evidence.join('\n')).toContain(`${NET_IDS.sqsEndpoint} has IpAddressType ipv4`);
    expect(f?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 associate-subnet-cidr-block --subnet-id ${NET_IDS.endpointSubnetA} --ipv6-cidr-block 2600:1f18:4a3:6e00::/64 --region us-east-1`,
      `aws ec2 associate-subnet-cidr-block --subnet-id ${NET_IDS.endpointSubnetB} --ipv6-cidr-block 2600:1f18:4a3:6e04::/64 --region us-east-1`,
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${NET_IDS.sqsEndpoint} --ip-address-type dualstack --dns-options DnsRecordIpType=dualstack --region us-east-1`,
    ]);
    // The packet filters cannot be judged for a flow that has no endpoint address: said, never passed.
    expect(check(report, 'sg.source-egress')?.status).toBe('error');
    expect(check(report, 'sg.source-egress')?.detail).toContain('has an IPv6 address');
  });

  it('endpoint subnets already dual-stack → the fix is the one modify-vpc-endpoint command', async () => {
    const a = dualStackSqsAccount('dualstack');
    for (const e of a.endpoints) if (e.VpcEndpointId === NET_IDS.sqsEndpoint) e.IpAddressType = 'ipv4';
    for (const e of a.endpoints)
      if (e.VpcEndpointId === NET_IDS.sqsEndpoint) e.DnsOptions = { DnsRecordIpType: 'ipv4' };
    for (const n of a.networkInterfaces ?? []) n.Ipv6Addresses = [];
    const report = await diagnose(a, { ...fromIpv6Only, service: 'sqs' });
    expect(byId(report, 'endpoint.ip-family-mismatch')?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${NET_IDS.sqsEndpoint} --ip-address-type dualstack --dns-options DnsRecordIpType=dualstack --region us-east-1`,
    ]);
  });

  it('the VPC has no IPv6 block → the fix adds one and says the subnet ranges follow; no command with a guessed range', async () => {
    const a = withIpv6(sqsInterfaceAccount());
    for (const v of a.vpcs) v.Ipv6CidrBlockAssociationSet = [];
    const report = await diagnose(a, { ...fromIpv6Only, service: 'sqs' });
    const f = byId(report, 'endpoint.ip-family-mismatch');
    expect(f?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 associate-vpc-cidr-block --vpc-id ${IDS.vpc} --amazon-provided-ipv6-cidr-block --region us-east-1`,
    ]);
    expect(f?.fix.summary).toContain('run vpce-doctor again');
  });

  it('dual-stack endpoint with service-defined records, called by its private name → dns.record-ip-type-mismatch naming the endpoint-specific name as the way round', async () => {
    const report = await diagnose(dualStackSqsAccount('service-defined'), { ...fromIpv6Only, service: 'sqs' });
    const f = byId(report, 'dns.record-ip-type-mismatch');
    expect(f?.evidence[1]).toContain('sqs.us-east-1.amazonaws.com answers A records');
    expect(f?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${NET_IDS.sqsEndpoint} --dns-options DnsRecordIpType=dualstack --region us-east-1`,
    ]);
    expect(f?.fix.alternatives?.[0]?.summary).toContain('.vpce.amazonaws.com');
  });

  it('the same endpoint called by its endpoint-specific name (AAAA under service-defined) → no address-family finding', async () => {
    const report = await diagnose(dualStackSqsAccount('service-defined'), {
      ...fromIpv6Only,
      service: 'sqs',
      'target.hostname': `${NET_IDS.sqsEndpoint}-7q2k4m1x.sqs.us-east-1.vpce.amazonaws.com`,
    });
    expect(report.findings.filter((x) => x.layer === 'dns' || x.layer === 'endpoint')).toEqual([]);
    expect(check(report, 'family.interface-endpoint')?.detail).toContain('the connection uses IPv6');
  });

  it('IPv6 flow: an endpoint group that allows only 10.0.0.0/16 → sg.endpoint-ingress-missing judged on the IPv6 address (an IPv4 rule never admits an IPv6 peer); the fix names the source group, which covers both families', async () => {
    const a = dualStackSqsAccount('dualstack');
    a.securityGroups = [
      securityGroup(IDS.appSg, 'app-workers', IDS.vpc, {
        egress: [{ ...ALL_OUT, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
      }),
      securityGroup(NET_IDS.endpointSg, 'sqs-endpoint', IDS.vpc, { ingress: [tcp443({ cidr: '10.0.0.0/16' })] }),
    ];
    const report = await diagnose(a, { ...fromIpv6Only, service: 'sqs' });
    const f = byId(report, 'sg.endpoint-ingress-missing');
    expect(f?.evidence.join('\n')).toContain(V6.instanceIpv6);
    expect(f?.evidence.join('\n')).not.toContain('10.0.1.25');
    expect(f?.fix.commands[0]?.line).toContain(`UserIdGroupPairs=[{GroupId=${IDS.appSg}}]`);
  });

  it('IPv6 flow: the source group allows all outbound IPv4 but no IPv6 → sg.source-egress-missing (0.0.0.0/0 does not cover an IPv6 endpoint address)', async () => {
    const a = dualStackSqsAccount('dualstack');
    a.securityGroups = [
      securityGroup(IDS.appSg, 'app-workers', IDS.vpc, { egress: [ALL_OUT] }),
      securityGroup(NET_IDS.endpointSg, 'sqs-endpoint', IDS.vpc, { ingress: [tcp443({ groupId: IDS.appSg })] }),
    ];
    const report = await diagnose(a, { ...fromIpv6Only, service: 'sqs' });
    expect(report.findings.map((x) => x.id)).toEqual(['sg.source-egress-missing']);
  });

  it('IPv6 flow: an ACL with IPv4 rules only → nacl findings, and the fix writes --ipv6-cidr-block entries', async () => {
    const a = dualStackSqsAccount('dualstack');
    for (const acl of a.networkAcls ?? []) acl.Entries = acl.Entries.filter((e) => e.Ipv6CidrBlock === undefined);
    const report = await diagnose(a, { ...fromIpv6Only, service: 'sqs' });
    const f = byId(report, 'nacl.source-subnet-blocks');
    expect(f).toBeDefined();
    expect(f?.fix.commands.map((c) => c.line).join('\n')).toContain('--ipv6-cidr-block');
    expect(f?.fix.commands.map((c) => c.line).join('\n')).not.toContain('--cidr-block 10.');
  });

  it('an IPv4-only instance and a dual-stack endpoint → the IPv4 flow, no address-family probe beyond what the path already reads', async () => {
    const report = await diagnose(dualStackSqsAccount('dualstack'), {
      region: 'us-east-1',
      'source.kind': 'eni',
      'source.id': IDS.lambdaEni,
      service: 'sqs',
      symptom: 'unknown',
    });
    expect(report.verdict).toBe('healthy');
    expect(check(report, 'sg.endpoint-ingress')?.detail).toContain('10.0.2.77');
  });
});

describe('IPv4-only paths', () => {
  it('a subnet source and an endpoint without IPv6 → no address-family check', async () => {
    const report = await diagnose(sqsInterfaceAccount(), {
      region: 'us-east-1',
      'source.kind': 'subnet',
      'source.id': IDS.subnetA,
      service: 'sqs',
      symptom: 'unknown',
    });
    expect(report.checks.filter((c) => c.id.startsWith('family.'))).toEqual([]);
  });
});

describe('a dual-stack name and a gateway endpoint', () => {
  const dualS3 = {
    region: 'us-east-1',
    'source.kind': 'instance',
    'source.id': IDS.instance,
    service: 's3',
    symptom: 'timeout',
  } as const;

  it('S3 gateway endpoint made dual-stack (IPv6 prefix list route) → the IPv6 half takes the endpoint: pass', async () => {
    const a = withIpv6(s3GatewayAccount());
    for (const e of a.endpoints) e.IpAddressType = 'dualstack';
    for (const t of a.routeTables)
      if (t.Routes.some((r) => r.GatewayId === IDS.s3Gateway))
        t.Routes.push({
          DestinationPrefixListId: s3Ipv6PrefixList().PrefixListId,
          GatewayId: IDS.s3Gateway,
          Origin: 'CreateRoute',
          State: 'active',
        });
    const report = await diagnose(a, { ...dualS3, 'target.hostname': 's3.dualstack.us-east-1.amazonaws.com' });
    expect(report.findings.map((f) => f.id)).toEqual([]);
    expect(check(report, 'family.gateway-ipv6')).toMatchObject({ status: 'pass' });
    expect(check(report, 'family.gateway-ipv6')?.detail).toContain(V6.s3Ipv6PrefixList);
  });

  function dualStackS3(): Account {
    const a = withIpv6(s3GatewayAccount());
    for (const e of a.endpoints) e.IpAddressType = 'dualstack';
    for (const t of a.routeTables)
      if (t.Routes.some((r) => r.GatewayId === IDS.s3Gateway))
        t.Routes.push({
          DestinationPrefixListId: V6.s3Ipv6PrefixList,
          GatewayId: IDS.s3Gateway,
          Origin: 'CreateRoute',
          State: 'active',
        });
    return a;
  }

  it('dual-stack S3 gateway, the source group allows tcp/443 only to the IPv4 list pl-63a5400a → sg.source-egress-missing for the IPv6 list, the fix names it', async () => {
    const a = dualStackS3();
    a.securityGroups = [
      securityGroup(IDS.appSg, 'app-workers', IDS.vpc, { egress: [tcp443({ prefixListId: IDS.s3PrefixList })] }),
    ];
    const report = await diagnose(a, { ...dualS3, 'target.hostname': 's3.dualstack.us-east-1.amazonaws.com' });
    expect(report.findings.map((f) => f.id)).toEqual(['sg.source-egress-missing']);
    expect(byId(report, 'sg.source-egress-missing')?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 authorize-security-group-egress --group-id ${IDS.appSg} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=${V6.s3Ipv6PrefixList}}]' --region us-east-1`,
    ]);
    // The IPv4 half is still judged by the security-group module, and passes.
    expect(check(report, 'sg.source-egress')?.status).toBe('pass');
  });

  it('dual-stack S3 gateway, the subnet ACL has IPv4 rules only → nacl.source-subnet-blocks with --ipv6-cidr-block entries for each IPv6 CIDR', async () => {
    const a = dualStackS3();
    for (const acl of a.networkAcls ?? []) acl.Entries = acl.Entries.filter((e) => e.Ipv6CidrBlock === undefined);
    const report = await diagnose(a, { ...dualS3, 'target.hostname': 's3.dualstack.us-east-1.amazonaws.com' });
    expect(report.findings.map((f) => f.id)).toEqual(['nacl.source-subnet-blocks']);
    const cmds = byId(report, 'nacl.source-subnet-blocks')?.fix.commands ?? [];
    expect(cmds).toHaveLength(4);
    expect(cmds.every((c) => c.line.includes('--ipv6-cidr-block 2600:'))).toBe(true);
  });

  it('the regional IPv4 name from a dual-stack instance → A records only: no IPv6 check at all', async () => {
    const report = await diagnose(withIpv6(s3GatewayAccount()), {
      ...dualS3,
      'target.hostname': 's3.us-east-1.amazonaws.com',
    });
    expect(check(report, 'family.gateway-ipv6')).toBeUndefined();
    expect(report.findings).toEqual([]);
  });

  it('virtual-hosted dual-stack name (BUCKET.s3.dualstack…) → route.dualstack-bypasses-endpoint naming the egress-only gateway', async () => {
    const report = await diagnose(withIpv6(s3GatewayAccount()), {
      ...dualS3,
      'target.hostname': 'invoices-prod.s3.dualstack.us-east-1.amazonaws.com',
    });
    const f = byId(report, 'route.dualstack-bypasses-endpoint');
    expect(f?.evidence.join('\n')).toContain(V6.eigw);
    expect(f?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${IDS.s3Gateway} --ip-address-type dualstack --region us-east-1`,
    ]);
  });

  it('the endpoint-route prefix list cannot be read → the IPv6 check is could-not-check and the run is not healthy', async () => {
    const a = withIpv6(s3GatewayAccount());
    a.failing = { 'ec2.managed-prefix-list': 'RequestLimitExceeded: Request limit exceeded.' };
    const report = await diagnose(a, { ...dualS3, 'target.hostname': 's3.dualstack.us-east-1.amazonaws.com' });
    expect(check(report, 'family.gateway-ipv6')?.status).toBe('error');
    expect(report.verdict).not.toBe('healthy');
  });
});
