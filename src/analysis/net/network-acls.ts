// Stateless network-ACL evaluation of TCP packets, and of a whole TCP exchange between two
// subnets (request out, request in, reply out, reply in).
//
// How partial coverage is reported (ports or addresses): a verdict is `allowed` only if EVERY
// port of the requested range and EVERY address of the peer (an address, or a CIDR such as a
// prefix-list entry) is allowed. Otherwise it is a deny; `denials` lists each denied port span
// with the rule that denies it (an explicit deny, or the implicit `*` when nothing matched), and
// `decidingRule` is the denial of the lowest denied port. Rules that allowed only part of the
// range are kept in `allowingRules`, so a finding can say "rule 100 allows only 1024-32767".
import type { NetworkAcl, NetworkAclEntry } from '../../probes/shapes.js';
import { parseAddressOrCidr, parseCidr, type ParsedCidr } from './cidr.js';

export interface PortSpan {
  from: number;
  to: number;
}

export type NaclDirection = 'inbound' | 'outbound';

/** The return of a TCP connection goes to the client's ephemeral port; AWS advises allowing 1024-65535. */
export const EPHEMERAL_PORTS: PortSpan = { from: 1024, to: 65535 };

/** Rule number AWS shows for the final `*` rule. */
export const IMPLICIT_RULE_NUMBER = 32767;

export interface NaclRuleRef {
  networkAclId: string;
  ruleNumber: number;
  /** `90`, or `*` for the final rule. */
  label: string;
  /** True when the `*` deny was not in the entries and was supplied by the evaluator. */
  implicit: boolean;
  action: 'allow' | 'deny';
  cidr: string;
  egress: boolean;
  protocol: string;
  portRange?: PortSpan;
}

export interface NaclDenial {
  ports: PortSpan;
  rule: NaclRuleRef;
}

export interface NaclVerdict {
  allowed: boolean;
  networkAclId: string;
  direction: NaclDirection;
  /** The other end of the packet: its source for inbound, its destination for outbound. */
  peer: string;
  /** The packet's destination port range that was evaluated. */
  ports: PortSpan;
  /** Allowed: the rule that allows the lowest port; denied: the rule that denies the lowest denied port. */
  decidingRule: NaclRuleRef;
  /** Allow rules that matched some or all of the range. */
  allowingRules: NaclRuleRef[];
  allowedPorts: PortSpan[];
  /** Empty when allowed. */
  denials: NaclDenial[];
}

export interface NaclPacketQuery {
  direction: NaclDirection;
  /** The peer address or CIDR (for a CIDR every address must be allowed). */
  peer: string;
  /** Destination port of the packet, or a range of them (the ephemeral return). */
  ports: number | PortSpan;
}

interface CompiledEntry {
  ref: NaclRuleRef;
  block: ParsedCidr;
  /** Undefined: every port. */
  ports?: PortSpan;
}

// VPC user guide "Network ACL rules": protocol -1 is every protocol and port; 6 (tcp) uses the
// entry's PortRange. A tcp entry with no PortRange is read as every port.
function entryMatchesTcp(entry: NetworkAclEntry): { ok: boolean; ports?: PortSpan } {
  const proto = entry.Protocol.toLowerCase();
  if (proto === '-1' || proto === 'all') return { ok: true };
  if (proto !== '6' && proto !== 'tcp') return { ok: false };
  const from = entry.PortRange?.From;
  const to = entry.PortRange?.To;
  if (from === undefined || to === undefined) return { ok: true };
  return { ok: true, ports: { from, to } };
}

function ruleRef(aclId: string, entry: NetworkAclEntry, cidr: string, ports: PortSpan | undefined): NaclRuleRef {
  return {
    networkAclId: aclId,
    ruleNumber: entry.RuleNumber,
    label: entry.RuleNumber === IMPLICIT_RULE_NUMBER ? '*' : String(entry.RuleNumber),
    implicit: false,
    action: entry.RuleAction,
    cidr,
    egress: entry.Egress,
    protocol: entry.Protocol,
    ...(ports !== undefined ? { portRange: ports } : {}),
  };
}

function compile(acl: NetworkAcl, egress: boolean, family: 4 | 6): CompiledEntry[] {
  const out: CompiledEntry[] = [];
  for (const entry of acl.Entries) {
    if (entry.Egress !== egress) continue;
    // An IPv4 entry never matches an IPv6 packet and vice versa.
    const cidr = family === 4 ? entry.CidrBlock : entry.Ipv6CidrBlock;
    if (cidr === undefined) continue;
    const block = parseCidr(cidr);
    if (block === undefined || block.family !== family) continue;
    const m = entryMatchesTcp(entry);
    if (!m.ok) continue;
    out.push({
      ref: ruleRef(acl.NetworkAclId, entry, cidr, m.ports),
      block,
      ...(m.ports !== undefined ? { ports: m.ports } : {}),
    });
  }
  // Ascending rule number, first match wins.
  return out.sort((a, b) => a.ref.ruleNumber - b.ref.ruleNumber);
}

function implicitDeny(aclId: string, egress: boolean, family: 4 | 6): NaclRuleRef {
  return {
    networkAclId: aclId,
    ruleNumber: IMPLICIT_RULE_NUMBER,
    label: '*',
    implicit: true,
    action: 'deny',
    cidr: family === 4 ? '0.0.0.0/0' : '::/0',
    egress,
    protocol: '-1',
  };
}

type Interval = [bigint, bigint];

function subtract(intervals: Interval[], lo: bigint, hi: bigint): Interval[] {
  const out: Interval[] = [];
  for (const [x, y] of intervals) {
    if (hi < x || lo > y) {
      out.push([x, y]);
      continue;
    }
    if (x < lo) out.push([x, lo - 1n]);
    if (hi < y) out.push([hi + 1n, y]);
  }
  return out;
}

function overlaps(intervals: Interval[], lo: bigint, hi: bigint): boolean {
  return intervals.some(([x, y]) => !(hi < x || lo > y));
}

interface SegmentOutcome {
  ports: PortSpan;
  allowed: boolean;
  rule: NaclRuleRef;
  allows: NaclRuleRef[];
}

function evaluateSegment(
  entries: CompiledEntry[],
  peer: ParsedCidr,
  implicit: NaclRuleRef,
): { allowed: boolean; rule: NaclRuleRef; allows: NaclRuleRef[] } {
  let undecided: Interval[] = [[peer.network, peer.last]];
  const allows: NaclRuleRef[] = [];
  for (const e of entries) {
    if (!overlaps(undecided, e.block.network, e.block.last)) continue;
    if (e.ref.action === 'deny') return { allowed: false, rule: e.ref, allows };
    allows.push(e.ref);
    undecided = subtract(undecided, e.block.network, e.block.last);
    if (undecided.length === 0) return { allowed: true, rule: e.ref, allows };
  }
  return { allowed: false, rule: implicit, allows };
}

/** Evaluate TCP packets to/from `peer` on one ACL, honouring rule order and the final `*` deny. */
export function evaluateNacl(acl: NetworkAcl, query: NaclPacketQuery): NaclVerdict {
  const ports: PortSpan = typeof query.ports === 'number' ? { from: query.ports, to: query.ports } : query.ports;
  const egress = query.direction === 'outbound';
  const peer = parseAddressOrCidr(query.peer);
  const family: 4 | 6 = peer?.family ?? 4;
  const implicit = implicitDeny(acl.NetworkAclId, egress, family);
  const base = { networkAclId: acl.NetworkAclId, direction: query.direction, peer: query.peer, ports };
  if (peer === undefined || ports.from > ports.to) {
    // A malformed peer matches no rule: only the final deny applies.
    return {
      ...base,
      allowed: false,
      decidingRule: implicit,
      allowingRules: [],
      allowedPorts: [],
      denials: [{ ports, rule: implicit }],
    };
  }
  const entries = compile(acl, egress, family);

  // Cut the port range where any entry's range starts or ends, so each segment is uniform.
  const cuts = new Set<number>([ports.from, ports.to + 1]);
  for (const e of entries) {
    if (e.ports === undefined) continue;
    if (e.ports.from > ports.from && e.ports.from <= ports.to) cuts.add(e.ports.from);
    if (e.ports.to + 1 > ports.from && e.ports.to + 1 <= ports.to) cuts.add(e.ports.to + 1);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const outcomes: SegmentOutcome[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const seg: PortSpan = { from: points[i] as number, to: (points[i + 1] as number) - 1 };
    const applicable = entries.filter(
      (e) => e.ports === undefined || (e.ports.from <= seg.from && e.ports.to >= seg.to),
    );
    const r = evaluateSegment(applicable, peer, implicit);
    const prev = outcomes[outcomes.length - 1];
    if (prev !== undefined && prev.allowed === r.allowed && prev.rule === r.rule && prev.ports.to + 1 === seg.from) {
      prev.ports = { from: prev.ports.from, to: seg.to };
      for (const a of r.allows) if (!prev.allows.includes(a)) prev.allows.push(a);
    } else {
      outcomes.push({ ports: seg, allowed: r.allowed, rule: r.rule, allows: [...r.allows] });
    }
  }

  const allowingRules: NaclRuleRef[] = [];
  for (const o of outcomes) for (const a of o.allows) if (!allowingRules.includes(a)) allowingRules.push(a);
  allowingRules.sort((a, b) => a.ruleNumber - b.ruleNumber);
  const denials = outcomes.filter((o) => !o.allowed).map((o) => ({ ports: o.ports, rule: o.rule }));
  const allowedPorts = mergeSpans(outcomes.filter((o) => o.allowed).map((o) => o.ports));
  const first = denials[0] ?? outcomes[0];
  return {
    ...base,
    allowed: denials.length === 0,
    decidingRule: first?.rule ?? implicit,
    allowingRules,
    allowedPorts,
    denials,
  };
}

function mergeSpans(spans: PortSpan[]): PortSpan[] {
  const out: PortSpan[] = [];
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1];
    if (last !== undefined && last.to + 1 >= s.from) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A TCP exchange between two subnets

export type NaclLegName =
  'source-outbound' | 'source-inbound-return' | 'destination-inbound' | 'destination-outbound-return';

export interface NaclLeg {
  leg: NaclLegName;
  side: 'source' | 'destination';
  findingId: 'nacl.source-subnet-blocks' | 'nacl.endpoint-subnet-blocks';
  networkAclId: string;
  allowed: boolean;
  /** One verdict per peer (each prefix-list CIDR for a gateway service). */
  verdicts: NaclVerdict[];
}

export interface NaclExchangeQuery {
  /** The service port, 443. */
  port: number;
  /** Client ports the reply goes back to; defaults to 1024-65535. */
  ephemeral?: PortSpan;
  source: { networkAcl: NetworkAcl; subnetId?: string; address: string };
  destination:
    | { kind: 'interface'; networkAcl?: NetworkAcl; subnetId?: string; address: string }
    | { kind: 'gateway'; cidrs: readonly string[]; prefixListId?: string };
}

export interface NaclExchangeResult {
  allowed: boolean;
  /** Set when no ACL sits on the path (source and destination share a subnet). */
  notApplicable?: 'same-subnet';
  legs: NaclLeg[];
  /** Every denied verdict, for evidence. */
  blocked: NaclVerdict[];
}

/**
 * Evaluate the four packets of a TCP exchange: request out of the source subnet, reply into it
 * (ephemeral ports), and for an interface endpoint request into and reply out of its subnet.
 * NACLs filter traffic entering and leaving a subnet, so a same-subnet exchange is not filtered.
 */
export function evaluateTcpExchange(q: NaclExchangeQuery): NaclExchangeResult {
  const ephemeral = q.ephemeral ?? EPHEMERAL_PORTS;
  const dst = q.destination;
  if (dst.kind === 'interface' && q.source.subnetId !== undefined && q.source.subnetId === dst.subnetId) {
    return { allowed: true, notApplicable: 'same-subnet', legs: [], blocked: [] };
  }
  const peers = dst.kind === 'gateway' ? [...dst.cidrs] : [dst.address];
  const leg = (
    name: NaclLegName,
    side: 'source' | 'destination',
    acl: NetworkAcl,
    direction: NaclDirection,
    legPeers: string[],
    ports: number | PortSpan,
  ): NaclLeg => {
    const verdicts = legPeers.map((peer) => evaluateNacl(acl, { direction, peer, ports }));
    return {
      leg: name,
      side,
      findingId: side === 'source' ? 'nacl.source-subnet-blocks' : 'nacl.endpoint-subnet-blocks',
      networkAclId: acl.NetworkAclId,
      allowed: verdicts.every((v) => v.allowed),
      verdicts,
    };
  };
  const legs: NaclLeg[] = [
    leg('source-outbound', 'source', q.source.networkAcl, 'outbound', peers, q.port),
    leg('source-inbound-return', 'source', q.source.networkAcl, 'inbound', peers, ephemeral),
  ];
  if (dst.kind === 'interface' && dst.networkAcl !== undefined) {
    legs.push(
      leg('destination-inbound', 'destination', dst.networkAcl, 'inbound', [q.source.address], q.port),
      leg('destination-outbound-return', 'destination', dst.networkAcl, 'outbound', [q.source.address], ephemeral),
    );
  }
  const blocked = legs.flatMap((l) => l.verdicts.filter((v) => !v.allowed));
  return { allowed: blocked.length === 0, legs, blocked };
}

function spanText(p: PortSpan): string {
  return p.from === p.to ? `tcp/${p.from}` : `tcp/${p.from}-${p.to}`;
}

function ruleText(r: NaclRuleRef): string {
  return r.label === '*' ? `implicit deny (*) on ${r.networkAclId}` : `rule ${r.ruleNumber} on ${r.networkAclId}`;
}

/**
 * Evidence lines, e.g. "rule 90 on acl-… denies outbound tcp/443 to 10.1.0.0/16",
 * "implicit deny (*) on acl-… denies inbound tcp/32768-65535 from 52.216.0.0/15".
 */
export function describeNaclVerdict(v: NaclVerdict): string[] {
  const toFrom = v.direction === 'outbound' ? 'to' : 'from';
  if (v.allowed) {
    return [`${ruleText(v.decidingRule)} allows ${v.direction} ${spanText(v.ports)} ${toFrom} ${v.peer}`];
  }
  const lines = v.denials.map(
    (d) => `${ruleText(d.rule)} denies ${v.direction} ${spanText(d.ports)} ${toFrom} ${v.peer}`,
  );
  if (v.allowedPorts.length > 0 && v.allowingRules.length > 0) {
    const rules = v.allowingRules.map((r) => r.label).join(', ');
    lines.push(
      `rule${v.allowingRules.length > 1 ? 's' : ''} ${rules} on ${v.networkAclId} allow only ${v.allowedPorts.map(spanText).join(', ')} of ${spanText(v.ports)}`,
    );
  } else if (v.allowingRules.length > 0) {
    lines.push(
      `rule${v.allowingRules.length > 1 ? 's' : ''} ${v.allowingRules.map((r) => r.label).join(', ')} on ${v.networkAclId} allow only part of ${v.peer}`,
    );
  }
  return lines;
}
