// The advisory IAM simulation of the caller's identity policies (SimulatePrincipalPolicy):
// facts in, a typed verdict out. When IAM refuses the simulation the verdict is unknown, naming
// the permission: a layer that may be the cause went unchecked, never a pass.
import type { PathContext } from '../../../path/context.js';
import type { ProbeOutcome } from '../../../probes/contract.js';
import type { Simulation } from '../../../probes/specs/policy.js';
import type { JudgedRequest } from '../request.js';
import { simulationRequest } from '../scope.js';

export type IdentityVerdict =
  | { kind: 'not-simulable'; principalArn: string }
  | { kind: 'unknown'; policySourceArn: string; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'unknown-decision'; sim: Simulation }
  /** `viaBucket`: IAM does not allow, but the bucket policy grants it in the same account. */
  | { kind: 'allowed'; sim: Simulation; judged: JudgedRequest; viaBucket: boolean }
  /** Only the organization denies: org-guardrail reports it. */
  | { kind: 'org-only'; sim: Simulation; judged: JudgedRequest }
  | { kind: 'denied'; sim: Simulation; judged: JudgedRequest; decision: 'explicitDeny' | 'implicitDeny' };

export function identityVerdict(ctx: PathContext, judged: JudgedRequest, bucketAllows: boolean): IdentityVerdict {
  const req = simulationRequest(judged);
  if (req === undefined) return { kind: 'not-simulable', principalArn: judged.request.principal.arn };
  const outcome = ctx.probe(req.key, req.input);
  if (outcome?.status !== 'ok') return { kind: 'unknown', policySourceArn: req.input.policySourceArn, outcome };
  const sim = outcome.value;
  const decision = sim.EvalDecision;
  if (decision === 'allowed') return { kind: 'allowed', sim, judged, viaBucket: false };
  if (decision === 'implicitDeny' && bucketAllows && sim.AllowedByPermissionsBoundary !== false)
    return { kind: 'allowed', sim, judged, viaBucket: true };
  if (decision !== 'explicitDeny' && decision !== 'implicitDeny') return { kind: 'unknown-decision', sim };
  if (sim.AllowedByOrganizations === false && decision === 'explicitDeny' && sim.MatchedStatements.length === 0)
    return { kind: 'org-only', sim, judged };
  return { kind: 'denied', sim, judged, decision };
}

/** The policies IAM matched, as the evidence and the fix name them. */
export function matchedPolicies(sim: Simulation): string[] {
  return sim.MatchedStatements.map((s) => `${s.SourcePolicyType ?? 'policy'} ${s.SourcePolicyId ?? ''}`.trim());
}

/** The simulation a verdict carries, if IAM answered. */
export function simulationOf(v: IdentityVerdict): Simulation | undefined {
  return v.kind === 'not-simulable' || v.kind === 'unknown' ? undefined : v.sim;
}
