// A check that read a failed fact cannot pass, whatever its module remembers: the engine
// records every probe result each module reads while it judges (and every one the path
// context was built from), and a read that was denied, failed or never collected, which no
// skipped/error check of that module names, becomes such a check in the module's layer. A
// module that throws is reported as `crashed`; the other modules' checks stand.
import { couldNotCheck, type CheckModule, type ModuleResult } from '../analysis/check-module.js';
import type { Check, Layer } from '../findings/types.js';
import {
  probeCallId,
  type ProbeInput,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeRequest,
} from '../probes/contract.js';
import { buildContext, type PathContext, type ProbeLookup } from '../path/context.js';

export interface Read {
  key: ProbeKey;
  input: unknown;
  /** undefined: the result was never collected. */
  outcome: ProbeOutcome<unknown> | undefined;
}

/** A lookup that remembers what it was asked, once per probe call. */
export function trackReads(lookup: ProbeLookup): { probe: ProbeLookup; reads: () => Read[] } {
  const seen = new Map<string, Read>();
  const probe: ProbeLookup = <K extends ProbeKey>(key: K, input: ProbeInput<K>) => {
    const outcome = lookup(key, input);
    const id = probeCallId({ key, input });
    if (!seen.has(id)) seen.set(id, { key, input, outcome });
    return outcome;
  };
  return { probe, reads: () => [...seen.values()] };
}

const failed = (r: Read): boolean => r.outcome === undefined || r.outcome.status !== 'ok';

/** What a check made by couldNotCheck says about this outcome: the IAM action, the error, or "not collected". */
function mark(outcome: ProbeOutcome<unknown> | undefined): string {
  if (outcome === undefined) return 'were not collected';
  return outcome.status === 'denied' ? `needs ${outcome.action}` : outcome.status === 'error' ? outcome.message : '';
}

function namedBy(checks: readonly Check[], r: Read): boolean {
  const m = mark(r.outcome);
  return checks.some(
    (c) => (c.status === 'skipped' || c.status === 'error' || c.status === 'crashed') && c.detail.includes(m),
  );
}

/** `ec2.vpc {"vpcId":"vpc-1"}`, the way a user can find the call in the session file. */
function describeRead(r: Read): string {
  return probeCallId(r);
}

/** Checks for the failed reads that `checks` leave unsaid, one per probe call. */
export function unsaidFailures(reads: readonly Read[], checks: readonly Check[], layer: Layer, by: string): Check[] {
  return reads
    .filter((r) => failed(r) && !namedBy(checks, r))
    .map((r) => couldNotCheck(`facts.${r.key}`, layer, `${describeRead(r)}, which ${by} read`, r.outcome));
}

function crashed(m: CheckModule, err: unknown): Check {
  const message = err instanceof Error ? err.message : String(err);
  return { id: `${m.id}.crashed`, layer: m.layer, status: 'crashed', detail: `the ${m.id} checks crashed: ${message}` };
}

/** A module whose `requires` throws asks for nothing; `evaluateTracked` reports the crash. */
export function requiresSafely(m: CheckModule, ctx: PathContext): ProbeRequest[] {
  try {
    return m.requires(ctx);
  } catch {
    return [];
  }
}

/** One module, judged with its reads recorded; a throw is that module's `crashed` check, not the run's end. */
export function evaluateTracked(m: CheckModule, ctx: PathContext): ModuleResult {
  const tracked = trackReads(ctx.probe);
  let result: ModuleResult;
  try {
    m.requires(ctx);
    result = m.evaluate({ ...ctx, probe: tracked.probe });
  } catch (err) {
    return { checks: [crashed(m, err)], findings: [] };
  }
  const tolerated = new Set((m.tolerates ?? []).map((t) => t.key));
  const reads = tracked.reads().filter((r) => !tolerated.has(r.key));
  return {
    checks: [...result.checks, ...unsaidFailures(reads, result.checks, m.layer, `the ${m.id} checks`)],
    findings: result.findings,
  };
}

/** The facts the path context itself was built from (source, the VPC's endpoints, the named endpoint). */
export function contextReads(ctx: PathContext): Read[] {
  const tracked = trackReads(ctx.probe);
  buildContext(ctx.answers, {}, ctx.settings, tracked.probe);
  return tracked.reads();
}

/** Every module, judged together; a failed fact the path rests on that no check names is named here. */
export function evaluateModules(modules: readonly CheckModule[], ctx: PathContext): ModuleResult {
  const checks: Check[] = [];
  const findings: ModuleResult['findings'] = [];
  for (const m of modules) {
    const r = evaluateTracked(m, ctx);
    checks.push(...r.checks);
    findings.push(...r.findings);
  }
  checks.push(...unsaidFailures(contextReads(ctx), checks, 'endpoint', 'the path to the endpoint'));
  return { checks, findings };
}
