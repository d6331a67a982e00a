// An AWS-owned bucket as the target (the ECR layer bucket, the Amazon Linux repositories): S3
// answers GetBucketLocation / GetBucketPolicy / GetBucketEncryption only for the bucket's owner,
// so from a customer account they are AccessDenied. The fixture account denies all three the way
// AWS does (a mocked denial at the probe boundary: moto lets any caller read any bucket), and the
// run must neither call them nor come out incomplete because of them.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { DENIED_ANSWERS, policyAccount } from '../../support/fixtures/policy-world.js';
import { reportOf, walk } from '../../support/diagnose.js';
import { awsOwnedByName } from '../../../src/analysis/policy/perimeter/aws-owned.js';

/** The account as AWS answers a customer about a bucket it does not own. */
function deniedLikeAws(account: Account): Account {
  account.denied = {
    's3.bucket-location': 's3:GetBucketLocation',
    's3.bucket-policy': 's3:GetBucketPolicy',
    's3.bucket-encryption': 's3:GetEncryptionConfiguration',
  };
  return account;
}

async function run(account: Account, answers: Answers): Promise<{ report: Report; calls: string[] }> {
  const probes = fixtureProbes(account);
  const report = reportOf(await walk(answers, probes));
  return { report, calls: probes.calls };
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

describe('AWS-owned bucket names carry their Region', () => {
  it.each([
    ['prod-eu-west-1-starport-layer-bucket', 'ecr', 'eu-west-1'],
    ['amazonlinux-2-repos-us-east-2', 'amazon-linux', 'us-east-2'],
    ['al2023-repos-ap-southeast-2-de612dc2', 'amazon-linux', 'ap-southeast-2'],
    ['aws-ssm-us-gov-west-1', 'ssm', 'us-gov-west-1'],
    ['eu-central-1-birdwatcher-prod', 'ssm', 'eu-central-1'],
    ['amazoncloudwatch-agent-us-west-2', 'cloudwatch-agent', 'us-west-2'],
    ['amazoncloudwatch-agent', 'cloudwatch-agent', undefined],
  ])('%s → %s in %s', (name, group, region) => {
    expect(awsOwnedByName(name)).toEqual({ name, group, region });
  });

  it.each(['acme-app-artifacts', 'prod-us-east-1-starport-layer-bucket-copy', 'amazon-ssm-us-east-1-mine'])(
    '%s is a customer bucket',
    (name) => expect(awsOwnedByName(name)).toBeUndefined(),
  );
});

describe('target.bucket is an AWS-owned bucket whose reads AWS denies', () => {
  it('ECR layer bucket in the endpoint Region, default endpoint policy → healthy; GetBucketLocation, GetBucketPolicy and GetBucketEncryption never called', async () => {
    const bucket = 'prod-us-east-1-starport-layer-bucket';
    const { report, calls } = await run(deniedLikeAws(policyAccount()), {
      ...DENIED_ANSWERS,
      'target.bucket': bucket,
      'target.key': 'sha256/abc',
    });
    expect(calls).not.toContain('s3.bucket-location');
    expect(calls).not.toContain('s3.bucket-policy');
    expect(calls).not.toContain('s3.bucket-encryption');
    expect(check(report, 'policy.bucket-region')).toMatchObject({ status: 'pass' });
    expect(check(report, 'policy.bucket-region')?.detail).toContain('AWS-owned (ECR image layers)');
    expect(check(report, 'policy.bucket-region')?.detail).toContain('us-east-1');
    const policy = check(report, 'policy.bucket-policy');
    expect(policy?.status).toBe('pass');
    expect(policy?.detail).toContain('AWS-owned');
    expect(policy?.detail).toContain('not readable from your account and not yours to change');
    expect(report.checks.filter((c) => c.status === 'skipped' || c.status === 'error')).toEqual([]);
    expect(report.verdict).not.toBe('incomplete');
  });

  it('Amazon Linux 2 repository of another Region through this Region’s gateway → client.region-mismatch from the name, no location read', async () => {
    const bucket = 'amazonlinux-2-repos-eu-west-1';
    const { report, calls } = await run(deniedLikeAws(policyAccount()), { ...DENIED_ANSWERS, 'target.bucket': bucket });
    expect(calls).not.toContain('s3.bucket-location');
    const f = report.findings.find((x) => x.id === 'client.region-mismatch');
    expect(f?.evidence.join('\n')).toContain(`bucket ${bucket} is AWS-owned and its name puts it in eu-west-1`);
  });

  it('an organization-only endpoint policy still refuses it: the endpoint check judges the AWS-owned resource keys (not an unknown) and leaves the finding to policy.data-perimeter-aws-owned', async () => {
    const account = deniedLikeAws(
      policyAccount({
        endpointPolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'OrgResourcesOnly',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        }),
      }),
    );
    account.organization = { Id: 'o-a1b2c3d4e5' };
    const { report } = await run(account, {
      ...DENIED_ANSWERS,
      'target.bucket': 'prod-us-east-1-starport-layer-bucket',
    });
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('fail');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('policy.data-perimeter-aws-owned');
    expect(report.findings.map((f) => f.id)).toContain('policy.data-perimeter-aws-owned');
    expect(report.findings.map((f) => f.id)).not.toContain('policy.endpoint-denies');
    expect(report.verdict).toBe('problems');
  });

  it('contrast: a customer bucket whose GetBucketLocation is denied stays incomplete, naming s3:GetBucketLocation', async () => {
    const { report } = await run(deniedLikeAws(policyAccount()), DENIED_ANSWERS);
    expect(check(report, 'policy.bucket-region')?.status).toBe('skipped');
    expect(check(report, 'policy.bucket-region')?.detail).toContain('s3:GetBucketLocation');
    expect(report.verdict).toBe('incomplete');
  });
});
