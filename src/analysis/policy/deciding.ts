// What a policy decision hinges on: the condition keys of the statements that decided it, sorted
// into what this path's context settles (the VPC keys, aws:SourceIp) and what vpce-doctor cannot
// see (aws:PrincipalOrgID, s3:… keys): a decision that rests on an unseen key is not reported
// as a denial.
import type { ConditionOutcome, ContextValue, EvaluationResult, StatementOutcome } from './evaluate.js';

export type Hinge = 'vpc' | 'source-ip' | 'unknown-key' | 'other';

export interface Deciding {
  outcome: StatementOutcome;
  hinge: Hinge;
  /** Condition keys (as written) that this path's context cannot settle. */
  unknownKeys: string[];
}

export type Judgement =
  | { kind: 'allow'; statements: StatementOutcome[] }
  /** A denial that does not rest on an unseen key. */
  | { kind: 'deny'; explicit: boolean; deciding: Deciding[] }
  /** Denied as far as we can see, but an unseen key could change it. */
  | { kind: 'uncertain'; explicit: boolean; deciding: Deciding[] };

const VPC_KEYS = new Set(['aws:sourcevpce', 'aws:sourcevpc']);

export interface KnownKeys {
  context: Record<string, ContextValue>;
  /** Lowercase keys known to be absent on this path. */
  absent: ReadonlySet<string>;
}

function isKnown(key: string, known: KnownKeys): boolean {
  const lower = key.toLowerCase();
  if (known.absent.has(lower)) return true;
  return Object.entries(known.context).some(([k, v]) => k.toLowerCase() === lower && v !== undefined);
}

/** Keys (as written) of these conditions the evaluator cannot settle: unseen on this path, or under an operator it does not evaluate. */
function unsettled(conditions: readonly ConditionOutcome[], known: KnownKeys): string[] {
  return conditions
    .filter((c) => c.unsupported === true || !isKnown(c.key, known))
    .map((c) => (c.unsupported === true ? `${c.key} (operator ${c.operator}, not evaluated)` : c.key));
}

function hingeOf(conditions: readonly ConditionOutcome[], known: KnownKeys): { hinge: Hinge; unknownKeys: string[] } {
  const unknownKeys = unsettled(conditions, known);
  if (unknownKeys.length > 0) return { hinge: 'unknown-key', unknownKeys };
  const lower = conditions.map((c) => c.key.toLowerCase());
  if (lower.some((k) => VPC_KEYS.has(k))) return { hinge: 'vpc', unknownKeys };
  if (lower.includes('aws:sourceip')) return { hinge: 'source-ip', unknownKeys };
  return { hinge: 'other', unknownKeys };
}

/**
 * Deny statements that matched Action, Resource and Principal and failed only on conditions this
 * path cannot settle: had the unseen value been otherwise they would deny, so an allow past them
 * is not a judgement.
 */
export function unsettledDenies(result: EvaluationResult, known: KnownKeys): Deciding[] {
  const out: Deciding[] = [];
  for (const outcome of result.statements) {
    if (outcome.effect !== 'Deny' || outcome.applies || outcome.conditions === undefined) continue;
    const failed = outcome.conditions.filter((c) => !c.matched);
    if (failed.length === 0) continue;
    const unknownKeys = unsettled(failed, known);
    if (unknownKeys.length === failed.length) out.push({ outcome, hinge: 'unknown-key', unknownKeys });
  }
  return out;
}

/**
 * A resource policy that allows the request in no statement leaves it to the caller's IAM
 * policies (same account) — unless a Deny that failed only on unseen keys may still refuse it:
 * then the policy is not judged (`uncertain`), never a pass.
 */
export function unsettledDenial(
  result: EvaluationResult,
  known: KnownKeys,
): Extract<Judgement, { kind: 'uncertain' }> | undefined {
  const maybe = unsettledDenies(result, known);
  return maybe.length > 0 ? { kind: 'uncertain', explicit: true, deciding: maybe } : undefined;
}

/** Sorts an evaluation into allow / a denial we can stand behind / a denial an unseen key may undo. */
export function judge(result: EvaluationResult, known: KnownKeys): Judgement {
  if (result.decision === 'allow') {
    const maybe = unsettledDenies(result, known);
    if (maybe.length > 0) return { kind: 'uncertain', explicit: true, deciding: maybe };
    // An Allow that matched only because an unseen key is missing (StringNotLike, …IfExists on a
    // key this path cannot see) is not a judgement: had the key a value, it might not apply.
    const firm = result.deciding.filter((o) => unsettled(o.conditions ?? [], known).length === 0);
    if (firm.length === 0)
      return {
        kind: 'uncertain',
        explicit: false,
        deciding: result.deciding.map((outcome) => ({
          outcome,
          hinge: 'unknown-key',
          unknownKeys: unsettled(outcome.conditions ?? [], known),
        })),
      };
    return { kind: 'allow', statements: firm };
  }
  if (result.decision === 'explicit-deny') {
    // A Deny applies only when all its conditions hold; every one of its keys matters.
    const deciding = result.deciding.map((outcome) => ({ outcome, ...hingeOf(outcome.conditions ?? [], known) }));
    const certain = deciding.filter((d) => d.hinge !== 'unknown-key');
    return certain.length > 0
      ? { kind: 'deny', explicit: true, deciding: certain }
      : { kind: 'uncertain', explicit: true, deciding };
  }
  // Implicit deny: an Allow that matched Action, Resource and Principal but failed on conditions
  // is the statement meant for this request; its failed keys say why.
  const near = result.deciding.filter((o) => o.conditions !== undefined && o.conditions.some((c) => !c.matched));
  if (near.length === 0)
    return {
      kind: 'deny',
      explicit: false,
      deciding: result.deciding.map((outcome) => ({ outcome, hinge: 'other', unknownKeys: [] })),
    };
  // An Allow that fails on one settled condition fails whatever the unseen keys hold.
  const deciding = near.map((outcome) => {
    const failed = (outcome.conditions ?? []).filter((c) => !c.matched);
    const unknown = unsettled(failed, known);
    const settled = failed.filter((c) => c.unsupported !== true && isKnown(c.key, known));
    return { outcome, ...hingeOf(unknown.length < failed.length ? settled : failed, known) };
  });
  if (deciding.some((d) => d.hinge === 'unknown-key')) return { kind: 'uncertain', explicit: false, deciding };
  const order: Hinge[] = ['source-ip', 'vpc', 'other'];
  deciding.sort((a, b) => order.indexOf(a.hinge) - order.indexOf(b.hinge));
  return { kind: 'deny', explicit: false, deciding };
}
