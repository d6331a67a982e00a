// The value matchers under the policy language: wildcards, ARN segments and CIDR blocks.

const globCache = new Map<string, RegExp>();

/** `*` matches any run of characters (including none), `?` exactly one (IAM User Guide, Condition operators: StringLike). */
export function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = globCache.get(cacheKey);
  if (regex === undefined) {
    const body = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (globCache.size > 5000) globCache.clear();
    globCache.set(cacheKey, regex);
  }
  return regex.test(value);
}

/** Splits at the first five colons: partition … resource, where the resource part may itself hold colons. */
export function splitArn(value: string): string[] {
  const parts: string[] = [];
  let rest = value;
  while (parts.length < 5) {
    const at = rest.indexOf(':');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

/** A value with all six colon-delimited ARN components, starting with "arn". */
export function isArn(value: string): boolean {
  const parts = splitArn(value);
  return parts.length === 6 && parts[0]?.toLowerCase() === 'arn';
}

/**
 * Resource element matching: "*" matches everything; otherwise each colon-delimited segment is
 * matched on its own and a wildcard does not span segments (IAM User Guide, IAM JSON policy
 * elements: Resource). A pattern with fewer than six segments whose last segment ends in `*`
 * lets that trailing wildcard cover the remaining segments (`arn:aws:s3:*`).
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  const want = splitArn(pattern);
  const have = splitArn(resource);
  if (want.length > have.length) return false;
  for (let i = 0; i < want.length - 1; i++) {
    if (!globMatch(want[i] ?? '', have[i] ?? '', false)) return false;
  }
  const last = want[want.length - 1] ?? '';
  if (want.length === have.length) return globMatch(last, have[have.length - 1] ?? '', false);
  if (!last.endsWith('*')) return false;
  return globMatch(last, have.slice(want.length - 1).join(':'), false);
}

/**
 * ArnEquals/ArnLike: "Each of the six colon-delimited components of the ARN is checked separately
 * and each can include multi-character match wildcards (*) or single-character match wildcards (?)"
 * (IAM User Guide, Condition operators: ARN condition operators). Both sides must be full ARNs.
 */
export function arnMatches(pattern: string, value: string): boolean {
  const want = splitArn(pattern);
  const have = splitArn(value);
  if (want.length !== 6 || have.length !== 6) return false;
  return want.every((segment, i) => globMatch(segment, have[i] ?? '', false));
}

/** Action element: case-insensitive with `*` and `?` (IAM User Guide, IAM JSON policy elements: Action). */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

interface ParsedIp {
  version: 4 | 6;
  value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  // An embedded dotted IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = toGroups(halves[0] ?? '');
  const right = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

export function parseIp(text: string): ParsedIp | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  if (!text.includes(':')) return undefined;
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

/** IpAddress: the policy value is a CIDR block; a bare address means the single host (/32, /128). */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base = '', prefixText] = cidr.split('/');
  const network = parseIp(base);
  const address = parseIp(ip);
  if (network === undefined || address === undefined || network.version !== address.version) return false;
  const width = network.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) return false;
  const shift = BigInt(width - prefix);
  return network.value >> shift === address.value >> shift;
}

export function isCidr(text: string): boolean {
  const [base = '', prefix] = text.split('/');
  const ip = parseIp(base);
  if (ip === undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (ip.version === 4 ? 32 : 128);
}
