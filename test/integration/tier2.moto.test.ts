// Tier-2 findings against the AWS API emulator, built with the SDK and diagnosed by the BUILT
// CLI: an S3 interface endpoint where a gateway was meant, a second endpoint that already owns
// private DNS, and an HTTPS proxy on the source instance (IMDS from a loopback stand-in; the
// proxy variables are set in the spawned CLI's environment only). The inbound-only DNS option and
// per-AZ service offerings are not represented by the emulator: fixture tests cover those.
import { inject, describe, expect, it, beforeAll } from 'vitest';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { basicVpc, ec2, gatewayEndpoint, REGION } from '../support/moto-scenarios.js';
import { endpointGroup, interfaceEndpoint } from '../support/dns-moto.js';
import { startImdsServer } from '../support/imds-server.js';

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
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; report: Report }> {
  return runAnswers<Report>(url, { region: REGION, symptom: 'timeout', ...answers }, { env });
}
const ids = (r: Report): string[] => r.findings.map((f) => f.id);

describe.skipIf(!url)('tier-2 findings against moto', () => {
  let client: EC2Client;
  beforeAll(() => {
    client = ec2(url);
  });

  it('S3 interface endpoint with private DNS off and no gateway endpoint → endpoint.wrong-type: create the gateway for the main table', async () => {
    const v = await basicVpc(client);
    const ep = await interfaceEndpoint(client, v, 's3', { privateDns: false });
    const { code, report } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId });
    expect(ids(report)).toContain('endpoint.wrong-type');
    expect(ids(report)).not.toContain('dns.private-dns-disabled');
    const f = report.findings.find((x) => x.id === 'endpoint.wrong-type');
    expect(f?.evidence[0]).toBe(
      `${ep.id} is an Interface endpoint for com.amazonaws.${REGION}.s3 with PrivateDnsEnabled = false`,
    );
    expect(f?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${v.vpcId} --vpc-endpoint-type Gateway --service-name com.amazonaws.${REGION}.s3 --route-table-ids ${v.mainRouteTableId} --region ${REGION}`,
    ]);
    expect(code).toBe(1);
  });

  it('the named SQS endpoint has private DNS off, another one has it on → dns.private-dns-conflict, never the enable-private-DNS fix alone', async () => {
    const v = await basicVpc(client);
    const groupId = await endpointGroup(client, v);
    const owner = await interfaceEndpoint(client, v, 'sqs', { groupId, privateDns: true });
    const mine = await interfaceEndpoint(client, v, 'sqs', { groupId, privateDns: false });
    const { code, report } = await diagnose({
      service: 'sqs',
      'source.kind': 'instance',
      'source.id': v.instanceId,
      endpoint: mine.id,
    });
    expect(ids(report)).toContain('dns.private-dns-conflict');
    expect(ids(report)).not.toContain('dns.private-dns-disabled');
    const f = report.findings.find((x) => x.id === 'dns.private-dns-conflict');
    expect(f?.evidence[1]).toContain(
      `${owner.id}, another com.amazonaws.${REGION}.sqs endpoint in ${v.vpcId}, has PrivateDnsEnabled = true`,
    );
    expect(f?.fix.commands.map((c) => c.line)).toEqual([]);
    expect(f?.fix.alternatives?.[0]?.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${owner.id} --no-private-dns-enabled --region ${REGION}`,
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${mine.id} --private-dns-enabled --region ${REGION}`,
    ]);
    expect(code).toBe(1);
  });

  it('run on the source instance with HTTPS_PROXY and a NO_PROXY without amazonaws.com → client.proxy, credentials stripped; exempted → healthy', async () => {
    const v = await basicVpc(client);
    await gatewayEndpoint(client, v.vpcId, [v.mainRouteTableId]);
    const imds = await startImdsServer({
      instance: { instanceId: v.instanceId, az: 'us-east-1a', mac: '0e:11:22:33:44:55', vpcId: v.vpcId },
    });
    try {
      // A loopback IMDS on a loaded machine may need more than the 300 ms meant for a real one.
      const onInstance = {
        AWS_EC2_METADATA_DISABLED: undefined,
        AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
        AWS_METADATA_SERVICE_TIMEOUT: '5',
      };
      const answers = { service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId, symptom: 'unknown' };
      const broken = await diagnose(answers, {
        ...onInstance,
        HTTPS_PROXY: 'http://svc-user:pa55word@proxy.corp.test:3128',
        NO_PROXY: 'localhost,169.254.169.254',
      });
      expect(ids(broken.report)).toEqual(['client.proxy']);
      const f = broken.report.findings[0];
      expect(f?.evidence).toContain('HTTPS_PROXY=http://proxy.corp.test:3128');
      expect(JSON.stringify(broken.report)).not.toContain('pa55word');
      expect(f?.fix.commands.map((c) => c.line)).toEqual([]);
      expect(f?.fix.summary).toContain('export NO_PROXY=localhost,169.254.169.254,.amazonaws.com');
      expect(broken.code).toBe(1);

      const exempt = await diagnose(answers, {
        ...onInstance,
        https_proxy: 'http://proxy.corp.test:3128',
        no_proxy: '.amazonaws.com',
      });
      expect(exempt.report.findings).toEqual([]);
      expect(exempt.report.checks.find((c) => c.id === 'client.proxy')?.status).toBe('pass');
      expect(exempt.code).toBe(0);
    } finally {
      await imds.close();
    }
  });
});
