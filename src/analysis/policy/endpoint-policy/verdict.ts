// The endpoint policy of the endpoint the path takes, judged against the request (each of the
// service's usual calls when the user names none): facts in, a typed verdict out.
import type { VpcEndpoint } from '../../../probes/shapes.js';
import { judge, type Deciding, type Judgement } from '../deciding.js';
import { parsePolicy, type PolicyDocument } from '../document.js';
import { evaluatePolicy, type PolicyRequest, type StatementOutcome } from '../evaluate.js';
import { dependsOnResource, isDefaultFullAccess } from '../inspect.js';
import { allRequests, focus, unknownResourceReason, type JudgedRequest, type RequestResult } from '../request.js';

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
      /** Narrowed to the request the policy refuses. */
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

type Judged = Exclude<
  EndpointPolicyVerdict,
  { kind: 'no-endpoint' | 'no-document' | 'unreadable' | 'default-full-access' }
>;

function judgeOne(
  policy: PolicyDocument,
  text: string,
  endpointId: string,
  endpointType: EndpointType,
  judged: JudgedRequest,
  request: PolicyRequest,
): Judged {
  if (judged.unknownResource.includes(request.action) && dependsOnResource(policy, request.action))
    return {
      kind: 'not-evaluated',
      endpointId,
      reason: unknownResourceReason(judged.request.action.split(':')[0], request.action),
    };
  const result = evaluatePolicy(policy, request, { mode: 'endpoint', endpointType });
  const verdict = judge(result, { context: request.context, absent: judged.absent });
  const caveats = result.caveats;
  switch (verdict.kind) {
    case 'allow':
      return { kind: 'allows', endpointId, judged, statements: verdict.statements, caveats };
    case 'uncertain':
      return { kind: 'uncertain', endpointId, judgement: verdict, caveats };
    case 'deny':
      return {
        kind: 'denies',
        endpointId,
        judged: focus(judged, request),
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

// A denial we can stand behind comes first, then what could not be judged; all allow → allows.
const RANK: Record<Judged['kind'], number> = { denies: 0, 'not-evaluated': 1, uncertain: 2, allows: 3 };

export function endpointPolicyVerdict(endpoint: VpcEndpoint | undefined, judged: RequestResult): EndpointPolicyVerdict {
  if (endpoint === undefined) return { kind: 'no-endpoint' };
  const endpointId = endpoint.VpcEndpointId;
  const text = endpoint.PolicyDocument;
  if (text === undefined || text === '') return { kind: 'no-document', endpointId };
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { kind: 'unreadable', endpointId, error: parsed.error };
  if (isDefaultFullAccess(parsed.policy)) return { kind: 'default-full-access', endpointId };
  if (!judged.ok) return { kind: 'not-evaluated', endpointId, reason: judged.reason };
  const endpointType: EndpointType = endpoint.VpcEndpointType === 'Gateway' ? 'gateway' : 'interface';
  const verdicts = allRequests(judged.value).map((r) =>
    judgeOne(parsed.policy, text, endpointId, endpointType, judged.value, r),
  );
  verdicts.sort((a, b) => RANK[a.kind] - RANK[b.kind]);
  const first = verdicts[0];
  if (first === undefined) return { kind: 'not-evaluated', endpointId, reason: 'no request to judge' };
  if (first.kind !== 'allows') return first;
  // Every call is allowed: name every allowing statement once.
  const statements = verdicts.flatMap((v) => (v.kind === 'allows' ? v.statements : []));
  const seen = new Set<number>();
  return {
    ...first,
    statements: statements.filter((s) => !seen.has(s.index) && (seen.add(s.index), true)),
    caveats: [...new Set(verdicts.flatMap((v) => (v.kind === 'allows' ? v.caveats : [])))],
  };
}
