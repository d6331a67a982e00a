// The request a policy is judged for: who (principal), what (action), on what (resource), and
// the context AWS builds for it on this path. Pure: everything comes from the path context.
//
// Decisions (documented in the report detail as well):
// - principal: `target.principal` when given, else the identity vpce-doctor runs as (STS
//   GetCallerIdentity; an assumed-role session ARN).
// - action: `target.action`, else the service's usual calls (DEFAULT_ACTIONS), each judged.
// - context: aws:PrincipalArn/Account/Type, aws:ResourceAccount (from the resource ARN),
//   aws:PrincipalOrgID / aws:ResourceOrgID for the account vpce-doctor runs in (./organization.ts),
//   aws:RequestedRegion, aws:PrincipalIsAWSService and aws:ViaAWSService false (the workload
//   calls the service itself).
// - resource: `target.resource` (an ARN) for any service. Conveniences: S3 `arn:aws:s3:::<bucket>/<key>`;
//   an empty key is judged as "any object" and sent as `<bucket>/*`, so statements scoped to a
//   key prefix do not count for it; bucket-level actions (ListBucket, GetBucket…) use the bucket
//   ARN. DynamoDB `target.table` becomes `arn:<partition>:dynamodb:<region>:<principal's
//   account>:table/<name>`. Actions that take no resource (ecr:GetAuthorizationToken) use "*".
//   Otherwise the resource is unknown: a policy is judged only where its decision does not
//   depend on the resource, and is otherwise a check that could not run.
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
import { organizationKeys } from './organization.js';
import { DEFAULT_ACTIONS, RESOURCELESS } from './default-actions.js';
import { AWS_OWNED_VALUE, awsOwnedByName } from './perimeter/aws-owned.js';

export { DEFAULT_ACTIONS } from './default-actions.js';

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
  /** The request the report leads with (the given action, or the service's first usual one). */
  request: PolicyRequest;
  /** The other usual actions of the service, judged too when the user named none. */
  others: PolicyRequest[];
  /**
   * Where the resource ARN came from; `unknown`: no target names it, so `request.resource` is
   * "*" and only a policy whose decision does not depend on the resource can be judged.
   */
  resourceFrom: 'target.resource' | 'target.bucket' | 'target.table' | 'takes no resource' | 'unknown';
  /** Actions whose resource no target names (their `resource` is "*"). */
  unknownResource: string[];
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

type ResourceFrom = JudgedRequest['resourceFrom'];

function resourceFor(
  ctx: PathContext,
  action: string,
  partition: string,
  account: string,
): { arn: string; from: ResourceFrom } | undefined {
  if (RESOURCELESS.has(action.toLowerCase())) return { arn: '*', from: 'takes no resource' };
  const given = ctx.answers['target.resource'] ?? '';
  if (given !== '') return { arn: given, from: 'target.resource' };
  const short = ctx.service?.short;
  if (short === 's3') {
    const bucket = ctx.answers['target.bucket'] ?? '';
    if (bucket === '') return undefined;
    if (/^s3:ListAllMyBuckets$/i.test(action)) return { arn: '*', from: 'takes no resource' };
    if (BUCKET_LEVEL.test(action) && !/^s3:ListMultipartUploadParts$/i.test(action))
      return { arn: `arn:${partition}:s3:::${bucket}`, from: 'target.bucket' };
    const key = ctx.answers['target.key'] ?? '';
    return { arn: `arn:${partition}:s3:::${bucket}/${key === '' ? '*' : key}`, from: 'target.bucket' };
  }
  if (short === 'dynamodb') {
    const table = ctx.answers['target.table'] ?? '';
    return table === ''
      ? undefined
      : { arn: `arn:${partition}:dynamodb:${ctx.region}:${account}:table/${table}`, from: 'target.table' };
  }
  return undefined;
}

const ARN_ACCOUNT = /^arn:[\w-]+:[\w.-]+:[\w-]*:(\d{12}):/;

/** aws:PrincipalType for the caller (IAM User Guide, global condition keys: aws:PrincipalType). */
function principalType(arn: string): string | undefined {
  if (/^arn:[\w-]+:iam::\d{12}:root$/.test(arn)) return 'Account';
  if (/^arn:[\w-]+:iam::\d{12}:user\//.test(arn)) return 'User';
  if (/^arn:[\w-]+:sts::\d{12}:assumed-role\//.test(arn) || /^arn:[\w-]+:iam::\d{12}:role\//.test(arn))
    return 'AssumedRole';
  if (/^arn:[\w-]+:sts::\d{12}:federated-user\//.test(arn)) return 'FederatedUser';
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

/** The request to judge, or why there is none (no principal, no action). */
export function judgedRequest(ctx: PathContext): RequestResult {
  const principal = requestPrincipal(ctx);
  if ('reason' in principal) return { ok: false, reason: principal.reason };
  const m = PRINCIPAL_ARN.exec(principal.arn);
  if (m === null) return { ok: false, reason: `the principal ${principal.arn} is not an IAM or STS ARN` };
  const partition = m[1] ?? 'aws';
  const account = m[3] ?? '';
  const short = ctx.service?.short ?? '';
  const givenAction = ctx.answers['target.action'] ?? '';
  const actions = givenAction !== '' ? [givenAction] : (DEFAULT_ACTIONS[short] ?? []);
  if (actions.length === 0)
    return {
      ok: false,
      reason: `no action to judge for ${short || 'this service'}: give it as target.action (e.g. ${short || 'sqs'}:…)`,
    };
  const path = judgedPath(ctx);
  const absent = new Set(path.absent);
  const base: Record<string, ContextValue> = {
    ...path.context,
    'aws:PrincipalArn': roleOfSession(principal.arn) ?? principal.arn,
    'aws:PrincipalAccount': account,
    // A workload calling the service itself: not a service principal, not a call a service makes on its behalf.
    'aws:PrincipalIsAWSService': false,
    'aws:ViaAWSService': false,
    'aws:RequestedRegion': ctx.region,
  };
  const type = principalType(principal.arn);
  if (type !== undefined) base['aws:PrincipalType'] = type;
  const requests = actions.map((action) => {
    const resource = resourceFor(ctx, action, partition, account);
    const context = { ...base };
    // aws:ResourceAccount is the account in the resource's ARN; S3 ARNs carry none (the owner is unseen).
    const owner = resource !== undefined ? ARN_ACCOUNT.exec(resource.arn)?.[1] : undefined;
    if (owner !== undefined) context['aws:ResourceAccount'] = owner;
    // aws:PrincipalOrgID / aws:ResourceOrgID where the organization read knows them (./organization.ts).
    const org = organizationKeys(ctx, account, owner);
    Object.assign(context, org.context);
    for (const k of org.absent) absent.add(k);
    // An AWS-owned bucket (the ECR layer bucket, the Amazon Linux repositories …) lives in an AWS
    // account outside any customer's organization: its resource keys are never yours (./perimeter/aws-owned.ts).
    if (resource?.from === 'target.bucket' && awsOwnedByName(ctx.answers['target.bucket'] ?? '') !== undefined)
      for (const k of ['aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths'])
        context[k] = AWS_OWNED_VALUE;
    const request: PolicyRequest = {
      principal: { arn: principal.arn, accountId: account },
      action,
      resource: resource?.arn ?? '*',
      context,
    };
    return { request, from: resource?.from ?? 'unknown' };
  });
  const [first, ...others] = requests;
  if (first === undefined) return { ok: false, reason: 'no action to judge' };
  return {
    ok: true,
    value: {
      ...path,
      absent,
      context: first.request.context,
      request: first.request,
      others: others.map((o) => o.request),
      resourceFrom: requests.some((r) => r.from === 'unknown') ? 'unknown' : first.from,
      unknownResource: requests.filter((r) => r.from === 'unknown').map((r) => r.request.action),
      principalFrom: principal.from,
      actionFrom: givenAction !== '' ? 'target.action' : 'default',
      partition,
    },
  };
}

/** Every request judged: the lead one and the service's other usual actions. */
export function allRequests(judged: JudgedRequest): PolicyRequest[] {
  return [judged.request, ...judged.others];
}

/** The judged request narrowed to one of its requests (the one a finding is about). */
export function focus(judged: JudgedRequest, request: PolicyRequest): JudgedRequest {
  return { ...judged, request, context: request.context, others: [] };
}

/** Why the resource is unknown, in the words a skipped check gives. */
export function unknownResourceReason(short: string | undefined, action: string): string {
  const what =
    short === 's3'
      ? 'target.bucket (or target.resource)'
      : short === 'dynamodb'
        ? 'target.table (or target.resource)'
        : 'target.resource (the ARN the request acts on)';
  return `its decision depends on the resource and none is given: give ${what} to judge ${action}`;
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
  const actions = allRequests(judged).map((r) => r.action);
  const what = actions.length > 1 ? `${actions.join(' and ')}` : judged.request.action;
  const on = judged.resourceFrom === 'unknown' ? 'any resource (none given)' : judged.request.resource;
  return `${judged.request.principal.arn} (${judged.principalFrom}) calling ${what}${judged.actionFrom === 'default' ? ' (the usual calls; set target.action to judge another)' : ''} on ${on} ${via}`;
}
