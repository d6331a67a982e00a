// Security groups on both ends of the TCP/443 flow (stateful: only the initiating direction is
// judged, the reply is allowed with it): egress on the source's groups toward the endpoint (its
// network interfaces, or the service prefix list for a gateway) and, for an interface endpoint,
// ingress on the endpoint's own groups (DescribeVpcEndpoints `Groups`) from the source.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { SecurityGroup } from '../../probes/shapes.js';
import { hostCidr } from '../net/cidr.js';
import {
  authorizeSecurityGroupEgressCommand,
  authorizeSecurityGroupIngressCommand,
  type SgRulePeer,
} from '../net/fixes.js';
import {
  describeSgDecision,
  evaluateSecurityGroups,
  permissionAllowsTcpPort,
  type SgDecision,
  type SgDirection,
  type SgPeer,
} from '../net/security-groups.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import {
  endpointEnis,
  groupReferencesApply,
  HTTPS_PORT,
  outsideNote,
  pathDestination,
  pathRequests,
  pathSource,
  servicePrefixList,
  sourceLabel,
  type Facts,
  type PathDestination,
  type PathSource,
} from '../network-path/path.js';

const CHECK_EGRESS = 'sg.source-egress';
const CHECK_INGRESS = 'sg.endpoint-ingress';

function groupsRequest(groupIds: readonly string[]): ProbeRequest | undefined {
  const ids = [...new Set(groupIds)].sort();
  return ids.length === 0 ? undefined : { key: 'ec2.security-groups', input: { groupIds: ids } };
}

/** The groups asked for, in the order given; an error when none of them exists. */
function groupsOf(
  ctx: PathContext,
  groupIds: readonly string[],
  whose: string,
): Facts<{ groups: SecurityGroup[]; missing: string[] }> {
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
  return { ok: true, value: { groups, missing } };
}

/** Prefix lists named by rules that could allow tcp/443 in this direction: a rule matches a peer inside them. */
function referencedPrefixLists(groups: readonly SecurityGroup[], direction: SgDirection): string[] {
  const ids = new Set<string>();
  for (const g of groups) {
    for (const perm of direction === 'egress' ? g.IpPermissionsEgress : g.IpPermissions) {
      if (!permissionAllowsTcpPort(perm, HTTPS_PORT)) continue;
      for (const ref of perm.PrefixListIds) if (ref.PrefixListId !== undefined) ids.add(ref.PrefixListId);
    }
  }
  return [...ids].sort();
}

function prefixListCidrs(ctx: PathContext, ids: readonly string[], skip: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const id of ids) {
    if (id === skip) continue;
    const pl = okValue(ctx.probe('ec2.managed-prefix-list', { prefixListId: id }));
    if (pl != null)
      out.set(
        id,
        pl.Entries.map((e) => e.Cidr),
      );
  }
  return out;
}

function missingNote(missing: readonly string[]): string {
  return missing.length > 0 ? ` (${missing.join(', ')} not found)` : '';
}

function decisionText(d: SgDecision): string {
  return describeSgDecision(d).join('; ');
}

function servicePlId(ctx: PathContext, dst: PathDestination): string | undefined {
  if (dst.kind !== 'gateway') return undefined;
  return okValue(ctx.probe('ec2.service-prefix-list', { prefixListName: dst.prefixListName }))?.PrefixListId;
}

function sourceEgress(
  ctx: PathContext,
  src: PathSource,
  dst: PathDestination,
): { checks: Check[]; findings: Finding[] } {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  if (src.kind === 'outside') return { checks, findings };
  const toWhat =
    dst.kind === 'gateway'
      ? `the ${dst.prefixListName} prefix list`
      : `the network interfaces of ${dst.endpoint.VpcEndpointId}`;
  if (src.groupIds.length === 0) {
    checks.push({
      id: CHECK_EGRESS,
      layer: 'security-group',
      status: 'warn',
      detail: `not applicable: ${src.source.Id} is a subnet and has no security groups; whatever runs in it needs a group allowing outbound tcp/443 to ${toWhat}`,
    });
    return { checks, findings };
  }
  const groups = groupsOf(ctx, src.groupIds, src.source.Id);
  if (!groups.ok)
    return { checks: [couldNotCheck(CHECK_EGRESS, 'security-group', groups.what, groups.outcome)], findings };
  const { groups: sgs, missing } = groups.value;
  const lists = prefixListCidrs(ctx, referencedPrefixLists(sgs, 'egress'), servicePlId(ctx, dst));

  const decisions: { label: string; d: SgDecision }[] = [];
  if (dst.kind === 'gateway') {
    const pl = servicePrefixList(ctx, dst.prefixListName);
    if (!pl.ok) return { checks: [couldNotCheck(CHECK_EGRESS, 'security-group', pl.what, pl.outcome)], findings };
    const peer: SgPeer = {
      prefixLists: [{ prefixListId: pl.value.PrefixListId, cidrs: pl.value.Entries.map((e) => e.Cidr) }],
    };
    decisions.push({
      label: pl.value.PrefixListId,
      d: evaluateSecurityGroups({ direction: 'egress', groups: sgs, port: HTTPS_PORT, peer, prefixLists: lists }),
    });
  } else {
    const enis = endpointEnis(ctx, dst.endpoint);
    if (!enis.ok) return { checks: [couldNotCheck(CHECK_EGRESS, 'security-group', enis.what, enis.outcome)], findings };
    for (const eni of enis.value.enis) {
      // The ENIs are members of the endpoint's groups: a rule naming one of them matches.
      const peer: SgPeer = { address: eni.address, ...(groupReferencesApply(dst) ? { groupIds: dst.groupIds } : {}) };
      decisions.push({
        label: `${eni.id} (${eni.address})`,
        d: evaluateSecurityGroups({ direction: 'egress', groups: sgs, port: HTTPS_PORT, peer, prefixLists: lists }),
      });
    }
  }
  const denied = decisions.filter((x) => !x.d.allowed);
  if (denied.length === 0) {
    checks.push({
      id: CHECK_EGRESS,
      layer: 'security-group',
      status: 'pass',
      detail: `${src.source.Id}: ${[...new Set(decisions.map((x) => decisionText(x.d)))].join('; ')}${missingNote(missing)}`,
    });
    return { checks, findings };
  }
  checks.push({
    id: CHECK_EGRESS,
    layer: 'security-group',
    status: 'fail',
    detail: `${src.source.Id}: ${denied.map((x) => `${x.label}: ${decisionText(x.d)}`).join('; ')}${missingNote(missing)}`,
  });
  const group = sgs[0] as SecurityGroup;
  let destination: SgRulePeer;
  let summary: string;
  if (dst.kind === 'gateway') {
    const plId = denied[0]?.label ?? '';
    destination = { prefixListId: plId };
    summary = `Allow outbound tcp/443 from ${group.GroupId} (a group on ${src.source.Id}) to ${plId}, the ${dst.prefixListName} prefix list.`;
  } else if (dst.groupIds[0] !== undefined && groupReferencesApply(dst)) {
    destination = { groupId: dst.groupIds[0] };
    summary = `Allow outbound tcp/443 from ${group.GroupId} (a group on ${src.source.Id}) to ${dst.groupIds[0]}, the security group of ${dst.endpoint.VpcEndpointId}.`;
  } else {
    const addr = denied[0]?.d.peerLabels[0] ?? '';
    destination = { cidr: hostCidr(addr) ?? addr };
    summary = `Allow outbound tcp/443 from ${group.GroupId} (a group on ${src.source.Id}) to the endpoint's addresses.`;
  }
  const commands = [authorizeSecurityGroupEgressCommand({ groupId: group.GroupId, destination, region: ctx.region })];
  if (dst.kind === 'interface' && !('groupId' in destination)) {
    for (const x of denied.slice(1)) {
      const addr = x.d.peerLabels[0];
      const cidr = addr !== undefined ? hostCidr(addr) : undefined;
      if (cidr !== undefined)
        commands.push(
          authorizeSecurityGroupEgressCommand({ groupId: group.GroupId, destination: { cidr }, region: ctx.region }),
        );
    }
  }
  findings.push(
    finding('sg.source-egress-missing', {
      evidence: [
        `${src.source.Id} has security groups ${sgs.map((g) => g.GroupId).join(', ')}${missingNote(missing)}`,
        ...denied.flatMap((x) =>
          describeSgDecision(x.d).map((line) => (dst.kind === 'interface' ? `${line} (${x.label})` : line)),
        ),
      ],
      fix: { summary, commands },
    }),
  );
  return { checks, findings };
}

function endpointIngress(
  ctx: PathContext,
  src: PathSource,
  dst: Extract<PathDestination, { kind: 'interface' }>,
): { checks: Check[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const e = dst.endpoint;
  if (dst.groupIds.length === 0) {
    return {
      checks: [
        {
          id: CHECK_INGRESS,
          layer: 'security-group',
          status: 'error',
          detail: `${e.VpcEndpointId} lists no security groups`,
        },
      ],
      findings,
    };
  }
  const groups = groupsOf(ctx, dst.groupIds, e.VpcEndpointId);
  if (!groups.ok)
    return { checks: [couldNotCheck(CHECK_INGRESS, 'security-group', groups.what, groups.outcome)], findings };
  if (src.address === undefined && (src.kind === 'outside' || src.groupIds.length === 0)) {
    const outcome = src.kind === 'inside' ? ctx.probe('ec2.subnets', { vpcId: src.source.VpcId }) : undefined;
    return {
      checks: [couldNotCheck(CHECK_INGRESS, 'security-group', `the address range of ${sourceLabel(src)}`, outcome)],
      findings,
    };
  }
  const { groups: sgs, missing } = groups.value;
  const lists = prefixListCidrs(ctx, referencedPrefixLists(sgs, 'ingress'), undefined);
  const peer: SgPeer = {
    ...(src.address !== undefined ? { address: src.address } : {}),
    ...(src.kind === 'inside' && src.groupIds.length > 0 && groupReferencesApply(dst)
      ? { groupIds: src.groupIds }
      : {}),
  };
  const tgwNote =
    dst.hub !== undefined && !groupReferencesApply(dst) && src.kind === 'inside' && src.groupIds.length > 0
      ? ` (${e.VpcEndpointId} is reached over a transit gateway: rules naming ${src.groupIds.join(', ')} do not match, only CIDR rules do)`
      : '';
  const d = evaluateSecurityGroups({ direction: 'ingress', groups: sgs, port: HTTPS_PORT, peer, prefixLists: lists });
  const note = outsideNote(src);
  if (d.allowed) {
    return {
      checks: [
        {
          id: CHECK_INGRESS,
          layer: 'security-group',
          status: 'pass',
          detail: `${e.VpcEndpointId}: ${decisionText(d)}${missingNote(missing)}${note !== '' ? `.${note}` : ''}`,
        },
      ],
      findings,
    };
  }
  const checks: Check[] = [
    {
      id: CHECK_INGRESS,
      layer: 'security-group',
      status: 'fail',
      detail: `${e.VpcEndpointId}: ${decisionText(d)}${tgwNote}${missingNote(missing)}${note !== '' ? `.${note}` : ''}`,
    },
  ];
  const group = sgs[0] as SecurityGroup;
  let source: SgRulePeer;
  let summary: string;
  if (src.kind === 'inside' && src.groupIds[0] !== undefined && groupReferencesApply(dst)) {
    source = { groupId: src.groupIds[0] };
    summary = `Allow inbound tcp/443 on ${group.GroupId} (the security group of ${e.VpcEndpointId}) from ${src.groupIds[0]}, a group on ${src.source.Id}.`;
  } else if (src.kind === 'inside') {
    const range =
      src.addressKind === 'ip' ? (hostCidr(src.address as string) ?? (src.address as string)) : (src.address as string);
    source = { cidr: range };
    summary =
      src.addressKind === 'ip'
        ? `Allow inbound tcp/443 on ${group.GroupId} (the security group of ${e.VpcEndpointId}) from ${range}, the address of ${src.source.Id}${src.subnetCidr !== undefined ? ` (or ${src.subnetCidr}, its subnet)` : ''}${tgwNote !== '' ? '; over a transit gateway the rule must name a CIDR' : ''}.`
        : `Allow inbound tcp/443 on ${group.GroupId} (the security group of ${e.VpcEndpointId}) from ${range}, the CIDR of ${src.source.Id}.`;
  } else {
    const cidr = hostCidr(src.address) ?? src.address;
    source = { cidr };
    summary = `Allow inbound tcp/443 on ${group.GroupId} (the security group of ${e.VpcEndpointId}) from ${cidr}, the source address ${src.how}; use the client network's CIDR instead if several hosts connect.`;
  }
  findings.push(
    finding('sg.endpoint-ingress-missing', {
      evidence: [
        `${e.VpcEndpointId} has security groups ${sgs.map((g) => g.GroupId).join(', ')} (DescribeVpcEndpoints Groups)${missingNote(missing)}`,
        `the source is ${sourceLabel(src)}${src.kind === 'inside' && src.groupIds.length > 0 ? ` with security groups ${src.groupIds.join(', ')}` : ''}`,
        ...describeSgDecision(d),
        ...(tgwNote !== '' ? [tgwNote.trim().replace(/^\(|\)$/g, '')] : []),
      ],
      fix: {
        summary,
        commands: [authorizeSecurityGroupIngressCommand({ groupId: group.GroupId, source, region: ctx.region })],
      },
    }),
  );
  return { checks, findings };
}

export const securityGroupsModule: CheckModule = {
  id: 'security-groups',
  layer: 'security-group',
  requires(ctx) {
    const src = pathSource(ctx);
    const dst = pathDestination(ctx);
    if (src === undefined || dst === undefined) return [];
    const out: ProbeRequest[] = [...pathRequests(ctx)];
    if (src.kind === 'inside') {
      const req = groupsRequest(src.groupIds);
      if (req !== undefined) out.push(req);
      const g = groupsOf(ctx, src.groupIds, src.source.Id);
      if (g.ok) {
        const skip = servicePlId(ctx, dst);
        for (const id of referencedPrefixLists(g.value.groups, 'egress')) {
          if (id !== skip) out.push({ key: 'ec2.managed-prefix-list', input: { prefixListId: id } });
        }
      }
    }
    if (dst.kind === 'interface') {
      const req = groupsRequest(dst.groupIds);
      if (req !== undefined) out.push(req);
      const g = groupsOf(ctx, dst.groupIds, dst.endpoint.VpcEndpointId);
      if (g.ok)
        for (const id of referencedPrefixLists(g.value.groups, 'ingress'))
          out.push({ key: 'ec2.managed-prefix-list', input: { prefixListId: id } });
    }
    return out;
  },
  evaluate(ctx): ModuleResult {
    const src = pathSource(ctx);
    const dst = pathDestination(ctx);
    if (src === undefined || dst === undefined) return { checks: [], findings: [] };
    const egress = sourceEgress(ctx, src, dst);
    const ingress = dst.kind === 'interface' ? endpointIngress(ctx, src, dst) : { checks: [], findings: [] };
    return { checks: [...egress.checks, ...ingress.checks], findings: [...egress.findings, ...ingress.findings] };
  },
};
