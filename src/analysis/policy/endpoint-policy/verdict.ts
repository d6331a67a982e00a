// The endpoint policy of the endpoint the path takes, judged against the request: facts in, a
// typed verdict out.
import type { VpcEndpoint } from '../../../probes/shapes.js';
import { judge, type Deciding, type Judgement } from '../deciding.js';
import { parsePolicy } from '../document.js';
import { evaluatePolicy, type StatementOutcome } from '../evaluate.js';
import { isDefaultFullAccess } from '../inspect.js';
import type { JudgedRequest, RequestResult } from '../request.js';

export type EndpointType = 'gateway' | 'interface';

export type EndpointPolicyVerdict =
  | { kind: 'no-endpoint' }
  | { kind: 'no-document'; endpointId: string }
  | { kind: 'unreadable'; endpointId: string; error: string }
  | { kind: 'default-full-access'; endpointId: string }
  | { kind: 'not-evaluated'; endpointId: string; reason: string }
  | { kind: 'allows'; endpointId: string; judged: JudgedRequest; statements: StatementOutcome[]; caveats: string[] }
  | { kind: 'uncertain'; endpointId: string; judgement: Extract<Judgement, { kind: 'uncertain' }>; caveats: string[] }
  | {
      kind: 'denies';
      endpointId: string;
      judged: JudgedRequest;
      document: string;
      endpointType: EndpointType;
      explicit: boolean;
      /** The statements that decide (explicit deny), or every statement evaluated (implicit deny). */
      quoted: StatementOutcome[];
      caveats: string[];
      /** The denial rests on aws:SourceIp, which a request through an endpoint never carries. */
      onSourceIp: boolean;
    };

export function endpointPolicyVerdict(endpoint: VpcEndpoint | undefined, judged: RequestResult): EndpointPolicyVerdict {
  if (endpoint === undefined) return { kind: 'no-endpoint' };
  const endpointId = endpoint.VpcEndpointId;
  const text = endpoint.PolicyDocument;
  if (text === undefined || text === '') return { kind: 'no-document', endpointId };
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { kind: 'unreadable', endpointId, error: parsed.error };
  if (isDefaultFullAccess(parsed.policy)) return { kind: 'default-full-access', endpointId };
  if (!judged.ok) return { kind: 'not-evaluated', endpointId, reason: judged.reason };
  const judgedRequest = judged.value;
  const endpointType: EndpointType = endpoint.VpcEndpointType === 'Gateway' ? 'gateway' : 'interface';
  const result = evaluatePolicy(parsed.policy, judgedRequest.request, { mode: 'endpoint', endpointType });
  const verdict = judge(result, judgedRequest);
  const caveats = result.caveats;
  switch (verdict.kind) {
    case 'allow':
      return { kind: 'allows', endpointId, judged: judgedRequest, statements: verdict.statements, caveats };
    case 'uncertain':
      return { kind: 'uncertain', endpointId, judgement: verdict, caveats };
    case 'deny':
      return {
        kind: 'denies',
        endpointId,
        judged: judgedRequest,
        document: text,
        endpointType,
        explicit: verdict.explicit,
        quoted: verdict.explicit ? verdict.deciding.map((d: Deciding) => d.outcome) : result.deciding,
        caveats,
        onSourceIp: verdict.deciding.some((d) => d.hinge === 'source-ip'),
      };
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
}
