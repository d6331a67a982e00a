// The KMS-on-the-S3-path check and finding, in words, from the verdict.
import { finding } from '../../../findings/catalogue.js';
import type { Check, Finding } from '../../../findings/types.js';
import { couldNotCheck } from '../../check-module.js';
import { describeRequest } from '../request.js';
import { caveatsOf, label, quote, uncertainDetail } from '../statements.js';
import { keyPolicyFix } from './fixes.js';
import type { KmsVerdict } from './verdict.js';

const ID = 'policy.kms-key';

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
          `bucket ${v.bucket} encrypts by default with ${v.algorithm ?? 'SSE-S3 (no default set: AWS applies SSE-S3)'}: no KMS key policy on the path`,
        ),
      );
    case 'aws-managed':
      return only(
        check(
          'pass',
          `bucket ${v.bucket} encrypts with the AWS managed key ${v.keyArn}, whose policy lets the account's principals use it through S3`,
        ),
      );
    case 'no-such-key':
      return only(
        check(
          'fail',
          `bucket ${v.bucket} encrypts with ${v.keyId}, which KMS does not know: requests for its objects fail`,
        ),
      );
    case 'key-not-enabled':
      return only(
        check('fail', `bucket ${v.bucket} encrypts with ${v.keyArn}, which is ${v.state}: KMS refuses to use it`),
      );
    case 'unreadable':
      return only(check('error', `could not read the key policy of ${v.keyArn}: ${v.error}`));
    case 'allows':
      return only(
        check(
          'pass',
          `bucket ${v.bucket} encrypts with ${v.keyArn} (the bucket default); its key policy allows ${v.kmsAction} through S3: ${v.statements.map((s) => label(s)).join(', ')}`,
        ),
      );
    case 'uncertain':
      return only(
        check(
          'skipped',
          `could not judge: ${uncertainDetail(`the key policy of ${v.keyArn}`, v.judgement)}${caveatsOf(v.caveats)}`,
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
    checks: [check('fail', `the key policy of ${v.keyArn} ${how}`)],
    denied: true,
    findings: [
      finding('policy.kms-key-denies', {
        evidence: [
          `request: ${describeRequest(v.path.judged)}`,
          `bucket ${v.path.bucket} encrypts objects with ${v.keyArn} by default (GetBucketEncryption: aws:kms); for ${v.path.s3Action} S3 calls ${v.path.kmsAction} on it as ${v.request.principal.arn} (kms:ViaService s3.${v.path.region}.amazonaws.com, aws:ViaAWSService true, no aws:SourceVpce: S3's call does not pass the VPC's endpoint)`,
          `the key policy of ${v.keyArn} ${how}:`,
          ...v.deciding.map((d) => quote(d.outcome)),
        ],
        fix: keyPolicyFix(v),
      }),
    ],
  };
}
