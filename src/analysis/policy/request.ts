// The request a policy is judged for: who (principal), what (action), on what (resource), and
// the context AWS builds for it on this path. Pure: everything comes from the path context.
//
// Decisions (documented in the report detail as well):
// - principal: `target.principal` when given, else the identity vpce-doctor runs as (STS
//   GetCallerIdentity; an assumed-role session ARN).
// - action: `target.action`, else the service's usual read (DEFAULT_ACTIONS).
// - resource: S3 `arn:aws:s3:::<bucket>/<key>`; an empty key is judged as "any object" and sent
//   as `<bucket>/*`, so statements scoped to a key prefix do not count for it; bucket-level
//   actions (ListBucket, GetBucket…) use the bucket ARN. DynamoDB `target.table` becomes
//   `arn:<partition>:dynamodb:<region>:<principal's account>:table/<name>`. Other services: no
//   resource, so only a default (full-access) endpoint policy can be judged.
// - context through an endpoint: aws:SourceVpce = the endpoint the path takes, aws:SourceVpc = its
//   VPC, aws:VpcSourceIp = the source's private address; aws:SourceIp is absent ("not present"
//   through a VPC endpoint, IAM User Guide, global condition context keys: aws:SourceIp). Without
//   an endpoint the request leaves by NAT/internet: no VPC keys, and aws:SourceIp is a public
//   address vpce-doctor cannot know. aws:SecureTransport is taken as true (SDKs and the CLI use HTTPS).

import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { ContextValue, PolicyRequest } from './evaluate.js';
import { routedHub } from '../hub/verdict.js';
import { callerIdentityOutcome } from '../../path/identity.js';

/** The usual read per service short name, judged when the user names no action. */
export const DEFAULT_ACTIONS: Readonly<Record<string, string>> = {
  s3: 's3:GetObject',
  dynamodb: 'dynamodb:GetItem',
  sqs: 'sqs:ReceiveMessage',
  sns: 'sns:Publish',
  kms: 'kms:Decrypt',
  secretsmanager: 'secretsmanager:GetSecretValue',
  ssm: 'ssm:GetParameter',
  logs: 'logs:PutLogEvents',
  'ecr.api': 'ecr:GetAuthorizationToken',
  'ecr.dkr': 'ecr:BatchGetImage',
  lambda: 'lambda:InvokeFunction',
  sts: 'sts:AssumeRole',
};

const PRINCIPAL_ARN = /^arn:([\w-]+):(iam|sts)::(\d{12}):(.+)$/;
const SESSION = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;
const BUCKET_LEVEL = /^s3:(ListBucket\w*|\w*Bucket\w*|ListMultipartUploadParts)$/i;

export interface JudgedPath {
  /** The endpoint the request passes through, if any. */
  endpoint: VpcEndpoint | undefined;
  /** Context keys the request carries on this path (canonical spelling). */
  context: Record<string, ContextValue>;
  /** Keys we know are absent on this path (lowercase): a condition on them is decided, not unknown. */
  absent: ReadonlySet<string>;
}

export interface JudgedRequest extends JudgedPath {
  request: PolicyRequest;
  principalFrom: 'target.principal' | 'caller identity';
  actionFrom: 'target.action' | 'default';
  /** Partition of the principal (aws, aws-cn, aws-us-gov). */
  partition: string;
}

export type RequestResult = { ok: true; value: JudgedRequest } | { ok: false; reason: string };

/** The endpoint this path really goes through: in the traffic's VPC, and a gateway only for sources inside it. */
export function pathEndpoint(ctx: PathContext): VpcEndpoint | undefined {
  const e = ctx.endpoint;
  // A hub endpoint the spoke routes to carries the request: the service sees the hub's endpoint
  // and VPC (aws:SourceVpce, aws:SourceVpc), not the spoke's.
  const hub = routedHub(ctx);
  if (hub !== undefined) return hub.endpoint;
  if (e === undefined || e.VpcId !== ctx.vpcId) return undefined;
  if (e.VpcEndpointType === 'Gateway' && !ctx.inside) return undefined; // gateway endpoints are not transitive
  return e;
}

function sourceIp(ctx: PathContext): string | undefined {
  if (ctx.inside) return ctx.source?.PrivateIpAddress;
  const ip = ctx.answers['source.ip'];
  return ip !== undefined && ip !== '' ? ip : undefined;
}

export function judgedPath(ctx: PathContext): JudgedPath {
  const endpoint = pathEndpoint(ctx);
  const context: Record<string, ContextValue> = { 'aws:SecureTransport': true };
  const absent = new Set<string>();
  if (endpoint !== undefined) {
    context['aws:SourceVpce'] = endpoint.VpcEndpointId;
    context['aws:SourceVpc'] = endpoint.VpcId;
    const ip = sourceIp(ctx);
    if (ip !== undefined) context['aws:VpcSourceIp'] = ip;
    absent.add('aws:sourceip');
  } else {
    for (const k of ['aws:sourcevpce', 'aws:sourcevpc', 'aws:vpcsourceip']) absent.add(k);
  }
  return { endpoint, context, absent };
}

/** The IAM role ARN behind an assumed-role session (without its path, which the session ARN drops). */
export function roleOfSession(arn: string): string | undefined {
  const m = SESSION.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined;
}

function resourceFor(ctx: PathContext, action: string, partition: string, account: string): string | undefined {
  const short = ctx.service?.short;
  if (short === 's3') {
    const bucket = ctx.answers['target.bucket'] ?? '';
    if (bucket === '') return undefined;
    if (/^s3:ListAllMyBuckets$/i.test(action)) return '*';
    if (BUCKET_LEVEL.test(action) && !/^s3:ListMultipartUploadParts$/i.test(action))
      return `arn:${partition}:s3:::${bucket}`;
    const key = ctx.answers['target.key'] ?? '';
    return `arn:${partition}:s3:::${bucket}/${key === '' ? '*' : key}`;
  }
  if (short === 'dynamodb') {
    const table = ctx.answers['target.table'] ?? '';
    return table === '' ? undefined : `arn:${partition}:dynamodb:${ctx.region}:${account}:table/${table}`;
  }
  return undefined;
}

/** The principal the request is made as, or why it is unknown. */
export function requestPrincipal(
  ctx: PathContext,
): { arn: string; from: JudgedRequest['principalFrom'] } | { reason: string } {
  const given = ctx.answers['target.principal'] ?? '';
  if (given !== '') return { arn: given, from: 'target.principal' };
  const outcome = callerIdentityOutcome(ctx.probe);
  const identity = okValue(outcome);
  if (identity !== undefined) return { arn: identity.Arn, from: 'caller identity' };
  const why = outcome === undefined ? 'it was not collected' : outcome.status === 'ok' ? 'unknown' : outcome.message;
  return { reason: `the principal is unknown (sts:GetCallerIdentity: ${why}); give it as target.principal` };
}

/** The request to judge, or why there is none (no resource for this service, no principal). */
export function judgedRequest(ctx: PathContext): RequestResult {
  const principal = requestPrincipal(ctx);
  if ('reason' in principal) return { ok: false, reason: principal.reason };
  const m = PRINCIPAL_ARN.exec(principal.arn);
  if (m === null) return { ok: false, reason: `the principal ${principal.arn} is not an IAM or STS ARN` };
  const partition = m[1] ?? 'aws';
  const account = m[3] ?? '';
  const short = ctx.service?.short ?? '';
  const givenAction = ctx.answers['target.action'] ?? '';
  const action = givenAction !== '' ? givenAction : DEFAULT_ACTIONS[short];
  if (action === undefined)
    return {
      ok: false,
      reason: `no action to judge for ${short || 'this service'}: give it as target.action (e.g. ${short || 'sqs'}:…)`,
    };
  const resource = resourceFor(ctx, action, partition, account);
  if (resource === undefined) {
    const what = short === 's3' ? 'target.bucket' : short === 'dynamodb' ? 'target.table' : undefined;
    return {
      ok: false,
      reason: what
        ? `no ${what} given, so there is no resource to judge ${action} on`
        : `vpce-doctor judges resources for S3 (target.bucket) and DynamoDB (target.table) only; ${short} has no resource to judge ${action} on`,
    };
  }
  const path = judgedPath(ctx);
  const context: Record<string, ContextValue> = {
    ...path.context,
    'aws:PrincipalArn': roleOfSession(principal.arn) ?? principal.arn,
    'aws:PrincipalAccount': account,
  };
  return {
    ok: true,
    value: {
      ...path,
      context,
      request: { principal: { arn: principal.arn, accountId: account }, action, resource, context },
      principalFrom: principal.from,
      actionFrom: givenAction !== '' ? 'target.action' : 'default',
      partition,
    },
  };
}

/** "arn:…:assumed-role/App/i-0abc calling s3:GetObject on arn:aws:s3:::b/k through vpce-… (aws:SourceVpce vpce-…, aws:SourceVpc vpc-…, aws:VpcSourceIp 10.0.1.25)" */
export function describeRequest(judged: JudgedRequest): string {
  const via = judged.endpoint
    ? `through ${judged.endpoint.VpcEndpointId} (aws:SourceVpce ${judged.endpoint.VpcEndpointId}, aws:SourceVpc ${judged.endpoint.VpcId}` +
      (typeof judged.context['aws:VpcSourceIp'] === 'string'
        ? `, aws:VpcSourceIp ${judged.context['aws:VpcSourceIp']}`
        : '') +
      ', no aws:SourceIp)'
    : 'not through a VPC endpoint (no aws:SourceVpce or aws:SourceVpc)';
  return `${judged.request.principal.arn} (${judged.principalFrom}) calling ${judged.request.action}${judged.actionFrom === 'default' ? ' (the usual read; set target.action to judge another)' : ''} on ${judged.request.resource} ${via}`;
}
