// The identity check and finding, in words, from the verdict of the advisory IAM simulation.
import { finding } from '../../../findings/catalogue.js';
import type { Check } from '../../../findings/types.js';
import { couldNotCheck } from '../../check-module.js';
import { noOutcome, type PolicyOutcome } from '../outcome.js';
import { describeRequest } from '../request.js';
import { identityFix } from './fixes.js';
import { matchedPolicies, type IdentityVerdict } from './verdict.js';

function check(status: Check['status'], detail: string): Check {
  return { id: 'policy.identity', layer: 'identity', status, detail };
}

export function explainIdentity(v: IdentityVerdict, region: string): PolicyOutcome {
  const out = noOutcome();
  switch (v.kind) {
    case 'not-simulable':
      out.checks.push(
        check('warn', `advisory IAM simulation not run: ${v.principalArn} is not a user or role IAM can simulate`),
      );
      return out;
    case 'unknown':
      out.checks.push(
        couldNotCheck(
          'policy.identity',
          'identity',
          `the IAM policies of ${v.policySourceArn} (advisory IAM policy simulation)`,
          v.outcome,
        ),
      );
      return out;
    case 'allowed': {
      const why = v.viaBucket ? 'do not allow, but the bucket policy grants it in the same account' : 'allow';
      out.checks.push(
        check(
          'pass',
          `advisory IAM simulation: the IAM policies of ${v.sim.PolicySourceArn} ${why} ${v.judged.request.action}`,
        ),
      );
      return out;
    }
    case 'unknown-decision':
      out.checks.push(check('error', `advisory IAM simulation returned an unknown decision "${v.sim.EvalDecision}"`));
      return out;
    case 'org-only':
      out.checks.push(
        check(
          'pass',
          `advisory IAM simulation: the IAM policies of ${v.sim.PolicySourceArn} allow ${v.judged.request.action}; an organization SCP denies it`,
        ),
      );
      return out;
    case 'denied':
      break;
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
  const { sim, judged } = v;
  out.denied = true;
  out.checks.push(check('fail', `advisory IAM simulation: ${v.decision} for ${sim.PolicySourceArn}`));
  const matched = matchedPolicies(sim);
  const missing =
    sim.MissingContextValues.length > 0
      ? `; context keys IAM could not fill: ${sim.MissingContextValues.join(', ')}`
      : '';
  const evidence = [
    `request: ${describeRequest(judged)}`,
    `advisory — IAM SimulatePrincipalPolicy for ${sim.PolicySourceArn}, ${sim.EvalActionName} on ${sim.EvalResourceName ?? judged.request.resource}: ${sim.EvalDecision}` +
      (matched.length > 0 ? ` (matched: ${matched.join(', ')})` : '') +
      missing,
  ];
  if (sim.AllowedByPermissionsBoundary === false) evidence.push('the permissions boundary does not allow the action');
  // IAM could not fill some context keys: its answer may change with them, so only a warning.
  out.findings.push(
    finding('policy.identity-denies', {
      evidence,
      fix: identityFix(v, region),
      ...(sim.MissingContextValues.length > 0 ? { severity: 'warning' as const } : {}),
    }),
  );
  return out;
}
