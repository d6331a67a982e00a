// The KMS-on-the-S3-path check and finding, in words, from the verdict.
import { finding } from '../../../findings/catalogue.js';
import type { Check, Finding } from '../../../findings/types.js';
import { couldNotCheck } from '../../check-module.js';
import { describeRequest } from '../request.js';
import { caveatsOf, label, quote, uncertainDetail } from '../statements.js';
import { keyPolicyFix } from './fixes.js';
import type { KeySource, KmsVerdict } from './verdict.js';

const ID = 'policy.kms-key';

/** How the check names the key it judged, and (bucket default) that an object may use another. */
function judgedKey(source: KeySource, bucket: string, keyArn: string): string {
  return source === 'target.kms-key'
    ? `the object's key ${keyArn} (target.kms-key)`
    : `bucket ${bucket}'s default key ${keyArn}`;
}

const OTHER_KEY_NOTE =
  "; only the bucket default key was judged: an object written with another key is judged when target.kms-key names it (the key ARN in S3's AccessDenied message)";

const note = (source: KeySource): string => (source === 'bucket default' ? OTHER_KEY_NOTE : '');

function check(status: Check['status'], detail: string): Check {
  return { id: ID, layer: 'resource-policy', status, detail };
}

export function explainKms(v: KmsVerdict): { checks: Check[]; findings: Finding[]; denied: boolean } {
  const only = (c: Check) => ({ checks: [c], findings: [], denied: false });
  switch (v.kind) {
    case 'not-applicable':
      return { checks: [], findings: [], denied: false };
    case 'unknown':
      return only(couldNotCheck(ID, 'resource-policy', v.what, v.outcome));
    case 'not-kms':
      return only(
        check(
          'pass',
          `bucket ${v.bucket} encrypts by default with ${v.algorithm ?? 'SSE-S3 (no default set: AWS applies SSE-S3)'}: no KMS key policy on the path for objects written with the default (an object written with SSE-KMS is judged when target.kms-key names its key, the ARN in S3's AccessDenied message)`,
        ),
      );
    case 'aws-managed':
      return only(
        check(
          'pass',
          `${judgedKey(v.source, v.bucket, v.keyArn)} is an AWS managed key, whose policy lets the account's principals use it through S3${note(v.source)}`,
        ),
      );
    case 'no-such-key':
      return only(
        check(
          'fail',
          `${judgedKey(v.source, v.bucket, v.keyId)} is not a key KMS knows: requests for objects encrypted with it fail`,
        ),
      );
    case 'key-not-enabled':
      return only(
        check(
          'fail',
          `${judgedKey(v.source, v.bucket, v.keyArn)} is ${v.state}: KMS refuses to use it${note(v.source)}`,
        ),
      );
    case 'unreadable':
      return only(check('error', `could not read the key policy of ${v.keyArn}: ${v.error}`));
    case 'other-region':
      return only(
        check(
          'warn',
          `target.kms-key ${v.keyArn} is in ${v.keyRegion}, bucket ${v.bucket} in ${v.bucketRegion}: S3 encrypts only with keys of the bucket's Region, so no object of this bucket uses it — check the key ARN in the AccessDenied message`,
        ),
      );
    case 'other-account':
      return only(
        check(
          'skipped',
          `could not check the key policy of ${v.keyArn}: the key is in account ${v.keyAccount} and GetKeyPolicy answers only in the key's own account (vpce-doctor runs in ${v.callerAccount}); run it there with the same answers — across accounts both the key policy and the caller's IAM policy must allow S3's KMS call`,
        ),
      );
    case 'allows':
      return only(
        check(
          'pass',
          `${judgedKey(v.source, v.bucket, v.keyArn)}: its key policy allows ${v.kmsAction} through S3: ${v.statements.map((s) => label(s)).join(', ')}${note(v.source)}`,
        ),
      );
    case 'uncertain':
      return only(
        check(
          'skipped',
          `could not judge: ${uncertainDetail(`the key policy of ${judgedKey(v.source, '', v.keyArn)}`, v.judgement)}${caveatsOf(v.caveats)}${note(v.source)}`,
        ),
      );
    case 'denies':
      break;
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
  const how = v.explicit ? 'denies it explicitly' : 'allows it in no statement (a key policy must allow)';
  return {
    checks: [
      check('fail', `the key policy of ${judgedKey(v.source, v.path.bucket, v.keyArn)} ${how}${note(v.source)}`),
    ],
    denied: true,
    findings: [
      finding('policy.kms-key-denies', {
        evidence: [
          `request: ${describeRequest(v.path.judged)}`,
          `${v.source === 'target.kms-key' ? `the object in bucket ${v.path.bucket} is encrypted with ${v.keyArn} (target.kms-key, the key S3's AccessDenied names)` : `bucket ${v.path.bucket} encrypts objects with ${v.keyArn} by default (GetBucketEncryption: aws:kms)`}; for ${v.path.s3Action} S3 calls ${v.path.kmsAction} on it as ${v.request.principal.arn} (kms:ViaService s3.${v.path.region}.amazonaws.com, aws:ViaAWSService true, no aws:SourceVpce: S3's call does not pass the VPC's endpoint)`,
          `the key policy of ${v.keyArn} ${how}:`,
          ...v.deciding.map((d) => quote(d.outcome)),
        ],
        fix: keyPolicyFix(v),
      }),
    ],
  };
}
