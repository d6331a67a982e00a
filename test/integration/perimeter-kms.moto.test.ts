// Policies beside the endpoint's and the target's own, against the AWS API emulator, through the
// built CLI with --answers: an organization-only S3 gateway policy in front of the ECR layer
// bucket (policy.data-perimeter-aws-owned), and an SSE-KMS bucket whose customer managed key
// denies use outside the gateway endpoint (policy.kms-key-denies: moto holds the bucket's
// default encryption and the key policy). Both fixes are applied in test/e2e/fix-loop.test.ts.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { PutBucketEncryptionCommand, type S3Client } from '@aws-sdk/client-s3';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { basicVpc, ec2, REGION, routeTableFor } from '../support/moto-scenarios.js';
import { bucketName, bucketWith, endpointAllowList, gatewayWithPolicy, s3 } from '../support/moto-policy.js';
import { allowOnlyOrg, keyPinnedToEndpoint } from '../support/fixtures/perimeter.js';
import { doc } from '../support/fixtures/policy-world.js';

const url = inject('motoUrl');

interface Report {
  verdict: string;
  findings: { id: string; severity: string; evidence: string[]; fix: { commands: { argv: string[] }[] } }[];
  checks: { id: string; status: string; detail: string }[];
}

describe.skipIf(!url)('data perimeter and KMS key on the S3 path against moto', () => {
  let client: EC2Client;
  let storage: S3Client;
  beforeAll(() => {
    client = ec2(url!);
    storage = s3(url!);
  });

  it('organization-only S3 gateway policy, target the ECR layer bucket → policy.data-perimeter-aws-owned (error) naming the bucket', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayWithPolicy(client, v.vpcId, [rtb], allowOnlyOrg());
    const { report } = await runAnswers<Report>(url!, {
      region: REGION,
      service: 's3',
      'source.kind': 'instance',
      'source.id': v.instanceId,
      symptom: 'access-denied',
      'target.bucket': `prod-${REGION}-starport-layer-bucket`,
      'target.key': 'sha256/abc',
    });
    const f = report.findings.find((x) => x.id === 'policy.data-perimeter-aws-owned');
    expect(f?.severity).toBe('error');
    expect(f?.evidence.join('\n')).toContain(`arn:aws:s3:::prod-${REGION}-starport-layer-bucket/*`);
    expect(report.verdict).toBe('problems');
  });

  it('SSE-KMS bucket whose key denies outside the gateway endpoint → policy.kms-key-denies naming the key and the statement, fixed by kms put-key-policy (applied in test/e2e/fix-loop.test.ts)', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const bucket = bucketName('kms-artifacts');
    const gateway = await gatewayWithPolicy(client, v.vpcId, [rtb], endpointAllowList(bucket));
    await bucketWith(storage, bucket);
    const kms = new KMSClient({
      region: REGION,
      endpoint: url!,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const key = (await kms.send(new CreateKeyCommand({ Policy: JSON.stringify(keyPinnedToEndpoint(gateway)) })))
      .KeyMetadata!.Arn!;
    await storage.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key } }],
        },
      }),
    );
    const answers = {
      region: REGION,
      service: 's3',
      'source.kind': 'instance',
      'source.id': v.instanceId,
      symptom: 'access-denied',
      'target.bucket': bucket,
      'target.key': 'releases/app.tar.gz',
    };
    const { report } = await runAnswers<Report>(url!, answers);
    const f = report.findings.find((x) => x.id === 'policy.kms-key-denies');
    expect(f, JSON.stringify(report.checks.filter((c) => c.id.startsWith('policy.')))).toBeDefined();
    expect(f!.evidence.join('\n')).toContain(key);
    expect(f!.evidence.join('\n')).toContain('OnlyThroughTheEndpoint');
    expect(f!.fix.commands[0]?.argv.slice(0, 3)).toEqual(['aws', 'kms', 'put-key-policy']);
  });

  it("endpoint policy admitting only the organization (aws:PrincipalOrgID), the account in moto's organization → DescribeOrganization gives the id and the policy allows", async () => {
    const orgs = new OrganizationsClient({
      region: REGION,
      endpoint: url!,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    try {
      await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    } catch (err) {
      if ((err as { name?: string }).name !== 'AlreadyInOrganizationException') throw err;
    }
    const org = (await orgs.send(new DescribeOrganizationCommand({}))).Organization!.Id!;
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const bucket = bucketName('org-artifacts');
    const policy = (id: string) =>
      JSON.stringify(
        doc({
          Sid: 'OrgOnly',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': id } },
        }),
      );
    await gatewayWithPolicy(client, v.vpcId, [rtb], policy(org));
    await bucketWith(storage, bucket);
    const answers = {
      region: REGION,
      service: 's3',
      'source.kind': 'instance',
      'source.id': v.instanceId,
      symptom: 'access-denied',
      'target.bucket': bucket,
      'target.key': 'releases/app.tar.gz',
    };
    const { report } = await runAnswers<Report>(url!, answers);
    const check = report.checks.find((c) => c.id === 'policy.endpoint-policy');
    expect(check?.status, check?.detail).toBe('pass');
    expect(check?.detail).toContain('OrgOnly');
  });
});
