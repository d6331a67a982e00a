// Promises the project makes to its users, checked mechanically: read-only AWS access, no
// copyleft code shipped, heavy modules loaded only where needed, no escape sequence from an
// account reaching the terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/render.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { sanitize } from '../../src/report/sanitize.js';
import type { Report } from '../../src/engine/verdict.js';
import { BIN, ROOT } from '../support/cli.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const SRC = sourceFiles(join(ROOT, 'src'));

describe('contracts', () => {
  it('src/ only uses read-only AWS commands (Describe*, Get*, List*, Simulate*)', () => {
    const offenders: string[] = [];
    for (const file of SRC) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b([A-Z][A-Za-z0-9]*)Command\b/g)) {
        const name = m[1] ?? '';
        // FixCommand is a printed fix (src/findings/command.ts), never an SDK call.
        if (name !== 'Fix' && !/^(Describe|Get|List|Simulate|Head)/.test(name))
          offenders.push(`${file.slice(ROOT.length)}: ${name}Command`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('npx vpce-doctor works from a packed tarball: bin is packed, has a shebang and is executable', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
      engines: { node: string };
      license: string;
    };
    expect(pkg.engines.node).toBe('>=20');
    expect(pkg.license).toBe('Apache-2.0');
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as { files: { path: string }[] }[];
    const files = packed[0]?.files.map((f) => f.path) ?? [];
    const entry = pkg.bin['vpce-doctor'] ?? '';
    expect(files).toContain(entry);
    expect(files.filter((f) => !f.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(readFileSync(join(ROOT, entry), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(join(ROOT, entry)).mode & 0o111).not.toBe(0);
  });

  it('the AGPL test oracle is never imported from src/', () => {
    const offenders = SRC.filter((f) => readFileSync(f, 'utf8').includes('@cloud-copilot/'));
    expect(offenders).toEqual([]);
  });

  it('every package shipped (production dependency tree) has a permissive license', () => {
    const paths = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter((p) => p.includes('node_modules'));
    expect(paths.length).toBeGreaterThan(50);
    const allowed =
      /^(MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|BlueOak-1\.0\.0|\(MIT OR CC0-1\.0\)|MIT-0|CC0-1\.0|Python-2\.0|Unlicense)$/;
    const bad: string[] = [];
    for (const p of paths) {
      const pkg = JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')) as { name: string; license?: unknown };
      const license = typeof pkg.license === 'string' ? pkg.license : JSON.stringify(pkg.license);
      if (!allowed.test(license)) bad.push(`${pkg.name}: ${license}`);
    }
    expect(bad).toEqual([]);
  });

  it('replay --json and schema never load Ink, React or an AWS client', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpce-trace-'));
    for (const args of [
      ['replay', join(ROOT, 'recordings/endpoint.missing.json'), '--json'],
      ['schema', 'answers'],
      ['schema', 'whois'],
      ['findings'],
      ['--help'],
      ['replay', '--help'],
      ['explain', 'endpoint.missing'],
      ['iam-policy'],
      ['tree', '--mermaid'],
    ]) {
      const log = join(dir, `${args.join(' ').replace(/\W+/g, '-')}.log`);
      const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/support/trace-loads.mjs'), BIN, ...args], {
        env: { ...process.env, VPCE_TRACE_LOADS: log, CI: '' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBeLessThanOrEqual(1);
      const loaded = readFileSync(log, 'utf8');
      expect(loaded).toContain('dist/cli/main.js');
      expect(loaded, args.join(' ')).not.toMatch(/node_modules\/(ink|react|@aws-sdk)\//);
    }
  });

  it('no escape sequence from an account reaches the terminal', () => {
    const evil = 'prod\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b31m\rX';
    expect(sanitize(evil)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const report: Report = {
      version: 1,
      verdict: 'problems',
      findings: [
        {
          id: 'endpoint.missing',
          severity: 'error',
          layer: 'endpoint',
          title: evil,
          why: evil,
          evidence: [evil],
          fix: { summary: evil, commands: [{ argv: ['aws', evil], line: evil }] },
        },
      ],
      checks: [{ id: 'endpoint.exists', layer: 'endpoint', status: 'fail', detail: evil }],
    };
    for (const out of [
      renderText(report, { identity: evil, region: evil, verbose: true }),
      renderMarkdown(report, { identity: evil }),
    ]) {
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
  });
});
