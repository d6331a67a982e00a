// The packet filters on the IPv6 half of a dual-stack name that does take the gateway endpoint:
// the source's security groups must allow outbound tcp/443 to the service's IPv6 prefix list and
// its subnet's ACL must pass the request and the replies for each IPv6 CIDR of it. The network
// modules judge the IPv4 list; an IPv6 rule is what these need (VPC user guide: security group
// rules, network ACL rules — an IPv4 rule never matches IPv6 traffic).
import type { PathContext } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { ManagedPrefixList, Source } from '../../probes/shapes.js';
import { couldNotCheck } from '../check-module.js';
import { authorizeSecurityGroupEgressCommand, naclFixForVerdicts } from '../net/fixes.js';
import { describeNaclVerdict, EPHEMERAL_PORTS, evaluateNacl, type NaclVerdict } from '../net/network-acls.js';
import { describeSgDecision, evaluateSecurityGroups } from '../net/security-groups.js';

export const CHECK_GATEWAY_FILTERS = 'family.gateway-ipv6-filters';
const HTTPS = 443;

function groupIds(source: Source): string[] {
  return [...new Set(source.Groups.map((g) => g.GroupId))].sort();
}

export function gatewayFilterRequests(source: Source): ProbeRequest[] {
  const ids = groupIds(source);
  return [
    ...(ids.length > 0 ? [{ key: 'ec2.security-groups' as const, input: { groupIds: ids } }] : []),
    { key: 'ec2.subnet-network-acl', input: { subnetId: source.SubnetId } },
  ];
}

function securityGroups(
  ctx: PathContext,
  source: Source,
  pl: ManagedPrefixList,
): { checks: Check[]; findings: Finding[] } {
  const ids = groupIds(source);
  if (ids.length === 0) return { checks: [], findings: [] };
  const outcome = ctx.probe('ec2.security-groups', { groupIds: ids });
  const what = `the security groups of ${source.Id} for IPv6`;
  if (outcome?.status !== 'ok')
    return { checks: [couldNotCheck(CHECK_GATEWAY_FILTERS, 'security-group', what, outcome)], findings: [] };
  const groups = outcome.value.filter((g) => ids.includes(g.GroupId));
  const first = groups[0];
  if (first === undefined) {
    const missing = { status: 'error' as const, message: `DescribeSecurityGroups found none of ${ids.join(', ')}` };
    return { checks: [couldNotCheck(CHECK_GATEWAY_FILTERS, 'security-group', what, missing)], findings: [] };
  }
  const d = evaluateSecurityGroups({
    direction: 'egress',
    groups,
    port: HTTPS,
    peer: { prefixLists: [{ prefixListId: pl.PrefixListId, cidrs: pl.Entries.map((e) => e.Cidr) }] },
  });
  const lines = describeSgDecision(d);
  if (d.allowed)
    return {
      checks: [
        { id: CHECK_GATEWAY_FILTERS, layer: 'security-group', status: 'pass', detail: `IPv6: ${lines.join('; ')}` },
      ],
      findings: [],
    };
  return {
    checks: [
      { id: CHECK_GATEWAY_FILTERS, layer: 'security-group', status: 'fail', detail: `IPv6: ${lines.join('; ')}` },
    ],
    findings: [
      finding('sg.source-egress-missing', {
        evidence: [
          `the AAAA traffic of the dual-stack name goes to ${pl.PrefixListId}, the service's IPv6 prefix list`,
          ...lines,
        ],
        fix: {
          summary: `Allow outbound tcp/443 from ${first.GroupId} (a group on ${source.Id}) to ${pl.PrefixListId}, the IPv6 prefix list the dual-stack name resolves into.`,
          commands: [
            authorizeSecurityGroupEgressCommand({
              groupId: first.GroupId,
              destination: { prefixListId: pl.PrefixListId },
              region: ctx.region,
            }),
          ],
        },
      }),
    ],
  };
}

function networkAcl(ctx: PathContext, source: Source, pl: ManagedPrefixList): { checks: Check[]; findings: Finding[] } {
  const outcome = ctx.probe('ec2.subnet-network-acl', { subnetId: source.SubnetId });
  const what = `the network ACL of ${source.SubnetId} for IPv6`;
  if (outcome?.status !== 'ok')
    return { checks: [couldNotCheck(CHECK_GATEWAY_FILTERS, 'nacl', what, outcome)], findings: [] };
  const acl = outcome.value;
  if (acl === null) {
    const none = { status: 'error' as const, message: `DescribeNetworkAcls found no ACL for ${source.SubnetId}` };
    return { checks: [couldNotCheck(CHECK_GATEWAY_FILTERS, 'nacl', what, none)], findings: [] };
  }
  const verdicts: NaclVerdict[] = pl.Entries.flatMap((e) => [
    evaluateNacl(acl, { direction: 'outbound', peer: e.Cidr, ports: HTTPS }),
    evaluateNacl(acl, { direction: 'inbound', peer: e.Cidr, ports: EPHEMERAL_PORTS }),
  ]);
  const blocked = verdicts.filter((v) => !v.allowed);
  if (blocked.length === 0)
    return {
      checks: [
        {
          id: CHECK_GATEWAY_FILTERS,
          layer: 'nacl',
          status: 'pass',
          detail: `IPv6: ${acl.NetworkAclId} passes tcp/443 to and replies from ${pl.PrefixListId}`,
        },
      ],
      findings: [],
    };
  const evidence = [...new Set(blocked.flatMap(describeNaclVerdict))];
  const fixes = (['outbound', 'inbound'] as const)
    .map((dir) =>
      naclFixForVerdicts(
        acl,
        blocked.filter((v) => v.direction === dir),
        ctx.region,
      ),
    )
    .filter((f) => f !== undefined);
  return {
    checks: [{ id: CHECK_GATEWAY_FILTERS, layer: 'nacl', status: 'fail', detail: `IPv6: ${evidence.join('; ')}` }],
    findings: [
      finding('nacl.source-subnet-blocks', {
        evidence: [
          `${source.SubnetId} uses ${acl.NetworkAclId}; the AAAA traffic of the dual-stack name goes to ${pl.PrefixListId} (IPv6)`,
          ...evidence,
        ],
        fix: {
          summary: `Add IPv6 entries to ${acl.NetworkAclId}: outbound tcp/443 to and inbound tcp/1024-65535 from each CIDR of ${pl.PrefixListId}${
            fixes.some((f) => f.problem !== undefined)
              ? ` (${fixes
                  .map((f) => f.problem)
                  .filter(Boolean)
                  .join('; ')})`
              : ''
          }.`,
          commands: fixes.flatMap((f) => f.commands),
        },
      }),
    ],
  };
}

/** Both filters on the IPv6 half, for a source inside the VPC whose table sends it to the endpoint. */
export function evaluateGatewayIpv6Filters(
  ctx: PathContext,
  source: Source,
  pl: ManagedPrefixList,
): { checks: Check[]; findings: Finding[] } {
  if (pl.Entries.length === 0) return { checks: [], findings: [] };
  const sg = securityGroups(ctx, source, pl);
  const acl = networkAcl(ctx, source, pl);
  return { checks: [...sg.checks, ...acl.checks], findings: [...sg.findings, ...acl.findings] };
}
