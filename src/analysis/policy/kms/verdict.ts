// KMS on the S3 path: an object the bucket encrypts with a customer managed key (SSE-KMS) is read
// only if the key policy lets the caller use the key. The caller does not call KMS: S3 does, on
// its behalf, with a forward access session (IAM User Guide, access_forward_access_sessions) —
// so the KMS request carries the caller as principal, aws:ViaAWSService true and kms:ViaService
// s3.<region>.amazonaws.com, and none of the VPC keys: it does not pass the VPC's endpoints
// (the VPC's kms endpoint and its policy are not on this path), and a key policy that requires
// aws:SourceVpce refuses it (KMS guide, vpce-policy-condition: "requests from integrated AWS
// services … might fail"). Facts in, a typed verdict out.
//
// The key is the bucket's default encryption (GetBucketEncryption); an object written with
// another key carries its own, which only HeadObject (IAM: s3:GetObject, a data-read
// permission vpce-doctor does not ask for) would show.
import type { PathContext } from '../../../path/context.js';
import type { ProbeOutcome } from '../../../probes/contract.js';
import { judge, type Deciding, type Judgement } from '../deciding.js';
import { parsePolicy } from '../document.js';
import { evaluatePolicy, type ContextValue, type PolicyRequest, type StatementOutcome } from '../evaluate.js';
import { allRequests, type JudgedRequest } from '../request.js';
import { policyScope } from '../scope.js';

/** The KMS call S3 makes for each object call (S3 guide, UsingKMSEncryption: permissions). */
const KMS_ACTION: Readonly<Record<string, string>> = {
  's3:getobject': 'kms:Decrypt',
  's3:getobjectversion': 'kms:Decrypt',
  's3:putobject': 'kms:GenerateDataKey',
};

export interface KmsPath {
  bucket: string;
  region: string;
  judged: JudgedRequest;
  /** The object call and the KMS call S3 makes for it. */
  s3Action: string;
  kmsAction: string;
}

export type KmsVerdict =
  | { kind: 'not-applicable' }
  | { kind: 'unknown'; what: string; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'not-kms'; bucket: string; algorithm: string | undefined }
  | { kind: 'aws-managed'; bucket: string; keyArn: string }
  | { kind: 'no-such-key'; bucket: string; keyId: string }
  | { kind: 'key-not-enabled'; bucket: string; keyArn: string; state: string }
  | { kind: 'unreadable'; keyArn: string; error: string }
  | { kind: 'allows'; bucket: string; keyArn: string; kmsAction: string; statements: StatementOutcome[] }
  | {
      kind: 'uncertain';
      keyArn: string;
      judgement: Extract<Judgement, { kind: 'uncertain' }>;
      caveats: string[];
    }
  | {
      kind: 'denies';
      path: KmsPath;
      keyArn: string;
      document: string;
      explicit: boolean;
      deciding: Deciding[];
      request: PolicyRequest;
    };

/** The S3 object call on this path that needs the key, or undefined. */
export function kmsPath(ctx: PathContext): KmsPath | undefined {
  const scope = policyScope(ctx);
  if (scope?.bucket?.region === undefined || !scope.judged.ok) return undefined;
  // An AWS-owned bucket's encryption and keys are AWS's: not readable, not the caller's (../perimeter/aws-owned.ts).
  if (scope.bucket.awsOwned !== undefined) return undefined;
  const judged = scope.judged.value;
  for (const r of allRequests(judged)) {
    const kmsAction = KMS_ACTION[r.action.toLowerCase()];
    if (kmsAction !== undefined)
      return { bucket: scope.bucket.name, region: scope.bucket.region, judged, s3Action: r.action, kmsAction };
  }
  return undefined;
}

/** The FAS request S3 sends to KMS for the caller (see the header). */
export function kmsRequest(path: KmsPath, keyArn: string): { request: PolicyRequest; absent: Set<string> } {
  const principal = path.judged.request.principal;
  const from = path.judged.request.context;
  const context: Record<string, ContextValue> = {
    'aws:SecureTransport': true,
    'aws:PrincipalIsAWSService': false,
    'aws:ViaAWSService': true,
    'aws:RequestedRegion': path.region,
    'kms:ViaService': `s3.${path.region}.amazonaws.com`,
    'kms:CallerAccount': principal.accountId,
  };
  for (const k of ['aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalType'])
    if (from[k] !== undefined) context[k] = from[k];
  return {
    request: { principal, action: path.kmsAction, resource: keyArn, context },
    absent: new Set(['aws:sourcevpce', 'aws:sourcevpc', 'aws:vpcsourceip']),
  };
}

export function kmsVerdict(ctx: PathContext): KmsVerdict {
  const path = kmsPath(ctx);
  if (path === undefined) return { kind: 'not-applicable' };
  const { bucket, region } = path;
  const enc = ctx.probe('s3.bucket-encryption', { bucket, region });
  if (enc?.status !== 'ok')
    return { kind: 'unknown', what: `the default encryption of bucket ${bucket}`, outcome: enc };
  const rule = enc.value.Rules.find((r) => r.SSEAlgorithm.startsWith('aws:kms'));
  if (rule === undefined) return { kind: 'not-kms', bucket, algorithm: enc.value.Rules[0]?.SSEAlgorithm };
  // SSE-KMS without a key id uses the AWS managed key aws/s3 (S3 guide, specifying SSE-KMS).
  const keyId = rule.KMSMasterKeyID ?? 'alias/aws/s3';
  const described = ctx.probe('kms.describe-key', { keyId, region });
  if (described?.status !== 'ok') return { kind: 'unknown', what: `the KMS key ${keyId}`, outcome: described };
  const key = described.value;
  if (key === null) return { kind: 'no-such-key', bucket, keyId };
  // An AWS managed key's policy lets every principal of the account use it through the service (KMS guide, AWS managed keys).
  if (key.KeyManager === 'AWS') return { kind: 'aws-managed', bucket, keyArn: key.Arn };
  if (key.KeyState !== undefined && key.KeyState !== 'Enabled')
    return { kind: 'key-not-enabled', bucket, keyArn: key.Arn, state: key.KeyState };
  const read = ctx.probe('kms.key-policy', { keyArn: key.Arn, region });
  if (read?.status !== 'ok') return { kind: 'unknown', what: `the key policy of ${key.Arn}`, outcome: read };
  if (read.value === null) return { kind: 'no-such-key', bucket, keyId: key.Arn };
  const text = read.value.Policy;
  if (text === null) return { kind: 'unreadable', keyArn: key.Arn, error: 'GetKeyPolicy returned no policy' };
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { kind: 'unreadable', keyArn: key.Arn, error: parsed.error };
  const { request, absent } = kmsRequest(path, key.Arn);
  const result = evaluatePolicy(parsed.policy, request, { mode: 'resource' });
  const verdict = judge(result, { context: request.context, absent });
  if (verdict.kind === 'allow')
    return { kind: 'allows', bucket, keyArn: key.Arn, kmsAction: path.kmsAction, statements: verdict.statements };
  if (verdict.kind === 'uncertain')
    return { kind: 'uncertain', keyArn: key.Arn, judgement: verdict, caveats: result.caveats };
  // A key policy must allow: without it no principal, in the account or not, may use the key (KMS guide, key policies).
  return {
    kind: 'denies',
    path,
    keyArn: key.Arn,
    document: text,
    explicit: verdict.explicit,
    deciding: verdict.deciding,
    request,
  };
}

/** The reads this verdict needs, round by round. */
export function kmsReads(ctx: PathContext) {
  const path = kmsPath(ctx);
  if (path === undefined) return [];
  const { bucket, region } = path;
  const out: (
    | { key: 's3.bucket-encryption'; input: { bucket: string; region: string } }
    | { key: 'kms.describe-key'; input: { keyId: string; region: string } }
    | { key: 'kms.key-policy'; input: { keyArn: string; region: string } }
  )[] = [{ key: 's3.bucket-encryption', input: { bucket, region } }];
  const enc = ctx.probe('s3.bucket-encryption', { bucket, region });
  const rule = enc?.status === 'ok' ? enc.value.Rules.find((r) => r.SSEAlgorithm.startsWith('aws:kms')) : undefined;
  if (rule === undefined) return out;
  const keyId = rule.KMSMasterKeyID ?? 'alias/aws/s3';
  out.push({ key: 'kms.describe-key', input: { keyId, region } });
  const key = ctx.probe('kms.describe-key', { keyId, region });
  if (key?.status === 'ok' && key.value !== null && key.value.KeyManager !== 'AWS')
    out.push({ key: 'kms.key-policy', input: { keyArn: key.value.Arn, region } });
  return out;
}
