// Stateful security-group evaluation of one TCP flow: egress on the source's groups toward the
// destination, ingress on the destination's groups from the source. Return traffic of an allowed
// flow is allowed automatically, so only the initiating direction is evaluated.
import type { IpPermission, SecurityGroup } from '../../probes/shapes.js';
import { parseAddressOrCidr, parsedContainsCidr, parseCidr, type ParsedCidr } from './cidr.js';
import { lookupPrefixList, type PrefixListCidrs } from './routes.js';

export type SgDirection = 'ingress' | 'egress';

/** The other end of the flow, as the evaluated groups' rules can name it. */
export interface SgPeer {
  /** The peer's IP address (IPv4 or IPv6), or a CIDR standing for it (e.g. an on-premises range). */
  address?: string;
  /** Security groups of the peer's network interface: rules referencing one of them match. */
  groupIds?: readonly string[];
  /**
   * Prefix lists the peer is (e.g. the S3 gateway service `pl-63a5400a` with its CIDRs). When
   * there is no address, the flow is allowed only if every CIDR of these lists is allowed.
   */
  prefixLists?: readonly { prefixListId: string; cidrs: readonly string[] }[];
}

export interface SgQuery {
  direction: SgDirection;
  /** The groups on the interface being evaluated (source for egress, destination for ingress). */
  groups: readonly SecurityGroup[];
  port: number;
  peer: SgPeer;
  /** CIDRs of prefix lists referenced by rules (customer-managed lists), for matching by membership. */
  prefixLists?: PrefixListCidrs;
}

export type SgMatchBy =
  | { kind: 'cidr'; cidr: string }
  | { kind: 'ipv6-cidr'; cidr: string }
  | { kind: 'group'; groupId: string }
  /** `reference`: the rule names the peer's prefix list; `membership`: the rule's list contains the peer. */
  | { kind: 'prefix-list'; prefixListId: string; via: 'reference' | 'membership' };

export interface SgRuleMatch {
  groupId: string;
  direction: SgDirection;
  permission: IpPermission;
  by: SgMatchBy;
  /** The peer targets this rule covers (the address, the group member, or prefix-list CIDRs). */
  covers: string[];
}

export type SgDecision =
  | {
      allowed: true;
      direction: SgDirection;
      port: number;
      groupsExamined: string[];
      /** The deciding rules: enough of them to cover the peer (one, unless a prefix list is covered piecewise). */
      matches: SgRuleMatch[];
      peerLabels: string[];
    }
  | {
      allowed: false;
      direction: SgDirection;
      port: number;
      /** `no-groups`: there were no groups to evaluate (e.g. a subnet given as the source). */
      reason: 'no-rule-matched' | 'no-groups';
      groupsExamined: string[];
      /** Ways the peer could be named in a rule: address, group ids, prefix-list ids. */
      peerLabels: string[];
      /** Peer targets no rule covers (for a prefix-list peer: its uncovered CIDRs). */
      uncovered: string[];
      /** Rules that covered part of the peer, when some but not all of it is allowed. */
      partial: SgRuleMatch[];
    };

// One thing that must be allowed for the flow to be allowed.
type Target =
  | { kind: 'address'; label: string; block: ParsedCidr }
  | { kind: 'group-member'; label: string }
  | { kind: 'pl-cidr'; label: string; block: ParsedCidr; prefixListId: string };

function targetsOf(peer: SgPeer): Target[] {
  if (peer.address !== undefined) {
    const block = parseAddressOrCidr(peer.address);
    return block === undefined ? [] : [{ kind: 'address', label: peer.address, block }];
  }
  const fromLists: Target[] = [];
  for (const pl of peer.prefixLists ?? []) {
    for (const cidr of pl.cidrs) {
      const block = parseCidr(cidr);
      if (block !== undefined) fromLists.push({ kind: 'pl-cidr', label: cidr, block, prefixListId: pl.prefixListId });
    }
  }
  if (fromLists.length > 0) return fromLists;
  if ((peer.groupIds ?? []).length > 0) return [{ kind: 'group-member', label: (peer.groupIds ?? []).join(' or ') }];
  return [];
}

function peerLabelsOf(peer: SgPeer): string[] {
  return [
    ...(peer.address !== undefined ? [peer.address] : []),
    ...(peer.groupIds ?? []),
    ...(peer.prefixLists ?? []).map((p) => p.prefixListId),
  ];
}

// VPC user guide "Security group rules": protocol -1 (all) ignores ports; for tcp (6) the port
// must fall within FromPort..ToPort. A missing range on a tcp rule is read as all ports.
export function permissionAllowsTcpPort(perm: IpPermission, port: number): boolean {
  const proto = perm.IpProtocol.toLowerCase();
  if (proto === '-1' || proto === 'all') return true;
  if (proto !== 'tcp' && proto !== '6') return false;
  const from = perm.FromPort;
  const to = perm.ToPort;
  if (from === undefined || to === undefined || from === -1 || to === -1) return true;
  return port >= from && port <= to;
}

function matchTarget(
  perm: IpPermission,
  target: Target,
  peer: SgPeer,
  lists: PrefixListCidrs | undefined,
): SgMatchBy | undefined {
  if (target.kind === 'group-member' || target.kind === 'address') {
    const groups = peer.groupIds ?? [];
    for (const pair of perm.UserIdGroupPairs) {
      if (pair.GroupId !== undefined && groups.includes(pair.GroupId)) return { kind: 'group', groupId: pair.GroupId };
    }
  }
  if (target.kind === 'group-member') return undefined;

  // An address or prefix-list CIDR is covered by a rule block of its own family that contains it.
  for (const r of perm.IpRanges) {
    const b = r.CidrIp === undefined ? undefined : parseCidr(r.CidrIp);
    if (b !== undefined && b.family === 4 && parsedContainsCidr(b, target.block))
      return { kind: 'cidr', cidr: r.CidrIp as string };
  }
  for (const r of perm.Ipv6Ranges) {
    const b = r.CidrIpv6 === undefined ? undefined : parseCidr(r.CidrIpv6);
    if (b !== undefined && b.family === 6 && parsedContainsCidr(b, target.block))
      return { kind: 'ipv6-cidr', cidr: r.CidrIpv6 as string };
  }
  const peerLists = new Set((peer.prefixLists ?? []).map((p) => p.prefixListId));
  for (const ref of perm.PrefixListIds) {
    const id = ref.PrefixListId;
    if (id === undefined) continue;
    const named = target.kind === 'pl-cidr' ? target.prefixListId === id : peerLists.has(id);
    if (named) return { kind: 'prefix-list', prefixListId: id, via: 'reference' };
    for (const cidr of lookupPrefixList(lists, id) ?? []) {
      const b = parseCidr(cidr);
      if (b !== undefined && parsedContainsCidr(b, target.block))
        return { kind: 'prefix-list', prefixListId: id, via: 'membership' };
    }
  }
  return undefined;
}

/** Does any rule of any group allow the flow in this direction? */
// VPC user guide "Security group rules": rules only allow, the union of all groups' rules applies, and
// a rule naming a security group matches traffic from/to interfaces that are members of it.
export function evaluateSecurityGroups(query: SgQuery): SgDecision {
  const { direction, port, peer } = query;
  const groupsExamined = query.groups.map((g) => g.GroupId);
  const peerLabels = peerLabelsOf(peer);
  if (query.groups.length === 0) {
    return {
      allowed: false,
      direction,
      port,
      reason: 'no-groups',
      groupsExamined,
      peerLabels,
      uncovered: [],
      partial: [],
    };
  }
  const targets = targetsOf(peer);
  const covered = new Set<number>();
  const matches: SgRuleMatch[] = [];
  for (const group of query.groups) {
    const perms = direction === 'egress' ? group.IpPermissionsEgress : group.IpPermissions;
    for (const perm of perms) {
      if (!permissionAllowsTcpPort(perm, port)) continue;
      // Group the targets this permission covers by how it matches them.
      const byKey = new Map<string, SgRuleMatch>();
      targets.forEach((t, i) => {
        if (covered.has(i)) return;
        const by = matchTarget(perm, t, peer, query.prefixLists);
        if (by === undefined) return;
        covered.add(i);
        const key = JSON.stringify(by);
        const m = byKey.get(key) ?? { groupId: group.GroupId, direction, permission: perm, by, covers: [] };
        m.covers.push(t.label);
        byKey.set(key, m);
      });
      matches.push(...byKey.values());
      if (targets.length > 0 && covered.size === targets.length) {
        return { allowed: true, direction, port, groupsExamined, matches, peerLabels };
      }
    }
  }
  return {
    allowed: false,
    direction,
    port,
    reason: 'no-rule-matched',
    groupsExamined,
    peerLabels,
    uncovered: targets.filter((_, i) => !covered.has(i)).map((t) => t.label),
    partial: matches,
  };
}

export interface SgFlowEnd {
  groups: readonly SecurityGroup[];
  address?: string;
  groupIds?: readonly string[];
}

export interface SgFlowResult {
  allowed: boolean;
  /** Egress on the source's groups toward the destination. */
  egress: SgDecision;
  /** Ingress on the destination's groups from the source; absent when the destination has no groups (a gateway service). */
  ingress?: SgDecision;
}

/** Both halves of a TCP flow: source egress to the destination, destination ingress from the source. */
export function evaluateTcpFlowSecurityGroups(flow: {
  port: number;
  source: SgFlowEnd;
  destination: SgFlowEnd & { prefixLists?: SgPeer['prefixLists'] };
  prefixLists?: PrefixListCidrs;
}): SgFlowResult {
  const lists = flow.prefixLists !== undefined ? { prefixLists: flow.prefixLists } : {};
  const egress = evaluateSecurityGroups({
    direction: 'egress',
    groups: flow.source.groups,
    port: flow.port,
    peer: {
      ...(flow.destination.address !== undefined ? { address: flow.destination.address } : {}),
      groupIds: flow.destination.groupIds ?? flow.destination.groups.map((g) => g.GroupId),
      ...(flow.destination.prefixLists !== undefined ? { prefixLists: flow.destination.prefixLists } : {}),
    },
    ...lists,
  });
  if (flow.destination.groups.length === 0) return { allowed: egress.allowed, egress };
  const ingress = evaluateSecurityGroups({
    direction: 'ingress',
    groups: flow.destination.groups,
    port: flow.port,
    peer: {
      ...(flow.source.address !== undefined ? { address: flow.source.address } : {}),
      groupIds: flow.source.groupIds ?? flow.source.groups.map((g) => g.GroupId),
    },
    ...lists,
  });
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

function describeBy(by: SgMatchBy): string {
  switch (by.kind) {
    case 'cidr':
    case 'ipv6-cidr':
      return by.cidr;
    case 'group':
      return by.groupId;
    case 'prefix-list':
      return by.prefixListId;
    default: {
      const never: never = by;
      return String(never);
    }
  }
}

function describeProtocol(perm: IpPermission): string {
  const proto = perm.IpProtocol.toLowerCase();
  if (proto === '-1' || proto === 'all') return 'all traffic';
  const from = perm.FromPort;
  const to = perm.ToPort;
  if (from === undefined || to === undefined || from === -1) return 'tcp (all ports)';
  return from === to ? `tcp/${from}` : `tcp/${from}-${to}`;
}

/**
 * One evidence line per decision, e.g. "sg-0abc egress allows tcp/443 to pl-63a5400a" or
 * "no rule in sg-0abc, sg-0def allows inbound tcp/443 from 10.0.1.5 or sg-0123".
 */
export function describeSgDecision(d: SgDecision): string[] {
  const toFrom = d.direction === 'egress' ? 'to' : 'from';
  if (d.allowed) {
    return d.matches.map(
      (m) =>
        `${m.groupId} ${m.direction} allows ${describeProtocol(m.permission)} ${toFrom} ${describeBy(m.by)}` +
        (m.covers.length > 0 && m.covers[0] !== describeBy(m.by) ? ` (covers ${m.covers.join(', ')})` : ''),
    );
  }
  const way = d.direction === 'egress' ? 'outbound' : 'inbound';
  if (d.reason === 'no-groups') return [`no security groups to evaluate for ${way} tcp/${d.port}`];
  const lines = [
    `no rule in ${d.groupsExamined.join(', ')} allows ${way} tcp/${d.port} ${toFrom} ${d.peerLabels.join(' or ')}`,
  ];
  if (d.partial.length > 0) {
    lines.push(`only part of it is allowed; not covered: ${d.uncovered.join(', ')}`);
  }
  return lines;
}
