// Network ACLs on the flow (stateless: each of the four packets of the TCP exchange is judged on
// its own, lowest rule number first, the final `*` deny supplied whether or not the API lists
// it): the source subnet sends tcp/443 out and takes the reply in on ephemeral ports; an
// interface endpoint's subnets take tcp/443 in and send the reply out. A gateway endpoint has
// no subnet: its side is the service prefix list's CIDRs, one ACL entry per CIDR in a fix. The
// rules live in src/analysis/network-acls/.
import type { CheckModule, ModuleResult } from '../check-module.js';
import { explainEndpointAcl, explainSourceAcl } from '../network-acls/explain.js';
import { endpointAclFacts, naclRequests, sourceAclFacts } from '../network-acls/facts.js';
import { endpointAclVerdict, sourceAclVerdict } from '../network-acls/verdict.js';
import { pathDestination, pathSource } from '../network-path/path.js';
import { explainNat64Acl } from '../network-acls/nat64.js';

export const networkAclsModule: CheckModule = {
  id: 'network-acls',
  layer: 'nacl',
  requires: naclRequests,
  evaluate(ctx): ModuleResult {
    const src = pathSource(ctx);
    const dst = pathDestination(ctx);
    if (src === undefined || dst === undefined) return { checks: [], findings: [] };
    const parts: ModuleResult[] = [];
    if (src.kind === 'inside') parts.push(explainSourceAcl(ctx, sourceAclVerdict(sourceAclFacts(ctx, src, dst))));
    if (dst.kind === 'interface')
      parts.push(explainEndpointAcl(ctx, endpointAclVerdict(endpointAclFacts(ctx, src, dst))));
    // NAT64: the NAT gateway's subnet sits between the two (src/analysis/network-acls/nat64.ts).
    parts.push(explainNat64Acl(ctx, src, dst));
    return { checks: parts.flatMap((p) => p.checks), findings: parts.flatMap((p) => p.findings) };
  },
};
