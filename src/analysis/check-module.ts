// A check module: one layer's rules. It names the probe calls it needs (asked again after
// every round of results, so it can follow ids: endpoint → its subnets → their ACLs) and then
// judges the facts. Both functions are pure.
import type { PathContext } from '../path/context.js';
import type { ProbeKey, ProbeOutcome, ProbeRequest } from '../probes/contract.js';
import type { Check, Finding, Layer } from '../findings/types.js';
import type { CheckId } from '../findings/checks.js';

export interface ModuleResult {
  checks: Check[];
  findings: Finding[];
}

/** A probe whose failure this module's verdict does not depend on, and why (one line). */
export interface ToleratedRead {
  key: ProbeKey;
  reason: string;
}

export interface CheckModule {
  id: string;
  /** Where the engine files a check about this module (a fact it could not read, a crash). */
  layer: Layer;
  requires(ctx: PathContext): ProbeRequest[];
  evaluate(ctx: PathContext): ModuleResult;
  /**
   * The engine records every probe result `evaluate` reads; one that failed and that no
   * skipped/error check of the module names becomes such a check, unless listed here.
   */
  tolerates?: readonly ToleratedRead[];
}

/**
 * A check that could not run because its probe failed: `skipped` naming the IAM action when
 * access was denied, `error` otherwise. Never a pass.
 */
export function couldNotCheck(
  id: CheckId,
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

/**
 * The VPC's endpoints for the service could not be listed: the check that says so, for a rule
 * that depends on the other endpoints (a gateway beside it, a claimant of the name, a hub).
 * Undefined when they are known. An unlisted VPC is never a VPC without endpoints.
 */
export function endpointsUnknown(ctx: PathContext, id: CheckId, layer: Layer, what: string): Check | undefined {
  if (ctx.candidates !== undefined || ctx.vpcId === undefined || ctx.service === undefined) return undefined;
  const outcome = ctx.probe('ec2.vpc-endpoints', { vpcId: ctx.vpcId, serviceName: ctx.service.serviceName });
  return couldNotCheck(id, layer, what, outcome?.status === 'ok' ? undefined : outcome);
}
