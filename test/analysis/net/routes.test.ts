import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Route } from '../../../src/probes/shapes.js';
import {
  analyzeGatewayRouting,
  classifyRouteTarget,
  selectRoute,
  selectRoutes,
} from '../../../src/analysis/net/routes.js';
import { localRoute, S3_CIDRS, S3_PL, s3PrefixList, table } from './helpers.js';

const VPCE = 'vpce-0s3gw';
const endpointRoute: Route = {
  DestinationPrefixListId: S3_PL,
  GatewayId: VPCE,
  Origin: 'CreateRoute',
  State: 'active',
};
const igwDefault: Route = {
  DestinationCidrBlock: '0.0.0.0/0',
  GatewayId: 'igw-0abc',
  Origin: 'CreateRoute',
  State: 'active',
};
const natDefault: Route = {
  DestinationCidrBlock: '0.0.0.0/0',
  NatGatewayId: 'nat-0abc',
  Origin: 'CreateRoute',
  State: 'active',
};
const s3Lists = { [S3_PL]: S3_CIDRS };

describe('selectRoute: route priority in one table', () => {
  it.each([
    {
      scenario: 'an address inside the VPC goes local',
      routes: [localRoute, igwDefault],
      destination: '10.0.3.7',
      target: { kind: 'local', id: 'local' },
    },
    {
      scenario: 'an internet address falls to the default route',
      routes: [localRoute, igwDefault],
      destination: '203.0.113.9',
      target: { kind: 'igw', id: 'igw-0abc' },
    },
    {
      scenario: 'an S3 address takes the endpoint route over 0.0.0.0/0 (the prefix-list CIDR is longer)',
      routes: [localRoute, natDefault, endpointRoute],
      destination: '52.217.10.1',
      target: { kind: 'gateway-endpoint', id: VPCE },
    },
    {
      scenario: 'a static CIDR equal to a prefix-list CIDR wins over the prefix-list route',
      routes: [
        localRoute,
        endpointRoute,
        { DestinationCidrBlock: '52.216.0.0/15', TransitGatewayId: 'tgw-0abc', Origin: 'CreateRoute' },
      ],
      destination: '52.217.10.1',
      target: { kind: 'tgw', id: 'tgw-0abc' },
    },
    {
      scenario: 'a propagated CIDR equal to a prefix-list CIDR loses to the prefix-list route',
      routes: [
        localRoute,
        { DestinationCidrBlock: '52.216.0.0/15', GatewayId: 'vgw-0abc', Origin: 'EnableVgwRoutePropagation' },
        endpointRoute,
      ],
      destination: '52.217.10.1',
      target: { kind: 'gateway-endpoint', id: VPCE },
    },
    {
      scenario: 'propagated vs static with the same destination: static wins whatever the order',
      routes: [
        { DestinationCidrBlock: '172.16.0.0/12', GatewayId: 'vgw-0abc', Origin: 'EnableVgwRoutePropagation' },
        { DestinationCidrBlock: '172.16.0.0/12', TransitGatewayId: 'tgw-0abc', Origin: 'CreateRoute' },
      ],
      destination: '172.16.5.5',
      target: { kind: 'tgw', id: 'tgw-0abc' },
    },
    {
      scenario: 'a more specific propagated route beats a shorter static one (longest prefix first)',
      routes: [
        { DestinationCidrBlock: '172.16.0.0/12', TransitGatewayId: 'tgw-0abc', Origin: 'CreateRoute' },
        { DestinationCidrBlock: '172.16.5.0/24', GatewayId: 'vgw-0abc', Origin: 'EnableVgwRoutePropagation' },
      ],
      destination: '172.16.5.5',
      target: { kind: 'vgw', id: 'vgw-0abc' },
    },
    {
      scenario: 'a blackhole route is still chosen, and drops the traffic',
      routes: [
        localRoute,
        igwDefault,
        { DestinationCidrBlock: '198.51.100.0/24', NatGatewayId: 'nat-0gone', State: 'blackhole' },
      ],
      destination: '198.51.100.7',
      target: { kind: 'blackhole', id: 'nat-0gone', blackholed: { kind: 'nat', id: 'nat-0gone' } },
    },
    {
      scenario: 'no matching route: none',
      routes: [localRoute],
      destination: '203.0.113.9',
      target: { kind: 'none' },
    },
    {
      scenario: 'IPv6 routes never carry IPv4 traffic',
      routes: [{ DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0abc' }],
      destination: '203.0.113.9',
      target: { kind: 'none' },
    },
    {
      scenario: 'an IPv6 destination takes the IPv6 default route',
      routes: [igwDefault, { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0abc' }],
      destination: '2600:1f18::10',
      target: { kind: 'egress-only-igw', id: 'eigw-0abc' },
    },
  ])('$scenario', ({ routes, destination, target }) => {
    const d = selectRoute(table(routes), destination, s3Lists);
    expect(d.target).toEqual(target);
    if (target.kind === 'blackhole') expect(d.chosen?.dropsTraffic).toBe(true);
  });

  it('a malformed destination matches nothing', () => {
    const d = selectRoute(table([localRoute, igwDefault]), '10.0.0.999');
    expect(d.validDestination).toBe(false);
    expect(d.target.kind).toBe('none');
  });

  it('a prefix-list route whose CIDRs were not supplied is reported as unresolved', () => {
    const d = selectRoute(table([localRoute, endpointRoute]), '52.217.10.1');
    expect(d.unresolvedPrefixLists).toEqual([S3_PL]);
    expect(d.target.kind).toBe('none');
  });

  it('a CIDR destination lists the more specific routes inside it', () => {
    const [d] = selectRoutes(
      table([localRoute, endpointRoute, { DestinationCidrBlock: '52.216.10.7/32', NatGatewayId: 'nat-0abc' }]),
      ['52.216.0.0/15'],
      s3Lists,
    );
    expect(d?.chosen?.route).toEqual(endpointRoute);
    expect(d?.moreSpecific.map((m) => m.matchedCidr)).toEqual(['52.216.10.7/32']);
  });

  it.each([
    [{ GatewayId: 'local' }, 'local'],
    [{ GatewayId: 'vpce-0abc' }, 'gateway-endpoint'],
    [{ GatewayId: 'igw-0abc' }, 'igw'],
    [{ GatewayId: 'vgw-0abc' }, 'vgw'],
    [{ NatGatewayId: 'nat-0abc' }, 'nat'],
    [{ TransitGatewayId: 'tgw-0abc' }, 'tgw'],
    [{ VpcPeeringConnectionId: 'pcx-0abc' }, 'pcx'],
    [{ NetworkInterfaceId: 'eni-0abc' }, 'eni'],
    [{ InstanceId: 'i-0abc', NetworkInterfaceId: 'eni-0abc' }, 'instance'],
    [{ CoreNetworkArn: 'arn:aws:networkmanager::1:core-network/x' }, 'core-network'],
    [{ NatGatewayId: 'nat-0abc', State: 'blackhole' }, 'blackhole'],
    [{}, 'other'],
  ] as [Route, string][])('classifies %o as %s', (route, kind) => {
    expect(classifyRouteTarget(route).kind).toBe(kind);
  });
});

describe('analyzeGatewayRouting: does S3 traffic reach the gateway endpoint?', () => {
  it('endpoint route present, default route to an internet gateway → ok (0.0.0.0/0 does not override)', () => {
    const a = analyzeGatewayRouting(table([localRoute, igwDefault, endpointRoute]), VPCE, s3PrefixList());
    expect(a.ok).toBe(true);
    expect(a.issues).toEqual([]);
    expect(a.perCidr.every((p) => p.reachesEndpoint)).toBe(true);
  });

  it('subnet table without the endpoint route, default route to NAT → route-table-not-associated + cost.s3-via-nat', () => {
    const a = analyzeGatewayRouting(table([localRoute, natDefault], 'rtb-0private'), VPCE, s3PrefixList());
    expect(a.ok).toBe(false);
    expect(a.issues.map((i) => i.kind)).toEqual(['endpoint-route-missing', 'via-nat']);
    const [missing, nat] = a.issues;
    expect(missing).toMatchObject({
      findingId: 'gateway.route-table-not-associated',
      routeTableId: 'rtb-0private',
      endpointId: VPCE,
    });
    expect(nat).toMatchObject({
      findingId: 'cost.s3-via-nat',
      natGatewayId: 'nat-0abc',
      destination: '0.0.0.0/0',
      cidrs: S3_CIDRS,
    });
  });

  it('no endpoint route, default route to an internet gateway → missing only, no NAT cost', () => {
    const a = analyzeGatewayRouting(table([localRoute, igwDefault]), VPCE, s3PrefixList());
    expect(a.issues.map((i) => i.kind)).toEqual(['endpoint-route-missing']);
  });

  it('a /32 static route to a NAT gateway shadows part of one S3 CIDR → route-overridden (partial), naming it', () => {
    const shadow: Route = {
      DestinationCidrBlock: '52.216.10.7/32',
      NatGatewayId: 'nat-0abc',
      Origin: 'CreateRoute',
      State: 'active',
    };
    const a = analyzeGatewayRouting(table([localRoute, igwDefault, endpointRoute, shadow]), VPCE, s3PrefixList());
    expect(a.ok).toBe(false);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({
      kind: 'route-overridden',
      findingId: 'gateway.route-overridden',
      destination: '52.216.10.7/32',
      target: { kind: 'nat', id: 'nat-0abc' },
      cidrs: ['52.216.0.0/15'],
      scope: 'partial',
    });
    expect(a.perCidr.filter((p) => !p.reachesEndpoint).map((p) => p.cidr)).toEqual(['52.216.0.0/15']);
  });

  it('a /32 prefix-list entry shadowed by an equal /32 static route → route-overridden (whole)', () => {
    const pl = s3PrefixList([...S3_CIDRS, '52.94.5.10/32']);
    const shadow: Route = {
      DestinationCidrBlock: '52.94.5.10/32',
      TransitGatewayId: 'tgw-0abc',
      Origin: 'CreateRoute',
      State: 'active',
    };
    const a = analyzeGatewayRouting(table([localRoute, endpointRoute, shadow]), VPCE, pl);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({
      kind: 'route-overridden',
      scope: 'whole',
      cidrs: ['52.94.5.10/32'],
      destination: '52.94.5.10/32',
    });
    expect(a.issues[0]?.evidence).toContain('52.94.5.10/32 → tgw-0abc');
  });

  it('an equal propagated route does not override the endpoint route', () => {
    const propagated: Route = {
      DestinationCidrBlock: '52.216.0.0/15',
      GatewayId: 'vgw-0abc',
      Origin: 'EnableVgwRoutePropagation',
    };
    const a = analyzeGatewayRouting(table([localRoute, propagated, endpointRoute]), VPCE, s3PrefixList());
    expect(a.ok).toBe(true);
  });

  it('the endpoint route is a blackhole → reported, and nothing reaches the endpoint', () => {
    const a = analyzeGatewayRouting(
      table([localRoute, { ...endpointRoute, State: 'blackhole' }]),
      VPCE,
      s3PrefixList(),
    );
    expect(a.issues.map((i) => i.kind)).toEqual(['endpoint-route-blackhole']);
    expect(a.perCidr.some((p) => p.reachesEndpoint)).toBe(false);
  });

  it('the table routes the prefix list to another endpoint → missing, naming the other endpoint, no NAT note', () => {
    const a = analyzeGatewayRouting(
      table([localRoute, natDefault, { ...endpointRoute, GatewayId: 'vpce-0other' }]),
      VPCE,
      s3PrefixList(),
    );
    expect(a.issues).toEqual([
      expect.objectContaining({ kind: 'endpoint-route-missing', otherEndpointId: 'vpce-0other' }),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the evaluator agrees with a brute-force reference written from the doc rules.

interface GenRoute {
  kind: 'cidr' | 'pl';
  net: number;
  len: number;
  propagated: boolean;
  pl: number;
  target: number;
}

const refContains = (net: number, len: number, addr: number): boolean => {
  if (len === 0) return true;
  const shift = 32 - len;
  return Math.floor(net / 2 ** shift) === Math.floor(addr / 2 ** shift);
};
const ipText = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
const cidrText = (net: number, len: number): string => {
  const size = 2 ** (32 - len);
  return `${ipText(Math.floor(net / size) * size)}/${len}`;
};

describe('route selection matches a brute-force reference', () => {
  // Addresses within 10.0.0.0/20 so random routes overlap often.
  const addr = fc.integer({ min: 0x0a000000, max: 0x0a000fff });
  const genRoute = fc.record({
    kind: fc.constantFrom<'cidr' | 'pl'>('cidr', 'cidr', 'pl'),
    net: addr,
    len: fc.constantFrom(0, 8, 16, 20, 22, 24, 26, 28, 30, 32),
    propagated: fc.boolean(),
    pl: fc.integer({ min: 0, max: 2 }),
    target: fc.integer({ min: 0, max: 4 }),
  });
  const genLists = fc.array(
    fc.array(fc.record({ net: addr, len: fc.constantFrom(16, 20, 24, 28, 32) }), { maxLength: 4 }),
    {
      minLength: 3,
      maxLength: 3,
    },
  );

  it('for random tables and addresses', () => {
    fc.assert(
      fc.property(fc.array(genRoute, { maxLength: 12 }), genLists, addr, (gen: GenRoute[], lists, dest) => {
        const plCidrs: Record<string, string[]> = {};
        lists.forEach((entries, i) => {
          plCidrs[`pl-${i}`] = entries.map((e) => cidrText(e.net, e.len));
        });
        const routes: Route[] = gen.map((g) => {
          const target = { NatGatewayId: `nat-${g.target}` };
          return g.kind === 'cidr'
            ? {
                DestinationCidrBlock: cidrText(g.net, g.len),
                ...target,
                Origin: g.propagated ? 'EnableVgwRoutePropagation' : 'CreateRoute',
              }
            : { DestinationPrefixListId: `pl-${g.pl}`, ...target, Origin: 'CreateRoute' };
        });

        // Reference: every (route, matching CIDR) pair, ranked by length, then static < prefix list < propagated, then order.
        let best: { len: number; rank: number; index: number } | undefined;
        gen.forEach((g, index) => {
          const blocks = g.kind === 'cidr' ? [{ net: g.net, len: g.len }] : (lists[g.pl] ?? []);
          const rank = g.kind === 'pl' ? 1 : g.propagated ? 2 : 0;
          for (const b of blocks) {
            if (!refContains(b.net, b.len, dest)) continue;
            const better =
              best === undefined ||
              b.len > best.len ||
              (b.len === best.len && (rank < best.rank || (rank === best.rank && index < best.index)));
            if (better) best = { len: b.len, rank, index };
          }
        });

        const d = selectRoute(table(routes), ipText(dest), plCidrs);
        expect(d.chosen?.routeIndex).toBe(best?.index);
        expect(d.chosen?.prefixLength).toBe(best?.len);
      }),
      { numRuns: 400 },
    );
  });
});
