// IPv4 addresses and CIDR blocks in a redacted session: replaced by a prefix-preserving map
// (as Crypto-PAn does), so every containment and overlap the diagnosis relies on holds in the
// copy. Only the network part above /16 is mapped (above /24 inside 192.168/16): VPC CIDRs
// are /16 to /28 (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html), so
// host arithmetic such as the VPC resolver at base + 2 stays true. Private addresses stay
// private, public stay public.
import { createHmac, randomBytes } from 'node:crypto';

/** The leading bits an address keeps (its special block) and the bit where mapping stops. */
function mappedBits(first: number, second: number): [kept: number, upTo: number] | undefined {
  if (first === 10) return [8, 16]; // RFC 1918
  if (first === 172 && second >= 16 && second <= 31) return [12, 16]; // RFC 1918
  if (first === 100 && second >= 64 && second <= 127) return [10, 16]; // RFC 6598 shared space
  // One /16 with nothing above /16 to map: its third octet is mapped instead (on-premises DNS
  // servers and networks often live here; a VPC in it whose resolver address then changes is
  // caught by the replay check, which keeps addresses rather than change the diagnosis).
  if (first === 192 && second === 168) return [16, 24];
  // Loopback, link-local (the Amazon DNS 169.254.169.253), documentation and benchmark
  // ranges, multicast and reserved: kept as they are.
  if ([0, 127, 169, 192, 198, 203].includes(first) || first >= 224) return undefined;
  if (first === 100 || first === 172) return undefined; // public, but next to a special block
  return [8, 16]; // public: the first octet stays so a public address never becomes a special one
}

const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?(?![\d.])/g;

export interface AddressMap {
  (text: string): string;
  /** Original → replacement of every address or block seen, for the user to review. */
  readonly seen: Map<string, string>;
  /** Addresses and blocks this key maps to themselves (a 10.x /16 does so once in 256 keys). */
  readonly unchanged: Set<string>;
}

export function addressMap(key: Buffer = randomBytes(32)): AddressMap {
  const bitCache = new Map<string, number>();
  const flip = (prefix: string): number => {
    let bit = bitCache.get(prefix);
    if (bit === undefined) {
      bit = (createHmac('sha256', key).update(prefix).digest()[0] as number) & 1;
      bitCache.set(prefix, bit);
    }
    return bit;
  };
  const seen = new Map<string, string>();
  const unchanged = new Set<string>();
  const map = (text: string): string =>
    text.replace(IPV4, (whole, a: string, b: string, c: string, d: string, len: string | undefined) => {
      const octets = [a, b, c, d].map(Number);
      if (octets.some((o) => o > 255)) return whole;
      const prefix = len === undefined ? 32 : Number(len);
      if (prefix > 32) return whole;
      const bitsToMap = mappedBits(octets[0] as number, octets[1] as number);
      if (bitsToMap === undefined) return whole;
      const [kept, upTo] = bitsToMap;
      const value = octets.reduce((acc, o) => acc * 256 + o, 0);
      const bits = value.toString(2).padStart(32, '0');
      let out = bits.slice(0, kept);
      // Bit i of the result depends only on bits 0..i of the input: prefixes map to prefixes.
      for (let i = kept; i < upTo; i++) out += String(Number(bits[i]) ^ flip(bits.slice(0, i)));
      out += bits.slice(upTo);
      // A block keeps its zero host bits: map the network bits only.
      if (prefix < upTo) out = out.slice(0, Math.max(prefix, kept)) + bits.slice(Math.max(prefix, kept));
      const n = parseInt(out, 2);
      const mapped =
        [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.') + (len === undefined ? '' : `/${len}`);
      if (mapped !== whole) seen.set(whole, mapped);
      else if (prefix > kept) unchanged.add(whole); // a block no wider than its kept bits (10.0.0.0/8) never changes
      return mapped;
    });
  return Object.assign(map, { seen, unchanged });
}
