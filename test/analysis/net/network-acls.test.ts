import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NetworkAclEntry } from '../../../src/probes/shapes.js';
import { describeNaclVerdict, evaluateNacl, evaluateTcpExchange } from '../../../src/analysis/net/network-acls.js';
import { acl, S3_CIDRS } from './helpers.js';

const allowAllOut: Partial<NetworkAclEntry> = { RuleNumber: 100, Protocol: '-1', Egress: true, CidrBlock: '0.0.0.0/0' };
const allowAllIn: Partial<NetworkAclEntry> = { RuleNumber: 100, Protocol: '-1', Egress: false, CidrBlock: '0.0.0.0/0' };

describe('evaluateNacl: one packet, first match wins', () => {
  it('deny before allow: rule 90 denies 443 to 10.1.0.0/16 even though rule 100 allows everything', () => {
    const a = acl([
      { RuleNumber: 90, Egress: true, RuleAction: 'deny', CidrBlock: '10.1.0.0/16', PortRange: { From: 443, To: 443 } },
      allowAllOut,
    ]);
    const v = evaluateNacl(a, { direction: 'outbound', peer: '10.1.0.0/16', ports: 443 });
    expect(v.allowed).toBe(false);
    expect(v.decidingRule).toMatchObject({
      ruleNumber: 90,
      networkAclId: 'acl-0src',
      action: 'deny',
      cidr: '10.1.0.0/16',
    });
    expect(describeNaclVerdict(v)).toEqual(['rule 90 on acl-0src denies outbound tcp/443 to 10.1.0.0/16']);
  });

  it('rule order is by number, not by position in the list', () => {
    const a = acl([
      allowAllOut,
      { RuleNumber: 90, Egress: true, RuleAction: 'deny', CidrBlock: '0.0.0.0/0', Protocol: '-1' },
    ]);
    expect(evaluateNacl(a, { direction: 'outbound', peer: '10.0.2.15', ports: 443 }).decidingRule.ruleNumber).toBe(90);
  });

  it('allow before deny: rule 100 allows, the later deny never applies', () => {
    const a = acl([
      { RuleNumber: 100, Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } },
      { RuleNumber: 200, Egress: true, RuleAction: 'deny', CidrBlock: '0.0.0.0/0', Protocol: '-1' },
    ]);
    const v = evaluateNacl(a, { direction: 'outbound', peer: '52.216.0.0/15', ports: 443 });
    expect(v.allowed).toBe(true);
    expect(v.decidingRule.ruleNumber).toBe(100);
  });

  it('the implicit * deny applies when the entries omit it (as the emulator does)', () => {
    const a = acl([{ RuleNumber: 100, Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 80, To: 80 } }]);
    const v = evaluateNacl(a, { direction: 'outbound', peer: '10.0.2.15', ports: 443 });
    expect(v.allowed).toBe(false);
    expect(v.decidingRule).toMatchObject({ label: '*', ruleNumber: 32767, implicit: true });
    expect(describeNaclVerdict(v)).toEqual(['implicit deny (*) on acl-0src denies outbound tcp/443 to 10.0.2.15']);
  });

  it('an explicit 32767 entry (as AWS lists it) is the * rule, not implicit', () => {
    const a = acl([{ RuleNumber: 32767, Egress: true, RuleAction: 'deny', CidrBlock: '0.0.0.0/0', Protocol: '-1' }]);
    expect(evaluateNacl(a, { direction: 'outbound', peer: '10.0.2.15', ports: 443 }).decidingRule).toMatchObject({
      label: '*',
      implicit: false,
    });
  });

  it('IPv6 entries do not match IPv4 peers (and IPv4 entries not IPv6 peers)', () => {
    const a = acl([{ RuleNumber: 100, Egress: true, Protocol: '-1', Ipv6CidrBlock: '::/0' }]);
    expect(evaluateNacl(a, { direction: 'outbound', peer: '10.0.2.15', ports: 443 }).allowed).toBe(false);
    expect(evaluateNacl(a, { direction: 'outbound', peer: '2600:1f18::5', ports: 443 }).allowed).toBe(true);
    const b = acl([{ RuleNumber: 100, Egress: true, Protocol: '-1', CidrBlock: '0.0.0.0/0' }]);
    expect(evaluateNacl(b, { direction: 'outbound', peer: '2600:1f18::5', ports: 443 }).decidingRule.cidr).toBe('::/0');
  });

  it('udp entries do not match tcp', () => {
    const a = acl([
      { RuleNumber: 100, Egress: true, Protocol: '17', CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } },
    ]);
    expect(evaluateNacl(a, { direction: 'outbound', peer: '10.0.2.15', ports: 443 }).allowed).toBe(false);
  });

  it('a CIDR peer is allowed only if every address is: an allow covering part of it is not enough', () => {
    const a = acl([{ RuleNumber: 100, Egress: true, CidrBlock: '52.216.0.0/16', PortRange: { From: 443, To: 443 } }]);
    const v = evaluateNacl(a, { direction: 'outbound', peer: '52.216.0.0/15', ports: 443 });
    expect(v.allowed).toBe(false);
    expect(v.decidingRule.label).toBe('*');
    expect(v.allowingRules.map((r) => r.ruleNumber)).toEqual([100]);
  });

  it('a deny covering part of a CIDR peer decides it', () => {
    const a = acl([
      { RuleNumber: 50, Egress: true, RuleAction: 'deny', CidrBlock: '52.217.0.0/24', Protocol: '-1' },
      { RuleNumber: 100, Egress: true, CidrBlock: '0.0.0.0/0', Protocol: '-1' },
    ]);
    expect(evaluateNacl(a, { direction: 'outbound', peer: '52.216.0.0/15', ports: 443 }).decidingRule.ruleNumber).toBe(
      50,
    );
  });
});

describe('ephemeral return ports', () => {
  it('a rule allowing only 1024-32767 is a deny for 32768-65535, reported with the allowed part', () => {
    const a = acl([{ RuleNumber: 100, Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 32767 } }]);
    const v = evaluateNacl(a, { direction: 'inbound', peer: '10.0.2.15', ports: { from: 1024, to: 65535 } });
    expect(v.allowed).toBe(false);
    expect(v.denials).toEqual([{ ports: { from: 32768, to: 65535 }, rule: expect.objectContaining({ label: '*' }) }]);
    expect(v.allowedPorts).toEqual([{ from: 1024, to: 32767 }]);
    expect(describeNaclVerdict(v)).toEqual([
      'implicit deny (*) on acl-0src denies inbound tcp/32768-65535 from 10.0.2.15',
      'rule 100 on acl-0src allow only tcp/1024-32767 of tcp/1024-65535',
    ]);
  });

  it('a deny in the middle of the range is named for the ports it covers', () => {
    const a = acl([
      {
        RuleNumber: 90,
        Egress: false,
        RuleAction: 'deny',
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 2049, To: 2049 },
      },
      { RuleNumber: 100, Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } },
    ]);
    const v = evaluateNacl(a, { direction: 'inbound', peer: '10.0.2.15', ports: { from: 1024, to: 65535 } });
    expect(v.denials).toEqual([{ ports: { from: 2049, to: 2049 }, rule: expect.objectContaining({ ruleNumber: 90 }) }]);
    expect(v.allowedPorts).toEqual([
      { from: 1024, to: 2048 },
      { from: 2050, to: 65535 },
    ]);
  });
});

describe('evaluateTcpExchange: the four packets of a TCP/443 exchange', () => {
  it('source ACL allows 443 out but not the ephemeral return → source-inbound-return blocked', () => {
    const source = acl([
      { RuleNumber: 100, Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } },
      { RuleNumber: 100, Egress: false, CidrBlock: '10.0.0.0/16', PortRange: { From: 22, To: 22 } },
    ]);
    const r = evaluateTcpExchange({
      port: 443,
      source: { networkAcl: source, subnetId: 'subnet-a', address: '10.0.1.5' },
      destination: {
        kind: 'interface',
        networkAcl: acl([allowAllIn, allowAllOut], 'acl-0vpce'),
        subnetId: 'subnet-b',
        address: '10.0.2.15',
      },
    });
    expect(r.allowed).toBe(false);
    expect(r.legs.map((l) => [l.leg, l.allowed])).toEqual([
      ['source-outbound', true],
      ['source-inbound-return', false],
      ['destination-inbound', true],
      ['destination-outbound-return', true],
    ]);
    expect(r.legs[1]?.findingId).toBe('nacl.source-subnet-blocks');
    expect(describeNaclVerdict(r.blocked[0]!)).toEqual([
      'implicit deny (*) on acl-0src denies inbound tcp/1024-65535 from 10.0.2.15',
    ]);
  });

  it('endpoint subnet ACL denies inbound 443 from the source → nacl.endpoint-subnet-blocks', () => {
    const r = evaluateTcpExchange({
      port: 443,
      source: { networkAcl: acl([allowAllIn, allowAllOut]), subnetId: 'subnet-a', address: '10.0.1.5' },
      destination: {
        kind: 'interface',
        networkAcl: acl(
          [
            { RuleNumber: 50, Egress: false, RuleAction: 'deny', CidrBlock: '10.0.1.0/24', Protocol: '-1' },
            allowAllIn,
            allowAllOut,
          ],
          'acl-0vpce',
        ),
        subnetId: 'subnet-b',
        address: '10.0.2.15',
      },
    });
    const blocked = r.legs.filter((l) => !l.allowed);
    expect(blocked.map((l) => [l.leg, l.findingId])).toEqual([['destination-inbound', 'nacl.endpoint-subnet-blocks']]);
    expect(describeNaclVerdict(r.blocked[0]!)).toEqual(['rule 50 on acl-0vpce denies inbound tcp/443 from 10.0.1.5']);
  });

  it('gateway service: each prefix-list CIDR is evaluated; one denied CIDR blocks the leg', () => {
    const source = acl([
      { RuleNumber: 80, Egress: true, RuleAction: 'deny', CidrBlock: '3.5.0.0/19', Protocol: '-1' },
      allowAllOut,
      allowAllIn,
    ]);
    const r = evaluateTcpExchange({
      port: 443,
      source: { networkAcl: source, address: '10.0.1.5' },
      destination: { kind: 'gateway', cidrs: S3_CIDRS },
    });
    expect(r.legs).toHaveLength(2);
    expect(r.legs[0]?.verdicts.map((v) => [v.peer, v.allowed])).toEqual(S3_CIDRS.map((c) => [c, c !== '3.5.0.0/19']));
    expect(r.blocked.map((v) => v.decidingRule.ruleNumber)).toEqual([80]);
  });

  it('source and endpoint in the same subnet: no ACL on the path', () => {
    const r = evaluateTcpExchange({
      port: 443,
      source: { networkAcl: acl([]), subnetId: 'subnet-a', address: '10.0.1.5' },
      destination: { kind: 'interface', networkAcl: acl([]), subnetId: 'subnet-a', address: '10.0.1.9' },
    });
    expect(r).toMatchObject({ allowed: true, notApplicable: 'same-subnet', legs: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: agrees with a brute force that checks every (address, port) pair.

describe('NACL evaluation matches a brute-force reference', () => {
  const BASE = 0x0a000000; // 10.0.0.0, addresses 10.0.0.0-10.0.0.63
  const ipText = (n: number): string => `10.0.0.${n - BASE}`;
  const genEntry = fc.record({
    action: fc.constantFrom<'allow' | 'deny'>('allow', 'deny'),
    proto: fc.constantFrom('-1', '6', '17'),
    net: fc.integer({ min: 0, max: 63 }),
    len: fc.constantFrom(0, 26, 28, 30, 32),
    from: fc.integer({ min: 1020, max: 1030 }),
    span: fc.integer({ min: 0, max: 6 }),
  });
  const genQuery = fc.record({
    net: fc.integer({ min: 0, max: 63 }),
    len: fc.constantFrom(28, 30, 32),
    from: fc.integer({ min: 1018, max: 1032 }),
    span: fc.integer({ min: 0, max: 4 }),
  });

  it('for random entry sets, peers and port ranges', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 10 }),
        fc.array(genEntry, { minLength: 10, maxLength: 10 }),
        genQuery,
        (numbers, gens, q) => {
          const entries = numbers.map((n, i) => {
            const g = gens[i]!;
            const size = 2 ** (32 - g.len);
            const net = g.len === 0 ? 0 : BASE + Math.floor(g.net / size) * size;
            return {
              n,
              g,
              lo: net,
              hi: g.len === 0 ? 2 ** 32 - 1 : net + size - 1,
              cidr: g.len === 0 ? '0.0.0.0/0' : `${ipText(net)}/${g.len}`,
            };
          });
          const qsize = 2 ** (32 - q.len);
          const qnet = BASE + Math.floor(q.net / qsize) * qsize;
          const ports = { from: q.from, to: q.from + q.span };

          // Reference: every address × port, first matching entry by rule number, else deny.
          const sorted = [...entries].sort((a, b) => a.n - b.n);
          let allAllowed = true;
          let firstDenyRule: number | undefined;
          for (let port = ports.from; port <= ports.to; port++) {
            for (let a = qnet; a < qnet + qsize; a++) {
              const hit = sorted.find(
                (e) =>
                  a >= e.lo &&
                  a <= e.hi &&
                  (e.g.proto === '-1' || (e.g.proto === '6' && port >= e.g.from && port <= e.g.from + e.g.span)),
              );
              const allowed = hit?.g.action === 'allow';
              if (!allowed) {
                allAllowed = false;
                // Port-major order: the rule of the lowest denied port (for a single address/port it is THE rule).
                if (firstDenyRule === undefined) firstDenyRule = hit?.n ?? 32767;
              }
            }
          }

          const a = acl(
            entries.map((e) => ({
              RuleNumber: e.n,
              RuleAction: e.g.action,
              Protocol: e.g.proto,
              Egress: true,
              CidrBlock: e.cidr,
              PortRange: { From: e.g.from, To: e.g.from + e.g.span },
            })),
          );
          const v = evaluateNacl(a, { direction: 'outbound', peer: `${ipText(qnet)}/${q.len}`, ports });
          expect(v.allowed).toBe(allAllowed);
          if (q.len === 32 && ports.from === ports.to)
            expect(v.decidingRule.ruleNumber).toBe(allAllowed ? v.decidingRule.ruleNumber : firstDenyRule);
          // Every reported denial really is denied for some address at its lowest port, and allowed ports are allowed for all.
          if (!allAllowed) expect(v.denials.length).toBeGreaterThan(0);
          const denied = (port: number): boolean => {
            for (let addr = qnet; addr < qnet + qsize; addr++) {
              const hit = sorted.find(
                (e) =>
                  addr >= e.lo &&
                  addr <= e.hi &&
                  (e.g.proto === '-1' || (e.g.proto === '6' && port >= e.g.from && port <= e.g.from + e.g.span)),
              );
              if (hit?.g.action !== 'allow') return true;
            }
            return false;
          };
          for (const d of v.denials) for (let p = d.ports.from; p <= d.ports.to; p++) expect(denied(p)).toBe(true);
          // Each denial names a rule that is really the first match (or the * rule) for some address at its ports.
          for (const d of v.denials) {
            const namesReal = [d.ports.from, d.ports.to].every((port) => {
              for (let addr = qnet; addr < qnet + qsize; addr++) {
                const hit = sorted.find(
                  (e) =>
                    addr >= e.lo &&
                    addr <= e.hi &&
                    (e.g.proto === '-1' || (e.g.proto === '6' && port >= e.g.from && port <= e.g.from + e.g.span)),
                );
                if ((hit?.n ?? 32767) === d.rule.ruleNumber && hit?.g.action !== 'allow') return true;
              }
              return false;
            });
            expect(namesReal).toBe(true);
          }
          for (const s of v.allowedPorts) for (let p = s.from; p <= s.to; p++) expect(denied(p)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });
});
