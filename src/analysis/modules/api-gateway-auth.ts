// API Gateway through a VPC: a principal-naming execute-api endpoint policy in front of methods
// that take unsigned calls (authorization NONE). Verdict and fix in ../api-gateway/unsigned-*.ts.
import { finding } from '../../findings/catalogue.js';
import type { Check } from '../../findings/types.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import { quote } from '../policy/statements.js';
import { unsignedTarget, unsignedVerdict } from '../api-gateway/unsigned-verdict.js';
import { unsignedFix } from '../api-gateway/unsigned-fixes.js';

const ID = 'apigw.unsigned-methods';

function check(status: Check['status'], detail: string): Check {
  return { id: ID, layer: 'endpoint-policy', status, detail };
}

export const apiGatewayAuthModule: CheckModule = {
  id: 'api-gateway-auth',
  layer: 'endpoint-policy',
  requires(ctx) {
    if (ctx.service?.short !== 'execute-api' || !ctx.inside) return [];
    const t = unsignedTarget(ctx);
    return t === undefined ? [] : [{ key: 'apigateway.methods', input: { restApiId: t.apiId, region: t.region } }];
  },
  evaluate(ctx): ModuleResult {
    const v = unsignedVerdict(ctx);
    switch (v.kind) {
      case 'not-applicable':
        return { checks: [], findings: [] };
      case 'unknown':
        return {
          checks: [couldNotCheck(ID, 'endpoint-policy', `the methods of REST API ${v.apiId}`, v.outcome)],
          findings: [],
        };
      case 'fine':
        return {
          checks: [
            check(
              'pass',
              `the policy of ${v.endpointId} lets unsigned calls reach the ${v.checked} method(s) of ${v.apiId} whose authorization is NONE`,
            ),
          ],
          findings: [],
        };
      case 'refuses':
        break;
      default: {
        const unreachable: never = v;
        return unreachable;
      }
    }
    const id = v.endpoint.VpcEndpointId;
    const methods = v.refused.map((r) => `${r.method.HttpMethod} ${r.method.Path}`);
    return {
      checks: [
        check('fail', `the policy of ${id} refuses unsigned calls to ${methods.join(', ')} of ${v.target.apiId}`),
      ],
      findings: [
        finding('apigw.unsigned-method-endpoint-policy', {
          evidence: [
            `REST API ${v.target.apiId}: ${methods.join(', ')} ${methods.length > 1 ? 'have' : 'has'} authorization type NONE, so clients call ${methods.length > 1 ? 'them' : 'it'} without a SigV4 signature`,
            `the policy of ${id} judges an unsigned call as an anonymous caller, and refuses execute-api:Invoke on ${v.refused.map((r) => r.arn).join(', ')}:`,
            ...[...new Map(v.refused.flatMap((r) => r.quoted).map((q) => [q.index, q])).values()].map(quote),
          ],
          fix: unsignedFix(v, ctx.region),
        }),
      ],
    };
  },
};
