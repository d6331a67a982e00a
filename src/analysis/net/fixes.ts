// AWS CLI v2 commands that fix what the net evaluators find, carrying the real ids.
// Every flag below was checked against the AWS CLI v2 command reference (page named above each
// builder). Commands are data (src/findings/command.ts); the renderer quotes them.
import { awsCommand, type FixCommand } from '../../findings/command.js';
import type { NetworkAcl, Route } from '../../probes/shapes.js';
import { canonicalCidr, hostCidr, parseAddressOrCidr } from './cidr.js';
import type { NaclVerdict, PortSpan } from './network-acls.js';
import { IMPLICIT_RULE_NUMBER } from './network-acls.js';
import type { GatewayRoutingIssue, RouteTarget } from './routes.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

function requireId(value: string, what: string): string {
  if (!ID.test(value)) throw new RangeError(`not a valid ${what}: ${JSON.stringify(value)}`);
  return value;
}

/** A CIDR, or an address made into its /32 or /128, in canonical form. */
function requireCidr(value: string): { cidr: string; family: 4 | 6 } {
  const parsed = parseAddressOrCidr(value);
  const text = value.includes('/') ? canonicalCidr(value) : hostCidr(value);
  if (parsed === undefined || text === undefined)
    throw new RangeError(`not a valid CIDR or address: ${JSON.stringify(value)}`);
  return { cidr: text, family: parsed.family };
}

function portSpan(ports: number | PortSpan): PortSpan {
  const span = typeof ports === 'number' ? { from: ports, to: ports } : ports;
  if (
    !Number.isInteger(span.from) ||
    !Number.isInteger(span.to) ||
    span.from < 0 ||
    span.to > 65535 ||
    span.from > span.to
  ) {
    throw new RangeError(`not a valid port range: ${span.from}-${span.to}`);
  }
  return span;
}

/** Who a security-group rule names: a group, an IPv4/IPv6 CIDR (or address), or a prefix list. */
export type SgRulePeer = { groupId: string } | { cidr: string } | { prefixListId: string };

function ipPermissions(ports: PortSpan, peer: SgRulePeer): string {
  const head = `IpProtocol=tcp,FromPort=${ports.from},ToPort=${ports.to}`;
  if ('groupId' in peer) return `${head},UserIdGroupPairs=[{GroupId=${requireId(peer.groupId, 'security group id')}}]`;
  if ('prefixListId' in peer)
    return `${head},PrefixListIds=[{PrefixListId=${requireId(peer.prefixListId, 'prefix list id')}}]`;
  const { cidr, family } = requireCidr(peer.cidr);
  return family === 4 ? `${head},IpRanges=[{CidrIp=${cidr}}]` : `${head},Ipv6Ranges=[{CidrIpv6=${cidr}}]`;
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/authorize-security-group-ingress.html
/** Allow inbound TCP on `groupId` from a group, CIDR or prefix list. */
export function authorizeSecurityGroupIngressCommand(p: {
  groupId: string;
  ports?: number | PortSpan;
  source: SgRulePeer;
  region: string;
}): FixCommand {
  const perms = ipPermissions(portSpan(p.ports ?? 443), p.source);
  return awsCommand(
    'ec2',
    'authorize-security-group-ingress',
    ['--group-id', requireId(p.groupId, 'security group id'), '--ip-permissions', perms],
    { region: p.region },
  );
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/authorize-security-group-egress.html
/** Allow outbound TCP from `groupId` to a prefix list, CIDR or group. */
export function authorizeSecurityGroupEgressCommand(p: {
  groupId: string;
  ports?: number | PortSpan;
  destination: SgRulePeer;
  region: string;
}): FixCommand {
  const perms = ipPermissions(portSpan(p.ports ?? 443), p.destination);
  return awsCommand(
    'ec2',
    'authorize-security-group-egress',
    ['--group-id', requireId(p.groupId, 'security group id'), '--ip-permissions', perms],
    { region: p.region },
  );
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/create-network-acl-entry.html
/** One allow entry for TCP; --cidr-block or --ipv6-cidr-block follows the CIDR's family. */
export function createNetworkAclEntryCommand(p: {
  networkAclId: string;
  ruleNumber: number;
  egress: boolean;
  cidr: string;
  ports: number | PortSpan;
  action?: 'allow' | 'deny';
  region: string;
}): FixCommand {
  if (!Number.isInteger(p.ruleNumber) || p.ruleNumber < 1 || p.ruleNumber >= IMPLICIT_RULE_NUMBER) {
    throw new RangeError(`rule number must be 1-32766, got ${p.ruleNumber}`);
  }
  const ports = portSpan(p.ports);
  const { cidr, family } = requireCidr(p.cidr);
  return awsCommand(
    'ec2',
    'create-network-acl-entry',
    [
      '--network-acl-id',
      requireId(p.networkAclId, 'network ACL id'),
      p.egress ? '--egress' : '--ingress',
      '--rule-number',
      p.ruleNumber,
      '--protocol',
      'tcp',
      '--port-range',
      `From=${ports.from},To=${ports.to}`,
      family === 4 ? '--cidr-block' : '--ipv6-cidr-block',
      cidr,
      '--rule-action',
      p.action ?? 'allow',
    ],
    { region: p.region },
  );
}

/**
 * `count` unused rule numbers (same direction) below `below`, highest first: multiples of 10
 * first (AWS advises leaving gaps), then any free number. Undefined when there is no room.
 */
export function chooseFreeRuleNumbers(
  acl: NetworkAcl,
  egress: boolean,
  count: number,
  below: number,
): number[] | undefined {
  const used = new Set(acl.Entries.filter((e) => e.Egress === egress).map((e) => e.RuleNumber));
  const limit = Math.min(below, IMPLICIT_RULE_NUMBER) - 1;
  const picked: number[] = [];
  const tryPick = (n: number): void => {
    if (picked.length < count && n >= 1 && !used.has(n) && !picked.includes(n)) picked.push(n);
  };
  if (below >= IMPLICIT_RULE_NUMBER) {
    // Only the `*` rule denies: append after the last rule, in steps of 10.
    const top = Math.max(0, ...[...used].filter((n) => n < IMPLICIT_RULE_NUMBER));
    for (let n = (Math.floor(top / 10) + 1) * 10; n <= limit && picked.length < count; n += 10) tryPick(n);
  }
  for (let n = Math.floor(limit / 10) * 10; n >= 10 && picked.length < count; n -= 10) tryPick(n);
  for (let n = limit; n >= 1 && picked.length < count; n--) tryPick(n);
  return picked.length === count ? picked.sort((a, b) => a - b) : undefined;
}

export interface NaclFix {
  networkAclId: string;
  egress: boolean;
  commands: FixCommand[];
  /** Set when no command could be built (no free rule number below the deny). */
  problem?: string;
  /** Set when the entries would pass the ACL's default quota of rules per direction (then no command). */
  quotaNote?: string;
}

// https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-nacls
// "Rules per network ACL": 20, a one-way quota (20 inbound and 20 outbound) by default,
// adjustable to 40; and https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
// (Considerations: quotas for the number of rules per network ACL).
export const NACL_RULES_PER_DIRECTION = 20;

/**
 * Entries that let the denied verdicts through, one per peer CIDR (ACLs cannot name prefix lists,
 * so a gateway service needs one entry per prefix-list CIDR), numbered below the lowest deny that
 * decided any of them. Verdicts must be from one ACL and one direction.
 */
export function naclFixForVerdicts(
  acl: NetworkAcl,
  verdicts: readonly NaclVerdict[],
  region: string,
  /** The CIDR an entry should admit for a peer (the source subnet's CIDR for the source's address). */
  widen: (peer: string) => string = (peer) => peer,
): NaclFix | undefined {
  const denied = verdicts.filter((v) => !v.allowed && v.networkAclId === acl.NetworkAclId);
  const first = denied[0];
  if (first === undefined) return undefined;
  const egress = first.direction === 'outbound';
  const same = denied.filter((v) => (v.direction === 'outbound') === egress);
  const below = Math.min(...same.flatMap((v) => v.denials.map((d) => d.rule.ruleNumber)));
  // One entry per distinct peer CIDR and port range.
  const wanted = new Map<string, { cidr: string; ports: PortSpan }>();
  for (const v of same) {
    const { cidr } = requireCidr(widen(v.peer));
    wanted.set(`${cidr} ${v.ports.from}-${v.ports.to}`, { cidr, ports: v.ports });
  }
  const numbers = chooseFreeRuleNumbers(acl, egress, wanted.size, below);
  if (numbers === undefined) {
    return {
      networkAclId: acl.NetworkAclId,
      egress,
      commands: [],
      problem: `no ${wanted.size} free rule number(s) below ${below} on ${acl.NetworkAclId}; renumber the ${egress ? 'outbound' : 'inbound'} rules first`,
    };
  }
  const commands = [...wanted.values()].map((w, i) =>
    createNetworkAclEntryCommand({
      networkAclId: acl.NetworkAclId,
      ruleNumber: numbers[i] as number,
      egress,
      cidr: w.cidr,
      ports: w.ports,
      region,
    }),
  );
  const existing = acl.Entries.filter((e) => e.Egress === egress && e.RuleNumber < IMPLICIT_RULE_NUMBER).length;
  const total = existing + commands.length;
  if (total > NACL_RULES_PER_DIRECTION) {
    // AWS refuses entries past the quota (NetworkAclEntryLimitExceeded): print none rather than
    // commands that stop halfway, and say what works instead.
    const direction = egress ? 'outbound' : 'inbound';
    const ports = [
      ...new Set(
        [...wanted.values()].map((w) =>
          w.ports.from === w.ports.to ? `tcp/${w.ports.from}` : `tcp/${w.ports.from}-${w.ports.to}`,
        ),
      ),
    ].join(', ');
    return {
      networkAclId: acl.NetworkAclId,
      egress,
      commands: [],
      quotaNote: `No command printed: ${wanted.size} entries would bring ${acl.NetworkAclId} to ${total} ${direction} rules, over the quota of ${NACL_RULES_PER_DIRECTION} per direction ("Rules per network ACL", VPC quotas); instead allow ${direction} ${ports} ${egress ? 'to' : 'from'} 0.0.0.0/0 in one rule numbered below ${below} and let security groups (which can name a prefix list) narrow it, or raise that quota in Service Quotas (up to 40) first`,
    };
  }
  return { networkAclId: acl.NetworkAclId, egress, commands };
}

function destinationFlag(route: Route): string[] {
  if (route.DestinationCidrBlock !== undefined)
    return ['--destination-cidr-block', requireCidr(route.DestinationCidrBlock).cidr];
  if (route.DestinationIpv6CidrBlock !== undefined)
    return ['--destination-ipv6-cidr-block', requireCidr(route.DestinationIpv6CidrBlock).cidr];
  if (route.DestinationPrefixListId !== undefined)
    return ['--destination-prefix-list-id', requireId(route.DestinationPrefixListId, 'prefix list id')];
  throw new RangeError('route has no destination');
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/delete-route.html
/** Delete a route, naming its destination exactly as the table does. */
export function deleteRouteCommand(routeTableId: string, route: Route, region: string): FixCommand {
  return awsCommand(
    'ec2',
    'delete-route',
    ['--route-table-id', requireId(routeTableId, 'route table id'), ...destinationFlag(route)],
    { region },
  );
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/replace-route.html
/**
 * Point an existing route at another target. Undefined for targets replace-route cannot set
 * (a gateway endpoint route is managed by modify-vpc-endpoint; blackhole/none/other).
 */
export function replaceRouteCommand(
  routeTableId: string,
  route: Route,
  target: RouteTarget,
  region: string,
): FixCommand | undefined {
  const id = target.id;
  const flag = ((): string[] | undefined => {
    switch (target.kind) {
      case 'local':
        return ['--local-target'];
      case 'igw':
      case 'vgw':
        return id === undefined ? undefined : ['--gateway-id', requireId(id, 'gateway id')];
      case 'nat':
        return id === undefined ? undefined : ['--nat-gateway-id', requireId(id, 'NAT gateway id')];
      case 'tgw':
        return id === undefined ? undefined : ['--transit-gateway-id', requireId(id, 'transit gateway id')];
      case 'pcx':
        return id === undefined ? undefined : ['--vpc-peering-connection-id', requireId(id, 'peering connection id')];
      case 'eni':
        return id === undefined ? undefined : ['--network-interface-id', requireId(id, 'network interface id')];
      case 'instance':
        return id === undefined ? undefined : ['--instance-id', requireId(id, 'instance id')];
      case 'egress-only-igw':
        return id === undefined
          ? undefined
          : ['--egress-only-internet-gateway-id', requireId(id, 'egress-only internet gateway id')];
      case 'local-gateway':
        return id === undefined ? undefined : ['--local-gateway-id', requireId(id, 'local gateway id')];
      case 'carrier-gateway':
        return id === undefined ? undefined : ['--carrier-gateway-id', requireId(id, 'carrier gateway id')];
      case 'core-network':
        return id === undefined ? undefined : ['--core-network-arn', id];
      case 'gateway-endpoint':
      case 'other':
      case 'blackhole':
      case 'none':
        return undefined;
      default: {
        const never: never = target.kind;
        return never;
      }
    }
  })();
  if (flag === undefined) return undefined;
  return awsCommand(
    'ec2',
    'replace-route',
    ['--route-table-id', requireId(routeTableId, 'route table id'), ...destinationFlag(route), ...flag],
    { region },
  );
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/modify-vpc-endpoint.html
/** Gateway endpoint routes can't be made with create-route: associate the table with the endpoint. */
export function addEndpointRouteTableCommand(
  endpointId: string,
  routeTableIds: readonly string[],
  region: string,
): FixCommand {
  const tables = routeTableIds.map((t) => requireId(t, 'route table id'));
  return awsCommand(
    'ec2',
    'modify-vpc-endpoint',
    ['--vpc-endpoint-id', requireId(endpointId, 'VPC endpoint id'), '--add-route-table-ids', ...tables],
    { region },
  );
}

/** The commands for one gateway-routing issue from analyzeGatewayRouting. */
export function gatewayRoutingFixCommands(issue: GatewayRoutingIssue, region: string): FixCommand[] {
  switch (issue.kind) {
    case 'endpoint-route-missing':
      return issue.otherEndpointId === undefined
        ? [addEndpointRouteTableCommand(issue.endpointId, [issue.routeTableId], region)]
        : [];
    case 'via-nat':
      return [];
    case 'endpoint-route-blackhole':
      return [];
    case 'route-overridden':
      // Deleting is the only fix we can print exactly; narrowing is a judgement call left to the reader.
      return [deleteRouteCommand(issue.routeTableId, issue.route, region)];
    default: {
      const never: never = issue;
      return never;
    }
  }
}
