// A check module: one layer's rules. It names the probe calls it needs (asked again after
// every round of results, so it can follow ids: endpoint → its subnets → their ACLs) and then
// judges the facts. Both functions are pure.
import type { PathContext } from '../path/context.js';
import type { ProbeOutcome, ProbeRequest } from '../probes/contract.js';
import type { Check, Finding, Layer } from '../findings/types.js';

export interface ModuleResult {
  checks: Check[];
  findings: Finding[];
}

export interface CheckModule {
  id: string;
  requires(ctx: PathContext): ProbeRequest[];
  evaluate(ctx: PathContext): ModuleResult;
}

/**
 * A check that could not run because its probe failed: `skipped` naming the IAM action when
 * access was denied, `error` otherwise. Never a pass.
 */
export function couldNotCheck(
  id: string,
  layer: Layer,
  what: string,
  outcome: ProbeOutcome<unknown> | undefined,
): Check {
  if (outcome === undefined)
    return { id, layer, status: 'skipped', detail: `could not check ${what}: the facts it needs were not collected` };
  if (outcome.status === 'denied') {
    return { id, layer, status: 'skipped', detail: `could not check ${what}: access denied (needs ${outcome.action})` };
  }
  if (outcome.status === 'error')
    return { id, layer, status: 'error', detail: `could not check ${what}: ${outcome.message}` };
  return { id, layer, status: 'error', detail: `could not check ${what}` };
}
