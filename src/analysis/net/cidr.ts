// IPv4/IPv6 addresses and CIDR blocks as bigints: parsing, containment, prefix length.
// A family never matches the other one: an IPv6 block never contains an IPv4 address and
// an IPv4 block never contains an IPv6 one (IPv4-mapped IPv6 literals stay IPv6).
// Malformed input parses to undefined and every predicate treats it as "no match".

export type IpFamily = 4 | 6;

export interface ParsedIp {
  family: IpFamily;
  value: bigint;
}

export interface ParsedCidr {
  family: IpFamily;
  /** The network address with host bits cleared (AWS canonicalises 10.0.1.7/16 to 10.0.0.0/16). */
  network: bigint;
  /** The last address of the block. */
  last: bigint;
  prefixLength: number;
  /** IPv4 only: network and last address as plain numbers, for fast comparisons (NaN for IPv6). */
  lo: number;
  hi: number;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };
const ALL_ONES: Record<IpFamily, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

const DECIMAL_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

function parseIpv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function parseIpv4(text: string): bigint | undefined {
  const n = parseIpv4Number(text);
  return n === undefined ? undefined : BigInt(n);
}

export function parseIpv6(text: string): bigint | undefined {
  if (text.length === 0 || text.includes('%')) return undefined;
  const doubleColon = text.indexOf('::');
  if (doubleColon !== -1 && text.indexOf('::', doubleColon + 1) !== -1) return undefined;

  const groupsOf = (side: string): bigint[] | undefined => {
    if (side === '') return [];
    const out: bigint[] = [];
    const pieces = side.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else {
        if (!HEX_GROUP.test(piece)) return undefined;
        out.push(BigInt(parseInt(piece, 16)));
      }
    }
    return out;
  };

  let groups: bigint[];
  if (doubleColon === -1) {
    const all = groupsOf(text);
    if (all === undefined || all.length !== 8) return undefined;
    groups = all;
  } else {
    const head = groupsOf(text.slice(0, doubleColon));
    const tail = groupsOf(text.slice(doubleColon + 2));
    if (head === undefined || tail === undefined) return undefined;
    // An embedded IPv4 is only valid at the very end, never in the head.
    if (text.slice(0, doubleColon).includes('.')) return undefined;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | g;
  return value;
}

export function parseIp(text: string): ParsedIp | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseIpv6(t);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(t);
  return value === undefined ? undefined : { family: 4, value };
}

export function isValidIp(text: string): boolean {
  return parseIp(text) !== undefined;
}

// Parsing is pure, so memoising it is invisible to callers; big accounts repeat CIDRs a lot.
const cidrCache = new Map<string, ParsedCidr | null>();
const CIDR_CACHE_LIMIT = 50_000;

export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  const cached = cidrCache.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const parsed = parseCidrUncached(text);
  if (cidrCache.size >= CIDR_CACHE_LIMIT) cidrCache.clear();
  cidrCache.set(text, parsed ?? null);
  return parsed;
}

function parseCidrUncached(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1 || slash !== text.lastIndexOf('/')) return undefined;
  const prefixText = text.slice(slash + 1).trim();
  if (!PREFIX.test(prefixText)) return undefined;
  const addressText = text.slice(0, slash).trim();
  if (!addressText.includes(':')) {
    // IPv4 in plain numbers (exact below 2^53); bigints only for the stored fields.
    const n = parseIpv4Number(addressText);
    const len = Number(prefixText);
    if (n === undefined || len > 32) return undefined;
    const size = 2 ** (32 - len);
    const lo = Math.floor(n / size) * size;
    return { family: 4, network: BigInt(lo), last: BigInt(lo + size - 1), prefixLength: len, lo, hi: lo + size - 1 };
  }
  const ip = parseIp(addressText);
  if (ip === undefined) return undefined;
  const prefixLength = Number(prefixText);
  const bits = BITS[ip.family];
  if (prefixLength > bits) return undefined;
  const hostBits = BigInt(bits - prefixLength);
  const hostMask = (1n << hostBits) - 1n;
  const network = ip.value & (ALL_ONES[ip.family] ^ hostMask);
  return block(ip.family, network, network | hostMask, prefixLength);
}

function block(family: IpFamily, network: bigint, last: bigint, prefixLength: number): ParsedCidr {
  const v4 = family === 4;
  return { family, network, last, prefixLength, lo: v4 ? Number(network) : NaN, hi: v4 ? Number(last) : NaN };
}

export function isValidCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

/** The prefix length of a valid CIDR; undefined when malformed. */
export function prefixLength(cidr: string): number | undefined {
  return parseCidr(cidr)?.prefixLength;
}

export function cidrFamily(cidr: string): IpFamily | undefined {
  return parseCidr(cidr)?.family;
}

export function parsedContainsIp(block: ParsedCidr, ip: ParsedIp): boolean {
  return block.family === ip.family && ip.value >= block.network && ip.value <= block.last;
}

export function parsedContainsCidr(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.family === 4 && inner.family === 4) return inner.lo >= outer.lo && inner.hi <= outer.hi;
  return (
    outer.family === inner.family &&
    outer.prefixLength <= inner.prefixLength &&
    inner.network >= outer.network &&
    inner.last <= outer.last
  );
}

export function parsedOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.family === 4 && b.family === 4) return a.lo <= b.hi && b.lo <= a.hi;
  return a.family === b.family && a.network <= b.last && b.network <= a.last;
}

/** Does `cidr` contain the address? False when either is malformed or the families differ. */
export function cidrContainsAddress(cidr: string, address: string): boolean {
  const block = parseCidr(cidr);
  const ip = parseIp(address);
  return block !== undefined && ip !== undefined && parsedContainsIp(block, ip);
}

/** Does `outer` contain every address of `inner`? False when malformed or of different families. */
export function cidrContainsCidr(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return a !== undefined && b !== undefined && parsedContainsCidr(a, b);
}

export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x !== undefined && y !== undefined && parsedOverlap(x, y);
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Canonical text of a CIDR (host bits cleared, RFC 5952 for IPv6); undefined when malformed. */
export function canonicalCidr(cidr: string): string | undefined {
  const p = parseCidr(cidr);
  return p === undefined ? undefined : `${formatIp(p.family, p.network)}/${p.prefixLength}`;
}

/** The single-address CIDR (/32 or /128) for an address; undefined when malformed. */
export function hostCidr(address: string): string | undefined {
  const ip = parseIp(address);
  return ip === undefined ? undefined : `${formatIp(ip.family, ip.value)}/${BITS[ip.family]}`;
}

/** An address or a CIDR, as a block (an address is its /32 or /128). */
export function parseAddressOrCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.includes('/')) return parseCidr(text);
  const ip = parseIp(text);
  if (ip === undefined) return undefined;
  return block(ip.family, ip.value, ip.value, BITS[ip.family]);
}

export function familyBits(family: IpFamily): number {
  return BITS[family];
}
