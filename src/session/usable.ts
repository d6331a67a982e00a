// Values a probe result's shape accepts but the analysis cannot use: a CIDR `10.0.0.0/99` or
// an address `10.0.0.300` is a string to zod, so a session file carrying one is refused at
// load, naming the field, instead of reaching the network rules.
import { isValidCidr, isValidIp } from '../analysis/net/cidr.js';

/** EC2 field names that always hold a CIDR block (DescribeVpcs, DescribeRouteTables, DescribeSecurityGroups, DescribeNetworkAcls, GetManagedPrefixListEntries). */
const CIDR_FIELDS = new Set([
  'CidrBlock',
  'Ipv6CidrBlock',
  'DestinationCidrBlock',
  'DestinationIpv6CidrBlock',
  'CidrIp',
  'CidrIpv6',
  'Cidr',
]);
/** EC2 field names that always hold one address (DescribeInstances, DescribeNetworkInterfaces). */
const ADDRESS_FIELDS = new Set(['PrivateIpAddress', 'PublicIp', 'Ipv6Address']);

export interface UnusableValue {
  path: string[];
  message: string;
}

export function unusableValues(value: unknown): UnusableValue[] {
  const problems: UnusableValue[] = [];
  // Iterative: the loader bounds nesting, but this walk must not be the thing that overflows.
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && problems.length < 8) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string[] };
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: [...path, String(i)] }));
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    for (const [key, item] of Object.entries(v)) {
      if (typeof item === 'string' && CIDR_FIELDS.has(key) && !isValidCidr(item))
        problems.push({ path: [...path, key], message: `"${item.slice(0, 60)}" is not a CIDR block` });
      else if (typeof item === 'string' && ADDRESS_FIELDS.has(key) && !isValidIp(item))
        problems.push({ path: [...path, key], message: `"${item.slice(0, 60)}" is not an IP address` });
      else stack.push({ value: item, path: [...path, key] });
    }
  }
  return problems;
}
