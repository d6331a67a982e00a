// --fail-on: which finding severities make a run exit 1. The default, error, is the verdict's
// own rule; warning and info let CI gate on advice too.
import type { Finding, Severity } from '../findings/types.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function failsOn(findings: readonly Finding[], failOn: Severity): boolean {
  return findings.some((f) => RANK[f.severity] <= RANK[failOn]);
}

/** The flag's value, already checked against its choices by the usage checks. */
export function failOnOf(flags: { failOn?: string | undefined }): Severity {
  const v = flags.failOn;
  return v === 'warning' || v === 'info' ? v : 'error';
}
