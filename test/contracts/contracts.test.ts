// Promises the project makes to its users, checked mechanically: read-only AWS access, no
// copyleft code shipped, heavy modules loaded only where needed, no escape sequence from an
// account reaching the terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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

  it('npx vpce-doctor works from a packed tarball: the bundle, its notices and the recordings, no dependency, no source map', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
      engines: { node: string };
      license: string;
      dependencies?: Record<string, string>;
    };
    expect(pkg.engines.node).toBe('>=20');
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.dependencies ?? {}, 'everything is bundled: runtime packages are devDependencies').toEqual({});
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as { files: { path: string }[] }[];
    const files = packed[0]?.files.map((f) => f.path) ?? [];
    const entry = pkg.bin['vpce-doctor'] ?? '';
    expect(files).toContain(entry);
    expect(files).toContain('dist/THIRD-PARTY-NOTICES.md');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    // The recordings travel as one file (a cold npx unpacks the tarball file by file), holding each one.
    const recordings = readdirSync(join(ROOT, 'recordings')).filter((f) => f.endsWith('.json'));
    expect(recordings.length).toBeGreaterThan(40);
    expect(files).toContain('dist/recordings.json');
    const packedRecordings = JSON.parse(readFileSync(join(ROOT, 'dist/recordings.json'), 'utf8')) as object;
    expect(Object.keys(packedRecordings).sort()).toEqual(recordings.map((f) => f.slice(0, -'.json'.length)).sort());
    expect(files.filter((f) => !f.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(readFileSync(join(ROOT, entry), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(join(ROOT, entry)).mode & 0o111).not.toBe(0);
  });

  it('the AGPL test oracle is never imported from src/', () => {
    const offenders = SRC.filter((f) => readFileSync(f, 'utf8').includes('@cloud-copilot/'));
    expect(offenders).toEqual([]);
  });

  it('every package bundled has a permissive licence, and the notices shipped name each one', () => {
    // Written by `npm run build` from esbuild's metafile: the packages whose code is in dist/.
    const bundled = JSON.parse(readFileSync(join(ROOT, 'build/bundled-packages.json'), 'utf8')) as {
      name: string;
      version: string;
      license: string;
    }[];
    expect(bundled.map((p) => p.name)).toEqual(expect.arrayContaining(['ink', 'react', 'zod', '@aws-sdk/client-ec2']));
    expect(bundled.length).toBeGreaterThan(50);
    const allowed =
      /^(MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|BlueOak-1\.0\.0|\(MIT OR CC0-1\.0\)|MIT-0|CC0-1\.0|Python-2\.0|Unlicense)$/;
    expect(bundled.filter((p) => !allowed.test(p.license)).map((p) => `${p.name}: ${p.license}`)).toEqual([]);
    const notices = readFileSync(join(ROOT, 'dist/THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const p of bundled) expect(notices).toContain(`## ${p.name}@${p.version} (${p.license})`);
  });

  describe('heavy code loads only on the path that needs it (traced in the bundle)', () => {
    // Which sources esbuild put into each file of dist/cli/ (build/metafile.json, written by
    // `npm run build`): a traced load of a chunk stands for every source inside it.
    const meta = JSON.parse(readFileSync(join(ROOT, 'build/metafile.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown>; entryPoint?: string }>;
    };
    const UI = /node_modules\/(ink|react|react-reconciler|yoga-layout)\//;
    const AWS = /node_modules\/(@aws-sdk|@smithy)\//;

    /** Runs the CLI with every module resolution traced; returns the sources of what it loaded. */
    function trace(
      args: string[],
      options: { viaTerminal?: boolean; env?: Record<string, string>; exitCodes?: number[] } = {},
    ): string[] {
      const viaTerminal = options.viaTerminal ?? false;
      const dir = mkdtempSync(join(tmpdir(), 'vpce-trace-'));
      const log = join(dir, 'loads.log');
      const argv = [process.execPath, '--import', join(ROOT, 'test/support/trace-loads.mjs'), BIN, ...args];
      const env = { ...process.env, VPCE_TRACE_LOADS: log, CI: '', NO_COLOR: '1', ...options.env };
      const r = viaTerminal
        ? // util-linux script(1) gives the process a pseudo-terminal, as a user's shell would.
          // The replay lands on the verdict screen, which waits for a key: `q` leaves it; the
          // timeout keeps a regression from hanging the suite (spawnSync cannot be interrupted).
          spawnSync('script', ['-qec', argv.map((a) => `'${a}'`).join(' '), '/dev/null'], {
            env,
            encoding: 'utf8',
            input: 'q',
            timeout: 30_000,
          })
        : spawnSync(argv[0] ?? '', argv.slice(1), { env, encoding: 'utf8' });
      expect(options.exitCodes ?? [0, 1], `${args.join(' ')}: ${r.stderr}`).toContain(r.status);
      const loaded = readFileSync(log, 'utf8').split('\n');
      expect(
        loaded.filter((u) => u.includes('/node_modules/')),
        'the bundle loads nothing from node_modules',
      ).toEqual([]);
      const files = loaded.filter((u) => u.includes('/dist/cli/')).map((u) => `dist/cli/${u.split('/dist/cli/')[1]}`);
      expect(files).toContain('dist/cli/main.js');
      return files.flatMap((f) => Object.keys(meta.outputs[f]?.inputs ?? {}));
    }

    it('the trace can see Ink and the AWS SDK: the wizard and the diagnosis chunks hold them', () => {
      const inputsOf = (entry: string) => Object.values(meta.outputs).find((o) => o.entryPoint === entry)?.inputs ?? {};
      expect(Object.keys(meta.outputs).length).toBeGreaterThan(10);
      const uiChunks = Object.values(meta.outputs).filter((o) => Object.keys(o.inputs).some((i) => UI.test(i)));
      const awsChunks = Object.values(meta.outputs).filter((o) => Object.keys(o.inputs).some((i) => AWS.test(i)));
      expect(uiChunks.length).toBeGreaterThan(0);
      expect(awsChunks.length).toBeGreaterThan(0);
      expect(Object.keys(inputsOf('src/cli/main.ts')).some((i) => UI.test(i) || AWS.test(i))).toBe(false);
    });

    it.each([
      [['--version']],
      [['--help']],
      [['replay', '--help']],
      [['replay', join(ROOT, 'recordings/endpoint.missing.json'), '--json']],
      [['schema', 'answers']],
      [['schema', 'whois']],
      [['findings']],
      [['explain', 'endpoint.missing']],
      [['iam-policy']],
      [['tree', '--mermaid']],
      [['demo']],
      [['demo', 'endpoint.missing', '--json']],
    ])('%j loads neither Ink, React nor an AWS client', (args) => {
      const sources = trace(args);
      expect(sources.filter((i) => UI.test(i) || AWS.test(i))).toEqual([]);
    });

    it('a diagnosis with --answers --json loads AWS clients but neither Ink nor React', () => {
      const dir = mkdtempSync(join(tmpdir(), 'vpce-trace-answers-'));
      const answers = join(dir, 'answers.json');
      writeFileSync(
        answers,
        JSON.stringify({
          version: 1,
          answers: {
            region: 'us-east-1',
            service: 's3',
            'source.kind': 'subnet',
            'source.id': 'subnet-0123456789abcdef0',
          },
        }),
      );
      // Nothing listens on port 9 of loopback: every call fails at once, the run ends incomplete.
      const sources = trace(['--answers', answers, '--json', '--timeout', '10'], {
        env: {
          AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_EC2_METADATA_DISABLED: 'true',
          HOME: dir,
          AWS_CONFIG_FILE: join(dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
        },
        exitCodes: [0, 1, 2, 3],
      });
      expect(sources.some((i) => AWS.test(i))).toBe(true);
      expect(sources.filter((i) => UI.test(i))).toEqual([]);
    });

    it('DEV=true in the user’s shell (Ink’s devtools switch) does not break the bundled wizard', () => {
      const argv = [process.execPath, BIN, 'demo', 'endpoint.missing', '--pace', '0'];
      const r = spawnSync('script', ['-qec', argv.map((a) => `'${a}'`).join(' '), '/dev/null'], {
        env: { ...process.env, DEV: 'true', CI: '', NO_COLOR: '1' },
        encoding: 'utf8',
        input: 'q',
        timeout: 30_000,
      });
      expect(r.stdout).not.toContain('internal error');
      expect(r.stdout).toContain('endpoint.missing');
      expect(r.status).toBe(0);
    });

    it('replay in a terminal draws with Ink but loads no AWS client', () => {
      const sources = trace(['replay', join(ROOT, 'recordings/endpoint.missing.json'), '--pace', '0'], {
        viaTerminal: true,
      });
      expect(sources.some((i) => UI.test(i))).toBe(true);
      expect(sources.filter((i) => AWS.test(i))).toEqual([]);
    });
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

describe('the published bin (package.json "bin", CommonJS so --help skips the ES module loader)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const published = join(ROOT, pkg.bin['vpce-doctor'] ?? '');
  const run = (bin: string, args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('is the CommonJS launcher, executable, with a node shebang', () => {
    expect(pkg.bin['vpce-doctor']).toBe('dist/cli/vpce-doctor.cjs');
    expect(readFileSync(published, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(published).mode & 0o111).not.toBe(0);
  });

  it('--help, --version, a command and a usage error: the same output and exit code as the ES module entry', () => {
    for (const args of [['--help'], ['--version'], ['findings', '--checks'], ['nosuch']]) {
      const a = run(published, args);
      const b = run(BIN, args);
      expect(a.status, args.join(' ')).toBe(b.status);
      expect(a.stdout, args.join(' ')).toBe(b.stdout);
      expect(a.stderr, args.join(' ')).toBe(b.stderr);
    }
  });

  it('--help loads no other file of the bundle (traced)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpce-trace-'));
    const log = join(dir, 'loads.log');
    writeFileSync(log, '');
    const r = spawnSync(
      process.execPath,
      ['--import', join(ROOT, 'test/support/trace-loads.mjs'), published, '--help'],
      { encoding: 'utf8', env: { ...process.env, VPCE_TRACE_LOADS: log } },
    );
    expect(r.status).toBe(0);
    const bundleFiles = readFileSync(log, 'utf8')
      .split('\n')
      .filter((u) => u.includes('/dist/cli/'))
      .map((u) => u.split('/dist/cli/')[1]);
    expect([...new Set(bundleFiles)]).toEqual(['vpce-doctor.cjs']);
  });
});
