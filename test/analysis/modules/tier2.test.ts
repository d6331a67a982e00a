// Tier-2 rules through the real engine over fixture accounts: each scenario names the finding
// (or its absence) and the deciding evidence and fix.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes } from '../../support/fixtures/index.js';
import { awsEndpointService } from '../../support/fixtures/dns.js';
import type { RecordSet } from '../../../src/analysis/dns/fixes.js';
import { baseAccount, IDS, subnet } from '../../support/fixtures/world.js';
import { addInterfaceEndpoint } from '../../recordings/scenarios/dns.js';
import { gatewayOnTheInstance, s3InboundOnlyAccount } from '../../recordings/scenarios/tier2.js';
import { noProxyCovers } from '../../../src/analysis/modules/client-proxy.js';
import { readProxyEnv, withoutCredentials } from '../../../src/probes/live/host.js';
import { diagnose, reportOf, walk } from '../../support/diagnose.js';

const fromInstance: Answers = {
  region: 'us-east-1',
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'timeout',
};

const ids = (r: Report): string[] => r.findings.map((f) => f.id);

describe('dns.private-dns-conflict', () => {
  it('private DNS off and a private hosted zone named exactly sqs.us-east-1.amazonaws.com, shared with another VPC → conflict (disassociate, then enable), not private-dns-disabled nor phz-shadow', async () => {
    const a = baseAccount();
    const e = addInterfaceEndpoint(a, 'sqs', { privateDns: false });
    a.privateHostedZones = [
      {
        zone: {
          HostedZoneId: '/hostedzone/Z0SQSZONE1234567',
          Name: 'sqs.us-east-1.amazonaws.com.',
          Owner: { OwningAccount: '123456789012' },
        },
        vpcIds: [IDS.vpc, 'vpc-0b2c3d4e5f6a70819'],
      },
    ];
    const r = await diagnose(a, { ...fromInstance, service: 'sqs' });
    expect(ids(r)).toEqual(['dns.private-dns-conflict']);
    expect(r.findings[0]?.fix.summary).toContain('it stays with vpc-0b2c3d4e5f6a70819');
    expect(r.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws route53 disassociate-vpc-from-hosted-zone --hosted-zone-id Z0SQSZONE1234567 --vpc VPCRegion=us-east-1,VPCId=${IDS.vpc} --region us-east-1`,
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.VpcEndpointId} --private-dns-enabled --region us-east-1`,
    ]);
  });

  const sqsZone = (records?: RecordSet[]) => ({
    zone: { HostedZoneId: '/hostedzone/Z0SQSZONE1234567', Name: 'sqs.us-east-1.amazonaws.com.' },
    vpcIds: [IDS.vpc],
    ...(records !== undefined ? { records } : {}),
  });

  it("the zone is only this VPC's (Route 53 refuses to disassociate it: LastVPCAssociation) → the fix is an alias A record to the endpoint; deleting the zone, then enabling private DNS, the alternative", async () => {
    const a = baseAccount();
    const e = addInterfaceEndpoint(a, 'sqs', { privateDns: false });
    a.privateHostedZones = [sqsZone()];
    const r = await diagnose(a, { ...fromInstance, service: 'sqs' });
    expect(ids(r)).toEqual(['dns.private-dns-conflict']);
    const fix = r.findings[0]!.fix;
    expect(fix.summary).toContain('LastVPCAssociation');
    expect(fix.commands.map((c) => c.argv[2])).toEqual(['change-resource-record-sets']);
    expect(fix.commands[0]!.line).toContain(e.DnsEntries[0]!.DnsName);
    expect(fix.alternatives?.[0]?.commands.map((c) => c.argv[2])).toEqual([
      'delete-hosted-zone',
      'modify-vpc-endpoint',
    ]);
  });

  it('after the alias record: the zone answers the name with the endpoint → no conflict, no private-dns-disabled, the zone check passes', async () => {
    const a = baseAccount();
    const e = addInterfaceEndpoint(a, 'sqs', { privateDns: false });
    const target = e.DnsEntries[0]!;
    a.privateHostedZones = [
      sqsZone([
        {
          Name: 'sqs.us-east-1.amazonaws.com.',
          Type: 'A',
          AliasTarget: {
            HostedZoneId: target.HostedZoneId!,
            DNSName: `${target.DnsName!}.`,
            EvaluateTargetHealth: false,
          },
        },
      ]),
    ];
    const r = await diagnose(a, { ...fromInstance, service: 'sqs' });
    expect(ids(r)).toEqual([]);
    expect(r.checks.find((c) => c.id === 'dns.private-hosted-zones')).toMatchObject({ status: 'pass' });
    expect(r.checks.find((c) => c.id === 'dns.private-dns')?.detail).toContain('alias');
  });

  it('ListResourceRecordSets denied → the zone check could not read the records: never healthy, the action named', async () => {
    const a = baseAccount();
    addInterfaceEndpoint(a, 'sqs', { privateDns: false });
    a.privateHostedZones = [sqsZone()];
    a.denied = { 'route53.zone-records': 'route53:ListResourceRecordSets' };
    const r = await diagnose(a, { ...fromInstance, service: 'sqs' });
    expect(r.verdict).not.toBe('healthy');
    expect(JSON.stringify(r.checks)).toContain('route53:ListResourceRecordSets');
    // Without the records, the fix falls back to disassociating and says when that is refused.
    expect(r.findings.find((f) => f.id === 'dns.private-dns-conflict')?.fix.summary).toContain('LastVPCAssociation');
  });

  it('a zone for a parent (us-east-1.amazonaws.com) does not block private DNS: private-dns-disabled and phz-shadow stay', async () => {
    const a = baseAccount();
    addInterfaceEndpoint(a, 'sqs', { privateDns: false });
    a.privateHostedZones = [
      { zone: { HostedZoneId: 'Z0PARENT12345678', Name: 'us-east-1.amazonaws.com.' }, vpcIds: [IDS.vpc] },
    ];
    const r = await diagnose(a, { ...fromInstance, service: 'sqs' });
    expect(ids(r)).toEqual(['dns.private-dns-disabled', 'dns.phz-shadow']);
  });
});

describe('interface.service-not-in-az', () => {
  it('one subnet in an offered AZ, one outside → warning naming a subnet of the VPC in another offered AZ', async () => {
    const a = baseAccount();
    const e = addInterfaceEndpoint(a, 'sqs');
    a.subnets.push(subnet('subnet-0cc33dd44ee55ff66', IDS.vpc, '10.0.5.0/24', 'us-east-1c', 'app-private-c'));
    const sqs = awsEndpointService('com.amazonaws.us-east-1.sqs', ['us-east-1a', 'us-east-1c']);
    a.endpointServices = sqs ? [sqs] : [];
    const r = await diagnose(a, { ...fromInstance, service: 'sqs', symptom: 'unknown' });
    expect(ids(r)).toEqual(['interface.service-not-in-az']);
    expect(r.findings[0]?.severity).toBe('warning');
    expect(r.verdict).toBe('healthy');
    expect(r.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.VpcEndpointId} --add-subnet-ids subnet-0cc33dd44ee55ff66 --remove-subnet-ids subnet-0e1a2b3c4d5e6f702 --region us-east-1`,
    ]);
  });

  it('the endpoint service could not be described → the check is skipped, never passed', async () => {
    const a = baseAccount();
    addInterfaceEndpoint(a, 'sqs');
    a.denied = { 'ec2.vpc-endpoint-service': 'ec2:DescribeVpcEndpointServices' };
    const r = await diagnose(a, { ...fromInstance, service: 'sqs' });
    expect(r.checks.find((c) => c.id === 'interface.service-azs')?.status).toBe('skipped');
  });
});

describe('endpoint.wrong-type', () => {
  it('the user names a Gateway Load Balancer endpoint for S3 → wrong-type with a gateway endpoint for the source route table', async () => {
    const a = baseAccount();
    a.endpoints.push({
      VpcEndpointId: 'vpce-0f1e2d3c4b5a69781',
      VpcEndpointType: 'GatewayLoadBalancer',
      VpcId: IDS.vpc,
      ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f67890',
      State: 'available',
      RouteTableIds: [],
      SubnetIds: [IDS.subnetA],
      Groups: [],
      NetworkInterfaceIds: ['eni-0a9b8c7d6e5f40001'],
      DnsEntries: [],
      Tags: [],
    });
    const r = await diagnose(a, { ...fromInstance, service: 's3', endpoint: 'vpce-0f1e2d3c4b5a69781' });
    expect(ids(r)).toContain('endpoint.wrong-type');
    const f = r.findings.find((x) => x.id === 'endpoint.wrong-type');
    expect(f?.evidence[0]).toBe(
      'vpce-0f1e2d3c4b5a69781 is a GatewayLoadBalancer endpoint for com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f67890',
    );
    expect(f?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${IDS.vpc} --vpc-endpoint-type Gateway --service-name com.amazonaws.us-east-1.s3 --route-table-ids ${IDS.appRtb} --region us-east-1`,
    ]);
  });

  it('an S3 interface endpoint with private DNS off called by its endpoint-specific name is not the wrong type', async () => {
    const a = baseAccount();
    const e = addInterfaceEndpoint(a, 's3', { privateDns: false });
    const r = await diagnose(a, {
      ...fromInstance,
      service: 's3',
      'target.hostname': `bucket.${e.DnsEntries[0]?.DnsName ?? ''}`,
    });
    expect(ids(r)).not.toContain('endpoint.wrong-type');
  });

  it('an S3 interface endpoint with private DNS off next to a gateway endpoint is not the wrong type', async () => {
    const { account, interfaceId } = s3InboundOnlyAccount([IDS.appRtb], false);
    const e = account.endpoints.find((x) => x.VpcEndpointId === interfaceId);
    if (e) e.PrivateDnsEnabled = false;
    const r = await diagnose(account, { ...fromInstance, service: 's3', endpoint: interfaceId });
    expect(ids(r)).not.toContain('endpoint.wrong-type');
  });
});

describe('dns.inbound-only-misconfigured', () => {
  it('gateway route in place, no inbound Resolver endpoint → a warning only (the source works through the gateway)', async () => {
    const { account, interfaceId } = s3InboundOnlyAccount([IDS.appRtb, IDS.mainRtb], false);
    const r = await diagnose(account, { ...fromInstance, service: 's3', endpoint: interfaceId });
    expect(ids(r)).toEqual(['dns.inbound-only-misconfigured']);
    expect(r.findings[0]?.severity).toBe('warning');
    expect(r.findings[0]?.fix.commands.map((c) => c.argv[2])).toEqual([
      'create-security-group',
      'create-resolver-endpoint',
    ]);
    expect(r.findings[0]?.fix.commands[1]?.line).toContain(
      `aws route53resolver create-resolver-endpoint --creator-request-id vpce-doctor-inbound-${IDS.vpc}`,
    );
  });

  it('no gateway endpoint at all → error, fix creates one for the source route table', async () => {
    const a = baseAccount();
    const e = addInterfaceEndpoint(a, 's3');
    e.DnsOptions = { DnsRecordIpType: 'ipv4', PrivateDnsOnlyForInboundResolverEndpoint: true };
    a.resolverEndpoints = [
      { Id: 'rslvr-in-0a1b2c3d4e5f60799', Direction: 'INBOUND', HostVPCId: IDS.vpc, Status: 'OPERATIONAL' },
    ];
    const r = await diagnose(a, { ...fromInstance, service: 's3' });
    expect(ids(r)).toEqual(['dns.inbound-only-misconfigured']);
    expect(r.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${IDS.vpc} --vpc-endpoint-type Gateway --service-name com.amazonaws.us-east-1.s3 --route-table-ids ${IDS.appRtb} --region us-east-1`,
    ]);
  });
});

describe('client.proxy', () => {
  it('IMDS names another instance → the proxy environment is never read', async () => {
    const a = gatewayOnTheInstance({
      httpsProxy: { variable: 'HTTPS_PROXY', value: 'http://proxy:3128' },
      noProxy: null,
    });
    a.imds = {
      inside: true,
      instanceId: 'i-0fffffffffffffff0',
      az: 'us-east-1a',
      vpcId: IDS.vpc,
      endpoint: 'http://169.254.169.254',
    };
    const probes = fixtureProbes(a);
    const answers = { ...fromInstance, service: 's3' };
    const state = await walk(answers, probes);
    expect(reportOf(state).findings).toEqual([]);
    expect(probes.calls).not.toContain('host.proxy-env');
  });

  it('IMDS failed on an EC2 host (hop limit in a container) → client.proxy could not check, the run incomplete, never healthy', async () => {
    const a = gatewayOnTheInstance({ httpsProxy: null, noProxy: null });
    delete a.imds;
    a.failing = {
      'imds.instance':
        'this host is EC2 instance i-0af01c0123456789a (the DMI board asset tag is i-0af01c0123456789a) but the instance metadata service did not answer',
    };
    const probes = fixtureProbes(a);
    const state = await walk({ ...fromInstance, service: 's3' }, probes);
    const report = reportOf(state);
    expect(report.verdict).toBe('incomplete');
    const check = report.checks.find((c) => c.id === 'client.proxy');
    expect(check?.status).toBe('error');
    expect(check?.detail).toMatch(/proxy settings/);
    expect(probes.calls).not.toContain('host.proxy-env');
  });

  it('NO_PROXY matching: suffixes, leading dots, wildcards, ports', () => {
    expect(noProxyCovers('.amazonaws.com', 's3.us-east-1.amazonaws.com')).toBe(true);
    expect(noProxyCovers('localhost, amazonaws.com', 'sqs.us-east-1.amazonaws.com')).toBe(true);
    expect(noProxyCovers('*.us-east-1.amazonaws.com', 'sqs.us-east-1.amazonaws.com')).toBe(true);
    expect(noProxyCovers('*', 'sqs.us-east-1.amazonaws.com')).toBe(true);
    expect(noProxyCovers('sqs.us-east-1.amazonaws.com:443', 'sqs.us-east-1.amazonaws.com')).toBe(true);
    expect(noProxyCovers('localhost,169.254.169.254', 'sqs.us-east-1.amazonaws.com')).toBe(false);
    expect(noProxyCovers('notamazonaws.com', 'sqs.us-east-1.amazonaws.com')).toBe(false);
  });

  it('reads only the proxy variables, lowercase first, and drops credentials from the proxy URL', () => {
    const env = {
      HTTPS_PROXY: 'http://upper:3128',
      https_proxy: 'http://alice:s3cret@proxy.corp:3128',
      NO_PROXY: '.amazonaws.com',
      AWS_SECRET_ACCESS_KEY: 'x',
    };
    expect(readProxyEnv(env)).toEqual({
      httpsProxy: { variable: 'https_proxy', value: 'http://proxy.corp:3128' },
      noProxy: { variable: 'NO_PROXY', value: '.amazonaws.com' },
    });
    expect(withoutCredentials('bob:pw@proxy:8080')).toBe('proxy:8080');
    expect(readProxyEnv({})).toEqual({ httpsProxy: null, noProxy: null });
  });
});
