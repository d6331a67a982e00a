// The security-group layer, judged: does the source's egress allow tcp/443 to the endpoint, and
// do the endpoint's groups admit it. Facts in (./facts.ts), a typed verdict out; ./explain.ts
// words it and ./fixes.ts turns its remedy into commands.
import { hostCidr } from '../net/cidr.js';
import { evaluateSecurityGroups, type SgDecision, type SgPeer } from '../net/security-groups.js';
import { HTTPS_PORT, type PathSource } from '../network-path/path.js';
import type { EgressFacts, IngressFacts, SgDestination, Unread } from './facts.js';
import type { PrefixListId, SecurityGroupId, VpcEndpointId } from '../../probes/ids.js';

/** One decision about one peer (the prefix list, or one endpoint interface). */
export interface LabelledDecision {
  label: string;
  decision: SgDecision;
}

/** The rule that would allow the flow, on the first group of the side that refuses it. */
export type EgressRemedy =
  | { kind: 'prefix-list'; groupId: SecurityGroupId; prefixListId: PrefixListId; prefixListName: string }
  | { kind: 'group'; groupId: SecurityGroupId; peerGroupId: SecurityGroupId; endpointId: VpcEndpointId }
  /** One rule per refused endpoint address. */
  | { kind: 'addresses'; groupId: SecurityGroupId; cidrs: string[] };

export type IngressRemedy =
  | { kind: 'group'; groupId: string; peerGroupId: string; sourceId: string }
  | { kind: 'source-ip'; groupId: string; cidr: string; sourceId: string; subnetCidr: string | undefined }
  /** NAT64: the endpoint sees the NAT gateway's private IPv4 address, and the gateway has no groups. */
  | { kind: 'nat64'; groupId: string; cidr: string; natGatewayId: string; sourceId: string }
  | { kind: 'source-subnet'; groupId: string; cidr: string; sourceId: string }
  | { kind: 'outside'; groupId: string; cidr: string; how: string };

export type EgressVerdict =
  | { kind: 'not-judged' }
  | Extract<EgressFacts, { kind: 'other-family' }>
  | { kind: 'no-groups'; sourceId: string; sourceKind: 'instance' | 'eni' | 'subnet'; destination: SgDestination }
  | Unread
  | { kind: 'allowed'; sourceId: string; decisions: LabelledDecision[]; missing: string[] }
  | {
      kind: 'denied';
      sourceId: string;
      destination: SgDestination;
      groupIds: string[];
      missing: string[];
      denied: LabelledDecision[];
      remedy: EgressRemedy;
      /** The NAT gateway the flow is translated by (NAT64): the rule names the synthesised addresses. */
      nat64?: string | undefined;
    };

export type IngressVerdict =
  | { kind: 'no-groups'; endpointId: string }
  | Unread
  | (IngressJudged & { kind: 'allowed' })
  | (IngressJudged & { kind: 'denied'; remedy: IngressRemedy });

interface IngressJudged {
  endpointId: string;
  src: PathSource;
  groupIds: string[];
  missing: string[];
  decision: SgDecision;
  /** Over a transit gateway rules naming the source's groups never match: the groups they would name. */
  tgwIgnores: string[] | undefined;
}

function egressRemedy(groupId: string, destination: SgDestination, denied: readonly LabelledDecision[]): EgressRemedy {
  if (destination.kind === 'gateway')
    return {
      kind: 'prefix-list',
      groupId,
      prefixListId: denied[0]?.label ?? '',
      prefixListName: destination.prefixListName,
    };
  const peerGroupId = destination.groupIds[0];
  if (peerGroupId !== undefined && destination.groupReferences)
    return { kind: 'group', groupId, peerGroupId, endpointId: destination.endpointId };
  const first = denied[0]?.decision.peerLabels[0] ?? '';
  const rest = denied
    .slice(1)
    .map((x) => x.decision.peerLabels[0])
    .map((addr) => (addr !== undefined ? hostCidr(addr) : undefined))
    .filter((cidr): cidr is string => cidr !== undefined);
  return { kind: 'addresses', groupId, cidrs: [hostCidr(first) ?? first, ...rest] };
}

export function egressVerdict(facts: EgressFacts): EgressVerdict {
  if (facts.kind !== 'read') return facts;
  const { groups, prefixLists } = facts;
  const decisions = facts.targets.map((t) => ({
    label: t.label,
    decision: evaluateSecurityGroups({ direction: 'egress', groups, port: HTTPS_PORT, peer: t.peer, prefixLists }),
  }));
  const denied = decisions.filter((x) => !x.decision.allowed);
  if (denied.length === 0) return { kind: 'allowed', sourceId: facts.sourceId, decisions, missing: facts.missing };
  const groupId = (groups[0] as (typeof groups)[number]).GroupId;
  return {
    kind: 'denied',
    sourceId: facts.sourceId,
    destination: facts.destination,
    groupIds: groups.map((g) => g.GroupId),
    missing: facts.missing,
    denied,
    remedy: egressRemedy(groupId, facts.destination, denied),
    nat64: facts.nat64,
  };
}

function ingressRemedy(groupId: string, src: PathSource, groupReferences: boolean): IngressRemedy {
  if (src.kind === 'outside')
    return { kind: 'outside', groupId, cidr: hostCidr(src.address) ?? src.address, how: src.how };
  const peerGroupId = src.groupIds[0];
  const sourceId = src.source.Id;
  if (src.nat64 !== undefined) {
    const cidr = hostCidr(src.nat64.address) ?? src.nat64.address;
    return { kind: 'nat64', groupId, cidr, natGatewayId: src.nat64.natGatewayId, sourceId };
  }
  if (peerGroupId !== undefined && groupReferences) return { kind: 'group', groupId, peerGroupId, sourceId };
  const address = src.address as string;
  return src.addressKind === 'ip'
    ? { kind: 'source-ip', groupId, cidr: hostCidr(address) ?? address, sourceId, subnetCidr: src.subnetCidr }
    : { kind: 'source-subnet', groupId, cidr: address, sourceId };
}

export function ingressVerdict(facts: IngressFacts): IngressVerdict {
  if (facts.kind !== 'read') return facts;
  const { src, groups, groupReferences, prefixLists } = facts;
  // Through NAT64 the packets reach the endpoint from the NAT gateway, which carries no groups.
  const sourceGroups =
    src.kind === 'inside' && src.groupIds.length > 0 && src.nat64 === undefined ? src.groupIds : undefined;
  const peer: SgPeer = {
    ...(src.address !== undefined ? { address: src.address } : {}),
    ...(sourceGroups !== undefined && groupReferences ? { groupIds: sourceGroups } : {}),
  };
  const decision = evaluateSecurityGroups({ direction: 'ingress', groups, port: HTTPS_PORT, peer, prefixLists });
  const judged: IngressJudged = {
    endpointId: facts.endpointId,
    src,
    groupIds: groups.map((g) => g.GroupId),
    missing: facts.missing,
    decision,
    tgwIgnores: facts.hub && !groupReferences ? sourceGroups : undefined,
  };
  if (decision.allowed) return { ...judged, kind: 'allowed' };
  const groupId = (groups[0] as (typeof groups)[number]).GroupId;
  return { ...judged, kind: 'denied', remedy: ingressRemedy(groupId, src, groupReferences) };
}
