// Access denied, yet no policy vpce-doctor can read denies the request: an organization
// guardrail (SCP or RCP) is the likely cause. Facts in, a typed verdict out.
import type { Check } from '../../../findings/types.js';
import type { VpcEndpoint } from '../../../probes/shapes.js';
import type { Simulation } from '../../../probes/specs/policy.js';
import type { JudgedRequest } from '../request.js';

export interface OrgGuardrailVerdict {
  judged: JudgedRequest | undefined;
  /** The account whose SCPs and RCPs to list: the principal's, else the caller's. */
  account: string | undefined;
  endpoint: VpcEndpoint | undefined;
  /** The policy checks that ran, each with its status: what was ruled out. */
  checked: { id: string; status: Check['status'] }[];
  simulation: Simulation | undefined;
  /** IAM's simulator itself says an organization SCP denies: no longer a guess. */
  scpDenies: boolean;
}

export function orgGuardrailVerdict(facts: {
  judged: JudgedRequest | undefined;
  callerAccount: string | undefined;
  endpoint: VpcEndpoint | undefined;
  checks: readonly Check[];
  simulation: Simulation | undefined;
}): OrgGuardrailVerdict {
  const { judged, simulation } = facts;
  return {
    judged,
    account: judged?.request.principal.accountId ?? facts.callerAccount,
    endpoint: facts.endpoint,
    checked: facts.checks.filter((c) => c.id.startsWith('policy.')).map((c) => ({ id: c.id, status: c.status })),
    simulation,
    scpDenies: simulation?.AllowedByOrganizations === false,
  };
}
