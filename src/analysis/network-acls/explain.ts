// The network-ACL checks and findings, in words, from their verdicts.
import type { PathContext } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { CheckId } from '../../findings/checks.js';
import type { Check, CheckStatus } from '../../findings/types.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { describeNaclVerdict, type NaclVerdict, type PortSpan } from '../net/network-acls.js';
import { outsideNote, sourceLabel } from '../network-path/path.js';
import { endpointAclFix, sourceAclFix } from './fixes.js';
import type { EndpointAclVerdict, SourceAclVerdict } from './verdict.js';

export const CHECK_SOURCE = 'nacl.source-subnet';
export const CHECK_ENDPOINT = 'nacl.endpoint-subnet';

function check(id: CheckId, status: CheckStatus, detail: string): Check {
  return { id, layer: 'nacl', status, detail };
}

function spanText(p: PortSpan): string {
  return p.from === p.to ? `tcp/${p.from}` : `tcp/${p.from}-${p.to}`;
}

/** Allowed verdicts grouped by deciding rule: "rule 100 on acl-… allows outbound tcp/443 to a, b". */
function allowedSummary(verdicts: readonly NaclVerdict[]): string[] {
  const groups = new Map<string, { v: NaclVerdict; peers: string[] }>();
  for (const v of verdicts) {
    if (!v.allowed) continue;
    const r = v.decidingRule;
    const key = `${r.networkAclId} ${r.label} ${v.direction} ${v.ports.from}-${v.ports.to}`;
    const g = groups.get(key) ?? { v, peers: [] };
    g.peers.push(v.peer);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ v, peers }) => {
    const r = v.decidingRule;
    const rule = r.label === '*' ? `the final rule on ${r.networkAclId}` : `rule ${r.ruleNumber} on ${r.networkAclId}`;
    return `${rule} allows ${v.direction} ${spanText(v.ports)} ${v.direction === 'outbound' ? 'to' : 'from'} ${peers.join(', ')}`;
  });
}

function blockedEvidence(verdicts: readonly NaclVerdict[]): string[] {
  return [...new Set(verdicts.filter((v) => !v.allowed).flatMap(describeNaclVerdict))];
}

export function explainSourceAcl(ctx: PathContext, v: SourceAclVerdict): ModuleResult {
  if (v.kind === 'unknown') return { checks: [couldNotCheck(CHECK_SOURCE, 'nacl', v.what, v.outcome)], findings: [] };
  if (v.kind === 'other-family') {
    const detail = `not applicable: ${v.how}, so no IPv4 packet from ${v.subnetId} goes to the ${v.prefixListName} prefix list; its IPv6 packets are judged by family.gateway-ipv6-filters when the route table sends them to the endpoint`;
    return { checks: [check(CHECK_SOURCE, 'pass', detail)], findings: [] };
  }
  const { subnetId, acl, sameSubnet } = v.facts;
  const sameNote =
    sameSubnet.length > 0
      ? `; ${sameSubnet.join(', ')} ${sameSubnet.length > 1 ? 'are' : 'is'} in the same subnet (no ACL on that path)`
      : '';
  if (v.kind === 'off-path') {
    const detail = `not applicable: ${subnetId} holds ${v.facts.peerWhat}, so no network ACL sits on the path${sameNote}`;
    return { checks: [check(CHECK_SOURCE, 'pass', detail)], findings: [] };
  }
  const uses = `${subnetId} uses ${acl.NetworkAclId}`;
  if (v.kind === 'allowed')
    return {
      checks: [check(CHECK_SOURCE, 'pass', `${uses}: ${allowedSummary(v.verdicts).join('; ')}${sameNote}`)],
      findings: [],
    };
  return {
    checks: [check(CHECK_SOURCE, 'fail', `${uses}: ${blockedEvidence(v.verdicts).join('; ')}`)],
    findings: [
      finding('nacl.source-subnet-blocks', {
        evidence: [
          `${v.facts.sourceLabel} is in ${subnetId}, associated with ${acl.NetworkAclId}`,
          ...blockedEvidence(v.verdicts),
        ],
        fix: sourceAclFix(ctx, v),
      }),
    ],
  };
}

export function explainEndpointAcl(ctx: PathContext, v: EndpointAclVerdict): ModuleResult {
  if (v.kind === 'unknown') return { checks: [couldNotCheck(CHECK_ENDPOINT, 'nacl', v.what, v.outcome)], findings: [] };
  if (v.kind === 'all-in-source-subnet') {
    const detail = `not applicable: every network interface of ${v.endpointId} is in the source's subnet`;
    return { checks: [check(CHECK_ENDPOINT, 'pass', detail)], findings: [] };
  }
  const { src, enis, aclBySubnet, endpointId } = v.facts;
  const where = [...aclBySubnet.entries()].map(([s, a]) => `${s} uses ${a.NetworkAclId}`).join(', ');
  const note = outsideNote(src);
  const outside = note !== '' ? `.${note}` : '';
  if (v.kind === 'allowed') {
    const sameNote =
      v.facts.sharesSourceSubnet && src.kind === 'inside'
        ? src.nat64 !== undefined
          ? `; the interface in ${src.nat64.subnetId ?? 'its subnet'} shares the subnet of ${src.nat64.natGatewayId} (no ACL on that path)`
          : `; the interface in ${src.subnetId} shares the source's subnet (no ACL on that path)`
        : '';
    return {
      checks: [
        check(CHECK_ENDPOINT, 'pass', `${where}: ${allowedSummary(v.verdicts).join('; ')}${sameNote}${outside}`),
      ],
      findings: [],
    };
  }
  return {
    checks: [check(CHECK_ENDPOINT, 'fail', `${where}: ${blockedEvidence(v.verdicts).join('; ')}${outside}`)],
    findings: [
      finding('nacl.endpoint-subnet-blocks', {
        evidence: [
          `${endpointId} has network interfaces in ${enis.map((e) => `${e.subnetId} (${e.address})`).join(', ')}; ${where}`,
          `the source is ${sourceLabel(src)}`,
          ...blockedEvidence(v.verdicts),
        ],
        fix: endpointAclFix(ctx, v),
      }),
    ],
  };
}
