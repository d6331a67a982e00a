// The corrected endpoint policy for a data perimeter that refuses AWS-owned buckets: the
// documented exception statement "AllowRequestsToAWSOwnedResources" (s3:GetObject on the
// buckets, no principal condition; aws-samples/data-perimeter-policy-examples,
// vpc_endpoint_policies/s3_endpoint_policy.json), and a Deny on the perimeter that covers them
// turned into NotResource of them. The result is evaluated again before it is printed.
import type { Fix } from '../../../findings/types.js';
import { awsCommand } from '../../../findings/command.js';
import { judge } from '../deciding.js';
import { parsePolicy } from '../document.js';
import { evaluatePolicy, type ContextValue } from '../evaluate.js';
import { fileFix, inlineDocument } from '../file-fix.js';
import type { PathContext } from '../../../path/context.js';
import { awsOwnedRequest, type PerimeterVerdict } from './verdict.js';

type Blocks = Extract<PerimeterVerdict, { kind: 'blocks' }>;

const FILE = 'endpoint-policy.json';
export const EXCEPTION_SID = 'AllowRequestsToAWSOwnedResources';

type Json = Record<string, unknown>;

function isStar(value: unknown): boolean {
  return value === '*' || (Array.isArray(value) && value.length === 1 && value[0] === '*');
}

function objectArns(v: Blocks): string[] {
  const partition = v.region.startsWith('cn-') ? 'aws-cn' : v.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return v.blocked.map((b) => `arn:${partition}:s3:::${b.bucket.name}/*`);
}

/** Every blocked bucket passes the corrected document. */
function letsThrough(ctx: PathContext, v: Blocks, json: string): boolean {
  const parsed = parsePolicy(json);
  if (!parsed.ok) return false;
  const base: Record<string, ContextValue> = {
    'aws:SecureTransport': true,
    'aws:SourceVpce': v.endpoint.VpcEndpointId,
    'aws:SourceVpc': v.endpoint.VpcId,
  };
  const endpointType = v.endpoint.VpcEndpointType === 'Gateway' ? 'gateway' : 'interface';
  return v.blocked.every((b) => {
    const { request, known } = awsOwnedRequest(ctx, b.bucket.name, base, new Set(['aws:sourceip']));
    return judge(evaluatePolicy(parsed.policy, request, { mode: 'endpoint', endpointType }), known).kind === 'allow';
  });
}

/** The corrected document and what changed, or why it could not be corrected. */
export function repairPerimeter(ctx: PathContext, v: Blocks): { json: string; changes: string[] } | { reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(v.document);
  } catch {
    return { reason: 'the endpoint policy is not valid JSON' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { reason: 'the endpoint policy is not a JSON object' };
  const doc = raw as Json;
  const statements: unknown[] = Array.isArray(doc['Statement'])
    ? [...(doc['Statement'] as unknown[])]
    : [doc['Statement']];
  const arns = objectArns(v);
  const changes: string[] = [];
  const denies = new Set(v.blocked.flatMap((b) => (b.explicit ? b.quoted.map((q) => q.index) : [])));
  for (const index of denies) {
    const s = statements[index];
    if (s === null || typeof s !== 'object') return { reason: `statement #${index} is not an object` };
    const statement = { ...(s as Json) };
    if (!isStar(statement['Resource']) || 'NotResource' in statement)
      return {
        reason: `the Deny statement #${index} names its resources; exempt ${arns.join(', ')} from it by hand`,
      };
    delete statement['Resource'];
    statement['NotResource'] = arns;
    statements[index] = statement;
    changes.push(
      `the Deny statement ${typeof statement['Sid'] === 'string' ? `"${statement['Sid']}"` : `#${index}`} now covers every resource except the AWS-owned buckets (NotResource)`,
    );
  }
  doc['Statement'] = statements;
  let json = JSON.stringify(doc, null, 2);
  if (!letsThrough(ctx, v, json)) {
    statements.push({ Sid: EXCEPTION_SID, Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: arns });
    doc['Statement'] = statements;
    json = JSON.stringify(doc, null, 2);
    changes.push(`appended statement ${EXCEPTION_SID} (Allow s3:GetObject on ${arns.join(', ')}, no condition)`);
  }
  if (!letsThrough(ctx, v, json))
    return { reason: 'another statement still refuses them after the exception; edit the policy by hand' };
  return { json, changes };
}

export function perimeterFix(ctx: PathContext, v: Blocks): Fix {
  const id = v.endpoint.VpcEndpointId;
  const r = repairPerimeter(ctx, v);
  if ('reason' in r)
    return {
      summary: `Add the documented exception to the policy of ${id}: Allow s3:GetObject on ${objectArns(v).join(', ')} with no organization condition. ${r.reason}.`,
      commands: [],
    };
  // CLI v2 reference: ec2 modify-vpc-endpoint (--policy-document takes the JSON inline).
  const command = awsCommand(
    'ec2',
    'modify-vpc-endpoint',
    ['--vpc-endpoint-id', id, '--policy-document', inlineDocument(r.json)],
    { region: v.region },
  );
  return fileFix(
    `Replace the policy of ${id} with the corrected document (${FILE}): ${r.changes.join('; ')}. Every other statement stays as it is, so the perimeter still holds for every other bucket.`,
    command,
    FILE,
    r.json,
  );
}
