// The endpoint-policy check and findings, in words, from the verdict.
import { finding } from '../../../findings/catalogue.js';
import type { Check } from '../../../findings/types.js';
import { noOutcome, type PolicyOutcome } from '../outcome.js';
import { denialEvidence, sourceIpThroughEndpoint } from '../denial-evidence.js';
import { allRequests } from '../request.js';
import { caveatsOf, label, quote, uncertainDetail } from '../statements.js';
import { allowTheRequest, conditionOnEndpoint, narrowFullAccess } from './fixes.js';
import type { EndpointPolicyVerdict } from './verdict.js';

const ID = 'policy.endpoint-policy';

function check(status: Check['status'], detail: string): Check {
  return { id: ID, layer: 'endpoint-policy', status, detail };
}

export function explainEndpointPolicy(v: EndpointPolicyVerdict, region: string): PolicyOutcome {
  const out = noOutcome();
  switch (v.kind) {
    case 'no-endpoint':
      return out;
    case 'no-document':
      out.checks.push(
        check(
          'pass',
          `${v.endpointId} has no policy document (its service takes no endpoint policy), so it restricts no request`,
        ),
      );
      return out;
    case 'unreadable':
      out.checks.push(check('error', `could not read the policy of ${v.endpointId}: ${v.error}`));
      return out;
    case 'default-full-access':
      out.checks.push(
        check('pass', `${v.endpointId} keeps the default policy: it allows every principal, action and resource`),
      );
      out.findings.push(
        finding('policy.endpoint-full-access', {
          evidence: [
            `${v.endpointId} policy: one statement, Allow, Principal "*", Action "*", Resource "*", no Condition (the default)`,
          ],
          fix: narrowFullAccess(v.endpointId),
        }),
      );
      return out;
    case 'not-evaluated':
      // A policy on the path that was not judged is a check that did not run: never a pass.
      out.checks.push(check('skipped', `could not judge the policy of ${v.endpointId}: ${v.reason}`));
      return out;
    case 'allows':
      out.checks.push(
        check(
          'pass',
          `the policy of ${v.endpointId} allows ${allRequests(v.judged)
            .map((r) => r.action)
            .join(
              ' and ',
            )} on ${v.judged.resourceFrom === 'unknown' ? 'any resource' : v.judged.request.resource}: ${v.statements.map((s) => label(s)).join(', ')}${caveatsOf(v.caveats)}`,
        ),
      );
      return out;
    case 'uncertain':
      out.checks.push(
        check(
          'skipped',
          `could not judge: ${uncertainDetail(`the policy of ${v.endpointId}`, v.judgement)}${caveatsOf(v.caveats)}`,
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
  const how = v.explicit ? 'denies it explicitly' : 'allows it in no statement (implicit deny)';
  out.checks.push(check('fail', `the policy of ${v.endpointId} ${how}`));
  const evidence = denialEvidence(v.judged, `the policy of ${v.endpointId} ${how}`, [
    ...v.quoted.map(quote),
    ...v.caveats,
  ]);
  if (v.onSourceIp) {
    out.findings.push(
      finding('policy.sourceip-through-endpoint', {
        evidence: [...evidence, sourceIpThroughEndpoint(v.endpointId)],
        fix: conditionOnEndpoint(v, region),
      }),
    );
    return out;
  }
  out.findings.push(finding('policy.endpoint-denies', { evidence, fix: allowTheRequest(v, region) }));
  return out;
}
