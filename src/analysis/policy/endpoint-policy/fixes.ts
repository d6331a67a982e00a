// The commands and files that fix an endpoint policy, from its verdict.
import type { Fix } from '../../../findings/types.js';
import { awsCommand, type FixCommand } from '../../../findings/command.js';
import { fileFix, inlineDocument, notRepaired } from '../file-fix.js';
import { repairEndpointPolicy, repairSourceIp } from '../repair.js';
import type { EndpointPolicyVerdict } from './verdict.js';

const ENDPOINT_FILE = 'endpoint-policy.json';

type Denies = Extract<EndpointPolicyVerdict, { kind: 'denies' }>;

export function narrowFullAccess(endpointId: string): Fix {
  return {
    summary: `Optional: narrow the policy of ${endpointId} to your organization's principals and resources (a data perimeter: aws:PrincipalOrgID, aws:ResourceOrgID), listing service-owned buckets your workloads need (e.g. ECR layers, Amazon Linux repositories).`,
    commands: [],
  };
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html (--policy-document takes the JSON inline)
function replaceCommand(endpointId: string, region: string, json: string): FixCommand {
  return awsCommand(
    'ec2',
    'modify-vpc-endpoint',
    ['--vpc-endpoint-id', endpointId, '--policy-document', inlineDocument(json)],
    { region },
  );
}

/** The denial rests on aws:SourceIp: condition on aws:SourceVpce / aws:VpcSourceIp instead. */
export function conditionOnEndpoint(v: Denies, region: string): Fix {
  const id = v.endpointId;
  const r = repairSourceIp(v.document, id);
  return r.kind === 'repaired'
    ? fileFix(
        `Replace the endpoint policy of ${id} with the corrected document (${ENDPOINT_FILE}): ${r.changes.join('; ')}. Every other statement stays as it is.`,
        replaceCommand(id, region, r.json),
        ENDPOINT_FILE,
        r.json,
      )
    : {
        summary: `Condition the statement on aws:SourceVpce or aws:VpcSourceIp instead of aws:SourceIp. ${notRepaired(r, 'the endpoint policy')}`,
        commands: [],
      };
}

/**
 * Add a statement that allows the request (the narrowest that still works); a Deny without a
 * condition is narrowed or removed first. Every other statement stays.
 */
export function allowTheRequest(v: Denies, region: string): Fix {
  const id = v.endpointId;
  const r = repairEndpointPolicy(v.document, v.judged.request, v.endpointType);
  const liftsDeny = v.explicit ? ' The Deny was written on purpose: check that nothing else relied on it.' : '';
  return r.kind === 'repaired'
    ? fileFix(
        `Replace the endpoint policy of ${id} with the corrected document (${ENDPOINT_FILE}, in full in the command): ${r.changes.join('; ')}. Every other statement stays as it is.${liftsDeny}`,
        replaceCommand(id, region, r.json),
        ENDPOINT_FILE,
        r.json,
      )
    : { summary: `Edit the policy of ${id}: ${notRepaired(r, 'the endpoint policy')}`, commands: [] };
}
