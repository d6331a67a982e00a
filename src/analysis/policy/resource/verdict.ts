// The resource policy of the queue, topic, key, secret, table, repository or REST API the
// request acts on, judged with the same evaluator as the endpoint and bucket policies: facts in,
// a typed verdict out. A policy that cannot be read or judged is never a pass.
import type { PathContext } from '../../../path/context.js';
import type { ProbeOutcome } from '../../../probes/contract.js';
import { judge, unsettledDenial, type Deciding, type Judgement } from '../deciding.js';
import { parsePolicy } from '../document.js';
import { evaluatePolicy, type PolicyRequest, type StatementOutcome } from '../evaluate.js';
import { allRequests, focus, type JudgedRequest } from '../request.js';
import type { ResourcePolicyFact } from '../../../probes/specs/resource-policies.js';
import {
  policyTarget,
  RESOURCE_POLICY_SERVICES,
  UNREAD_RESOURCE_POLICIES,
  type PolicyRead,
  type PolicyTarget,
} from './target.js';

export type ResourcePolicyVerdict =
  | { kind: 'none' }
  /** The resource carries a policy vpce-doctor has no reader for (a role's trust policy …). */
  | { kind: 'no-reader'; service: string; what: string; resource: string; principal: string; action: string }
  /** This service's resources carry policies, but the request names no resource to read. */
  | { kind: 'no-resource'; service: string; reason: string }
  | { kind: 'unknown'; target: PolicyTarget; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'no-such-resource'; target: PolicyTarget }
  | { kind: 'no-policy'; target: PolicyTarget }
  | { kind: 'unreadable'; target: PolicyTarget; error: string }
  | { kind: 'allows'; target: PolicyTarget; statements: StatementOutcome[]; caveats: string[] }
  | { kind: 'leaves-to-iam'; target: PolicyTarget }
  | {
      kind: 'uncertain';
      target: PolicyTarget;
      judgement: Extract<Judgement, { kind: 'uncertain' }>;
      caveats: string[];
    }
  | {
      kind: 'denies';
      target: PolicyTarget;
      /** Narrowed to the request the policy refuses. */
      judged: JudgedRequest;
      document: string;
      explicit: boolean;
      deciding: Deciding[];
      /** The facts the fix needs (the queue URL for set-queue-attributes). */
      queueUrl: string | undefined;
    };

/** Every reader answers a ResourcePolicyFact (or null): one outcome type for the seven keys. */
function readPolicy(ctx: PathContext, read: PolicyRead): ProbeOutcome<ResourcePolicyFact | null> | undefined {
  const probe = ctx.probe as (
    key: PolicyRead['key'],
    input: PolicyRead['input'],
  ) => ProbeOutcome<ResourcePolicyFact | null> | undefined;
  return probe(read.key, read.input);
}

/**
 * API Gateway accepts `execute-api:/stage/METHOD/path` in a policy's Resource and reads it as this
 * API's ARN (API Gateway guide, resource policy examples); the evaluator needs the full ARN.
 */
function expandApiShorthand(text: string, target: PolicyTarget): string {
  const api = /^arn:[\w-]+:execute-api:[\w-]*:\d{12}:([a-z0-9]+)/.exec(target.arn)?.[1] ?? '';
  const partition = /^arn:([\w-]+):/.exec(target.arn)?.[1] ?? 'aws';
  return text.replaceAll('"execute-api:/', `"arn:${partition}:execute-api:${target.region}:${target.account}:${api}/`);
}

/**
 * An ECR repository policy's statements name no Resource: each applies to the repository itself
 * (ECR User Guide, repository policies). The evaluator reads them with that Resource.
 */
function withImplicitResource(text: string, arn: string): string {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    for (const s of list)
      if (s !== null && typeof s === 'object' && !('Resource' in s) && !('NotResource' in s))
        (s as Record<string, unknown>)['Resource'] = arn;
    return JSON.stringify(doc);
  } catch {
    return text;
  }
}

type Judged = Extract<ResourcePolicyVerdict, { kind: 'allows' | 'leaves-to-iam' | 'uncertain' | 'denies' }>;

function judgeOne(
  target: PolicyTarget,
  text: string,
  judged: JudgedRequest,
  request: PolicyRequest,
  queueUrl: string | undefined,
): Judged | { kind: 'unreadable'; target: PolicyTarget; error: string } {
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { kind: 'unreadable', target, error: parsed.error };
  const result = evaluatePolicy(parsed.policy, request, { mode: 'resource' });
  const known = { context: request.context, absent: judged.absent };
  const verdict = judge(result, known);
  if (verdict.kind === 'allow')
    return { kind: 'allows', target, statements: verdict.statements, caveats: result.caveats };
  // Without an explicit Deny, a same-account caller is allowed by its IAM policies alone — except
  // where the resource policy itself must allow (KMS keys, API Gateway), or across accounts. An
  // Allow that hinges on an unseen key then only adds a way in (SNS's default topic policy on
  // AWS:SourceOwner): it cannot be what refuses the request. A Deny on an unseen key can.
  const crossAccount = request.principal.accountId !== target.account;
  if (!verdict.explicit && !target.mustAllow && !crossAccount) {
    const maybe = unsettledDenial(result, known);
    return maybe === undefined
      ? { kind: 'leaves-to-iam', target }
      : { kind: 'uncertain', target, judgement: maybe, caveats: result.caveats };
  }
  if (verdict.kind === 'uncertain') return { kind: 'uncertain', target, judgement: verdict, caveats: result.caveats };
  return {
    kind: 'denies',
    target,
    judged: focus(judged, request),
    document: text,
    explicit: verdict.explicit,
    deciding: verdict.deciding,
    queueUrl,
  };
}

const RANK: Record<string, number> = { unreadable: 0, denies: 1, uncertain: 2, 'leaves-to-iam': 3, allows: 4 };

/** A request to a resource whose policy vpce-doctor does not read: not judged, never a pass. */
function unreadPolicy(short: string, judged: JudgedRequest): ResourcePolicyVerdict {
  const what = UNREAD_RESOURCE_POLICIES[short];
  if (what === undefined) return { kind: 'none' };
  for (const r of allRequests(judged)) {
    const named = r.resource !== '*';
    if (!named && !judged.unknownResource.includes(r.action)) continue; // acts on no resource
    return {
      kind: 'no-reader',
      service: short,
      what,
      resource: named ? r.resource : 'the resource, not named',
      principal: r.principal.arn,
      action: r.action,
    };
  }
  return { kind: 'none' };
}

export function resourcePolicyVerdict(ctx: PathContext, judged: JudgedRequest): ResourcePolicyVerdict {
  const short = ctx.service?.short ?? '';
  if (!RESOURCE_POLICY_SERVICES.has(short)) return unreadPolicy(short, judged);
  const requests = allRequests(judged).filter((r) => r.resource !== '*');
  const targets = requests.map((r) => ({ request: r, target: policyTarget(r) }));
  const named = targets.find(
    (t): t is { request: PolicyRequest; target: PolicyTarget } => t.target !== undefined && 'read' in t.target,
  );
  if (named === undefined) {
    const why = targets.find((t) => t.target !== undefined && 'reason' in t.target)?.target;
    if (why !== undefined && 'reason' in why) return { kind: 'no-resource', service: short, reason: why.reason };
    // ecr.api's usual call (GetAuthorizationToken) acts on no repository: no resource policy on its path.
    if (allRequests(judged).every((r) => r.resource === '*' && !judged.unknownResource.includes(r.action)))
      return { kind: 'none' };
    return {
      kind: 'no-resource',
      service: short,
      reason: 'no target.resource names the resource, so its policy cannot be read',
    };
  }
  const target = named.target;
  const outcome = readPolicy(ctx, target.read);
  if (outcome?.status !== 'ok') return { kind: 'unknown', target, outcome };
  const fact = outcome.value;
  if (fact === null) return { kind: 'no-such-resource', target };
  if (fact.Policy === null) return { kind: 'no-policy', target };
  const text =
    target.type === 'execute-api'
      ? expandApiShorthand(fact.Policy, target)
      : target.type === 'ecr'
        ? withImplicitResource(fact.Policy, target.arn)
        : fact.Policy;
  const queueUrl = typeof fact['QueueUrl'] === 'string' ? fact['QueueUrl'] : undefined;
  const verdicts = targets
    .filter((t) => t.target !== undefined && 'read' in t.target && t.target.arn === target.arn)
    .map((t) => judgeOne(target, text, judged, t.request, queueUrl));
  verdicts.sort((a, b) => (RANK[a.kind] ?? 9) - (RANK[b.kind] ?? 9));
  const first = verdicts[0];
  if (first === undefined) return { kind: 'none' };
  if (first.kind !== 'allows') return first;
  return {
    ...first,
    statements: verdicts
      .flatMap((v) => (v.kind === 'allows' ? v.statements : []))
      .filter((s, i, all) => all.findIndex((x) => x.index === s.index) === i),
  };
}

/** The read this layer asks for, once the request names the resource. */
export function resourcePolicyRead(ctx: PathContext, judged: JudgedRequest): PolicyRead[] {
  if (!RESOURCE_POLICY_SERVICES.has(ctx.service?.short ?? '')) return [];
  for (const r of allRequests(judged)) {
    const t = policyTarget(r);
    if (t !== undefined && 'read' in t) return [t.read];
  }
  return [];
}
