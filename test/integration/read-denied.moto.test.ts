// A real IAM denial, end to end: moto with IAM enforcement on (`/moto-api/reset-auth`), a user
// whose policy denies ec2:DescribeVpcs, the built CLI run with that user's keys. Enforcement is
// global to a moto server, so this file starts its own on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runAnswers } from '../support/cli.js';
import { customDhcp, interfaceEndpoint } from '../support/dns-moto.js';
import { basicVpc, ec2, REGION, type BasicVpc } from '../support/moto-scenarios.js';

interface Report {
  verdict: string;
  findings: { id: string }[];
  checks: { id: string; status: string; detail: string }[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function startMoto(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) })).status < 500) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`moto server did not answer on ${url}`);
}

const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };

// The suite's moto says whether moto is installed; this file needs its own server.
describe.skipIf(!inject('motoUrl'))('a denied read against moto with IAM enforcement', () => {
  let moto: { url: string; child: ChildProcess };
  let v: BasicVpc;
  let iam: IAMClient;
  let keys: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };

  beforeAll(async () => {
    moto = await startMoto();
    const client = ec2(moto.url);
    v = await basicVpc(client);
    await interfaceEndpoint(client, v, 'sqs');
    await customDhcp(client, v.vpcId, ['10.20.0.10', '10.20.0.11']);
    const root = {
      region: REGION,
      endpoint: moto.url,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    };
    await new IAMClient(root).send(new CreateUserCommand({ UserName: 'doctor' }));
    await new IAMClient(root).send(
      new PutUserPolicyCommand({
        UserName: 'doctor',
        PolicyName: 'read',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [ALLOW_ALL] }),
      }),
    );
    const key = (await new IAMClient(root).send(new CreateAccessKeyCommand({ UserName: 'doctor' }))).AccessKey!;
    keys = { AWS_ACCESS_KEY_ID: key.AccessKeyId!, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey! };
    iam = new IAMClient({
      region: REGION,
      endpoint: moto.url,
      credentials: { accessKeyId: keys.AWS_ACCESS_KEY_ID, secretAccessKey: keys.AWS_SECRET_ACCESS_KEY },
    });
    // From here on every call is checked against the caller's policies (0 unauthenticated calls left).
    const auth = await fetch(`${moto.url}/moto-api/reset-auth`, { method: 'POST', body: '0' });
    expect(auth.ok).toBe(true);
  }, 60_000);

  afterAll(() => {
    moto?.child.kill();
  });

  const answers = () => ({
    region: REGION,
    service: 'sqs',
    'source.kind': 'instance',
    'source.id': v.instanceId,
    symptom: 'timeout',
  });

  it('denied DescribeVpcs on a custom-DHCP VPC → incomplete (exit 3), naming ec2:DescribeVpcs, never healthy', async () => {
    // With every read allowed, the custom DHCP servers are found.
    const allowed = await runAnswers<Report>(moto.url, answers(), { env: keys });
    expect(allowed.report.findings.map((f) => f.id)).toEqual(['dns.custom-dhcp-servers']);
    expect(allowed.code).toBe(1);

    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'doctor',
        PolicyName: 'read',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [ALLOW_ALL, { Effect: 'Deny', Action: 'ec2:DescribeVpcs', Resource: '*' }],
        }),
      }),
    );
    const denied = await runAnswers<Report>(moto.url, answers(), { env: keys });
    expect(denied.stderr).toBe('');
    expect(denied.report.verdict).toBe('incomplete');
    expect(denied.code).toBe(3);
    const dhcp = denied.report.checks.find((c) => c.id === 'dns.dhcp-options');
    expect(dhcp?.status).toBe('skipped');
    expect(dhcp?.detail).toContain('needs ec2:DescribeVpcs');
  }, 60_000);
});
