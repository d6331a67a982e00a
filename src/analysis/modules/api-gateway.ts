// API Gateway through a VPC: the REST API named by the hostname, its endpoint type, and the
// execute-api endpoint's private DNS (verdict in ../api-gateway/verdict.ts).
import { finding } from '../../findings/catalogue.js';
import type { Check } from '../../findings/types.js';
import { apiGatewayVerdict, apiOfHostname } from '../api-gateway/verdict.js';
import { privateApiHostname, publicApiWayOut } from '../api-gateway/fixes.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';

const ID = 'apigw.endpoint-type';

function check(status: Check['status'], detail: string): Check {
  return { id: ID, layer: 'dns', status, detail };
}

export const apiGatewayModule: CheckModule = {
  id: 'api-gateway',
  layer: 'dns',
  requires(ctx) {
    if (ctx.service?.short !== 'execute-api' || !ctx.inside) return [];
    const api = apiOfHostname(ctx);
    return api === undefined
      ? []
      : [{ key: 'apigateway.rest-api', input: { restApiId: api.apiId, region: api.region } }];
  },
  evaluate(ctx): ModuleResult {
    const v = apiGatewayVerdict(ctx);
    switch (v.kind) {
      case 'not-applicable':
        return { checks: [], findings: [] };
      case 'unknown':
        return {
          checks: [couldNotCheck(ID, 'dns', `the endpoint type of REST API ${v.apiId}`, v.outcome)],
          findings: [],
        };
      case 'no-such-api':
        return {
          checks: [
            check('warn', `no REST API ${v.apiId} in this account (GetRestApi: NotFound): check target.hostname`),
          ],
          findings: [],
        };
      case 'fine':
        return {
          checks: [
            check(
              'pass',
              `REST API ${v.apiId} is ${v.types.join('/')}; ${v.endpoint.VpcEndpointId} has private DNS ${v.endpoint.PrivateDnsEnabled === true ? 'on' : 'off'}`,
            ),
          ],
          findings: [],
        };
      case 'public-behind-private-dns':
        return {
          checks: [
            check(
              'fail',
              `REST API ${v.apiId} is ${v.types.join('/')}, but ${v.hostname} resolves to ${v.endpoint.VpcEndpointId}`,
            ),
          ],
          findings: [
            finding('apigw.public-api-private-dns', {
              evidence: [
                `GetRestApi ${v.apiId}: endpointConfiguration.types ${v.types.join(', ')} (a public API)`,
                `${v.endpoint.VpcEndpointId} (${v.endpoint.ServiceName}) has private DNS on: *.execute-api.${ctx.region}.amazonaws.com, ${v.hostname} included, resolves to it inside ${v.endpoint.VpcId}`,
                'an execute-api endpoint carries requests to private APIs only: the public API answers 403 Forbidden through it',
              ],
              fix: publicApiWayOut(v, ctx.region),
            }),
          ],
        };
      case 'private-without-private-dns':
        return {
          checks: [
            check('fail', `REST API ${v.apiId} is PRIVATE, and ${v.endpoint.VpcEndpointId} has private DNS off`),
          ],
          findings: [
            finding('apigw.private-api-hostname', {
              evidence: [
                `GetRestApi ${v.apiId}: endpointConfiguration.types PRIVATE; associated endpoints: ${v.associated ? v.endpoint.VpcEndpointId : 'not ' + v.endpoint.VpcEndpointId}`,
                `${v.endpoint.VpcEndpointId} has private DNS off: the default name ${v.apiId}.execute-api.${v.region}.amazonaws.com resolves to public addresses, where a private API does not answer`,
              ],
              fix: privateApiHostname(v, ctx.region),
            }),
          ],
        };
      default: {
        const unreachable: never = v;
        return unreachable;
      }
    }
  },
};
