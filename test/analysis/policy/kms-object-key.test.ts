// The KMS key of the object itself: S3's AccessDenied for a KMS refusal names the key ARN, which
// the user gives as target.kms-key; vpce-doctor cannot read it from the object (HeadObject needs
// s3:GetObject, outside the read-only contract). Through the real engine over fixture accounts.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine/verdict.js';
import type { Answers } from '../../../src/path/answers.js';
import type { Asker } from '../../../src/engine/driver.js';
import { drive } from '../../../src/engine/driver.js';
import { start } from '../../../src/engine/machine.js';
import { MODULES } from '../../../src/analysis/modules/index.js';
import { AnswersFileAsker } from '../../../src/session/answers-file-asker.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { IDS } from '../../support/fixtures/world.js';
import { BUCKET, DENIED_ANSWERS, endpointAllowList, policyAccount } from '../../support/fixtures/policy-world.js';
import { KEY_ARN, keyPinnedToEndpoint } from '../../support/fixtures/perimeter.js';
import { reportOf, walk } from '../../support/diagnose.js';

const OBJECT_KEY = 'arn:aws:kms:us-east-1:123456789012:key/9999eeee-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::123456789012:role/PlatformOps';

const allowCaller = (extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowPlatformOps',
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: 'kms:Decrypt',
      Resource: '*',
      ...extra,
    },
  ],
});

/** A bucket whose default key lets the caller in, and an object key (OBJECT_KEY) with its own policy. */
function account(objectKeyPolicy: Record<string, unknown>, defaultAlgorithm = 'aws:kms'): Account {
  const a = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
  a.encryption = {
    [BUCKET]: defaultAlgorithm === 'aws:kms' ? { algorithm: 'aws:kms', keyId: KEY_ARN } : { algorithm: 'AES256' },
  };
  a.keys = { [KEY_ARN]: { arn: KEY_ARN }, [OBJECT_KEY]: { arn: OBJECT_KEY } };
  a.resources = { [KEY_ARN]: { policy: allowCaller() }, [OBJECT_KEY]: { policy: objectKeyPolicy } };
  return a;
}

/** As `--answers` runs it: every answer seeded before the walk. */
async function diagnose(a: Account, answers: Answers): Promise<{ report: Report; calls: string[] }> {
  const probes = fixtureProbes(a);
  return { report: reportOf(await walk(answers, probes, { how: 'seeded' })), calls: probes.calls };
}
const kmsCheck = (r: Report) => r.checks.find((c) => c.id === 'policy.kms-key');
const withKey = (key: string): Answers => ({ ...DENIED_ANSWERS, 'target.kms-key': key });

describe('target.kms-key: the key S3 names in its AccessDenied', () => {
  it('object key pinned to the endpoint while the bucket default allows → policy.kms-key-denies on the object key, naming target.kms-key; GetBucketEncryption not called (--answers)', async () => {
    const { report, calls } = await diagnose(account(keyPinnedToEndpoint(IDS.s3Gateway)), withKey(OBJECT_KEY));
    const f = report.findings.find((x) => x.id === 'policy.kms-key-denies');
    const text = f?.evidence.join('\n') ?? '';
    expect(text).toContain(`is encrypted with ${OBJECT_KEY} (target.kms-key`);
    expect(text).not.toContain(KEY_ARN);
    expect(f?.fix.commands[0]?.argv).toContain(OBJECT_KEY);
    expect(f?.fix.commands[0]?.line).toContain('--region us-east-1');
    expect(calls).not.toContain('s3.bucket-encryption');
  });

  it('the same object key unnamed → the bucket default (which allows) is judged, and the check says an object may use another key', async () => {
    const { report } = await diagnose(account(keyPinnedToEndpoint(IDS.s3Gateway)), DENIED_ANSWERS);
    expect(kmsCheck(report)?.status).toBe('pass');
    expect(kmsCheck(report)?.detail).toContain(`default key ${KEY_ARN}`);
    expect(kmsCheck(report)?.detail).toContain(
      'an object written with another key is judged when target.kms-key names it',
    );
  });

  it('SSE-S3 bucket default but the object named an SSE-KMS key that allows → pass on that key', async () => {
    const { report } = await diagnose(account(allowCaller(), 'AES256'), withKey(OBJECT_KEY));
    expect(kmsCheck(report)?.status).toBe('pass');
    expect(kmsCheck(report)?.detail).toContain(`the object's key ${OBJECT_KEY} (target.kms-key)`);
  });

  it('key policy conditioned on kms:EncryptionContext:aws:s3:arn (unknown per object) → skipped naming the key, never healthy', async () => {
    const { report } = await diagnose(
      account(
        allowCaller({
          Condition: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${BUCKET}/public/*` } },
        }),
      ),
      withKey(OBJECT_KEY),
    );
    expect(kmsCheck(report)?.status).toBe('skipped');
    expect(kmsCheck(report)?.detail).toContain('kms:EncryptionContext:aws:s3:arn');
    expect(report.verdict).not.toBe('healthy');
  });

  it('key policy conditioned on kms:CallerAccount and kms:ViaService of this Region → judged, pass', async () => {
    const { report } = await diagnose(
      account(
        allowCaller({
          Condition: {
            StringEquals: { 'kms:CallerAccount': '123456789012', 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
          },
        }),
      ),
      withKey(OBJECT_KEY),
    );
    expect(kmsCheck(report)?.status).toBe('pass');
  });

  it('a key of another account → skipped: GetKeyPolicy answers only in the key’s account; incomplete', async () => {
    const other = 'arn:aws:kms:us-east-1:210987654321:key/1111aaaa-12ab-34cd-56ef-1234567890ab';
    const { report, calls } = await diagnose(account(allowCaller()), withKey(other));
    expect(kmsCheck(report)?.status).toBe('skipped');
    expect(kmsCheck(report)?.detail).toContain('account 210987654321');
    expect(calls).not.toContain('kms.key-policy');
    expect(report.verdict).toBe('incomplete');
  });

  it('a key of another Region → warn: S3 uses only keys of the bucket’s Region', async () => {
    const { report } = await diagnose(
      account(allowCaller()),
      withKey('arn:aws:kms:eu-west-1:123456789012:key/1111aaaa-12ab-34cd-56ef-1234567890ab'),
    );
    expect(kmsCheck(report)?.status).toBe('warn');
    expect(kmsCheck(report)?.detail).toContain('eu-west-1');
  });
});

/** The question ids the walk asked, answered from `answers` (omitted omittable ones answered empty). */
async function asked(a: Account, answers: Answers): Promise<string[]> {
  const ids: string[] = [];
  const inner = new AnswersFileAsker(answers);
  const asker: Asker = {
    ask: (question, options, state) => {
      ids.push(question.id);
      return inner.ask(question, options, state);
    },
  };
  await drive(start({}, { modules: MODULES, presets: answers }), asker, fixtureProbes(a));
  return ids;
}

describe('the wizard asks for the object key only when it may matter', () => {
  it('403 on an SSE-KMS bucket → target.kms-key is asked; an answers file that leaves it out is not an error', async () => {
    expect(await asked(account(allowCaller()), DENIED_ANSWERS)).toContain('target.kms-key');
  });

  it('403 on an SSE-S3 bucket → not asked', async () => {
    expect(await asked(account(allowCaller(), 'AES256'), DENIED_ANSWERS)).not.toContain('target.kms-key');
  });

  it('a timeout on an SSE-KMS bucket → not asked', async () => {
    expect(await asked(account(allowCaller()), { ...DENIED_ANSWERS, symptom: 'timeout' })).not.toContain(
      'target.kms-key',
    );
  });
});
