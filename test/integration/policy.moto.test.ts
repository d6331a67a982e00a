// The policy layer against the AWS API emulator: buckets, bucket policies and endpoint policies
// built with the SDK, then the built CLI runs with --answers (target.bucket …) and the finding
// ids, the deciding statement in the evidence and the fix (command + corrected document) are
// checked. policy.identity-denies cannot come out of moto (it does not implement
// SimulatePrincipalPolicy); here we check that such a failure is an error check, never a pass.
import { inject, describe, expect, it, beforeAll } from 'vitest';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import { runAnswers } from '../support/cli.js';
import { basicVpc, ec2, REGION, routeTableFor } from '../support/moto-scenarios.js';
import {
  bucketName,
  bucketWith,
  denyOutsideOffice,
  denyUnlessVpce,
  endpointAllowList,
  gatewayWithPolicy,
  s3,
} from '../support/moto-policy.js';

const url = inject('motoUrl');

interface Report {
  verdict: string;
  findings: {
    id: string;
    severity: string;
    evidence: string[];
    fix: {
      summary: string;
      commands: { line: string; argv: string[] }[];
      files?: { path: string; contents: string }[];
    };
  }[];
  checks: { id: string; status: string; detail: string }[];
}

async function diagnose(answers: Record<string, string>): Promise<{ code: number | null; report: Report }> {
  return runAnswers<Report>(url, {
    region: REGION,
    service: 's3',
    symptom: 'access-denied',
    'target.key': '',
    ...answers,
  });
}

const policyIds = (r: Report): string[] =>
  r.findings.map((f) => f.id).filter((id) => id.startsWith('policy.') || id.startsWith('client.'));
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

describe.skipIf(!url)('policies against moto', () => {
  let client: EC2Client;
  let storage: S3Client;
  beforeAll(() => {
    client = ec2(url);
    storage = s3(url);
  });

  /** A VPC whose instance subnet routes to an S3 gateway endpoint carrying `endpointPolicy`. */
  async function vpcWithGateway(endpointPolicy?: string): Promise<{ instanceId: string; vpce: string; vpcId: string }> {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const vpce = await gatewayWithPolicy(client, v.vpcId, [rtb], endpointPolicy);
    return { instanceId: v.instanceId, vpce, vpcId: v.vpcId };
  }

  it('bucket policy allows this endpoint, endpoint policy allows the bucket → no policy finding, healthy, exit 0', async () => {
    const bucket = bucketName('healthy');
    const { instanceId, vpce } = await vpcWithGateway(endpointAllowList(bucket));
    await bucketWith(storage, bucket, { policy: denyUnlessVpce(bucket, ['vpce-0d4c3b2a190817263', vpce]) });
    const { code, report } = await diagnose({
      'source.kind': 'instance',
      'source.id': instanceId,
      symptom: 'unknown',
      'target.bucket': bucket,
      'target.key': 'releases/app.tar.gz',
    });
    expect(report.findings).toEqual([]);
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('pass');
    expect(check(report, 'policy.bucket-policy')?.status).toBe('pass');
    expect(check(report, 'policy.bucket-region')?.status).toBe('pass');
    expect(report.verdict).toBe('healthy');
    expect(code).toBe(0);
  });

  it('bucket policy pinned to another endpoint → bucket-sourcevpce-mismatch quoting DenyOutsideVpce; the corrected policy adds this endpoint', async () => {
    const bucket = bucketName('pinned');
    const { instanceId, vpce } = await vpcWithGateway(endpointAllowList(bucket));
    await bucketWith(storage, bucket, { policy: denyUnlessVpce(bucket, 'vpce-0d4c3b2a190817263') });
    const { code, report } = await diagnose({
      'source.kind': 'instance',
      'source.id': instanceId,
      'target.bucket': bucket,
      'target.key': 'releases/app.tar.gz',
    });
    expect(policyIds(report)).toEqual(['policy.bucket-sourcevpce-mismatch']);
    const f = report.findings.find((x) => x.id === 'policy.bucket-sourcevpce-mismatch')!;
    expect(f.evidence.join('\n')).toContain(
      `statement "DenyOutsideVpce" (#0, Deny): StringNotEquals aws:sourceVpce expected [vpce-0d4c3b2a190817263] and this path sends ${vpce}`,
    );
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws s3api put-bucket-policy --bucket ${bucket} --policy '${JSON.stringify(JSON.parse(f.fix.files![0]!.contents))}' --region ${REGION}`,
    ]);
    const fixed = JSON.parse(f.fix.files![0]!.contents) as { Statement: { Condition: unknown }[] };
    expect(fixed.Statement[0]!.Condition).toEqual({
      StringNotEquals: { 'aws:sourceVpce': ['vpce-0d4c3b2a190817263', vpce] },
    });
    expect(code).toBe(1);
  });

  it('bucket policy allows only an office CIDR by aws:SourceIp → sourceip-through-endpoint', async () => {
    const bucket = bucketName('office');
    const { instanceId, vpce } = await vpcWithGateway(endpointAllowList(bucket));
    await bucketWith(storage, bucket, { policy: denyOutsideOffice(bucket) });
    const { report } = await diagnose({ 'source.kind': 'instance', 'source.id': instanceId, 'target.bucket': bucket });
    expect(policyIds(report)).toEqual(['policy.sourceip-through-endpoint']);
    const f = report.findings.find((x) => x.id === 'policy.sourceip-through-endpoint')!;
    expect(f.evidence.join('\n')).toContain(
      'statement "DenyOutsideOffice" (#0, Deny): NotIpAddress aws:SourceIp expected [203.0.113.0/24] and this path sends nothing (the key is absent)',
    );
    expect(JSON.parse(f.fix.files![0]!.contents).Statement[0].Condition.StringNotEquals).toEqual({
      'aws:SourceVpce': vpce,
    });
  });

  it('endpoint policy allow-list without the bucket → endpoint-denies; the fix appends one Allow and modifies the endpoint', async () => {
    const bucket = bucketName('unlisted');
    const { instanceId, vpce } = await vpcWithGateway(endpointAllowList('acme-logs'));
    await bucketWith(storage, bucket);
    const { code, report } = await diagnose({
      'source.kind': 'instance',
      'source.id': instanceId,
      'target.bucket': bucket,
      'target.key': 'releases/app.tar.gz',
    });
    expect(policyIds(report)).toEqual(['policy.endpoint-denies']);
    const f = report.findings[0]!;
    expect(f.evidence.join('\n')).toContain(
      `statement AllowListedBuckets (Allow): Resource [arn:aws:s3:::acme-logs, arn:aws:s3:::acme-logs/*] does not cover arn:aws:s3:::${bucket}/releases/app.tar.gz`,
    );
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${vpce} --policy-document '${JSON.stringify(JSON.parse(f.fix.files![0]!.contents))}' --region ${REGION}`,
    ]);
    const fixed = JSON.parse(f.fix.files![0]!.contents) as { Statement: { Sid: string }[] };
    expect(fixed.Statement.map((s) => s.Sid)).toEqual(['AllowListedBuckets', 'VpceDoctorAllowS3GetObject']);
    expect(code).toBe(1);
  });

  it('bucket in eu-west-1 → client.region-mismatch from GetBucketLocation', async () => {
    const bucket = bucketName('eu');
    const { instanceId, vpce } = await vpcWithGateway(endpointAllowList(bucket));
    await bucketWith(s3(url, 'eu-west-1'), bucket, { region: 'eu-west-1' });
    const { report } = await diagnose({ 'source.kind': 'instance', 'source.id': instanceId, 'target.bucket': bucket });
    expect(policyIds(report)).toEqual(['client.region-mismatch']);
    expect(report.findings[0]!.evidence).toEqual([
      `GetBucketLocation ${bucket}: LocationConstraint eu-west-1 → eu-west-1`,
      `${vpce} (Gateway) serves com.amazonaws.${REGION}.s3 in ${REGION}`,
    ]);
    expect(check(report, 'policy.bucket-policy')?.status).toBe('pass');
  });

  it('default endpoint policy → endpoint-full-access (info), verdict stays healthy', async () => {
    const bucket = bucketName('default');
    const { instanceId } = await vpcWithGateway();
    await bucketWith(storage, bucket);
    const { code, report } = await diagnose({
      'source.kind': 'instance',
      'source.id': instanceId,
      symptom: 'unknown',
      'target.bucket': bucket,
    });
    expect(report.findings.map((f) => [f.id, f.severity])).toEqual([['policy.endpoint-full-access', 'info']]);
    expect(report.verdict).toBe('healthy');
    expect(code).toBe(0);
  });

  it('403 but every policy vpce-doctor can read allows → org-guardrail (advisory warning) naming the conditions to check', async () => {
    const bucket = bucketName('guardrail');
    const { instanceId, vpce } = await vpcWithGateway(endpointAllowList(bucket));
    await bucketWith(storage, bucket, { policy: denyUnlessVpce(bucket, vpce) });
    const { report } = await diagnose({ 'source.kind': 'instance', 'source.id': instanceId, 'target.bucket': bucket });
    expect(policyIds(report)).toEqual(['policy.org-guardrail']);
    const f = report.findings[0]!;
    expect(f.severity).toBe('warning');
    expect(f.fix.summary).toContain(`aws:SourceVpce (${vpce})`);
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws organizations list-policies-for-target --target-id 123456789012 --filter SERVICE_CONTROL_POLICY --region ${REGION}`,
    ]);
    // moto's caller is an STS "user" ARN that IAM cannot simulate: said so, not a pass.
    expect(check(report, 'policy.identity')?.status).toBe('warn');
  });

  it('advisory IAM simulation that fails (moto has no SimulatePrincipalPolicy) → identity check error, never a pass; run incomplete', async () => {
    const bucket = bucketName('simfail');
    const { instanceId, vpce } = await vpcWithGateway(endpointAllowList(bucket));
    await bucketWith(storage, bucket, { policy: denyUnlessVpce(bucket, vpce) });
    const { code, report } = await diagnose({
      'source.kind': 'instance',
      'source.id': instanceId,
      'target.bucket': bucket,
      'target.principal': 'arn:aws:iam::123456789012:role/app-task',
    });
    expect(check(report, 'policy.identity')?.status).toBe('error');
    expect(report.verdict).toBe('incomplete');
    expect(code).toBe(3);
  });
});
