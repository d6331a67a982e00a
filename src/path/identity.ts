// Who is asking: the caller identity (sts:GetCallerIdentity), looked up in one place for the
// report header, the session file and the policy checks.
import type { ProbeOutcome, ProbeRecord } from '../probes/contract.js';
import type { CallerIdentity } from '../probes/shapes.js';
import { lookupIn, okValue, type ProbeLookup } from './context.js';

/** The caller-identity probe's outcome; undefined when it was not collected. */
export function callerIdentityOutcome(probe: ProbeLookup): ProbeOutcome<CallerIdentity> | undefined {
  return probe('sts.caller-identity', {});
}

/** The caller identity, when it was read. */
export function callerIdentity(probe: ProbeLookup): CallerIdentity | undefined {
  return okValue(callerIdentityOutcome(probe));
}

/** The caller identity among a run's probe results (the engine state's or a session's). */
export function callerIdentityIn(results: Readonly<Record<string, ProbeRecord>>): CallerIdentity | undefined {
  return callerIdentity(lookupIn(results));
}
