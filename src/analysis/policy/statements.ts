// How the policy layer names the statements that decide: by Sid or index, with each condition's
// expected and actual value. Shared by every policy explanation.
import type { Deciding, Judgement } from './deciding.js';
import { describeConditionSeeing, type StatementOutcome } from './evaluate.js';

export function label(o: { index: number; sid?: string | undefined; effect: string }): string {
  return o.sid !== undefined
    ? `statement "${o.sid}" (#${o.index}, ${o.effect})`
    : `statement #${o.index} (${o.effect})`;
}

/** One line per deciding statement: its Sid or index, effect, and each condition's expected vs actual value. */
export function quote(o: StatementOutcome): string {
  return quoteSeeing(o, []);
}

/** quote, where the keys in `unseen` are ones this path cannot see (not absent ones). */
function quoteSeeing(o: StatementOutcome, unseen: readonly string[]): string {
  const conditions = o.conditions ?? [];
  if (conditions.length === 0) return o.reason;
  const relevant = o.effect === 'Deny' ? conditions : conditions.filter((c) => !c.matched);
  return `${label(o)}: ${(relevant.length > 0 ? relevant : conditions).map((c) => describeConditionSeeing(c, unseen)).join('; ')}`;
}

export function uncertainDetail(what: string, verdict: Extract<Judgement, { kind: 'uncertain' }>): string {
  const keys = [...new Set(verdict.deciding.flatMap((d: Deciding) => d.unknownKeys))];
  return `${what} ${verdict.explicit ? 'may deny' : 'may not allow'} the request: ${verdict.deciding.map((d) => quoteSeeing(d.outcome, d.unknownKeys)).join('; ')} — it depends on ${keys.join(', ')}, which vpce-doctor cannot see`;
}

export function caveatsOf(caveats: readonly string[]): string {
  return caveats.length > 0 ? ` (${caveats.join('; ')})` : '';
}
