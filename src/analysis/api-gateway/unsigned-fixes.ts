// Ways out for unsigned calls refused by a principal-naming execute-api endpoint policy: let the
// unsigned method through the endpoint policy (the API's own resource policy still decides who
// may call it), or make the method require a SigV4 signature (AWS_IAM) so the endpoint policy
// sees the caller. The corrected document is evaluated again before it is printed.
import type { Fix } from '../../findings/types.js';
import { awsCommand, type FixCommand } from '../../findings/command.js';
import { judge } from '../policy/deciding.js';
import { parsePolicy } from '../policy/document.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import { fileFix, inlineDocument } from '../policy/file-fix.js';
import { anonymousInvoke, type UnsignedVerdict } from './unsigned-verdict.js';

type Refuses = Extract<UnsignedVerdict, { kind: 'refuses' }>;

const SID = 'AllowUnsignedInvokeOfNoneMethods';

function corrected(v: Refuses): string | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(v.document) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const statements = Array.isArray(doc['Statement']) ? [...(doc['Statement'] as unknown[])] : [doc['Statement']];
  statements.push({
    Sid: SID,
    Effect: 'Allow',
    Principal: '*',
    Action: 'execute-api:Invoke',
    Resource: v.refused.map((r) => r.arn),
  });
  doc['Statement'] = statements;
  const json = JSON.stringify(doc, null, 2);
  const parsed = parsePolicy(json);
  if (!parsed.ok) return undefined;
  const passes = v.refused.every((r) => {
    const { request, absent } = anonymousInvoke(v.endpoint, r.arn);
    const result = evaluatePolicy(parsed.policy, request, { mode: 'endpoint', endpointType: 'interface' });
    return judge(result, { context: request.context, absent }).kind === 'allow';
  });
  return passes ? json : undefined;
}

export function unsignedFix(v: Refuses, region: string): Fix {
  const id = v.endpoint.VpcEndpointId;
  const t = v.target;
  // CLI v2 reference: apigateway update-method (patch /authorizationType), then create-deployment.
  const signed: FixCommand[] = v.refused.map((r) =>
    awsCommand(
      'apigateway',
      'update-method',
      [
        '--rest-api-id',
        t.apiId,
        '--resource-id',
        r.method.ResourceId,
        '--http-method',
        r.method.HttpMethod,
        '--patch-operations',
        'op=replace,path=/authorizationType,value=AWS_IAM',
      ],
      { region: t.region },
    ),
  );
  if (t.stage !== '*')
    signed.push(
      awsCommand('apigateway', 'create-deployment', ['--rest-api-id', t.apiId, '--stage-name', t.stage], {
        region: t.region,
      }),
    );
  const alternative = {
    summary: `Or make the method${v.refused.length > 1 ? 's' : ''} require IAM authorization (AWS_IAM) and sign the calls with SigV4: the endpoint policy then sees the caller's principal.${t.stage === '*' ? ' Deploy the API to its stage afterwards.' : ''}`,
    commands: signed,
  };
  const json = corrected(v);
  if (json === undefined)
    return {
      summary: `Let unsigned calls to ${v.refused.map((r) => r.arn).join(', ')} through the policy of ${id}: another statement still refuses them, edit it by hand.`,
      commands: [],
      alternatives: [alternative],
    };
  // CLI v2 reference: ec2 modify-vpc-endpoint (--policy-document takes the JSON inline).
  const command = awsCommand(
    'ec2',
    'modify-vpc-endpoint',
    ['--vpc-endpoint-id', id, '--policy-document', inlineDocument(json)],
    { region },
  );
  const fix = fileFix(
    `Replace the policy of ${id} with the corrected document (endpoint-policy.json): appended statement ${SID} (Allow execute-api:Invoke by anyone on the method${v.refused.length > 1 ? 's' : ''} whose authorization is NONE; the API's resource policy still decides). Every other statement stays as it is.`,
    command,
    'endpoint-policy.json',
    json,
  );
  return { ...fix, alternatives: [alternative] };
}
