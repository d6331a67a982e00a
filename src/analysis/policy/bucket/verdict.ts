// The bucket's Region and its bucket policy, judged against the request: facts in, typed
// verdicts out. The policy is read in the bucket's own Region, so it is judged only once the
// Region is known.
import type { PathContext } from '../../../path/context.js';
import type { ProbeOutcome } from '../../../probes/contract.js';
import type { VpcEndpoint } from '../../../probes/shapes.js';
import { judge, unsettledDenial, type Deciding, type Judgement } from '../deciding.js';
import { parsePolicy } from '../document.js';
import { evaluatePolicy, type StatementOutcome } from '../evaluate.js';
import type { JudgedRequest, RequestResult } from '../request.js';
import type { AwsOwnedBucket } from '../perimeter/aws-owned.js';

export type BucketRegionVerdict =
  | { kind: 'unknown'; bucket: string; outcome: ProbeOutcome<unknown> | undefined }
  /** An AWS-owned bucket whose name carries no Region (GetBucketLocation answers only its owner). */
  | { kind: 'aws-owned-unknown'; bucket: string; owned: AwsOwnedBucket }
  | { kind: 'no-such-bucket'; bucket: string }
  /** `constraint` is GetBucketLocation's LocationConstraint as the evidence quotes it. */
  | { kind: 'same-region'; bucket: string; region: string; constraint: string; owned?: AwsOwnedBucket }
  | {
      kind: 'other-region';
      bucket: string;
      region: string;
      constraint: string;
      pathRegion: string;
      /** The endpoint the request would take: it serves only its own Region. */
      endpoint: VpcEndpoint | undefined;
    };

export type BucketPolicyVerdict =
  | { kind: 'unknown'; bucket: string; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'no-policy'; bucket: string }
  | { kind: 'unreadable'; bucket: string; error: string }
  | { kind: 'not-evaluated'; bucket: string; reason: string }
  /** An AWS-owned bucket: its policy is AWS's, readable by AWS alone and not the caller's to change. */
  | { kind: 'aws-owned'; bucket: string; owned: AwsOwnedBucket }
  | { kind: 'allows'; bucket: string; statements: StatementOutcome[]; caveats: string[] }
  | { kind: 'uncertain'; bucket: string; judgement: Extract<Judgement, { kind: 'uncertain' }>; caveats: string[] }
  /** No Deny and no Allow: the decision rests on the caller's IAM policies. */
  | { kind: 'leaves-to-iam'; bucket: string; deciding: Deciding[] }
  | {
      kind: 'denies';
      bucket: string;
      region: string;
      document: string;
      judged: JudgedRequest;
      explicit: boolean;
      deciding: Deciding[];
      /** Deny statements on aws:SourceVpce / aws:SourceVpc. */
      vpc: Deciding[];
      /** Statements on aws:SourceIp, which decides only on a path through an endpoint. */
      sourceIp: Deciding[];
      /** Deny statements on something else (a principal, aws:SecureTransport …). */
      other: Deciding[];
      endpoint: VpcEndpoint | undefined;
    };

/** The constraint an AWS-owned bucket's evidence quotes: nothing was read. */
export const FROM_NAME = "not read: the Region is in the AWS-owned bucket's name";

export function bucketRegionVerdict(
  ctx: PathContext,
  bucket: string,
  endpoint: VpcEndpoint | undefined,
  owned?: { bucket: AwsOwnedBucket; region: string | undefined },
): BucketRegionVerdict {
  // GetBucketLocation on a bucket of another account is AccessDenied (S3 API reference,
  // GetBucketLocation: "only the bucket owner"); an AWS-owned bucket's name carries its Region.
  if (owned !== undefined) {
    if (owned.region === undefined) return { kind: 'aws-owned-unknown', bucket, owned: owned.bucket };
    if (owned.region === ctx.region)
      return { kind: 'same-region', bucket, region: owned.region, constraint: FROM_NAME, owned: owned.bucket };
    return {
      kind: 'other-region',
      bucket,
      region: owned.region,
      constraint: FROM_NAME,
      pathRegion: ctx.region,
      endpoint,
    };
  }
  const outcome = ctx.probe('s3.bucket-location', { bucket });
  if (outcome?.status !== 'ok') return { kind: 'unknown', bucket, outcome };
  const loc = outcome.value;
  if (loc === null) return { kind: 'no-such-bucket', bucket };
  const constraint =
    loc.LocationConstraint === null || loc.LocationConstraint === '' ? 'empty, i.e. us-east-1' : loc.LocationConstraint;
  if (loc.Region === ctx.region) return { kind: 'same-region', bucket, region: loc.Region, constraint };
  return { kind: 'other-region', bucket, region: loc.Region, constraint, pathRegion: ctx.region, endpoint };
}

export function bucketPolicyVerdict(
  ctx: PathContext,
  bucket: string,
  region: string,
  request: RequestResult,
  endpoint: VpcEndpoint | undefined,
  owned?: AwsOwnedBucket,
): BucketPolicyVerdict {
  if (owned !== undefined) return { kind: 'aws-owned', bucket, owned };
  const outcome = ctx.probe('s3.bucket-policy', { bucket, region });
  if (outcome?.status !== 'ok') return { kind: 'unknown', bucket, outcome };
  const text = outcome.value.Policy;
  if (text === null) return { kind: 'no-policy', bucket };
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { kind: 'unreadable', bucket, error: parsed.error };
  if (!request.ok) return { kind: 'not-evaluated', bucket, reason: request.reason };
  const judged = request.value;
  const result = evaluatePolicy(parsed.policy, judged.request, { mode: 'resource' });
  const verdict = judge(result, judged);
  if (verdict.kind === 'allow')
    return { kind: 'allows', bucket, statements: verdict.statements, caveats: result.caveats };
  if (verdict.kind === 'uncertain') return { kind: 'uncertain', bucket, judgement: verdict, caveats: result.caveats };
  const vpc = verdict.explicit ? verdict.deciding.filter((d) => d.hinge === 'vpc') : [];
  // aws:SourceIp decides only on a path through an endpoint (elsewhere the public IP is unknown).
  const sourceIp = endpoint !== undefined ? verdict.deciding.filter((d) => d.hinge === 'source-ip') : [];
  const other = verdict.explicit ? verdict.deciding.filter((d) => d.hinge === 'other') : [];
  if (!verdict.explicit && sourceIp.length === 0) {
    // No statement allows it, and none denies it for sure: unless a Deny on an unseen key may (./deciding.ts).
    const maybe = unsettledDenial(result, judged);
    return maybe === undefined
      ? { kind: 'leaves-to-iam', bucket, deciding: verdict.deciding }
      : { kind: 'uncertain', bucket, judgement: maybe, caveats: result.caveats };
  }
  return {
    kind: 'denies',
    bucket,
    region,
    document: text,
    judged,
    explicit: verdict.explicit,
    deciding: verdict.deciding,
    vpc,
    sourceIp,
    other,
    endpoint,
  };
}
