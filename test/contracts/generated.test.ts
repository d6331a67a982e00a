// What the README shows is generated from the code, and a test fails when it drifts: the IAM
// policy (from the probe specs, checked against the calls the live probes make), the table of
// findings (from the catalogue) and the decision tree (from src/engine/tree.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateReadme, type BenchResults } from '../../src/cli/readme.js';
import { iamPolicy, probeActions, requiredActions } from '../../src/probes/permissions.js';
import { treeMermaid } from '../../src/report/mermaid.js';
import { TREE } from '../../src/engine/tree.js';
import { ROOT, runCli } from '../support/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BENCH_FILE = join(ROOT, 'bench/results.json');
/** The README's performance section is generated from what `npm run bench` wrote. */
const SOURCES = {
  bench: existsSync(BENCH_FILE) ? (JSON.parse(readFileSync(BENCH_FILE, 'utf8')) as BenchResults) : undefined,
};
const LIVE = join(ROOT, 'src/probes/live');
const CALL = /\bcall\('([a-z0-9-]+:[A-Za-z]+)'/g;

/** For each live handler (`'probe.key': …` up to the next key), the IAM actions it calls, helpers included. */
function handlerActions(): Map<string, Set<string>> {
  const byProbe = new Map<string, Set<string>>();
  const files = readdirSync(LIVE)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(LIVE, f), 'utf8'));
  // Module-level helpers (`async function name(`, `export function name(`) in any live file, and the actions they call.
  const helpers = new Map<string, string[]>();
  for (const text of files) {
    const parts = text.split(/^(?=(?:export )?(?:async )?function )/m);
    for (const part of parts) {
      const name = /^(?:export )?(?:async )?function (\w+)/.exec(part)?.[1];
      // The handler tables themselves (`export function coreHandlers(`) are not helpers.
      if (name !== undefined && !name.endsWith('Handlers'))
        helpers.set(
          name,
          [...part.matchAll(CALL)].map((m) => m[1] ?? ''),
        );
    }
  }
  for (const text of files) {
    const segments = text.split(/^(?= {4}'[a-z0-9.-]+': )/m).slice(1);
    for (const seg of segments) {
      const key = /^ {4}'([a-z0-9.-]+)'/.exec(seg)?.[1] ?? '';
      const actions = new Set([...seg.matchAll(CALL)].map((m) => m[1] ?? ''));
      for (const [name, acts] of helpers) if (seg.includes(`${name}(`)) for (const a of acts) actions.add(a);
      byProbe.set(key, actions);
    }
  }
  return byProbe;
}

describe('the IAM policy is the probes’ own list', () => {
  const live = handlerActions();

  it.each(probeActions().map((p) => [p.key, p.actions] as const))(
    '%s declares exactly the actions its live handler calls',
    (key, declared) => {
      expect(live.has(key), `no live handler found for ${key}`).toBe(true);
      expect([...declared].sort()).toEqual([...(live.get(key) ?? [])].sort());
    },
  );

  it('the policy holds every action the live probes call, and only read-only ones', () => {
    const called = new Set<string>();
    for (const acts of live.values()) for (const a of acts) called.add(a);
    expect(requiredActions()).toEqual([...called].sort());
    expect(requiredActions().length).toBeGreaterThanOrEqual(23);
    // API Gateway's management API is authorised by HTTP verb: apigateway:GET is its read-only action.
    for (const a of requiredActions())
      expect(a).toMatch(/^[a-z0-9-]+:(Describe|Get|List|Simulate)[A-Za-z]+$|^apigateway:GET$/);
  });

  it('each action is an SDK command the read-only contract sees in src/ (the same list)', () => {
    const src = readdirSync(LIVE)
      .map((f) => readFileSync(join(LIVE, f), 'utf8'))
      .join('\n');
    // IAM actions named otherwise than their API call (Service Authorization Reference).
    const renamed: Record<string, string> = {
      'apigateway:GET': 'GetRestApi',
      's3:GetEncryptionConfiguration': 'GetBucketEncryption',
    };
    const command = (a: string): string => renamed[a] ?? a.split(':')[1] ?? '';
    for (const a of requiredActions()) expect(src).toContain(`${command(a)}Command`);
  });

  it('binary: iam-policy prints that policy', async () => {
    const r = await runCli(['iam-policy']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(iamPolicy());
  });
});

describe('the README is generated where it can drift', () => {
  it('every generated block (permissions, findings, tree, performance) matches the code and bench/results.json — run `npm run readme` when this fails', () => {
    expect(updateReadme(README, SOURCES)).toBe(README);
  });

  it('names every action and every finding id, and no longer recommends ReadOnlyAccess', () => {
    for (const a of requiredActions()) expect(README).toContain(`"${a}"`);
    expect(README).toContain('| `gateway.route-table-not-associated` | error | route |');
    expect(README).not.toMatch(/ReadOnlyAccess` policy covers/);
  });

  it('the performance section is bench/results.json’s table, quoting the Node version it was measured with', () => {
    const bench = SOURCES.bench;
    expect(bench, 'bench/results.json is missing: run npm run bench').toBeDefined();
    expect(README).toContain(`with Node ${bench?.node ?? ''} (`);
    for (const row of bench?.summary ?? []) expect(README).toContain(`| ${row.measure.trim()} | ${row.figure} |`);
  });

  // One edit inside each block the issue asks to keep in step with the code: the policy, the
  // findings table, the checks table and the Mermaid tree. Each must be caught and rewritten.
  it.each([
    ['permissions', '"ec2:DescribeVpcs"', '"ec2:DescribeVpcz"'],
    [
      'findings',
      '| `gateway.route-table-not-associated` | error | route |',
      '| `gateway.route-table-not-associated` | warning | route |',
    ],
    ['checks', '| `endpoint.exists` |', '| `endpoint.exist` |'],
    ['tree', '  q_region[/"? region"/]\n', ''],
  ])('a stale %s block is caught: the update differs and restores it', (_block, from, to) => {
    expect(README, `the README no longer holds ${JSON.stringify(from)}`).toContain(from);
    const stale = README.replace(from, to);
    expect(stale).not.toBe(README);
    expect(updateReadme(stale, SOURCES)).toBe(README);
  });

  it('a block whose markers were removed is an error, not a silent pass', () => {
    const gone = README.replace('<!-- BEGIN GENERATED tree (npm run readme rewrites this block) -->', '');
    expect(() => updateReadme(gone, SOURCES)).toThrow('README.md has no generated block "tree"');
  });
});

describe('tree --mermaid', () => {
  it('draws every node and every branch of the decision tree', () => {
    const m = treeMermaid();
    expect(m.startsWith('flowchart TD\n')).toBe(true);
    for (const node of Object.values(TREE)) {
      const ref = node.id.replace(/[.-]/g, '_');
      expect(m).toMatch(new RegExp(`^  ${ref}[[({/]`, 'm'));
      if (node.kind !== 'verdict')
        for (const b of node.branches)
          expect(m).toMatch(new RegExp(`^  ${ref} -->.* ${b.to.replace(/[.-]/g, '_')}$`, 'm'));
    }
  });

  it('binary: tree --mermaid prints it; tree alone an outline', async () => {
    const r = await runCli(['tree', '--mermaid']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(treeMermaid());
    const o = await runCli(['tree']);
    expect(o.stdout).toContain('q.region  (question: region)');
  });
});
