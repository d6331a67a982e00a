// API Gateway through a VPC (Knowledge Center "api-gateway-vpc-connections"): the API id in the
// hostname names the REST API; its endpoint type (PRIVATE / REGIONAL / EDGE) against the
// execute-api endpoint's private DNS decides whether the call can reach it. Facts in, verdict out.
import type { PathContext } from '../../path/context.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { RestApi } from '../../probes/specs/resource-policies.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { endpointInVpc } from '../dns/endpoint-facts.js';

/** `{api-id}.execute-api.{region}.amazonaws.com`: the default invoke name of a REST API. */
const DEFAULT_NAME = /^([a-z0-9]{10})\.execute-api\.([a-z0-9-]+)\.amazonaws\.com\.?$/;

export type ApiGatewayVerdict =
  | { kind: 'not-applicable' }
  | { kind: 'unknown'; apiId: string; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'no-such-api'; apiId: string }
  | { kind: 'fine'; apiId: string; types: string[]; endpoint: VpcEndpoint }
  /** A public API's default name, sent to the endpoint by its private DNS: endpoints carry private APIs only. */
  | { kind: 'public-behind-private-dns'; apiId: string; types: string[]; endpoint: VpcEndpoint; hostname: string }
  /** A private API by its default name while private DNS is off: the name resolves to public addresses. */
  | { kind: 'private-without-private-dns'; apiId: string; endpoint: VpcEndpoint; associated: boolean; region: string };

/** The REST API a default invoke name names, from `target.hostname`. */
export function apiOfHostname(ctx: PathContext): { apiId: string; region: string; hostname: string } | undefined {
  const hostname = (ctx.answers['target.hostname'] ?? '').trim().toLowerCase();
  const m = DEFAULT_NAME.exec(hostname);
  return m ? { apiId: m[1] ?? '', region: m[2] ?? ctx.region, hostname } : undefined;
}

export function apiGatewayVerdict(ctx: PathContext): ApiGatewayVerdict {
  if (ctx.service?.short !== 'execute-api' || !ctx.inside) return { kind: 'not-applicable' };
  const api = apiOfHostname(ctx);
  const endpoint = endpointInVpc(ctx);
  if (api === undefined || endpoint === undefined || endpoint.VpcEndpointType !== 'Interface')
    return { kind: 'not-applicable' };
  const outcome = ctx.probe('apigateway.rest-api', { restApiId: api.apiId, region: api.region });
  if (outcome?.status !== 'ok') return { kind: 'unknown', apiId: api.apiId, outcome };
  const rest: RestApi | null = outcome.value;
  if (rest === null) return { kind: 'no-such-api', apiId: api.apiId };
  const types = rest.EndpointTypes;
  const isPrivate = types.includes('PRIVATE');
  const privateDns = endpoint.PrivateDnsEnabled === true;
  if (!isPrivate && privateDns)
    return { kind: 'public-behind-private-dns', apiId: api.apiId, types, endpoint, hostname: api.hostname };
  if (isPrivate && !privateDns)
    return {
      kind: 'private-without-private-dns',
      apiId: api.apiId,
      endpoint,
      associated: rest.VpcEndpointIds.includes(endpoint.VpcEndpointId),
      region: api.region,
    };
  return { kind: 'fine', apiId: api.apiId, types, endpoint };
}
