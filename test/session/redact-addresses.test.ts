// The address map a redaction uses: a block contains an address in the copy exactly when it
// did in the original, private stays private, and the VPC resolver (base + 2) stays base + 2.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContainsAddress } from '../../src/analysis/net/cidr.js';
import { addressMap } from '../../src/session/redact-addresses.js';

const octet = fc.integer({ min: 0, max: 255 });
const address = fc
  .oneof(
    fc.tuple(fc.constant(10), octet, octet, octet),
    fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
    fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
    fc.tuple(fc.integer({ min: 1, max: 99 }), octet, octet, octet),
  )
  .map((o) => o.join('.'));
const isPrivate = (ip: string): boolean => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);

describe('addressMap', () => {
  it('keeps containment and privacy for random blocks and addresses (500 pairs)', () => {
    const map = addressMap();
    fc.assert(
      fc.property(address, address, fc.integer({ min: 0, max: 32 }), (a, base, len) => {
        // The canonical block of `base` at this length, as AWS writes it.
        const n = base.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
        const size = 2 ** (32 - len);
        const net = Math.floor(n / size) * size;
        const cidr = `${[net >>> 24, (net >>> 16) & 255, (net >>> 8) & 255, net & 255].join('.')}/${len}`;
        expect(cidrContainsAddress(map(cidr), map(a))).toBe(cidrContainsAddress(cidr, a));
        expect(isPrivate(map(a))).toBe(isPrivate(a));
      }),
      { numRuns: 500 },
    );
  });

  it('moves a VPC and its resolver together, and leaves AWS and special addresses alone', () => {
    const map = addressMap();
    const vpc = map('10.0.0.0/16');
    expect(vpc).not.toBe('10.0.0.0/16');
    expect(map('10.0.0.2')).toBe(vpc.replace(/0\/16$/, '2'));
    for (const kept of ['169.254.169.253', '0.0.0.0/0', '127.0.0.1', '10.0.0.0/8']) expect(map(kept)).toBe(kept);
  });
});
