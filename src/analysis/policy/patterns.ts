// The value matchers under the policy language: wildcards, ARN segments and CIDR blocks
// (addresses are parsed by the project's one IP library, ../net/cidr.ts).
import { parseAddressOrCidr, parsedContainsIp, parseIp } from '../net/cidr.js';
export { parseIp };

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

/** IpAddress: the policy value is a CIDR block; a bare address means the single host (/32, /128). */
export function cidrContains(cidr: string, ip: string): boolean {
  const block = parseAddressOrCidr(cidr);
  const address = parseIp(ip);
  return block !== undefined && address !== undefined && parsedContainsIp(block, address);
}

/** A CIDR block or a bare address, as an IpAddress condition value may be. */
export function isCidr(text: string): boolean {
  return parseAddressOrCidr(text) !== undefined;
}
