// A data perimeter on the VPC's S3 endpoint against the AWS-owned buckets its workloads read
// (./aws-owned.ts): facts in, a typed verdict out.
//
// The request each bucket gets is modelled as AWS describes it: the bucket is in an AWS-owned
// account outside your organization (aws:ResourceOrgID, aws:ResourceOrgPaths, aws:ResourceAccount
// never yours), and the request carries none of your organization's principal keys — dnf/yum
// and SSM Agent read these "publicly accessible" buckets unsigned (Systems Manager guide,
// patch-operations-s3-buckets), and an image pull fetches each layer by the pre-signed S3 URL
// ecr:GetDownloadUrlForLayer returns (ECR API reference). So the documented exception statement
// ("AllowRequestsToAWSOwnedResources") names the buckets and no principal condition.
//
// It fires only when the perimeter keys are what refuses: the same policy with its perimeter
// conditions taken out (Allow conditions dropped, Deny statements on them dropped) lets the
// bucket through. A plain bucket allow-list is policy.endpoint-denies' business.
import type { PathContext } from '../../../path/context.js';
import { okValue, pickEndpoint } from '../../../path/context.js';
import type { ProbeOutcome } from '../../../probes/contract.js';
import type { VpcEndpoint } from '../../../probes/shapes.js';
import { serviceNameFor } from '../../dns/names.js';
import { judge, type KnownKeys } from '../deciding.js';
import { parsePolicy, type PolicyDocument } from '../document.js';
import { evaluatePolicy, type ContextValue, type PolicyRequest, type StatementOutcome } from '../evaluate.js';
import { judgedPath, pathEndpoint } from '../request.js';
import {
  AWS_OWNED_VALUE,
  awsOwnedBucket,
  awsOwnedBuckets,
  groupOfService,
  GROUP_LABEL,
  type AwsOwnedBucket,
} from './aws-owned.js';

/** Condition keys of a data perimeter (IAM User Guide, global condition context keys). */
const PERIMETER_KEYS = new Set([
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'aws:resourceaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
]);

export { AWS_OWNED_VALUE } from './aws-owned.js';

export interface Blocked {
  bucket: AwsOwnedBucket;
  explicit: boolean;
  /** The Deny statements that refuse it, or (implicit deny) the Allow statements it fails. */
  quoted: StatementOutcome[];
}

export type PerimeterVerdict =
  | { kind: 'not-applicable' }
  /** The VPC's S3 endpoints could not be listed (ECR / SSM paths). */
  | { kind: 'unknown'; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'unreadable'; endpointId: string; error: string }
  | { kind: 'lets-through'; endpointId: string; buckets: AwsOwnedBucket[] }
  | { kind: 'uncertain'; endpointId: string; certain: boolean; caveats: string[] }
  | {
      kind: 'blocks';
      endpoint: VpcEndpoint;
      document: string;
      blocked: Blocked[];
      /** The workload needs these buckets (the target is one, or an image pull): an error, not a warning. */
      certain: boolean;
      /** How vpce-doctor knows (or why it cannot know) that the workload reads them. */
      basis: string;
      region: string;
    };

interface Workload {
  endpoint: VpcEndpoint;
  buckets: AwsOwnedBucket[];
  certain: boolean;
  basis: string;
}

/** The S3 endpoint the workload's AWS-owned bucket reads take, and which buckets matter. */
function workload(ctx: PathContext): Workload | { unknown: ProbeOutcome<unknown> | undefined } | undefined {
  const short = ctx.service?.short;
  if (short === undefined) return undefined;
  if (short === 's3') {
    const endpoint = pathEndpoint(ctx);
    if (endpoint === undefined) return undefined;
    const bucket = ctx.answers['target.bucket'] ?? '';
    const owned = awsOwnedBucket(bucket, ctx.region);
    if (owned !== undefined)
      return {
        endpoint,
        buckets: [owned],
        certain: true,
        basis: `target.bucket ${bucket} is an AWS-owned bucket (${GROUP_LABEL[owned.group]})`,
      };
    return {
      endpoint,
      buckets: awsOwnedBuckets(ctx.region),
      certain: false,
      basis: 'vpce-doctor cannot tell which of them the workloads in this VPC read',
    };
  }
  const group = groupOfService(short);
  if (group === undefined || !ctx.inside || ctx.vpcId === undefined) return undefined;
  const outcome = ctx.probe('ec2.vpc-endpoints', { vpcId: ctx.vpcId, serviceName: serviceNameFor('s3', ctx.region) });
  if (outcome?.status !== 'ok') return { unknown: outcome };
  const endpoint = pickEndpoint(okValue(outcome) ?? [], true);
  if (endpoint === undefined) return undefined; // no S3 endpoint: client.companion-endpoints says so
  const buckets = awsOwnedBuckets(ctx.region).filter((b) => b.group === group);
  return group === 'ecr'
    ? {
        endpoint,
        buckets,
        certain: true,
        basis: `an image pull through ${short} downloads each layer from ${buckets.map((b) => b.name).join(', ')} through the VPC's S3 endpoint`,
      }
    : {
        endpoint,
        buckets,
        certain: false,
        basis: `SSM Agent reads these buckets through the VPC's S3 endpoint for some documents, patching and packages`,
      };
}

/** The S3 endpoint reads `ctx` needs before it can judge (ECR and SSM paths). */
export function perimeterReads(ctx: PathContext): { vpcId: string; serviceName: string } | undefined {
  const short = ctx.service?.short;
  if (short === undefined || groupOfService(short) === undefined || !ctx.inside || ctx.vpcId === undefined)
    return undefined;
  return { vpcId: ctx.vpcId, serviceName: serviceNameFor('s3', ctx.region) };
}

function hasPerimeterKey(doc: PolicyDocument): boolean {
  return doc.statements.some((s) => s.conditions.some((c) => PERIMETER_KEYS.has(c.key.toLowerCase())));
}

/** The policy as if it had no perimeter: Allow statements lose those conditions, Deny statements on them go. */
export function withoutPerimeter(doc: PolicyDocument): PolicyDocument {
  const onPerimeter = (c: { key: string }) => PERIMETER_KEYS.has(c.key.toLowerCase());
  return {
    ...doc,
    statements: doc.statements
      .filter((s) => s.effect === 'Allow' || !s.conditions.some(onPerimeter))
      .map((s) => (s.effect === 'Allow' ? { ...s, conditions: s.conditions.filter((c) => !onPerimeter(c)) } : s)),
  };
}

/** The request an AWS-owned bucket gets through `endpoint` (see the header). */
export function awsOwnedRequest(
  ctx: PathContext,
  bucket: string,
  base: Record<string, ContextValue>,
  absent: ReadonlySet<string>,
): { request: PolicyRequest; known: KnownKeys } {
  const partition = ctx.region.startsWith('cn-') ? 'aws-cn' : ctx.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const context: Record<string, ContextValue> = {
    ...base,
    'aws:PrincipalIsAWSService': false,
    'aws:ViaAWSService': false,
    'aws:ResourceOrgID': AWS_OWNED_VALUE,
    'aws:ResourceOrgPaths': AWS_OWNED_VALUE,
    'aws:ResourceAccount': AWS_OWNED_VALUE,
  };
  const gone = new Set(absent);
  for (const k of ['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn'])
    gone.add(k);
  return {
    request: {
      principal: { arn: 'anonymous', accountId: '' },
      action: 's3:GetObject',
      resource: `arn:${partition}:s3:::${bucket}/*`,
      context,
    },
    known: { context, absent: gone },
  };
}

export function perimeterVerdict(ctx: PathContext): PerimeterVerdict {
  const w = workload(ctx);
  if (w === undefined) return { kind: 'not-applicable' };
  if ('unknown' in w) return { kind: 'unknown', outcome: w.unknown };
  const endpointId = w.endpoint.VpcEndpointId;
  const text = w.endpoint.PolicyDocument ?? '';
  if (text === '') return { kind: 'not-applicable' };
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { kind: 'unreadable', endpointId, error: parsed.error };
  if (!hasPerimeterKey(parsed.policy)) return { kind: 'not-applicable' };
  const endpointType = w.endpoint.VpcEndpointType === 'Gateway' ? 'gateway' : 'interface';
  // The VPC keys of a request through this endpoint: aws:SourceVpce, aws:SourceVpc.
  const path = judgedPath(ctx);
  const base: Record<string, ContextValue> = {
    'aws:SecureTransport': true,
    'aws:SourceVpce': endpointId,
    'aws:SourceVpc': w.endpoint.VpcId,
  };
  const absent = new Set([...path.absent].filter((k) => k !== 'aws:sourcevpce' && k !== 'aws:sourcevpc'));
  absent.add('aws:sourceip');
  const open = withoutPerimeter(parsed.policy);
  const blocked: Blocked[] = [];
  const caveats: string[] = [];
  for (const bucket of w.buckets) {
    const { request, known } = awsOwnedRequest(ctx, bucket.name, base, absent);
    const result = evaluatePolicy(parsed.policy, request, { mode: 'endpoint', endpointType });
    const verdict = judge(result, known);
    if (verdict.kind === 'allow') continue;
    if (verdict.kind === 'uncertain') {
      caveats.push(...result.caveats, `${bucket.name}: ${verdict.deciding.flatMap((d) => d.unknownKeys).join(', ')}`);
      continue;
    }
    // Only the perimeter refuses it when the policy without the perimeter lets it through.
    if (evaluatePolicy(open, request, { mode: 'endpoint', endpointType }).decision !== 'allow') continue;
    blocked.push({
      bucket,
      explicit: verdict.explicit,
      quoted: verdict.explicit ? verdict.deciding.map((d) => d.outcome) : result.deciding,
    });
  }
  if (blocked.length > 0)
    return {
      kind: 'blocks',
      endpoint: w.endpoint,
      document: text,
      blocked,
      certain: w.certain,
      basis: w.basis,
      region: ctx.region,
    };
  if (caveats.length > 0) return { kind: 'uncertain', endpointId, certain: w.certain, caveats: [...new Set(caveats)] };
  return { kind: 'lets-through', endpointId, buckets: w.buckets };
}
