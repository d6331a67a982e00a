import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ManagedPrefixListSchema,
  NetworkAclSchema,
  NetworkInterfaceSchema,
  RouteTableSchema,
  SecurityGroupSchema,
  SourceSchema,
  SubnetSchema,
  VpcEndpointSchema,
  VpcSchema,
} from '../../../src/probes/shapes.js';
import { evaluateTcpExchange } from '../../../src/analysis/net/network-acls.js';
import { analyzeGatewayRouting, prefixListCidrsOf } from '../../../src/analysis/net/routes.js';
import { evaluateTcpFlowSecurityGroups } from '../../../src/analysis/net/security-groups.js';

const FixtureSchema = z.object({
  vpc: VpcSchema,
  subnets: z.array(SubnetSchema),
  routeTables: z.array(RouteTableSchema),
  networkAcls: z.array(NetworkAclSchema),
  securityGroups: z.array(SecurityGroupSchema),
  prefixLists: z.array(ManagedPrefixListSchema),
  endpoints: z.array(VpcEndpointSchema),
  networkInterfaces: z.array(NetworkInterfaceSchema),
  source: SourceSchema,
  scenario: z.object({
    sourceAddress: z.string(),
    sourceSubnetId: z.string(),
    sourceGroupIds: z.array(z.string()),
    sourceRouteTableId: z.string(),
    sourceNetworkAclId: z.string(),
    gatewayEndpointId: z.string(),
    s3PrefixListId: z.string(),
    endpointAddress: z.string(),
    endpointSubnetId: z.string(),
    endpointGroupIds: z.array(z.string()),
    endpointNetworkAclId: z.string(),
  }),
  counts: z.object({ routes: z.number(), naclEntries: z.number(), sgRules: z.number() }),
});

// A path in a variable keeps tsc from resolving the untyped .mjs; zod types what comes back.
const fixturePath = '../../../scripts/large-account-fixture.mjs';

async function loadFixture(options: Record<string, unknown> = {}): Promise<z.infer<typeof FixtureSchema>> {
  const mod: unknown = await import(/* @vite-ignore */ fixturePath);
  const generate = z.object({ generateLargeAccountFixture: z.function() }).parse(mod).generateLargeAccountFixture as (
    o: unknown,
  ) => unknown;
  return FixtureSchema.parse(generate(options));
}

describe('large-account fixture', () => {
  it('is thousands of routes, ACL entries and SG rules in the probe shapes, deterministic per seed', async () => {
    const fx = await loadFixture();
    expect(fx.counts.routes).toBeGreaterThan(5000);
    expect(fx.counts.naclEntries).toBeGreaterThan(2000);
    expect(fx.counts.sgRules).toBeGreaterThan(5000);
    const again = await loadFixture();
    expect(again.routeTables[3]).toEqual(fx.routeTables[3]);
  });

  it('the evaluators find exactly the planted issues', async () => {
    const fx = await loadFixture();
    const s = fx.scenario;
    const s3 = fx.prefixLists.find((p) => p.PrefixListId === s.s3PrefixListId)!;
    const others = prefixListCidrsOf(fx.prefixLists);
    const started = performance.now();

    const routing = analyzeGatewayRouting(
      fx.routeTables.find((t) => t.RouteTableId === s.sourceRouteTableId)!,
      s.gatewayEndpointId,
      s3,
      others,
    );
    expect(routing.issues.map((i) => i.kind)).toEqual(['route-overridden']);

    const groups = (ids: string[]) => fx.securityGroups.filter((g) => ids.includes(g.GroupId));
    const toS3 = evaluateTcpFlowSecurityGroups({
      port: 443,
      source: { groups: groups(s.sourceGroupIds), address: s.sourceAddress },
      destination: {
        groups: [],
        prefixLists: [{ prefixListId: s3.PrefixListId, cidrs: s3.Entries.map((e) => e.Cidr) }],
      },
      prefixLists: others,
    });
    expect(toS3.allowed).toBe(true);
    const toEndpoint = evaluateTcpFlowSecurityGroups({
      port: 443,
      source: { groups: groups(s.sourceGroupIds), address: s.sourceAddress },
      destination: { groups: groups(s.endpointGroupIds), address: s.endpointAddress },
      prefixLists: others,
    });
    expect(toEndpoint.allowed).toBe(true);

    const aclById = (id: string) => fx.networkAcls.find((a) => a.NetworkAclId === id)!;
    const exchange = evaluateTcpExchange({
      port: 443,
      source: { networkAcl: aclById(s.sourceNetworkAclId), subnetId: s.sourceSubnetId, address: s.sourceAddress },
      destination: {
        kind: 'interface',
        networkAcl: aclById(s.endpointNetworkAclId),
        subnetId: s.endpointSubnetId,
        address: s.endpointAddress,
      },
    });
    expect(exchange.legs.filter((l) => !l.allowed).map((l) => l.findingId)).toEqual(['nacl.source-subnet-blocks']);
    expect(exchange.blocked[0]?.denials[0]?.ports).toEqual({ from: 32768, to: 65535 });

    // A smoke bound, not a benchmark: the lead's bench measures properly.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
