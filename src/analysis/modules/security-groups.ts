// Security groups on both ends of the TCP/443 flow (stateful: only the initiating direction is
// judged, the reply is allowed with it): egress on the source's groups toward the endpoint (its
// network interfaces, or the service prefix list for a gateway) and, for an interface endpoint,
// ingress on the endpoint's own groups (DescribeVpcEndpoints `Groups`) from the source. The
// rules live in src/analysis/security-groups/.
import type { CheckModule, ModuleResult } from '../check-module.js';
import { pathDestination, pathSource } from '../network-path/path.js';
import { explainEgress, explainIngress } from '../security-groups/explain.js';
import { egressFacts, ingressFacts, securityGroupRequests } from '../security-groups/facts.js';
import { egressVerdict, ingressVerdict } from '../security-groups/verdict.js';

export const securityGroupsModule: CheckModule = {
  id: 'security-groups',
  layer: 'security-group',
  requires: securityGroupRequests,
  evaluate(ctx): ModuleResult {
    const src = pathSource(ctx);
    const dst = pathDestination(ctx);
    if (src === undefined || dst === undefined) return { checks: [], findings: [] };
    const egress = explainEgress(egressVerdict(egressFacts(ctx, src, dst)), ctx.region);
    const ingress =
      dst.kind === 'interface'
        ? explainIngress(ingressVerdict(ingressFacts(ctx, src, dst)), ctx.region)
        : { checks: [], findings: [] };
    return { checks: [...egress.checks, ...ingress.checks], findings: [...egress.findings, ...ingress.findings] };
  },
};
