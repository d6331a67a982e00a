// The commands and files that fix a resource policy on the path, from its verdict: the corrected
// whole document (every other statement kept) and the AWS CLI command that puts it back.
import type { Fix } from '../../../findings/types.js';
import { awsCommand, type FixCommand } from '../../../findings/command.js';
import { fileFix, inlineDocument, notRepaired } from '../file-fix.js';
import { grantFor, policyValue } from '../grant.js';
import { repairResourcePolicy } from '../repair.js';
import type { ResourcePolicyVerdict } from './verdict.js';
import type { PolicyTarget } from './target.js';

type Denies = Extract<ResourcePolicyVerdict, { kind: 'denies' }>;

const FILES: Record<PolicyTarget['type'], string> = {
  sqs: 'queue-attributes.json',
  sns: 'topic-policy.json',
  kms: 'key-policy.json',
  secretsmanager: 'secret-policy.json',
  dynamodb: 'table-policy.json',
  ecr: 'repository-policy.json',
  'execute-api': 'rest-api-policy-patch.json',
};

/** The command that replaces the policy with `doc` (inline), or undefined when a fact it needs is missing. */
function putCommand(v: Denies, doc: string): FixCommand | undefined {
  const t = v.target;
  const region = t.region;
  switch (t.type) {
    case 'sqs':
      // CLI v2 reference: sqs set-queue-attributes (--attributes takes {"Policy": "<json text>"}).
      return v.queueUrl === undefined
        ? undefined
        : awsCommand('sqs', 'set-queue-attributes', ['--queue-url', v.queueUrl, '--attributes', doc], { region });
    case 'sns':
      // CLI v2 reference: sns set-topic-attributes.
      return awsCommand(
        'sns',
        'set-topic-attributes',
        ['--topic-arn', t.arn, '--attribute-name', 'Policy', '--attribute-value', doc],
        { region },
      );
    case 'kms':
      // CLI v2 reference: kms put-key-policy (the only policy name is "default").
      return awsCommand('kms', 'put-key-policy', ['--key-id', t.arn, '--policy-name', 'default', '--policy', doc], {
        region,
      });
    case 'secretsmanager':
      // CLI v2 reference: secretsmanager put-resource-policy.
      return awsCommand('secretsmanager', 'put-resource-policy', ['--secret-id', t.arn, '--resource-policy', doc], {
        region,
      });
    case 'dynamodb':
      // CLI v2 reference: dynamodb put-resource-policy.
      return awsCommand('dynamodb', 'put-resource-policy', ['--resource-arn', t.arn, '--policy', doc], { region });
    case 'ecr': {
      const repo = t.arn.replace(/^.*:repository\//, '');
      // CLI v2 reference: ecr set-repository-policy.
      return awsCommand(
        'ecr',
        'set-repository-policy',
        ['--repository-name', repo, '--registry-id', t.account, '--policy-text', doc],
        { region },
      );
    }
    case 'execute-api': {
      const api = t.label.replace(/^REST API /, '');
      // CLI v2 reference: apigateway update-rest-api (a replace of /policy, given as a JSON patch file).
      return awsCommand('apigateway', 'update-rest-api', ['--rest-api-id', api, '--patch-operations', doc], { region });
    }
    default: {
      const unreachable: never = t.type;
      return unreachable;
    }
  }
}

/** ECR repository policies take no Resource element: the one the evaluator read in goes back out. */
function withoutRepositoryResource(json: string, arn: string): string {
  const doc = JSON.parse(json) as { Statement?: unknown };
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  for (const s of list)
    if (s !== null && typeof s === 'object' && (s as Record<string, unknown>)['Resource'] === arn)
      delete (s as Record<string, unknown>)['Resource'];
  return JSON.stringify(doc, null, 2);
}

/** What the file holds for a corrected policy document `json`. */
function fileContents(type: PolicyTarget['type'], json: string): string {
  if (type === 'sqs') return JSON.stringify({ Policy: JSON.stringify(JSON.parse(json)) }, null, 2);
  if (type === 'execute-api')
    return JSON.stringify([{ op: 'replace', path: '/policy', value: JSON.stringify(JSON.parse(json)) }], null, 2);
  return json;
}

/**
 * An implicit deny where the policy must allow (a key, a private API, another account): one Allow
 * for this principal, the action's family (./grant.ts), this resource — never Principal "*" on a resource policy.
 */
function appendAllow(v: Denies): { json: string; change: string } | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(v.document);
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const doc = raw as Record<string, unknown>;
  const statements = Array.isArray(doc['Statement']) ? [...(doc['Statement'] as unknown[])] : [doc['Statement']];
  const request = v.judged.request;
  const principal = v.judged.context['aws:PrincipalArn'];
  if (typeof principal !== 'string') return undefined;
  const sid = `VpceDoctorAllow${request.action
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}`;
  const grant = grantFor({ ...request, resource: v.target.arn });
  statements.push({
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: principal },
    Action: policyValue(grant.actions),
    Resource: policyValue(grant.resources),
  });
  doc['Statement'] = statements.filter((s) => s !== undefined);
  return {
    json: JSON.stringify(doc, null, 2),
    change: `appended statement ${sid} (Allow) for ${principal} to call ${grant.words}`,
  };
}

export function resourcePolicyFix(v: Denies): Fix {
  const file = FILES[v.target.type];
  const r = repairResourcePolicy(v.document, v.judged.request);
  let json: string | undefined;
  let changes: string[] = [];
  let problem = '';
  if (r.kind === 'repaired') {
    json = r.json;
    changes = r.changes;
  } else if (!v.explicit) {
    const appended = appendAllow(v);
    if (appended !== undefined) {
      json = appended.json;
      changes = [appended.change];
    } else problem = notRepaired(r, `the policy of ${v.target.label}`);
  } else problem = notRepaired(r, `the policy of ${v.target.label}`);
  const contents =
    json === undefined
      ? undefined
      : fileContents(v.target.type, v.target.type === 'ecr' ? withoutRepositoryResource(json, v.target.arn) : json);
  const command = contents !== undefined ? putCommand(v, inlineDocument(contents)) : undefined;
  if (contents === undefined || command === undefined)
    return { summary: `Edit the policy of ${v.target.label}: ${problem || 'allow this request'}`, commands: [] };
  const redeploy =
    v.target.type === 'execute-api'
      ? v.target.stage !== undefined
        ? ` Then deploy the API to stage ${v.target.stage}: a policy change takes effect only after a deployment.`
        : ' Then deploy the API to its stage: a policy change takes effect only after a deployment.'
      : '';
  const fix = fileFix(
    `Replace the policy of ${v.target.label} with the corrected document (in the command; --save also writes it as ${file}): ${changes.join('; ')}. Every other statement stays as it is.${redeploy}`,
    command,
    file,
    contents,
  );
  if (v.target.type === 'execute-api' && v.target.stage !== undefined) {
    const api = v.target.label.replace(/^REST API /, '');
    // CLI v2 reference: apigateway create-deployment.
    fix.commands.push(
      awsCommand('apigateway', 'create-deployment', ['--rest-api-id', api, '--stage-name', v.target.stage], {
        region: v.target.region,
      }),
    );
  }
  return fix;
}
