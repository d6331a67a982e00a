// KMS on the S3 path: an object the bucket encrypts with a customer managed key (SSE-KMS) is read
// only if the key policy lets the caller use the key. The caller does not call KMS: S3 does, on
// its behalf, with a forward access session (IAM User Guide, access_forward_access_sessions) —
// so the KMS request carries the caller as principal, aws:ViaAWSService true and kms:ViaService
// s3.<region>.amazonaws.com, and none of the VPC keys: it does not pass the VPC's endpoints
// (the VPC's kms endpoint and its policy are not on this path), and a key policy that requires
// aws:SourceVpce refuses it (KMS guide, vpce-policy-condition: "requests from integrated AWS
// services … might fail"). Facts in, a typed verdict out.
//
// Which key: an object written with another key than the bucket's default carries its own, which
// only HeadObject (IAM: s3:GetObject, a data-read permission vpce-doctor does not ask for) would
// show. S3's AccessDenied for a KMS refusal names the key ARN ("… not authorized to perform:
// kms:Decrypt on resource: arn:aws:kms:…"), so the user can give it as `target.kms-key`; without
// it the bucket's default key (GetBucketEncryption) is judged and the check says an object may
// use another. A key of another account is not judged: GetKeyPolicy works only in the key's own
// account (KMS API reference, GetKeyPolicy, "Cross-account use: No":
// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html).
// The encryption context S3 sends (kms:EncryptionContext:aws:s3:arn, the object's or, with an S3
// Bucket Key, the bucket's ARN — S3 guide, UsingKMSEncryption: encryption context) depends on how
// each object was written: it stays unknown, so a key policy that conditions on it is "could not
// judge", never a pass.
import type { PathContext } from '../../../path/context.js';
import type { ProbeOutcome } from '../../../probes/contract.js';
import { judge, type Deciding, type Judgement } from '../deciding.js';
import { parsePolicy } from '../document.js';
import { evaluatePolicy, type ContextValue, type PolicyRequest, type StatementOutcome } from '../evaluate.js';
import { allRequests, type JudgedRequest } from '../request.js';
import { policyScope } from '../scope.js';
import { callerIdentity } from '../../../path/identity.js';

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
  /** The key the user named (`target.kms-key`), or undefined: the bucket's default key is judged. */
  givenKey: string | undefined;
}

/** Which key was judged, for the words: the one named, or the bucket's default. */
export type KeySource = 'target.kms-key' | 'bucket default';

const KEY_ARN = /^arn:([\w-]+):kms:([a-z0-9-]+):(\d{12}):key\/.+$/;

export type KmsVerdict =
  | { kind: 'not-applicable' }
  | { kind: 'unknown'; what: string; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'not-kms'; bucket: string; algorithm: string | undefined }
  | { kind: 'aws-managed'; bucket: string; keyArn: string; source: KeySource }
  | { kind: 'no-such-key'; bucket: string; keyId: string; source: KeySource }
  | { kind: 'key-not-enabled'; bucket: string; keyArn: string; state: string; source: KeySource }
  | { kind: 'unreadable'; keyArn: string; error: string }
  /** The named key is in another Region than the bucket: S3 uses only keys of the bucket's Region. */
  | { kind: 'other-region'; bucket: string; keyArn: string; keyRegion: string; bucketRegion: string }
  /** The named key is in another account: its policy is readable only there. */
  | { kind: 'other-account'; bucket: string; keyArn: string; keyAccount: string; callerAccount: string }
  | {
      kind: 'allows';
      bucket: string;
      keyArn: string;
      kmsAction: string;
      statements: StatementOutcome[];
      source: KeySource;
    }
  | {
      kind: 'uncertain';
      keyArn: string;
      judgement: Extract<Judgement, { kind: 'uncertain' }>;
      caveats: string[];
      source: KeySource;
    }
  | {
      kind: 'denies';
      path: KmsPath;
      keyArn: string;
      /** The key's Region, where put-key-policy goes. */
      keyRegion: string;
      source: KeySource;
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
  const given = (ctx.answers['target.kms-key'] ?? '').trim();
  for (const r of allRequests(judged)) {
    const kmsAction = KMS_ACTION[r.action.toLowerCase()];
    if (kmsAction !== undefined)
      return {
        bucket: scope.bucket.name,
        region: scope.bucket.region,
        judged,
        s3Action: r.action,
        kmsAction,
        givenKey: given !== '' ? given : undefined,
      };
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
  // The caller's own keys travel with the forward access session (IAM User Guide, access_forward_access_sessions).
  const PRINCIPAL_KEYS = [
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalType',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
  ];
  for (const k of PRINCIPAL_KEYS) if (from[k] !== undefined) context[k] = from[k];
  // The key is the resource: aws:ResourceAccount is the key's account.
  const keyAccount = KEY_ARN.exec(keyArn)?.[3];
  if (keyAccount !== undefined) context['aws:ResourceAccount'] = keyAccount;
  const absent = new Set(['aws:sourcevpce', 'aws:sourcevpc', 'aws:vpcsourceip', 'aws:sourceip']);
  for (const k of PRINCIPAL_KEYS) if (path.judged.absent.has(k.toLowerCase())) absent.add(k.toLowerCase());
  return { request: { principal, action: path.kmsAction, resource: keyArn, context }, absent };
}

/** The key to judge: the one named, or the bucket default's id; or the verdict that ends the judgement first. */
function keyToJudge(
  ctx: PathContext,
  path: KmsPath,
): { keyId: string; region: string; source: KeySource } | Exclude<KmsVerdict, { kind: 'denies' }> {
  const { bucket, region } = path;
  if (path.givenKey !== undefined) {
    const m = KEY_ARN.exec(path.givenKey);
    const keyRegion = m?.[2] ?? region;
    const keyAccount = m?.[3];
    // "The KMS key must be in the same AWS Region as the bucket" (S3 guide, UsingKMSEncryption: requirements).
    if (keyRegion !== region)
      return { kind: 'other-region', bucket, keyArn: path.givenKey, keyRegion, bucketRegion: region };
    const caller = callerIdentity(ctx.probe)?.Account;
    if (keyAccount !== undefined && caller !== undefined && keyAccount !== caller)
      return { kind: 'other-account', bucket, keyArn: path.givenKey, keyAccount, callerAccount: caller };
    return { keyId: path.givenKey, region: keyRegion, source: 'target.kms-key' };
  }
  const enc = ctx.probe('s3.bucket-encryption', { bucket, region });
  if (enc?.status !== 'ok')
    return { kind: 'unknown', what: `the default encryption of bucket ${bucket}`, outcome: enc };
  const rule = enc.value.Rules.find((r) => r.SSEAlgorithm.startsWith('aws:kms'));
  if (rule === undefined) return { kind: 'not-kms', bucket, algorithm: enc.value.Rules[0]?.SSEAlgorithm };
  // SSE-KMS without a key id uses the AWS managed key aws/s3 (S3 guide, specifying SSE-KMS).
  return { keyId: rule.KMSMasterKeyID ?? 'alias/aws/s3', region, source: 'bucket default' };
}

export function kmsVerdict(ctx: PathContext): KmsVerdict {
  const path = kmsPath(ctx);
  if (path === undefined) return { kind: 'not-applicable' };
  const { bucket } = path;
  const target = keyToJudge(ctx, path);
  if ('kind' in target) return target;
  const { keyId, region, source } = target;
  const described = ctx.probe('kms.describe-key', { keyId, region });
  if (described?.status !== 'ok') return { kind: 'unknown', what: `the KMS key ${keyId}`, outcome: described };
  const key = described.value;
  if (key === null) return { kind: 'no-such-key', bucket, keyId, source };
  // An AWS managed key's policy lets every principal of the account use it through the service (KMS guide, AWS managed keys).
  if (key.KeyManager === 'AWS') return { kind: 'aws-managed', bucket, keyArn: key.Arn, source };
  if (key.KeyState !== undefined && key.KeyState !== 'Enabled')
    return { kind: 'key-not-enabled', bucket, keyArn: key.Arn, state: key.KeyState, source };
  const read = ctx.probe('kms.key-policy', { keyArn: key.Arn, region });
  if (read?.status !== 'ok') return { kind: 'unknown', what: `the key policy of ${key.Arn}`, outcome: read };
  if (read.value === null) return { kind: 'no-such-key', bucket, keyId: key.Arn, source };
  const text = read.value.Policy;
  if (text === null) return { kind: 'unreadable', keyArn: key.Arn, error: 'GetKeyPolicy returned no policy' };
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { kind: 'unreadable', keyArn: key.Arn, error: parsed.error };
  const { request, absent } = kmsRequest(path, key.Arn);
  const result = evaluatePolicy(parsed.policy, request, { mode: 'resource' });
  const verdict = judge(result, { context: request.context, absent });
  if (verdict.kind === 'allow')
    return {
      kind: 'allows',
      bucket,
      keyArn: key.Arn,
      kmsAction: path.kmsAction,
      statements: verdict.statements,
      source,
    };
  if (verdict.kind === 'uncertain')
    return { kind: 'uncertain', keyArn: key.Arn, judgement: verdict, caveats: result.caveats, source };
  // A key policy must allow: without it no principal, in the account or not, may use the key (KMS guide, key policies).
  return {
    kind: 'denies',
    path,
    keyArn: key.Arn,
    keyRegion: region,
    source,
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
  const out: (
    | { key: 's3.bucket-encryption'; input: { bucket: string; region: string } }
    | { key: 'kms.describe-key'; input: { keyId: string; region: string } }
    | { key: 'kms.key-policy'; input: { keyArn: string; region: string } }
  )[] = [];
  if (path.givenKey === undefined)
    out.push({ key: 's3.bucket-encryption', input: { bucket: path.bucket, region: path.region } });
  const target = keyToJudge(ctx, path);
  if ('kind' in target) return out;
  const { keyId, region } = target;
  out.push({ key: 'kms.describe-key', input: { keyId, region } });
  const key = ctx.probe('kms.describe-key', { keyId, region });
  if (key?.status === 'ok' && key.value !== null && key.value.KeyManager !== 'AWS')
    out.push({ key: 'kms.key-policy', input: { keyArn: key.value.Arn, region } });
  return out;
}
