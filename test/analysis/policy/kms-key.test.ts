// KMS on the S3 path, through the real engine over fixture accounts (GetBucketEncryption,
// DescribeKey and GetKeyPolicy answered by fixtures): the bucket's default key and its policy
// judged for the call S3 makes for the caller — a VPC pin that refuses it, a key policy that
// leaves the caller out, an AWS managed key, SSE-S3, a read IAM refuses.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { IDS } from '../../support/fixtures/world.js';
import { BUCKET, DENIED_ANSWERS, endpointAllowList, policyAccount } from '../../support/fixtures/policy-world.js';
import { KEY_ARN, keyPinnedToEndpoint } from '../../support/fixtures/perimeter.js';
import { reportOf, walk } from '../../support/diagnose.js';

async function diagnose(account: Account): Promise<Report> {
  return reportOf(await walk(DENIED_ANSWERS, fixtureProbes(account)));
}

function encrypted(keyPolicy: Record<string, unknown> | undefined, keyId = KEY_ARN): Account {
  const a = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
  a.encryption = { [BUCKET]: { algorithm: 'aws:kms', keyId } };
  a.keys = { [keyId]: { arn: KEY_ARN }, [KEY_ARN]: { arn: KEY_ARN } };
  a.resources = { [KEY_ARN]: keyPolicy === undefined ? {} : { policy: keyPolicy } };
  return a;
}

/** Puts the key policy the fix prints, as kms put-key-policy would. */
function applyFix(account: Account, report: Report): void {
  const argv = report.findings.find((f) => f.id === 'policy.kms-key-denies')?.fix.commands[0]?.argv ?? [];
  expect(argv.slice(0, 3)).toEqual(['aws', 'kms', 'put-key-policy']);
  account.resources = { [KEY_ARN]: { policy: argv[argv.indexOf('--policy') + 1] ?? '' } };
}

const kmsCheck = (r: Report) => r.checks.find((c) => c.id === 'policy.kms-key');

describe('KMS key on the S3 path', () => {
  it("SSE-KMS bucket whose key policy denies outside the app's endpoint → policy.kms-key-denies (S3's call carries no aws:SourceVpce); the fix exempts calls via AWS services and clears it", async () => {
    const account = encrypted(keyPinnedToEndpoint(IDS.s3Gateway));
    const report = await diagnose(account);
    const f = report.findings.find((x) => x.id === 'policy.kms-key-denies');
    expect(f?.severity).toBe('error');
    const text = f?.evidence.join('\n') ?? '';
    expect(text).toContain('OnlyThroughTheEndpoint');
    expect(text).toContain('kms:Decrypt');
    expect(text).toContain('no aws:SourceVpce');
    expect(f?.fix.summary).toContain('aws:ViaAWSService');
    expect(f?.fix.commands[0]?.line).toContain('--policy-name default');
    expect(report.findings.map((x) => x.id)).not.toContain('policy.org-guardrail');
    applyFix(account, report);
    const after = await diagnose(account);
    expect(after.findings.map((x) => x.id)).not.toContain('policy.kms-key-denies');
    expect(kmsCheck(after)?.status).toBe('pass');
  });

  it('key policy that names only another role (no IAM delegation) → implicit deny; the fix appends one Allow for the caller through S3 only', async () => {
    const account = encrypted({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'KeyAdmins',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/KeyAdmin' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
    const report = await diagnose(account);
    const f = report.findings.find((x) => x.id === 'policy.kms-key-denies');
    expect(f?.fix.summary).toContain('kms:ViaService');
    expect(f?.fix.commands[0]?.line).toContain('arn:aws:iam::123456789012:role/PlatformOps');
    applyFix(account, report);
    expect((await diagnose(account)).findings.map((x) => x.id)).not.toContain('policy.kms-key-denies');
  });

  it('bucket key given as an alias → DescribeKey resolves it to the key whose policy is judged', async () => {
    const account = encrypted(keyPinnedToEndpoint(IDS.s3Gateway), 'alias/app-artifacts');
    const report = await diagnose(account);
    expect(report.findings.find((x) => x.id === 'policy.kms-key-denies')?.evidence.join('\n')).toContain(KEY_ARN);
  });

  it('AWS managed key (aws/s3) → pass, no key policy read', async () => {
    const account = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
    account.encryption = { [BUCKET]: { algorithm: 'aws:kms' } };
    account.keys = { 'alias/aws/s3': { arn: 'arn:aws:kms:us-east-1:123456789012:key/aaaa', manager: 'AWS' } };
    const report = await diagnose(account);
    expect(kmsCheck(report)?.status).toBe('pass');
    expect(kmsCheck(report)?.detail).toContain('AWS managed key');
  });

  it('SSE-S3 (no default encryption set) → pass naming SSE-S3', async () => {
    const report = await diagnose(policyAccount({ endpointPolicy: endpointAllowList(BUCKET) }));
    expect(kmsCheck(report)?.status).toBe('pass');
    expect(kmsCheck(report)?.detail).toContain('SSE-S3');
  });

  it('DescribeKey refused by IAM → skipped naming kms:DescribeKey, never healthy', async () => {
    const account = encrypted(keyPinnedToEndpoint(IDS.s3Gateway));
    account.denied = { 'kms.describe-key': 'kms:DescribeKey' };
    const report = await diagnose(account);
    expect(kmsCheck(report)?.status).toBe('skipped');
    expect(kmsCheck(report)?.detail).toContain('kms:DescribeKey');
    expect(report.verdict).not.toBe('healthy');
  });
});
