// What the user asked about: an interface id, or an address to look up with the filters that
// can hold it. A private IPv4 address is only ever a private address; any other IPv4 address is
// searched both ways, since a VPC may use public ranges privately.
import type { AddressFilter } from '../../probes/specs/whois.js';
import { parseCidr, parseIp } from '../net/cidr.js';

export type WhoisQuery =
  | { kind: 'eni'; input: string; networkInterfaceId: string }
  | {
      kind: 'ipv4' | 'ipv6';
      input: string;
      address: string;
      filters: AddressFilter[];
      /** Outside every private range: it could be in one of AWS's published ranges. */
      mayBePublic: boolean;
    };

// RFC 1918, RFC 6598 shared space (VPCs may use 100.64.0.0/10), link-local and loopback: never an Elastic or public IP.
// IPv6: unique local (fc00::/7), link-local (fe80::/10) and loopback.
const NEVER_PUBLIC = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '169.254.0.0/16',
  '127.0.0.0/8',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
]
  .map((c) => parseCidr(c))
  .filter((c) => c !== undefined);

const ENI_ID = /^eni-[0-9a-f]{8}([0-9a-f]{9})?$/;

export function parseWhoisQuery(raw: string): WhoisQuery | { error: string } {
  const input = raw.trim();
  if (ENI_ID.test(input)) return { kind: 'eni', input, networkInterfaceId: input };
  const ip = parseIp(input);
  if (ip === undefined) {
    return {
      error: `"${raw}" is neither an IP address nor a network interface id (eni-0123456789abcdef0)`,
    };
  }
  const neverPublic = NEVER_PUBLIC.some((c) => c.family === ip.family && ip.value >= c.network && ip.value <= c.last);
  if (ip.family === 6)
    return { kind: 'ipv6', input, address: input, filters: ['ipv6-addresses.ipv6-address'], mayBePublic: !neverPublic };
  return {
    kind: 'ipv4',
    input,
    address: input,
    filters: neverPublic ? ['addresses.private-ip-address'] : ['addresses.private-ip-address', 'association.public-ip'],
    mayBePublic: !neverPublic,
  };
}
