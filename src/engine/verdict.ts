// The verdict over all checks and findings. A check that could not run makes a run
// `incomplete`, never `healthy`; an error-severity finding makes it `problems`.
import { LAYERS, type Check, type Finding } from '../findings/types.js';

export const REPORT_VERSION = 1;
export type Verdict = 'healthy' | 'problems' | 'incomplete';

export interface Report {
  version: typeof REPORT_VERSION;
  verdict: Verdict;
  findings: Finding[];
  checks: Check[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Path order: DNS → routes → security groups → NACLs → endpoint policy → resource policy. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings]
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        LAYERS.indexOf(a.f.layer) - LAYERS.indexOf(b.f.layer) ||
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

export function sortChecks(checks: readonly Check[]): Check[] {
  return [...checks]
    .map((c, i) => ({ c, i }))
    .sort((a, b) => LAYERS.indexOf(a.c.layer) - LAYERS.indexOf(b.c.layer) || a.i - b.i)
    .map(({ c }) => c);
}

export function verdictOf(findings: readonly Finding[], checks: readonly Check[]): Verdict {
  // A failed hop is a problem even when no catalogued finding explains it (e.g. an observed TCP refusal).
  if (findings.some((f) => f.severity === 'error') || checks.some((c) => c.status === 'fail')) return 'problems';
  if (checks.some((c) => c.status === 'skipped' || c.status === 'error' || c.status === 'crashed')) return 'incomplete';
  return 'healthy';
}

export function makeReport(findings: readonly Finding[], checks: readonly Check[]): Report {
  const f = sortFindings(findings);
  const c = sortChecks(checks);
  return { version: REPORT_VERSION, verdict: verdictOf(f, c), findings: f, checks: c };
}
