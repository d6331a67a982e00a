// What the policy layer judges on this run, worked out once for both requires() and evaluate():
// whether there is a request to judge at all, the bucket, its Region, the request and the
// advisory IAM simulation to ask for.
//
// When this layer runs: only when there is a request to judge — the symptom is access-denied,
// or the answers name a target (bucket, table, action or principal). Other runs (timeouts, DNS)
// leave it out, so the default full-access endpoint policy is not reported on every healthy run.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeInput, ProbeRequest } from '../../probes/contract.js';
import { ORGANIZATION_READ, orgPathReads, readTexts } from './organization.js';
import { awsOwnedByName, type AwsOwnedBucket } from './perimeter/aws-owned.js';
import {
  allRequests,
  judgedPath,
  judgedRequest,
  pathEndpoint,
  roleOfSession,
  type JudgedPath,
  type JudgedRequest,
  type RequestResult,
} from './request.js';

function given(
  ctx: PathContext,
  id: 'target.bucket' | 'target.table' | 'target.resource' | 'target.action' | 'target.principal',
): boolean {
  return (ctx.answers[id] ?? '') !== '';
}

/** Is there a request to judge on this run (see the header). */
export function judgesPolicies(ctx: PathContext): boolean {
  if (ctx.service === undefined) return false;
  return (
    ctx.answers.symptom === 'access-denied' ||
    given(ctx, 'target.bucket') ||
    given(ctx, 'target.table') ||
    given(ctx, 'target.resource') ||
    given(ctx, 'target.action') ||
    given(ctx, 'target.principal')
  );
}

function bucketOf(ctx: PathContext): string | undefined {
  const bucket = ctx.answers['target.bucket'] ?? '';
  return ctx.service?.short === 's3' && bucket !== '' ? bucket : undefined;
}

/** The ARN IAM can simulate: a session becomes its role; the root user cannot be simulated. */
export function simulationPrincipal(arn: string): string | undefined {
  const role = roleOfSession(arn);
  if (role !== undefined) return role;
  return /^arn:[\w-]+:iam::\d{12}:(user|role)\//.test(arn) ? arn : undefined;
}

export type SimulationRequest = {
  key: 'iam.simulate-principal-policy';
  input: ProbeInput<'iam.simulate-principal-policy'>;
};

export function simulationRequest(judged: JudgedRequest): SimulationRequest | undefined {
  const source = simulationPrincipal(judged.request.principal.arn);
  if (source === undefined) return undefined;
  const context: { key: string; type: 'string' | 'ip'; values: string[] }[] = [];
  for (const key of ['aws:SourceVpce', 'aws:SourceVpc'] as const) {
    const v = judged.context[key];
    if (typeof v === 'string') context.push({ key, type: 'string', values: [v] });
  }
  const ip = judged.context['aws:VpcSourceIp'];
  if (typeof ip === 'string') context.push({ key: 'aws:VpcSourceIp', type: 'ip', values: [ip] });
  return {
    key: 'iam.simulate-principal-policy',
    input: { policySourceArn: source, action: judged.request.action, resource: judged.request.resource, context },
  };
}

export interface PolicyScope {
  path: JudgedPath;
  /** The request, or why there is none to evaluate. */
  judged: RequestResult;
  /**
   * The bucket named on an S3 path, with its Region once GetBucketLocation answered — or, for an
   * AWS-owned bucket (./perimeter/aws-owned.ts), the Region its name carries: S3 refuses
   * GetBucketLocation and GetBucketPolicy on those to every account but AWS's, so neither is read.
   */
  bucket: { name: string; region: string | undefined; awsOwned?: AwsOwnedBucket } | undefined;
  /** Whether the advisory IAM simulation is part of this run (symptom access-denied). */
  simulates: boolean;
}

export function policyScope(ctx: PathContext): PolicyScope | undefined {
  if (!judgesPolicies(ctx)) return undefined;
  const name = bucketOf(ctx);
  const owned = name !== undefined ? awsOwnedByName(name) : undefined;
  const location =
    name !== undefined && owned === undefined ? okValue(ctx.probe('s3.bucket-location', { bucket: name })) : undefined;
  const bucket =
    name === undefined
      ? undefined
      : owned !== undefined
        ? { name, region: owned.region, awsOwned: { group: owned.group, name: owned.name } }
        : { name, region: location?.Region };
  return {
    path: judgedPath(ctx),
    judged: judgedRequest(ctx),
    bucket,
    simulates: ctx.answers.symptom === 'access-denied',
  };
}

/** The probe calls the policy layer needs, following results round by round. */
export function policyRequests(scope: PolicyScope): ProbeRequest[] {
  // The organization the caller's account is in: aws:PrincipalOrgID / aws:ResourceOrgID (./organization.ts).
  const out: ProbeRequest[] = [ORGANIZATION_READ];
  const bucket = scope.bucket;
  if (bucket !== undefined && bucket.awsOwned === undefined) {
    out.push({ key: 's3.bucket-location', input: { bucket: bucket.name } });
    if (bucket.region !== undefined)
      out.push({ key: 's3.bucket-policy', input: { bucket: bucket.name, region: bucket.region } });
  }
  if (scope.simulates) {
    const sim = scope.judged.ok ? simulationRequest(scope.judged.value) : undefined;
    if (sim !== undefined) out.push(sim);
  }
  return out;
}

/**
 * The organization paths to read (./organization.ts) once the policies on this path are known:
 * the endpoint's and those `reads` returned (bucket, resource and key policies).
 */
export function organizationPathReads(ctx: PathContext, reads: readonly ProbeRequest[]): ProbeRequest[] {
  const scope = policyScope(ctx);
  if (scope === undefined || !scope.judged.ok) return [];
  const judged = scope.judged.value;
  const resource = allRequests(judged).map((r) => {
    const owner = r.context['aws:ResourceAccount'];
    return typeof owner === 'string' ? owner : undefined;
  });
  const texts = [pathEndpoint(ctx)?.PolicyDocument, ...readTexts(ctx, reads)];
  return orgPathReads(ctx, { principal: judged.request.principal.accountId, resource }, texts);
}
