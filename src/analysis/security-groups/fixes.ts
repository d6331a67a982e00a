// The commands that fix the security-group findings, from the verdict's remedy: one authorize
// rule on the first group of the side that refuses the flow.
import type { Fix } from '../../findings/types.js';
import { authorizeSecurityGroupEgressCommand, authorizeSecurityGroupIngressCommand } from '../net/fixes.js';
import type { EgressVerdict, IngressVerdict } from './verdict.js';

export function egressFix(v: Extract<EgressVerdict, { kind: 'denied' }>, region: string): Fix {
  const r = v.remedy;
  const from = `Allow outbound tcp/443 from ${r.groupId} (a group on ${v.sourceId})`;
  switch (r.kind) {
    case 'prefix-list':
      return {
        summary: `${from} to ${r.prefixListId}, the ${r.prefixListName} prefix list.`,
        commands: [
          authorizeSecurityGroupEgressCommand({
            groupId: r.groupId,
            destination: { prefixListId: r.prefixListId },
            region,
          }),
        ],
      };
    case 'group':
      return {
        summary: `${from} to ${r.peerGroupId}, the security group of ${r.endpointId}.`,
        commands: [
          authorizeSecurityGroupEgressCommand({ groupId: r.groupId, destination: { groupId: r.peerGroupId }, region }),
        ],
      };
    case 'addresses':
      return {
        summary:
          v.nat64 !== undefined
            ? `${from} to the endpoint's addresses as DNS64 gives them (64:ff9b::/96 and the IPv4 address; ${v.nat64} translates them).`
            : `${from} to the endpoint's addresses.`,
        commands: r.cidrs.map((cidr) =>
          authorizeSecurityGroupEgressCommand({ groupId: r.groupId, destination: { cidr }, region }),
        ),
      };
    default: {
      const never: never = r;
      return never;
    }
  }
}

function ingressSummary(v: Extract<IngressVerdict, { kind: 'denied' }>): string {
  const r = v.remedy;
  const on = `Allow inbound tcp/443 on ${r.groupId} (the security group of ${v.endpointId})`;
  switch (r.kind) {
    case 'group':
      return `${on} from ${r.peerGroupId}, a group on ${r.sourceId}.`;
    case 'source-ip':
      return `${on} from ${r.cidr}, the address of ${r.sourceId}${r.subnetCidr !== undefined ? ` (or ${r.subnetCidr}, its subnet)` : ''}${v.tgwIgnores !== undefined ? '; over a transit gateway the rule must name a CIDR' : ''}.`;
    case 'source-subnet':
      return `${on} from ${r.cidr}, the CIDR of ${r.sourceId}.`;
    case 'nat64':
      return `${on} from ${r.cidr}, the private address of ${r.natGatewayId}: ${r.sourceId} is IPv6-only and reaches the endpoint through that NAT gateway (NAT64), which has no security group to name.`;
    case 'outside':
      return `${on} from ${r.cidr}, the source address ${r.how}; use the client network's CIDR instead if several hosts connect.`;
    default: {
      const never: never = r;
      return never;
    }
  }
}

export function ingressFix(v: Extract<IngressVerdict, { kind: 'denied' }>, region: string): Fix {
  const r = v.remedy;
  const source = r.kind === 'group' ? { groupId: r.peerGroupId } : { cidr: r.cidr };
  return {
    summary: ingressSummary(v),
    commands: [authorizeSecurityGroupIngressCommand({ groupId: r.groupId, source, region })],
  };
}
