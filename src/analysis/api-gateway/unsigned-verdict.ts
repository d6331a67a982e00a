// An execute-api endpoint policy that admits named principals, in front of a method whose
// authorization type is NONE: the client sends no signature, and "No content" in the
// Authorization header means "the invoker is evaluated as an anonymous user" by the endpoint
// policy (API Gateway guide, apigateway-vpc-endpoint-policies), so the call is refused with 403
// although the principal it runs as is allowed. Facts in, a typed verdict out.
import type { PathContext } from '../../path/context.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { ApiMethod } from '../../probes/specs/api-methods.js';
import { callerIdentity } from '../../path/identity.js';
import { endpointInVpc } from '../dns/endpoint-facts.js';
import { judge } from '../policy/deciding.js';
import { parsePolicy } from '../policy/document.js';
import { evaluatePolicy, type ContextValue, type PolicyRequest, type StatementOutcome } from '../policy/evaluate.js';
import { isDefaultFullAccess } from '../policy/inspect.js';
import { apiOfHostname } from './verdict.js';

const METHOD_ARN = /^arn:([\w-]+):execute-api:([\w-]+):(\d{12}):([a-z0-9]{10})\/([^/]+)\/([A-Z*]+)\/?(.*)$/;

export interface UnsignedTarget {
  apiId: string;
  region: string;
  account: string;
  partition: string;
  stage: string;
  /** The method the target ARN names (verb and path), or undefined: every method of the API. */
  method: { verb: string; path: string } | undefined;
}

export interface Refused {
  method: ApiMethod;
  arn: string;
  quoted: StatementOutcome[];
}

export type UnsignedVerdict =
  | { kind: 'not-applicable' }
  | { kind: 'unknown'; apiId: string; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'fine'; endpointId: string; apiId: string; checked: number }
  | { kind: 'refuses'; endpoint: VpcEndpoint; target: UnsignedTarget; refused: Refused[]; document: string };

/** The API (and method) the request names: target.resource (a method ARN) or the default hostname. */
export function unsignedTarget(ctx: PathContext): UnsignedTarget | undefined {
  const m = METHOD_ARN.exec(ctx.answers['target.resource'] ?? '');
  if (m !== null) {
    const [, partition = 'aws', region = '', account = '', apiId = '', stage = '*', verb = '*', path = ''] = m;
    return {
      apiId,
      region,
      account,
      partition,
      stage,
      method: verb === '*' ? undefined : { verb, path: `/${path}` },
    };
  }
  const api = apiOfHostname(ctx);
  const account = callerIdentity(ctx.probe)?.Account;
  if (api === undefined || account === undefined) return undefined;
  return { apiId: api.apiId, region: api.region, account, partition: 'aws', stage: '*', method: undefined };
}

export function methodArn(t: UnsignedTarget, m: ApiMethod): string {
  return `arn:${t.partition}:execute-api:${t.region}:${t.account}:${t.apiId}/${t.stage}/${m.HttpMethod}${m.Path}`;
}

/** The endpoint policy's view of an unsigned call: an anonymous caller, through this endpoint. */
export function anonymousInvoke(endpoint: VpcEndpoint, arn: string): { request: PolicyRequest; absent: Set<string> } {
  const context: Record<string, ContextValue> = {
    'aws:SecureTransport': true,
    'aws:SourceVpce': endpoint.VpcEndpointId,
    'aws:SourceVpc': endpoint.VpcId,
    'aws:PrincipalIsAWSService': false,
    'aws:ViaAWSService': false,
  };
  const absent = new Set([
    'aws:sourceip',
    'aws:principalarn',
    'aws:principalaccount',
    'aws:principalorgid',
    'aws:principalorgpaths',
    'aws:principaltype',
  ]);
  return {
    request: { principal: { arn: 'anonymous', accountId: '' }, action: 'execute-api:Invoke', resource: arn, context },
    absent,
  };
}

function sameMethod(m: ApiMethod, wanted: { verb: string; path: string }): boolean {
  return m.HttpMethod === wanted.verb && m.Path.replace(/\/+$/, '') === wanted.path.replace(/\/+$/, '');
}

export function unsignedVerdict(ctx: PathContext): UnsignedVerdict {
  if (ctx.service?.short !== 'execute-api' || !ctx.inside) return { kind: 'not-applicable' };
  const endpoint = endpointInVpc(ctx);
  if (endpoint === undefined || endpoint.VpcEndpointType !== 'Interface') return { kind: 'not-applicable' };
  const text = endpoint.PolicyDocument ?? '';
  const parsed = text === '' ? undefined : parsePolicy(text);
  if (parsed === undefined || !parsed.ok || isDefaultFullAccess(parsed.policy)) return { kind: 'not-applicable' };
  const target = unsignedTarget(ctx);
  if (target === undefined) return { kind: 'not-applicable' };
  const outcome = ctx.probe('apigateway.methods', { restApiId: target.apiId, region: target.region });
  if (outcome?.status !== 'ok') return { kind: 'unknown', apiId: target.apiId, outcome };
  if (outcome.value === null) return { kind: 'not-applicable' }; // no such API: apigw.endpoint-type says so
  const open = outcome.value.filter(
    (m) => m.AuthorizationType === 'NONE' && (target.method === undefined || sameMethod(m, target.method)),
  );
  const refused: Refused[] = [];
  for (const method of open) {
    const arn = methodArn(target, method);
    const { request, absent } = anonymousInvoke(endpoint, arn);
    const result = evaluatePolicy(parsed.policy, request, { mode: 'endpoint', endpointType: 'interface' });
    const verdict = judge(result, { context: request.context, absent });
    if (verdict.kind === 'deny')
      refused.push({
        method,
        arn,
        quoted: verdict.explicit ? verdict.deciding.map((d) => d.outcome) : result.deciding,
      });
  }
  if (refused.length === 0)
    return { kind: 'fine', endpointId: endpoint.VpcEndpointId, apiId: target.apiId, checked: open.length };
  return { kind: 'refuses', endpoint, target, refused, document: text };
}
