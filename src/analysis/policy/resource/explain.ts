// The resource-policy check and finding, in words, from the verdict.
import { finding } from '../../../findings/catalogue.js';
import type { Check } from '../../../findings/types.js';
import { couldNotCheck } from '../../check-module.js';
import { noOutcome, type PolicyOutcome } from '../outcome.js';
import { describeRequest } from '../request.js';
import { caveatsOf, label, quote, uncertainDetail } from '../statements.js';
import { resourcePolicyFix } from './fixes.js';
import type { ResourcePolicyVerdict } from './verdict.js';

const ID = 'policy.resource-policy';

function check(status: Check['status'], detail: string): Check {
  return { id: ID, layer: 'resource-policy', status, detail };
}

export function explainResourcePolicy(v: ResourcePolicyVerdict): PolicyOutcome {
  const out = noOutcome();
  switch (v.kind) {
    case 'none':
      return out;
    case 'no-reader':
      // A policy on the path vpce-doctor cannot read is not judged: never a pass.
      out.checks.push(
        check(
          'skipped',
          `could not judge ${v.what} (${v.resource}): vpce-doctor does not read it; check that it lets ${v.principal} call ${v.action}`,
        ),
      );
      return out;
    case 'no-resource':
      // The target's own policy may be what refuses: unread is not a pass.
      out.checks.push(check('skipped', `could not read the resource policy on this ${v.service} request: ${v.reason}`));
      return out;
    case 'unknown':
      out.checks.push(couldNotCheck(ID, 'resource-policy', `the policy of ${v.target.label}`, v.outcome));
      return out;
    case 'no-such-resource':
      out.checks.push(check('warn', `${v.target.label} does not exist (${v.target.arn}): check target.resource`));
      return out;
    case 'no-policy':
      if (v.target.type === 'kms' || v.target.type === 'execute-api') {
        out.checks.push(check('pass', `${v.target.label} has no resource policy to refuse the request`));
        return out;
      }
      out.checks.push(check('pass', `${v.target.label} has no resource policy: it denies nothing`));
      return out;
    case 'unreadable':
      out.checks.push(check('error', `could not read the policy of ${v.target.label}: ${v.error}`));
      return out;
    case 'allows':
      out.checks.push(
        check(
          'pass',
          `the policy of ${v.target.label} allows the request: ${v.statements.map((s) => label(s)).join(', ')}${caveatsOf(v.caveats)}`,
        ),
      );
      return out;
    case 'leaves-to-iam':
      out.checks.push(
        check(
          'pass',
          `the policy of ${v.target.label} does not deny the request; no statement allows it either, so access rests on the principal's IAM policies (same account)`,
        ),
      );
      return out;
    case 'uncertain':
      out.checks.push(
        check(
          'skipped',
          `could not judge: ${uncertainDetail(`the policy of ${v.target.label}`, v.judgement)}${caveatsOf(v.caveats)}`,
        ),
      );
      return out;
    case 'denies':
      break;
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
  out.denied = true;
  const how = v.explicit
    ? 'denies it explicitly'
    : v.target.mustAllow
      ? 'allows it in no statement, and this policy must allow it'
      : 'allows it in no statement, and the caller is in another account';
  out.checks.push(check('fail', `the policy of ${v.target.label} ${how}`));
  out.findings.push(
    finding('policy.resource-policy-denies', {
      title: `The resource policy of ${v.target.label} does not allow this request`,
      evidence: [
        `request: ${describeRequest(v.judged)}`,
        `the policy of ${v.target.label} (${v.target.arn}) ${how}:`,
        ...v.deciding.map((d) => quote(d.outcome)),
      ],
      fix: resourcePolicyFix(v),
    }),
  );
  return out;
}
