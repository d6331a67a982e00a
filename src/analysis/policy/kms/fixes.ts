// The corrected key policy for a key that refuses S3's call on the caller's behalf, evaluated
// again before it is printed: a Deny on the VPC keys exempts calls an AWS service makes for the
// caller (Bool aws:ViaAWSService false — KMS guide, conditions-aws: "Using VPC endpoint
// conditions in policies with AWS KMS permissions"); no allow at all gets one Allow for this
// principal and this KMS action, only through S3 (kms:ViaService).
import type { Fix } from '../../../findings/types.js';
import { awsCommand } from '../../../findings/command.js';
import { judge } from '../deciding.js';
import { parsePolicy } from '../document.js';
import { evaluatePolicy } from '../evaluate.js';
import { fileFix, inlineDocument } from '../file-fix.js';
import { label } from '../statements.js';
import type { KmsVerdict } from './verdict.js';
import { kmsRequest } from './verdict.js';

type Denies = Extract<KmsVerdict, { kind: 'denies' }>;
type Json = Record<string, unknown>;

const FILE = 'key-policy.json';

function allowsNow(v: Denies, json: string): boolean {
  const parsed = parsePolicy(json);
  if (!parsed.ok) return false;
  const { request, absent } = kmsRequest(v.path, v.keyArn);
  return (
    judge(evaluatePolicy(parsed.policy, request, { mode: 'resource' }), { context: request.context, absent }).kind ===
    'allow'
  );
}

export function repairKeyPolicy(v: Denies): { json: string; changes: string[] } | { reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(v.document);
  } catch {
    return { reason: 'the key policy is not valid JSON' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { reason: 'the key policy is not an object' };
  const doc = raw as Json;
  const statements: unknown[] = Array.isArray(doc['Statement'])
    ? [...(doc['Statement'] as unknown[])]
    : [doc['Statement']];
  const changes: string[] = [];
  if (v.explicit) {
    for (const d of v.deciding) {
      if (d.hinge !== 'vpc')
        return { reason: `${label(d.outcome)} denies the caller on other grounds than the VPC; edit it by hand` };
      const s = statements[d.outcome.index];
      if (s === null || typeof s !== 'object') return { reason: `statement #${d.outcome.index} is not an object` };
      const statement = { ...(s as Json) };
      const condition = { ...((statement['Condition'] as Json | undefined) ?? {}) };
      condition['Bool'] = { ...((condition['Bool'] as Json | undefined) ?? {}), 'aws:ViaAWSService': 'false' };
      statement['Condition'] = condition;
      statements[d.outcome.index] = statement;
      changes.push(
        `${label(d.outcome)} no longer applies to calls an AWS service makes for the caller (Bool aws:ViaAWSService false)`,
      );
    }
  }
  doc['Statement'] = statements;
  let json = JSON.stringify(doc, null, 2);
  if (!allowsNow(v, json)) {
    const principal = v.request.context['aws:PrincipalArn'];
    if (typeof principal !== 'string') return { reason: 'the caller is unknown' };
    const sid = `VpceDoctorAllowS3${v.path.kmsAction.replace(/^kms:/, '')}`;
    statements.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: { AWS: principal },
      Action: v.path.kmsAction,
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `s3.${v.path.region}.amazonaws.com` } },
    });
    doc['Statement'] = statements;
    json = JSON.stringify(doc, null, 2);
    changes.push(
      `appended statement ${sid} (Allow ${principal} ${v.path.kmsAction} on the key, only through S3: kms:ViaService s3.${v.path.region}.amazonaws.com)`,
    );
  }
  if (!allowsNow(v, json)) return { reason: 'another statement still refuses it; edit the key policy by hand' };
  return { json, changes };
}

export function keyPolicyFix(v: Denies): Fix {
  const r = repairKeyPolicy(v);
  if ('reason' in r)
    return {
      summary: `Let ${v.request.principal.arn} use ${v.keyArn} for ${v.path.kmsAction} through S3 in its key policy: ${r.reason}.`,
      commands: [],
    };
  // CLI v2 reference: kms put-key-policy (the only policy name is "default"; --policy takes the JSON inline).
  const command = awsCommand(
    'kms',
    'put-key-policy',
    ['--key-id', v.keyArn, '--policy-name', 'default', '--policy', inlineDocument(r.json)],
    { region: v.keyRegion },
  );
  return fileFix(
    `Replace the key policy of ${v.keyArn} with the corrected document (${FILE}): ${r.changes.join('; ')}. Every other statement stays as it is.`,
    command,
    FILE,
    r.json,
  );
}
