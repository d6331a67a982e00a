// The fix for identity policies that do not allow the request, from the verdict.
import type { Fix } from '../../../findings/types.js';
import { awsCommand } from '../../../findings/command.js';
import { fileFix } from '../file-fix.js';
import { grantFor, policyValue } from '../grant.js';
import { matchedPolicies, type IdentityVerdict } from './verdict.js';

const IDENTITY_FILE = 'identity-policy.json';

export function identityFix(v: Extract<IdentityVerdict, { kind: 'denied' }>, region: string): Fix {
  const { sim, judged } = v;
  if (v.decision === 'explicitDeny') {
    return {
      summary: `Remove or narrow the Deny in ${matchedPolicies(sim).join(', ') || 'the policy that denies'} for ${judged.request.action} on ${judged.request.resource}; an Allow cannot override it.`,
      commands: [],
    };
  }
  if (sim.AllowedByPermissionsBoundary === false) {
    return {
      summary: `Widen the permissions boundary of ${sim.PolicySourceArn} to include ${judged.request.action} on ${judged.request.resource}, then grant it in an identity policy.`,
      commands: [],
    };
  }
  const m = /^arn:[\w-]+:iam::\d{12}:(role|user)\/(?:.*\/)?([^/]+)$/.exec(sim.PolicySourceArn);
  const kind = m?.[1];
  const name = m?.[2];
  if (kind !== undefined && name !== undefined) {
    const policyName = `vpce-doctor-${judged.request.action.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const grant = grantFor(judged.request);
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: policyValue(grant.actions), Resource: policyValue(grant.resources) }],
    };
    // CLI v2 reference: iam put-role-policy / put-user-policy (adds one inline policy; attached ones stay).
    const command = awsCommand(
      'iam',
      `put-${kind}-policy`,
      [`--${kind}-name`, name, '--policy-name', policyName, '--policy-document', JSON.stringify(doc)],
      { region },
    );
    return fileFix(
      `Grant ${grant.words} to ${kind} ${name} with a new inline policy ${policyName} (${IDENTITY_FILE}); its other policies stay as they are.`,
      command,
      IDENTITY_FILE,
      JSON.stringify(doc, null, 2),
    );
  }
  return {
    summary: `Grant ${judged.request.action} on ${judged.request.resource} in an identity policy of ${sim.PolicySourceArn}.`,
    commands: [],
  };
}
