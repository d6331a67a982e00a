// Dependencies point down only: a file may import a file of a lower layer, or of its own
// layer as long as no loop closes. Read from the source text (type imports included), so the
// rule holds for what a reader sees, not only for what survives compilation.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

/**
 * The layers, top first; the first prefix a file's path (under src/) starts with names its
 * layer. A file may import only a strictly lower layer, or its own.
 *
 * - cli wires everything: it hands the check modules and the probe source to the engine.
 * - ui draws the wizard and report draws results; both read engine state.
 * - session is plugged in from outside: recorded probes, the answers-file asker, session files.
 * - engine walks the decision tree and runs whatever check modules it is given.
 * - analysis/modules are the check modules, thin adapters over the rules below them; the
 *   engine never imports them (a rule below checks that).
 * - analysis holds the rules (verdicts, explanations, fixes) and the check-module contract.
 * - path holds the facts of the request's path (answers, source kinds, the service, the
 *   context built from probe results): neutral ground that engine and analysis both read.
 * - findings is the catalogue of failure modes and the report's shapes.
 * - probes is the probe contract and its shapes (and the live handlers, plugged in by cli).
 * - errors.ts is the one error type every layer may throw.
 */
const LAYERS: readonly (readonly [prefix: string, rank: number])[] = [
  ['cli/', 100],
  ['whois/', 95],
  ['ui/', 90],
  // A leaf: terminal-safe text, which session files write too.
  ['report/sanitize.ts', 65],
  ['report/', 80],
  ['session/', 70],
  ['engine/', 60],
  ['analysis/modules/', 50],
  ['analysis/', 40],
  ['path/', 30],
  ['findings/', 20],
  ['probes/', 10],
  ['errors.ts', 0],
];

/**
 * Parts plugged in from outside: only the listed layers (and the part itself) may import them,
 * whatever the ranks would allow. [prefix, importers, why]
 */
const PLUGGED_IN: readonly (readonly [prefix: string, importers: readonly string[], why: string])[] = [
  ['analysis/modules/', ['cli/'], 'the module list is passed into the engine: cli wires MODULES in'],
  ['probes/live/', ['cli/'], 'the live probe source is handed to the engine by cli; the rest reads the contract'],
  ['session/', ['cli/'], 'recorded probes, the answers-file asker and session files are chosen by cli'],
];

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Static imports and re-exports (`import type` too, across lines) and `import('…')`. */
const IMPORT_RE =
  /^\s*(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? '';
    if (!spec.startsWith('.')) continue;
    const base = normalize(join(dirname(file), spec)).replace(/\.js$/, '');
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (target === undefined) throw new Error(`${relative(SRC, file)} imports ${spec}, which is no file under src/`);
    out.push(relative(SRC, target));
  }
  return [...new Set(out)];
}

function layerOf(file: string): readonly [string, number] | undefined {
  return LAYERS.find(([prefix]) => file.startsWith(prefix));
}

const GRAPH = new Map(sourceFiles(SRC).map((f) => [relative(SRC, f), importsOf(f)] as const));

function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of GRAPH.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...GRAPH.keys()].sort()) if (state.get(file) === undefined) visit(file);
  return found;
}

describe('the import graph of src/', () => {
  it('reads a real graph: every file has a layer, and cli reaches the engine, analysis and probes', () => {
    expect([...GRAPH.keys()].filter((f) => layerOf(f) === undefined)).toEqual([]);
    expect(GRAPH.size).toBeGreaterThan(50);
    const edges = [...GRAPH.values()].reduce((n, targets) => n + targets.length, 0);
    expect(edges).toBeGreaterThan(200);
    const reach = new Set<string>();
    const walk = (f: string): void => {
      if (reach.has(f)) return;
      reach.add(f);
      for (const n of GRAPH.get(f) ?? []) walk(n);
    };
    walk('cli/main.ts');
    for (const prefix of ['engine/', 'analysis/modules/', 'probes/live/', 'session/', 'ui/'])
      expect(
        [...reach].some((f) => f.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  it('has no import cycle (type-only imports count)', () => {
    expect(cycles().map((c) => c.join(' -> '))).toEqual([]);
  });

  it('has no upward import: each file imports only its own layer or a lower one', () => {
    const upward: string[] = [];
    for (const [from, targets] of GRAPH) {
      const [fromLayer, fromRank] = layerOf(from) ?? ['?', -1];
      for (const to of targets) {
        const [toLayer, toRank] = layerOf(to) ?? ['?', -1];
        if (toLayer !== fromLayer && toRank >= fromRank) upward.push(`${from} -> ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('imports the parts plugged in from outside only where they are plugged in', () => {
    const broken: string[] = [];
    for (const [from, targets] of GRAPH)
      for (const to of targets)
        for (const [part, importers, why] of PLUGGED_IN)
          if (to.startsWith(part) && !from.startsWith(part) && !importers.some((i) => from.startsWith(i)))
            broken.push(`${from} -> ${to} (${why})`);
    expect(broken).toEqual([]);
  });

  it('has no two folders that import each other (a folder-level loop hides behind acyclic files)', () => {
    const folderOf = (f: string): string => f.slice(0, f.lastIndexOf('/') + 1) || f;
    const folders = new Map<string, Set<string>>();
    for (const [from, targets] of GRAPH)
      for (const to of targets) {
        const a = folderOf(from);
        const b = folderOf(to);
        if (a !== b && !b.startsWith(a) && !a.startsWith(b)) {
          if (!folders.has(a)) folders.set(a, new Set());
          folders.get(a)?.add(b);
        }
      }
    const both = [...folders].flatMap(([a, targets]) =>
      [...targets].filter((b) => a < b && folders.get(b)?.has(a) === true).map((b) => `${a} <-> ${b}`),
    );
    expect(both).toEqual([]);
  });
});
