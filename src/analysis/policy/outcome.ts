// What one policy layer contributes to the module's result.
import type { Check, Finding } from '../../findings/types.js';

export interface PolicyOutcome {
  checks: Check[];
  findings: Finding[];
  /** A visible policy denies (or an advisory says so): org-guardrail does not apply. */
  denied: boolean;
}

export const noOutcome = (): PolicyOutcome => ({ checks: [], findings: [], denied: false });
