// The org-guardrail finding, in words and with the command that lists the guardrails, from the verdict.
import { finding } from '../../../findings/catalogue.js';
import type { Finding } from '../../../findings/types.js';
import { awsCommand } from '../../../findings/command.js';
import { describeRequest } from '../request.js';
import type { OrgGuardrailVerdict } from './verdict.js';

export function explainOrgGuardrail(v: OrgGuardrailVerdict, region: string): Finding {
  const judged = v.judged;
  const sim = v.simulation;
  const looked = v.checked.map((c) => `${c.id}: ${c.status}`);
  const evidence = [
    ...(judged ? [`request: ${describeRequest(judged)}`] : []),
    `checked: ${looked.join(', ') || 'no policy could be evaluated'}`,
  ];
  if (sim?.AllowedByOrganizations === false)
    evidence.push(
      `advisory — IAM SimulatePrincipalPolicy reports that an organization SCP denies ${sim.EvalActionName} for ${sim.PolicySourceArn}`,
    );
  const keys = v.endpoint ? `aws:SourceVpce (${v.endpoint.VpcEndpointId}), aws:SourceVpc (${v.endpoint.VpcId}), ` : '';
  const account = v.account;
  return finding('policy.org-guardrail', {
    evidence,
    ...(v.scpDenies ? { severity: 'error' as const } : {}),
    fix: {
      summary:
        `Read the AccessDenied message: "explicit deny in a service control policy" or "resource control policy" names the guardrail. ` +
        `Ask your organization administrator to check the SCPs and RCPs that apply to ${account ?? 'this account'} for a Deny on ${judged?.request.action ?? 'the action'} with conditions on ${keys}aws:PrincipalOrgID or aws:ResourceOrgID; the command lists them from the management account.`,
      // CLI v2 reference: organizations list-policies-for-target (management account or delegated administrator).
      commands: account
        ? [
            awsCommand(
              'organizations',
              'list-policies-for-target',
              ['--target-id', account, '--filter', 'SERVICE_CONTROL_POLICY'],
              { region },
            ),
          ]
        : [],
    },
  });
}
