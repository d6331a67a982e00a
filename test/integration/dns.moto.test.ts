// Interface endpoints and the DNS chain against the AWS API emulator: each configuration
// finding is built with the SDK, then the built CLI runs with --answers; the live DNS findings
// run the CLI with --dns-server pointing at a local DNS server that answers with loopback
// addresses only (IMDS is disabled by runCli, so nothing else is resolved or connected).
import { inject, describe, expect, it, beforeAll, afterAll } from 'vitest';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { basicVpc, ec2, gatewayEndpoint, REGION, routeTableFor } from '../support/moto-scenarios.js';
import {
  customDhcp,
  disableDnsSupport,
  enableDnsHostnames,
  endpointGroup,
  forwardRule,
  interfaceEndpoint,
  privateZone,
  resolverEndpoint,
} from '../support/dns-moto.js';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';

const url = inject('motoUrl');

interface Report {
  verdict: string;
  findings: {
    id: string;
    severity: string;
    evidence: string[];
    fix: {
      summary: string;
      commands: { line: string }[];
      alternatives?: { summary: string; commands: { line: string }[] }[];
    };
  }[];
  checks: { id: string; status: string; detail: string; basis?: string }[];
}

async function diagnose(
  answers: Record<string, string>,
  flags: string[] = [],
): Promise<{ code: number | null; report: Report; stderr: string }> {
  return runAnswers<Report>(url, { region: REGION, symptom: 'timeout', ...answers }, { flags });
}

const ids = (r: Report): string[] => r.findings.map((f) => f.id);
const dnsChecks = (r: Report) => r.checks.filter((c) => c.id.startsWith('dns.'));

describe.skipIf(!url)('interface endpoints and DNS against moto', () => {
  let client: EC2Client;
  beforeAll(() => {
    client = ec2(url);
  });

  /** A VPC with DNS hostnames on (moto, like AWS, starts with them off) and an instance in us-east-1a. */
  async function dnsReadyVpc() {
    const v = await basicVpc(client);
    await enableDnsHostnames(client, v.vpcId);
    return v;
  }
  const fromInstance = (v: { instanceId: string }, service = 'sqs') => ({
    service,
    'source.kind': 'instance',
    'source.id': v.instanceId,
  });

  it('a healthy SQS interface endpoint (private DNS, ENIs in both AZs) → no finding, exit 0, every DNS check reasoned', async () => {
    const v = await dnsReadyVpc();
    await interfaceEndpoint(client, v, 'sqs');
    const { code, report } = await diagnose({ ...fromInstance(v), symptom: 'unknown' });
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('healthy');
    expect(code).toBe(0);
    expect(dnsChecks(report).length).toBeGreaterThan(4);
    for (const c of dnsChecks(report)) expect(c.basis).toBe('reasoned');
    expect(report.checks.find((c) => c.id === 'dns.answer')?.detail).toContain(
      'should resolve to the network interfaces of',
    );
  });

  it('the endpoint ENI sits in another AZ than the instance → interface.az-not-covered warning only, exit 0', async () => {
    const v = await dnsReadyVpc();
    const ep = await interfaceEndpoint(client, v, 'sqs', { subnetIds: [v.otherSubnetId] });
    const { code, report } = await diagnose(fromInstance(v));
    expect(ids(report)).toEqual(['interface.az-not-covered']);
    expect(report.findings[0]?.severity).toBe('warning');
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${ep.id} --add-subnet-ids ${v.subnetId} --region ${REGION}`,
    ]);
    expect(report.verdict).toBe('healthy');
    expect(code).toBe(0);
  });

  it('enableDnsHostnames off → dns.vpc-dns-hostnames-disabled naming the VPC', async () => {
    const v = await basicVpc(client);
    await enableDnsHostnames(client, v.vpcId, false);
    await interfaceEndpoint(client, v, 'sqs');
    const { code, report } = await diagnose(fromInstance(v));
    expect(ids(report)).toEqual(['dns.vpc-dns-hostnames-disabled']);
    expect(report.findings[0]?.evidence[0]).toBe(`DescribeVpcAttribute ${v.vpcId}: enableDnsHostnames = false`);
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-attribute --vpc-id ${v.vpcId} --enable-dns-hostnames '{"Value":true}' --region ${REGION}`,
    ]);
    expect(code).toBe(1);
  });

  it('enableDnsSupport off → dns.vpc-dns-support-disabled naming the VPC', async () => {
    const v = await dnsReadyVpc();
    await disableDnsSupport(client, v.vpcId);
    await interfaceEndpoint(client, v, 'sqs');
    const { report } = await diagnose(fromInstance(v));
    expect(ids(report)).toEqual(['dns.vpc-dns-support-disabled']);
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-attribute --vpc-id ${v.vpcId} --enable-dns-support '{"Value":true}' --region ${REGION}`,
    ]);
  });

  it('interface endpoint with private DNS off → dns.private-dns-disabled naming the endpoint', async () => {
    const v = await dnsReadyVpc();
    const ep = await interfaceEndpoint(client, v, 'sqs', { privateDns: false });
    const { report } = await diagnose(fromInstance(v));
    expect(ids(report)).toEqual(['dns.private-dns-disabled']);
    expect(report.findings[0]?.evidence[0]).toContain(
      `${ep.id} (com.amazonaws.${REGION}.sqs): PrivateDnsEnabled = false`,
    );
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${ep.id} --private-dns-enabled --region ${REGION}`,
    ]);
  });

  it('a gateway endpoint reporting PrivateDnsEnabled true (moto does) drives no DNS finding', async () => {
    const v = await dnsReadyVpc();
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayEndpoint(client, v.vpcId, [rtb]);
    const { report, code } = await diagnose({ ...fromInstance(v, 's3'), symptom: 'unknown' });
    expect(report.findings).toEqual([]);
    expect(report.checks.find((c) => c.id === 'dns.private-dns')).toBeUndefined();
    expect(code).toBe(0);
  });

  it('DHCP option set with custom DNS servers inside the VPC → dns.custom-dhcp-servers naming the option set and the VPC resolver', async () => {
    const v = await dnsReadyVpc();
    await interfaceEndpoint(client, v, 'sqs');
    const base = v.vpcCidr.replace(/\.0\.0\/16$/, '');
    const dopt = await customDhcp(client, v.vpcId, [`${base}.0.10`, `${base}.0.11`]);
    const { report } = await diagnose(fromInstance(v));
    expect(ids(report)).toEqual(['dns.custom-dhcp-servers']);
    const f = report.findings[0]!;
    expect(f.evidence[0]).toBe(
      `DHCP option set ${dopt} of ${v.vpcId}: domain-name-servers = ${base}.0.10, ${base}.0.11`,
    );
    const resolverIp = v.vpcCidr.replace(/\.0\.0\/16$/, '.0.2');
    expect(f.fix.summary).toContain(`forwarder for us-east-1.amazonaws.com to ${resolverIp}`);
    expect(f.fix.alternatives?.[0]?.commands[1]?.line).toBe(
      `aws ec2 associate-dhcp-options --dhcp-options-id "$DOPT_ID" --vpc-id ${v.vpcId} --region ${REGION}`,
    );
  });

  it('a FORWARD rule for amazonaws.com associated with the VPC → dns.resolver-rule-override naming the rule', async () => {
    const v = await dnsReadyVpc();
    await interfaceEndpoint(client, v, 'sqs');
    const rule = await forwardRule(url, v.vpcId, 'amazonaws.com');
    const { report } = await diagnose(fromInstance(v));
    expect(ids(report)).toEqual(['dns.resolver-rule-override']);
    const f = report.findings[0]!;
    expect(f.evidence[0]).toContain(
      `resolver rule ${rule} "corp-forward" (FORWARD amazonaws.com. → 192.168.10.53:53) is associated with ${v.vpcId}`,
    );
    expect(f.fix.alternatives?.[0]?.commands[0]?.line).toBe(
      `aws route53resolver disassociate-resolver-rule --vpc-id ${v.vpcId} --resolver-rule-id ${rule} --region ${REGION}`,
    );
  });

  it('a private hosted zone for us-east-1.amazonaws.com associated with the VPC (only this one) → dns.phz-shadow naming the zone; the fix is an alias record (GetHostedZone: disassociating the last VPC is refused)', async () => {
    const v = await dnsReadyVpc();
    await interfaceEndpoint(client, v, 'sqs');
    const zone = await privateZone(url, v.vpcId, 'us-east-1.amazonaws.com');
    const { report } = await diagnose({ ...fromInstance(v), symptom: 'nxdomain' });
    expect(ids(report)).toEqual(['dns.phz-shadow']);
    const lines = report.findings[0]?.fix.commands.map((c) => c.line) ?? [];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^aws route53 change-resource-record-sets --hosted-zone-id ${zone} --change-batch '\\{"Changes":\\[\\{"Action":"UPSERT"`,
      ),
    );
    expect(report.findings[0]?.fix.summary).toContain('LastVPCAssociation');
  });

  it('on-premises over VPN with only an outbound Resolver endpoint → dns.onprem-no-inbound-resolver; with an inbound one → none', async () => {
    const v = await dnsReadyVpc();
    const ep = await interfaceEndpoint(client, v, 'sqs', {
      groupId: await endpointGroup(client, v, ['192.168.0.0/16']),
    });
    const outbound = await resolverEndpoint(url, client, v, 'OUTBOUND');
    try {
      const answers = {
        service: 'sqs',
        'source.kind': 'vpn',
        'source.ip': '192.168.40.12',
        vpc: v.vpcId,
        symptom: 'nxdomain',
      };
      const { report } = await diagnose(answers);
      expect(ids(report)).toEqual(['dns.onprem-no-inbound-resolver']);
      // A group for the endpoint is created first (its id in $DNS_SG_ID): no placeholder.
      expect(report.findings[0]?.fix.commands[0]?.line).toMatch(/^DNS_SG_ID=\$\(aws ec2 create-security-group /);
      expect(report.findings[0]?.fix.commands.at(-1)?.line).toContain(
        `aws route53resolver create-resolver-endpoint --creator-request-id vpce-doctor-inbound-${v.vpcId} --name inbound-${v.vpcId} --direction INBOUND --security-group-ids "$DNS_SG_ID"`,
      );
      expect(report.findings[0]?.fix.commands.at(-1)?.line).toContain(
        `--ip-addresses SubnetId=${ep.subnetIds[0]} SubnetId=${ep.subnetIds[1]} --region ${REGION}`,
      );
      const inbound = await resolverEndpoint(url, client, v, 'INBOUND');
      try {
        const again = await diagnose(answers);
        expect(ids(again.report)).not.toContain('dns.onprem-no-inbound-resolver');
        expect(again.report.checks.find((c) => c.id === 'dns.inbound-resolver')?.detail).toContain(inbound.id);
      } finally {
        await inbound.remove();
      }
    } finally {
      await outbound.remove();
    }
  });

  it('the client calls sts.amazonaws.com with a regional STS endpoint → client.sts-global-endpoint', async () => {
    const v = await dnsReadyVpc();
    await interfaceEndpoint(client, v, 'sts');
    const { report } = await diagnose({ ...fromInstance(v, 'sts'), 'target.hostname': 'sts.amazonaws.com' });
    expect(ids(report)).toEqual(['client.sts-global-endpoint']);
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      'aws configure set sts_regional_endpoints regional',
    ]);
  });

  it('ECR with only ecr.api → client.companion-endpoints creating ecr.dkr and the S3 gateway on the subnet route table', async () => {
    const v = await dnsReadyVpc();
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const ep = await interfaceEndpoint(client, v, 'ecr.api');
    const { report } = await diagnose(fromInstance(v, 'ecr.api'));
    expect(ids(report)).toEqual(['client.companion-endpoints']);
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${v.vpcId} --vpc-endpoint-type Interface --service-name com.amazonaws.${REGION}.ecr.dkr --subnet-ids ${ep.subnetIds.join(' ')} --security-group-ids ${ep.groupId} --private-dns-enabled --region ${REGION}`,
      `aws ec2 create-vpc-endpoint --vpc-id ${v.vpcId} --vpc-endpoint-type Gateway --service-name com.amazonaws.${REGION}.s3 --route-table-ids ${rtb} --region ${REGION}`,
    ]);
  });

  it('S3 through an interface endpoint from inside the VPC → cost.interface-where-gateway-free (info), exit 0', async () => {
    const v = await dnsReadyVpc();
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await interfaceEndpoint(client, v, 's3');
    const { report, code } = await diagnose({ ...fromInstance(v, 's3'), symptom: 'unknown' });
    expect(ids(report)).toEqual(['cost.interface-where-gateway-free']);
    expect(report.findings[0]?.severity).toBe('info');
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${v.vpcId} --vpc-endpoint-type Gateway --service-name com.amazonaws.${REGION}.s3 --route-table-ids ${rtb} --region ${REGION}`,
    ]);
    expect(code).toBe(0);
  });

  describe('live DNS through --dns-server (a local DNS server answering loopback addresses only)', () => {
    let dns: TestDnsServer;
    beforeAll(async () => {
      dns = await startDnsServer();
    });
    afterAll(async () => {
      await dns.close();
    });

    it('the name resolves to an address that is not the endpoint ENIs → dns.resolves-public, observed through the server', async () => {
      const v = await dnsReadyVpc();
      await interfaceEndpoint(client, v, 'sqs');
      dns.set('sqs.us-east-1.amazonaws.com', { kind: 'a', addresses: ['127.0.0.9'] });
      const { report, code } = await diagnose({ ...fromInstance(v), symptom: 'wrong-address' }, [
        '--dns-server',
        dns.address,
      ]);
      expect(ids(report)).toEqual(['dns.resolves-public']);
      expect(report.findings[0]?.evidence[0]).toContain(`observed from this host through DNS server ${dns.address}`);
      expect(report.checks.find((c) => c.id === 'dns.answer')).toMatchObject({ status: 'fail', basis: 'observed' });
      // The answer's port 443 was tried (loopback, nothing listens there).
      expect(report.checks.find((c) => c.id === 'tcp.connect')?.detail).toMatch(/^127\.0\.0\.9:443 (refused|open)/);
      expect(code).toBe(1);
    });

    it('NXDOMAIN from the server with a shadowing private zone → dns.answer fails (observed) and dns.phz-shadow explains it', async () => {
      const v = await dnsReadyVpc();
      await interfaceEndpoint(client, v, 'sqs');
      await privateZone(url, v.vpcId, 'us-east-1.amazonaws.com');
      dns.set('sqs.us-east-1.amazonaws.com', { kind: 'nxdomain' });
      const { report } = await diagnose(fromInstance(v), ['--dns-server', dns.address]);
      expect(ids(report)).toEqual(['dns.phz-shadow']);
      expect(report.checks.find((c) => c.id === 'dns.answer')).toMatchObject({ status: 'fail', basis: 'observed' });
      expect(report.checks.find((c) => c.id === 'tcp.connect')).toBeUndefined();
    });
  });
});
