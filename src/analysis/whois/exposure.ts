// What can reach an interface: its security groups' inbound rules (and which admit its listener
// ports), its subnet's network ACL inbound rules for those ports, and the subnet's route table.
import type { EffectiveRouteTable, IpPermission, NetworkAcl, SecurityGroup } from '../../probes/shapes.js';
import { IMPLICIT_RULE_NUMBER } from '../net/network-acls.js';
import { classifyRouteTarget, routeDestinationLabel, targetLabel } from '../net/routes.js';
import { permissionAllowsTcpPort } from '../net/security-groups.js';

export interface InboundRule {
  groupId: string;
  /** "tcp/443", "tcp/1024-65535", "all traffic", "udp/53", "icmp". */
  protocol: string;
  /** A CIDR, a prefix list id or a security group id. */
  source: string;
  description?: string;
}

function protocolLabel(perm: IpPermission): string {
  const proto = perm.IpProtocol.toLowerCase();
  if (proto === '-1' || proto === 'all') return 'all traffic';
  const name = proto === '6' ? 'tcp' : proto === '17' ? 'udp' : proto === '1' ? 'icmp' : proto;
  const from = perm.FromPort;
  const to = perm.ToPort;
  if (name === 'icmp' || from === undefined || to === undefined || from === -1) return `${name} (all ports)`;
  return from === to ? `${name}/${from}` : `${name}/${from}-${to}`;
}

function sourcesOf(groupId: string, perm: IpPermission): InboundRule[] {
  const protocol = protocolLabel(perm);
  const rule = (source: string, description: string | undefined): InboundRule => ({
    groupId,
    protocol,
    source,
    ...(description !== undefined && description !== '' ? { description } : {}),
  });
  return [
    ...perm.IpRanges.map((r) => rule(r.CidrIp ?? '?', r.Description)),
    ...perm.Ipv6Ranges.map((r) => rule(r.CidrIpv6 ?? '?', r.Description)),
    ...perm.PrefixListIds.map((r) => rule(r.PrefixListId ?? '?', r.Description)),
    ...perm.UserIdGroupPairs.map((r) => rule(r.GroupId ?? '?', r.Description)),
  ];
}

/** Every inbound rule of the groups, one line per source. */
export function inboundRules(groups: readonly SecurityGroup[]): InboundRule[] {
  return groups.flatMap((g) => g.IpPermissions.flatMap((p) => sourcesOf(g.GroupId, p)));
}

/** The inbound rules that admit TCP on this port (security groups only allow, so any one admits). */
export function rulesAdmittingPort(groups: readonly SecurityGroup[], port: number): InboundRule[] {
  return groups.flatMap((g) =>
    g.IpPermissions.filter((p) => permissionAllowsTcpPort(p, port)).flatMap((p) => sourcesOf(g.GroupId, p)),
  );
}

export interface AclRuleLine {
  rule: string;
  action: 'allow' | 'deny';
  protocol: string;
  ports?: string;
  cidr: string;
}

// VPC user guide "Network ACLs": rules are evaluated in number order, the first match decides, `*` denies the rest.
/** The ACL's inbound rules that can match TCP to this port, in the order AWS evaluates them, ending with `*`. */
export function aclInboundForPort(acl: NetworkAcl, port: number): AclRuleLine[] {
  const lines = acl.Entries.filter((e) => !e.Egress && e.RuleNumber < IMPLICIT_RULE_NUMBER)
    .filter((e) => {
      if (e.Protocol === '-1') return true;
      if (e.Protocol !== '6') return false;
      const from = e.PortRange?.From;
      const to = e.PortRange?.To;
      return from === undefined || to === undefined || (port >= from && port <= to);
    })
    .sort((a, b) => a.RuleNumber - b.RuleNumber)
    .map((e): AclRuleLine => ({
      rule: String(e.RuleNumber),
      action: e.RuleAction,
      protocol: e.Protocol === '-1' ? 'all traffic' : 'tcp',
      ...(e.PortRange?.From !== undefined
        ? {
            ports:
              e.PortRange.From === e.PortRange.To
                ? String(e.PortRange.From)
                : `${e.PortRange.From}-${e.PortRange.To ?? ''}`,
          }
        : {}),
      cidr: e.CidrBlock ?? e.Ipv6CidrBlock ?? '?',
    }));
  return [...lines, { rule: '*', action: 'deny', protocol: 'all traffic', cidr: '0.0.0.0/0' }];
}

export interface RouteLine {
  destination: string;
  target: string;
  state?: string;
}

export function routeLines(table: EffectiveRouteTable): RouteLine[] {
  return table.RouteTable.Routes.map((r) => ({
    destination: routeDestinationLabel(r),
    target: targetLabel(classifyRouteTarget(r)),
    ...(r.State !== undefined ? { state: r.State } : {}),
  }));
}
