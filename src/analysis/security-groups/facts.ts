// What the security-group checks read, and the probe calls that read it: one function per fact,
// called by the module's `requires` (to name the next calls) and by its `evaluate` (to judge),
// so the two cannot disagree. Reads stop at the first fact that is missing, as the checks do.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeOutcome, ProbeRequest } from '../../probes/contract.js';
import type { SecurityGroup } from '../../probes/shapes.js';
import { permissionAllowsTcpPort, type SgDirection, type SgPeer } from '../net/security-groups.js';
import {
  endpointEnis,
  groupReferencesApply,
  HTTPS_PORT,
  pathDestination,
  pathRequests,
  pathSource,
  sentTo,
  servicePrefixList,
  sourceLabel,
  type Facts,
  type PathDestination,
  type PathSource,
} from '../network-path/path.js';
import type { PrefixListId, SecurityGroupId, VpcEndpointId } from '../../probes/ids.js';

/** One side's groups as found, the ids not found, and the prefix lists their tcp/443 rules name. */
export interface SideGroups {
  groups: SecurityGroup[];
  missing: SecurityGroupId[];
  prefixListIds: PrefixListId[];
}

/** A peer the source's egress rules must allow: the service prefix list, or one endpoint interface. */
export interface EgressTarget {
  label: string;
  peer: SgPeer;
}

/** The flow's other end as the words and fixes name it. */
export type SgDestination =
  | { kind: 'gateway'; prefixListName: string }
  | { kind: 'interface'; endpointId: VpcEndpointId; groupIds: SecurityGroupId[]; groupReferences: boolean };

export type Unread = { kind: 'unknown'; what: string; outcome: ProbeOutcome<unknown> | undefined };

export type EgressFacts =
  | { kind: 'not-judged' }
  /** The source has no address of the family the destination takes (an IPv6-only source, an IPv4 prefix list). */
  | { kind: 'other-family'; sourceId: string; how: string; prefixListName: string }
  | { kind: 'no-groups'; sourceId: string; sourceKind: 'instance' | 'eni' | 'subnet'; destination: SgDestination }
  | Unread
  | {
      kind: 'read';
      sourceId: string;
      destination: SgDestination;
      groups: SecurityGroup[];
      missing: SecurityGroupId[];
      prefixLists: ReadonlyMap<string, string[]>;
      targets: EgressTarget[];
      /** The NAT gateway an IPv6-only source reaches an IPv4-only endpoint through (NAT64). */
      nat64?: string | undefined;
    };

export type IngressFacts =
  | { kind: 'no-groups'; endpointId: VpcEndpointId }
  | Unread
  | {
      kind: 'read';
      endpointId: VpcEndpointId;
      src: PathSource;
      /** A rule naming a group of the other side can match (not over a transit gateway). */
      groupReferences: boolean;
      /** The endpoint is a hub reached over peering or a transit gateway. */
      hub: boolean;
      groups: SecurityGroup[];
      missing: SecurityGroupId[];
      prefixLists: ReadonlyMap<string, string[]>;
    };

function destinationOf(dst: PathDestination, src: PathSource): SgDestination {
  return dst.kind === 'gateway'
    ? { kind: 'gateway', prefixListName: dst.prefixListName }
    : {
        kind: 'interface',
        endpointId: dst.endpoint.VpcEndpointId,
        groupIds: dst.groupIds,
        groupReferences: groupReferencesApply(dst, src),
      };
}

function groupsRequest(groupIds: readonly SecurityGroupId[]): ProbeRequest | undefined {
  const ids = [...new Set(groupIds)].sort();
  return ids.length === 0 ? undefined : { key: 'ec2.security-groups', input: { groupIds: ids } };
}

/** Prefix lists named by rules that could allow tcp/443 in this direction: a rule matches a peer inside them. */
function referencedPrefixLists(groups: readonly SecurityGroup[], direction: SgDirection): PrefixListId[] {
  const ids = new Set<PrefixListId>();
  for (const g of groups) {
    for (const perm of direction === 'egress' ? g.IpPermissionsEgress : g.IpPermissions) {
      if (!permissionAllowsTcpPort(perm, HTTPS_PORT)) continue;
      for (const ref of perm.PrefixListIds) if (ref.PrefixListId !== undefined) ids.add(ref.PrefixListId);
    }
  }
  return [...ids].sort();
}

/** The groups asked for, in the order given; an error when none of them exists. */
export function sideGroups(
  ctx: PathContext,
  groupIds: readonly SecurityGroupId[],
  whose: string,
  direction: SgDirection,
): Facts<SideGroups> {
  const ids = [...new Set(groupIds)].sort();
  const what = `the security groups of ${whose}`;
  const outcome = ctx.probe('ec2.security-groups', { groupIds: ids });
  if (outcome?.status !== 'ok') return { ok: false, outcome, what };
  const found = new Map(outcome.value.map((g) => [g.GroupId, g]));
  const groups = ids.map((id) => found.get(id)).filter((g): g is SecurityGroup => g !== undefined);
  const missing = ids.filter((id) => !found.has(id));
  if (groups.length === 0)
    return {
      ok: false,
      outcome: { status: 'error', message: `DescribeSecurityGroups found none of ${ids.join(', ')}` },
      what,
    };
  return { ok: true, value: { groups, missing, prefixListIds: referencedPrefixLists(groups, direction) } };
}

/** The gateway's own service prefix list: its rules are matched by reference, not looked up. */
function servicePlId(ctx: PathContext, dst: PathDestination): PrefixListId | undefined {
  if (dst.kind !== 'gateway') return undefined;
  return okValue(ctx.probe('ec2.service-prefix-list', { prefixListName: dst.prefixListName }))?.PrefixListId;
}

function egressPrefixListIds(ctx: PathContext, side: SideGroups, dst: PathDestination): PrefixListId[] {
  const skip = servicePlId(ctx, dst);
  return side.prefixListIds.filter((id) => id !== skip);
}

function prefixListCidrs(ctx: PathContext, ids: readonly PrefixListId[]): Map<PrefixListId, string[]> {
  const out = new Map<PrefixListId, string[]>();
  for (const id of ids) {
    const pl = okValue(ctx.probe('ec2.managed-prefix-list', { prefixListId: id }));
    if (pl != null)
      out.set(
        id,
        pl.Entries.map((e) => e.Cidr),
      );
  }
  return out;
}

const unread = (f: Extract<Facts<unknown>, { ok: false }>): Unread => ({
  kind: 'unknown',
  what: f.what,
  outcome: f.outcome,
});

export function egressFacts(ctx: PathContext, src: PathSource, dst: PathDestination): EgressFacts {
  if (src.kind === 'outside') return { kind: 'not-judged' };
  if (dst.kind === 'gateway' && dst.noIpv4 !== undefined)
    return { kind: 'other-family', sourceId: src.source.Id, how: dst.noIpv4, prefixListName: dst.prefixListName };
  const destination = destinationOf(dst, src);
  if (src.groupIds.length === 0)
    return { kind: 'no-groups', sourceId: src.source.Id, sourceKind: src.source.Kind, destination };
  const side = sideGroups(ctx, src.groupIds, src.source.Id, 'egress');
  if (!side.ok) return unread(side);
  const prefixLists = prefixListCidrs(ctx, egressPrefixListIds(ctx, side.value, dst));
  const targets: EgressTarget[] = [];
  if (dst.kind === 'gateway') {
    const pl = servicePrefixList(ctx, dst.prefixListName);
    if (!pl.ok) return unread(pl);
    const peer: SgPeer = {
      prefixLists: [{ prefixListId: pl.value.PrefixListId, cidrs: pl.value.Entries.map((e) => e.Cidr) }],
    };
    targets.push({ label: pl.value.PrefixListId, peer });
  } else {
    const enis = endpointEnis(ctx, dst.endpoint);
    if (!enis.ok) return unread(enis);
    for (const eni of enis.value.enis) {
      // The ENIs are members of the endpoint's groups: a rule naming one of them matches.
      const address = sentTo(src, eni.address);
      const peer: SgPeer = { address, ...(groupReferencesApply(dst, src) ? { groupIds: dst.groupIds } : {}) };
      const label = address === eni.address ? `${eni.id} (${eni.address})` : `${eni.id} (${eni.address} as ${address})`;
      targets.push({ label, peer });
    }
  }
  const { groups, missing } = side.value;
  const nat64 = src.nat64?.natGatewayId;
  return { kind: 'read', sourceId: src.source.Id, destination, groups, missing, prefixLists, targets, nat64 };
}

export function ingressFacts(
  ctx: PathContext,
  src: PathSource,
  dst: Extract<PathDestination, { kind: 'interface' }>,
): IngressFacts {
  const endpointId = dst.endpoint.VpcEndpointId;
  if (dst.groupIds.length === 0) return { kind: 'no-groups', endpointId };
  const side = sideGroups(ctx, dst.groupIds, endpointId, 'ingress');
  if (!side.ok) return unread(side);
  // An IPv6 flow needs an IPv6 address on the endpoint: without one no packet reaches its groups
  // (endpoint.ip-family-mismatch says why), so their IPv6 rules are not judged.
  if (src.kind === 'inside' && src.address?.includes(':') === true) {
    const enis = endpointEnis(ctx, dst.endpoint);
    if (!enis.ok) return unread(enis);
  }
  if (src.address === undefined && (src.kind === 'outside' || src.groupIds.length === 0)) {
    const outcome = src.kind === 'inside' ? ctx.probe('ec2.subnets', { vpcId: src.source.VpcId }) : undefined;
    return { kind: 'unknown', what: `the address range of ${sourceLabel(src)}`, outcome };
  }
  return {
    kind: 'read',
    endpointId,
    src,
    groupReferences: groupReferencesApply(dst, src),
    hub: dst.hub !== undefined,
    groups: side.value.groups,
    missing: side.value.missing,
    prefixLists: prefixListCidrs(ctx, side.value.prefixListIds),
  };
}

/** The calls the security-group checks need next, from what the path has read so far. */
export function securityGroupRequests(ctx: PathContext): ProbeRequest[] {
  const src = pathSource(ctx);
  const dst = pathDestination(ctx);
  if (src === undefined || dst === undefined) return [];
  const out: ProbeRequest[] = [...pathRequests(ctx)];
  const prefixList = (id: string): ProbeRequest => ({ key: 'ec2.managed-prefix-list', input: { prefixListId: id } });
  if (src.kind === 'inside') {
    const req = groupsRequest(src.groupIds);
    if (req !== undefined) out.push(req);
    const side = sideGroups(ctx, src.groupIds, src.source.Id, 'egress');
    if (side.ok) out.push(...egressPrefixListIds(ctx, side.value, dst).map(prefixList));
  }
  if (dst.kind === 'interface') {
    const req = groupsRequest(dst.groupIds);
    if (req !== undefined) out.push(req);
    const side = sideGroups(ctx, dst.groupIds, dst.endpoint.VpcEndpointId, 'ingress');
    if (side.ok) out.push(...side.value.prefixListIds.map(prefixList));
  }
  return out;
}
