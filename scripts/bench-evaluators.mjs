// Benchmarks of the network-path evaluators on the large-account fixture (scripts/bench.mjs runs
// this after its own table; `node scripts/bench-evaluators.mjs` runs it alone). Prints one titled
// section per measurement, each with ratios measured in this one run (absolute times depend on
// the machine; the ratios say how the evaluators scale). Not a test: nothing here fails a build.
//
// Add a section with `section(title, () => lines)`; sections run in order. Exports nothing.
import { performance } from 'node:perf_hooks';
import { generateLargeAccountFixture } from './large-account-fixture.mjs';

import { importSource } from './load-src.mjs';

const routes = await importSource('src/analysis/net/routes.ts');
const acls = await importSource('src/analysis/net/network-acls.ts');
const sgs = await importSource('src/analysis/net/security-groups.ts');

/** @type {{ title: string, run: () => string[] }[]} */
const sections = [];
/** @param {string} title @param {() => string[]} run */
function section(title, run) {
  sections.push({ title, run });
}

/**
 * Median time per call of `fn` in microseconds: warm up, then 7 batches each running for at least
 * `minMs`, so JIT and caches are in the same state for every variant compared.
 * @param {() => unknown} fn
 */
function timePerCall(fn, minMs = 150) {
  let sink;
  for (let i = 0; i < 20; i++) sink = fn();
  const samples = [];
  for (let b = 0; b < 7; b++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < minMs) {
      sink = fn();
      n++;
      t = performance.now();
    }
    samples.push(((t - t0) * 1000) / n);
  }
  if (sink === Symbol.for('never')) console.log('');
  samples.sort((a, b) => a - b);
  return samples[3];
}

const us = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(1)} µs`);
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;

const large = generateLargeAccountFixture();
const small = generateLargeAccountFixture({
  routeTables: 2,
  routesPerTable: 3,
  networkAcls: 2,
  entriesPerAcl: 4,
  securityGroups: 10,
  rulesPerGroup: 2,
  customerPrefixLists: 1,
  cidrsPerPrefixList: 2,
});
const s3 = (fx) => fx.prefixLists.find((p) => p.PrefixListId === fx.scenario.s3PrefixListId);
const aclById = (fx, id) => fx.networkAcls.find((a) => a.NetworkAclId === id);
const groupsById = (fx, ids) => ids.map((id) => fx.securityGroups.find((g) => g.GroupId === id));

console.log(`vpce-doctor evaluator benchmark (node ${process.version})`);
console.log(
  `large fixture: ${large.counts.routes} routes in ${large.routeTables.length} tables, ${large.counts.naclEntries} ACL entries in ${large.networkAcls.length} ACLs, ${large.counts.sgRules} SG rules in ${large.securityGroups.length} groups`,
);
console.log(
  `small fixture: ${small.counts.routes} routes, ${small.counts.naclEntries} ACL entries, ${small.counts.sgRules} SG rules`,
);

section('Gateway routing: analyzeGatewayRouting, large vs small route table', () => {
  const run = (fx) => {
    const table = fx.routeTables[0];
    const lists = routes.prefixListCidrsOf(fx.prefixLists);
    return {
      n: table.Routes.length,
      t: timePerCall(() => routes.analyzeGatewayRouting(table, fx.scenario.gatewayEndpointId, s3(fx), lists)),
    };
  };
  const L = run(large);
  const S = run(small);
  const found = routes.analyzeGatewayRouting(
    large.routeTables[0],
    large.scenario.gatewayEndpointId,
    s3(large),
    routes.prefixListCidrsOf(large.prefixLists),
  );
  return [
    `large table (${L.n} routes): ${us(L.t)} per evaluation`,
    `small table (${S.n} routes): ${us(S.t)} per evaluation`,
    `large / small: ${ratio(L.t, S.t)} the time for ${ratio(L.n, S.n)} the routes`,
    `planted issue found: ${found.issues.map((i) => i.kind).join(', ') || 'none'}`,
  ];
});

section('Route lookup: compiled table vs compiling on every lookup (one S3 CIDR, large table)', () => {
  const table = large.routeTables[0];
  const lists = routes.prefixListCidrsOf(large.prefixLists);
  const compiled = routes.compileRouteTable(table, lists);
  const dest = '54.231.0.0/16';
  const tCompiled = timePerCall(() => routes.selectRouteCompiled(compiled, dest));
  const tFresh = timePerCall(() => routes.selectRouteCompiled(routes.compileRouteTable(table, lists), dest));
  const tCached = timePerCall(() => routes.selectRoute(table, dest, lists));
  return [
    `compiled once: ${us(tCompiled)} per lookup`,
    `selectRoute (cached compile per table): ${us(tCached)} per lookup`,
    `compile + lookup every time: ${us(tFresh)} per lookup`,
    `uncompiled / compiled: ${ratio(tFresh, tCompiled)}`,
  ];
});

section('Network ACLs: the four packets of a TCP/443 exchange, large vs small ACL', () => {
  const run = (fx) => {
    const src = aclById(fx, fx.scenario.sourceNetworkAclId);
    const dst = aclById(fx, fx.scenario.endpointNetworkAclId);
    const q = {
      port: 443,
      source: { networkAcl: src, subnetId: fx.scenario.sourceSubnetId, address: fx.scenario.sourceAddress },
      destination: {
        kind: 'interface',
        networkAcl: dst,
        subnetId: fx.scenario.endpointSubnetId,
        address: fx.scenario.endpointAddress,
      },
    };
    return {
      n: src.Entries.length + dst.Entries.length,
      t: timePerCall(() => acls.evaluateTcpExchange(q)),
      r: acls.evaluateTcpExchange(q),
    };
  };
  const L = run(large);
  const S = run(small);
  const gw = (fx) => {
    const src = aclById(fx, fx.scenario.sourceNetworkAclId);
    const q = {
      port: 443,
      source: { networkAcl: src, address: fx.scenario.sourceAddress },
      destination: { kind: 'gateway', cidrs: s3(fx).Entries.map((e) => e.Cidr) },
    };
    return timePerCall(() => acls.evaluateTcpExchange(q));
  };
  const gL = gw(large);
  const gS = gw(small);
  return [
    `interface exchange, large ACLs (${L.n} entries): ${us(L.t)}; small (${S.n} entries): ${us(S.t)}; large / small ${ratio(L.t, S.t)} for ${ratio(L.n, S.n)} the entries`,
    `gateway exchange (${s3(large).Entries.length} S3 CIDRs), large: ${us(gL)}; small: ${us(gS)}; large / small ${ratio(gL, gS)}`,
    `large interface exchange allowed: ${L.r.allowed}${L.r.blocked[0] ? ` (first block: ${acls.describeNaclVerdict(L.r.blocked[0])[0]})` : ''}`,
  ];
});

section('Security groups: source egress + endpoint ingress, large vs small groups', () => {
  const run = (fx) => {
    const flow = {
      port: 443,
      source: { groups: groupsById(fx, fx.scenario.sourceGroupIds), address: fx.scenario.sourceAddress },
      destination: { groups: groupsById(fx, fx.scenario.endpointGroupIds), address: fx.scenario.endpointAddress },
      prefixLists: routes.prefixListCidrsOf(fx.prefixLists),
    };
    const rules = [...flow.source.groups, ...flow.destination.groups].reduce(
      (n, g) => n + (g ? g.IpPermissions.length + g.IpPermissionsEgress.length : 0),
      0,
    );
    return {
      n: rules,
      t: timePerCall(() => sgs.evaluateTcpFlowSecurityGroups(flow)),
      r: sgs.evaluateTcpFlowSecurityGroups(flow),
    };
  };
  const L = run(large);
  const S = run(small);
  return [
    `large (${L.n} rules on the 10 groups of the flow): ${us(L.t)}; small (${S.n} rules): ${us(S.t)}; large / small ${ratio(L.t, S.t)} for ${ratio(L.n, S.n)} the rules`,
    `large flow allowed: ${L.r.allowed}`,
  ];
});

section('Whole account sweep: every route table × S3 routing, every ACL × gateway exchange', () => {
  const lists = routes.prefixListCidrsOf(large.prefixLists);
  const pl = s3(large);
  const cidrs = pl.Entries.map((e) => e.Cidr);
  const t0 = performance.now();
  let issues = 0;
  for (const table of large.routeTables)
    issues += routes.analyzeGatewayRouting(table, large.scenario.gatewayEndpointId, pl, lists).issues.length;
  let blocked = 0;
  for (const acl of large.networkAcls) {
    blocked += acls.evaluateTcpExchange({
      port: 443,
      source: { networkAcl: acl, address: large.scenario.sourceAddress },
      destination: { kind: 'gateway', cidrs },
    }).blocked.length;
  }
  const ms = performance.now() - t0;
  return [
    `${large.routeTables.length} tables + ${large.networkAcls.length} ACLs judged once, cold: ${ms.toFixed(1)} ms (${issues} routing issues, ${blocked} blocked ACL verdicts)`,
  ];
});

for (const s of sections) {
  console.log(`\n## ${s.title}`);
  for (const line of s.run()) console.log(`  ${line}`);
}
