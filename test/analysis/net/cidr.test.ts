import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalCidr,
  cidrContainsAddress,
  cidrContainsCidr,
  cidrsOverlap,
  hostCidr,
  isValidCidr,
  isValidIp,
  parseIp,
  parseIpv4,
  prefixLength,
} from '../../../src/analysis/net/cidr.js';
import { vpcResolverAddress } from '../../../src/analysis/dns/dhcp.js';
import { cidrContains as policyCidrContains, isCidr as policyIsCidr } from '../../../src/analysis/policy/patterns.js';
import { QUESTIONS } from '../../../src/engine/questions.js';

describe('parsing', () => {
  it.each([
    ['10.0.0.0/16', true],
    ['0.0.0.0/0', true],
    ['10.0.1.5/32', true],
    ['10.0.0.0/33', false],
    ['10.0.0/16', false],
    ['10.0.0.256/24', false],
    ['010.0.0.0/8', false],
    ['10.0.0.0', false],
    ['10.0.0.0/', false],
    ['10.0.0.0/1/2', false],
    ['2600:1f18::/64', true],
    ['::/0', true],
    ['::ffff:10.0.0.1/128', true],
    ['2600:1f18::/129', false],
    ['2600:::1/64', false],
    ['1::2::3/64', false],
    ['fe80::1%eth0/64', false],
    ['garbage', false],
    ['', false],
  ])('%s is valid: %s', (cidr, valid) => {
    expect(isValidCidr(cidr)).toBe(valid);
  });

  it.each([
    ['10.0.1.5', 4],
    ['2600:1f18:abcd::1', 6],
    ['::', 6],
    ['1:2:3:4:5:6:7:8', 6],
    ['1:2:3:4:5:6:1.2.3.4', 6],
  ] as const)('%s is IPv%s', (ip, family) => {
    expect(parseIp(ip)?.family).toBe(family);
  });

  it.each(['1.2.3', '1:2:3:4:5:6:7:8:9', '1.2.3.4:1::', 'x::1', '1:2:3:4:5:6:7::8:9'])('%s is not an address', (ip) => {
    expect(isValidIp(ip)).toBe(false);
  });

  it('reports prefix length and canonical form', () => {
    expect(prefixLength('52.216.0.0/15')).toBe(15);
    expect(prefixLength('nope/15')).toBeUndefined();
    expect(canonicalCidr('100.68.0.18/18')).toBe('100.68.0.0/18');
    expect(canonicalCidr('2600:1F18:0:0:0:0:0:1/64')).toBe('2600:1f18::/64');
    expect(hostCidr('10.0.1.5')).toBe('10.0.1.5/32');
    expect(hostCidr('2600::1')).toBe('2600::1/128');
  });
});

describe('containment', () => {
  it.each([
    ['10.0.0.0/16', '10.0.1.5', true],
    ['10.0.0.0/16', '10.1.0.1', false],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['10.0.1.5/32', '10.0.1.5', true],
    ['10.0.1.5/32', '10.0.1.6', false],
    // IPv6 rules never match IPv4 addresses and vice versa, even the catch-alls.
    ['::/0', '10.0.1.5', false],
    ['0.0.0.0/0', '2600:1f18::1', false],
    ['::ffff:0:0/96', '10.0.1.5', false],
    ['2600:1f18::/32', '2600:1f18:abcd::1', true],
    ['2600:1f18::/32', '2600:1f19::1', false],
    ['not-a-cidr', '10.0.1.5', false],
    ['10.0.0.0/16', 'not-an-ip', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContainsAddress(cidr, ip)).toBe(expected);
  });

  it.each([
    ['10.0.0.0/16', '10.0.1.0/24', true],
    ['10.0.1.0/24', '10.0.0.0/16', false],
    ['10.0.0.0/16', '10.0.0.0/16', true],
    ['0.0.0.0/0', '52.216.0.0/15', true],
    ['::/0', '52.216.0.0/15', false],
    ['52.216.0.0/15', '52.217.5.0/24', true],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(cidrContainsCidr(outer, inner)).toBe(expected);
  });

  it('overlap is symmetric and family-bound', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.1.0/24')).toBe(true);
    expect(cidrsOverlap('10.0.1.0/24', '10.0.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.1.0/24', '10.0.2.0/24')).toBe(false);
    expect(cidrsOverlap('::/0', '0.0.0.0/0')).toBe(false);
  });

  it('IPv4 containment agrees with plain integer arithmetic', () => {
    const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 32 }), ipv4, (net, len, addr) => {
        const toInt = (o: number[]): number =>
          (((o[0] as number) << 24) >>> 0) + (o[1] as number) * 65536 + (o[2] as number) * 256 + (o[3] as number);
        const size = 2 ** (32 - len);
        const base = Math.floor(toInt(net) / size) * size;
        const expected = toInt(addr) >= base && toInt(addr) < base + size;
        expect(cidrContainsAddress(`${net.join('.')}/${len}`, addr.join('.'))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('one IP library for the whole project', () => {
  // The source.ip question, policy IpAddress conditions and the DHCP resolver address read
  // addresses through this module, so they agree on what an address is.
  it.each([
    ['10.20.1.15', true],
    ['192.168.4.10', true],
    ['256.1.1.1', false],
    // Leading zeros are octal to some parsers and decimal to others: not an address anywhere here.
    ['010.20.1.15', false],
    ['10.20.1', false],
    ['2001:db8::1', false],
  ])('%s is a source.ip answer: %s, and the policy evaluator reads it alike', (text, ok) => {
    expect(QUESTIONS['source.ip'].validate(text, {}) === null).toBe(ok);
    expect(parseIpv4(text) !== undefined).toBe(ok);
    if (!text.includes(':')) expect(policyIsCidr(text)).toBe(ok);
  });

  it('an IpAddress condition value is a block or a bare address, as cidr.ts parses it', () => {
    expect(policyCidrContains('10.0.0.0/8', '10.9.9.9')).toBe(true);
    expect(policyCidrContains('198.51.100.9', '198.51.100.9')).toBe(true);
    expect(policyCidrContains('2001:db8::/32', '10.0.0.1')).toBe(false);
    expect(policyIsCidr('10.0.0.0/08')).toBe(false);
  });

  it("the VPC resolver is the primary CIDR's network address plus two", () => {
    expect(vpcResolverAddress('10.0.7.9/16')).toBe('10.0.0.2');
    expect(vpcResolverAddress('172.31.0.0/31')).toBeNull();
    expect(vpcResolverAddress('2001:db8::/56')).toBeNull();
  });
});
