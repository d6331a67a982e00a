// The published bin sends a command line naming `replay` to the replay bundle
// (dist/cli/replay.cjs: no zod, Ink or AWS client, loaded through V8's code cache), which runs a
// replay with a report on stdout and hands anything else to dist/cli/main.js. Users must not be
// able to tell which path answered: the same report, the same one-line errors, the same exit
// codes; and the code cache only ever makes it faster, never different.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/cli.js';

const PUBLISHED = join(ROOT, 'dist/cli/vpce-doctor.cjs');
const RECORDING = join(ROOT, 'recordings/gateway.route-table-not-associated.json');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vpce-replay-bundle-'));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The files of dist/cli/ the ES module loader resolved (the replay bundle itself is not one). */
  esModules: string[];
}

function run(bin: string, args: string[], env: Record<string, string> = {}): Run {
  const log = join(tmp(), 'loads.log');
  writeFileSync(log, '');
  const cache = tmp();
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/support/trace-loads.mjs'), bin, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cache,
      XDG_CACHE_HOME: join(cache, '.cache'),
      NO_COLOR: '1',
      VPCE_TRACE_LOADS: log,
      ...env,
    },
  });
  const esModules = readFileSync(log, 'utf8')
    .split('\n')
    .filter((u) => u.includes('/dist/cli/'))
    .map((u) => u.split('/dist/cli/')[1] ?? '')
    // The bin itself, which Node resolves as the entry.
    .filter((f) => f !== 'vpce-doctor.cjs');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, esModules };
}

/** A copy of the recording with one edit. */
function edited(edit: (text: string) => string): string {
  const file = join(tmp(), 'edited.json');
  writeFileSync(file, edit(readFileSync(RECORDING, 'utf8')));
  return file;
}

describe('the replay bundle (dist/cli/replay.cjs)', () => {
  it('holds neither zod, Ink, React nor an AWS client, and imports no other file of the bundle', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'build/replay-metafile.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; external?: boolean }[] }>;
    };
    const [output, ...others] = Object.entries(meta.outputs);
    expect(others).toEqual([]);
    expect(output?.[0]).toBe('dist/cli/replay.cjs');
    const inputs = Object.keys(output?.[1].inputs ?? {});
    expect(inputs).toContain('src/engine/machine.ts');
    expect(
      inputs.filter((i) => /node_modules\/(zod|ink|react|react-reconciler|yoga-layout|@aws-sdk|@smithy)\//.test(i)),
    ).toEqual([]);
    // Node built-ins only: nothing else of dist/ is loaded from it.
    expect(output?.[1].imports.filter((i) => !i.path.startsWith('node:') && i.external !== true)).toEqual([]);
  });

  it('replay --json of a recording: the report of the ES module entry, without loading it', () => {
    const fast = run(PUBLISHED, ['replay', RECORDING, '--json']);
    const slow = run(BIN, ['replay', RECORDING, '--json']);
    expect(fast.status).toBe(1);
    expect(fast.stdout).toContain('"gateway.route-table-not-associated"');
    expect([fast.status, fast.stdout, fast.stderr]).toEqual([slow.status, slow.stdout, slow.stderr]);
    expect(fast.esModules).toEqual([]);
  });

  it.each([
    ['--output markdown', ['--output', 'markdown']],
    ['--output sarif', ['--output', 'sarif']],
    ['text to a pipe, verbose', ['--verbose']],
    ['--fail-on warning', ['--json', '--fail-on', 'warning']],
  ])('replay %s: the same output and exit code as the ES module entry', (_name, flags) => {
    const fast = run(PUBLISHED, ['replay', RECORDING, ...flags]);
    const slow = run(BIN, ['replay', RECORDING, ...flags]);
    expect([fast.status, fast.stdout, fast.stderr]).toEqual([slow.status, slow.stdout, slow.stderr]);
    expect(fast.esModules).toEqual([]);
  });

  const refused: [string, () => string[]][] = [
    [
      'an unusable CIDR',
      () => ['replay', edited((t) => t.replace(/"CidrBlock": ?"[^"]+"/, '"CidrBlock": "10.0.0.0/99"')), '--json'],
    ],
    ['an unknown top-level key', () => ['replay', edited((t) => t.replace('{', '{"extra":1,')), '--json']],
    ['another session version', () => ['replay', edited((t) => t.replace('"version": 1', '"version": 7')), '--json']],
    ['a file that is not JSON', () => ['replay', edited((t) => t.slice(0, 100)), '--json']],
    ['a file that does not exist', () => ['replay', join(tmp(), 'none.json'), '--json']],
    [
      'a FIFO',
      () => {
        const p = join(tmp(), 's.fifo');
        execFileSync('mkfifo', [p]);
        return ['replay', p, '--json'];
      },
    ],
    ['two files', () => ['replay', RECORDING, RECORDING, '--json']],
    ['--json with --output markdown', () => ['replay', RECORDING, '--json', '--output', 'markdown']],
    ['--answers', () => ['replay', RECORDING, '--answers', RECORDING, '--json']],
    ['replay --help', () => ['replay', '--help']],
  ];
  it.each(refused)('%s: handed to the ES module entry, which words the error as always', (_name, args) => {
    const argv = args();
    const fast = run(PUBLISHED, argv);
    const slow = run(BIN, argv);
    expect([fast.status, fast.stdout, fast.stderr]).toEqual([slow.status, slow.stdout, slow.stderr]);
    expect(fast.esModules).toContain('main.js');
    expect(fast.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the code cache of the replay bundle', () => {
  const replay = (env: Record<string, string>) => run(PUBLISHED, ['replay', RECORDING, '--json'], env);
  const expected = (): Run => run(BIN, ['replay', RECORDING, '--json']);

  it('is written after the first run, private to the user, and used by the next', () => {
    const home = tmp();
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
    const first = replay(env);
    const dir = join(home, 'cache/vpce-doctor/v8');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^replay\\.cjs-[0-9a-f]{16}-${process.version}-${process.arch}\\.bin$`));
    const second = replay(env);
    expect(readdirSync(dir)).toEqual(files);
    const want = expected();
    for (const r of [first, second])
      expect([r.status, r.stdout, r.stderr]).toEqual([want.status, want.stdout, want.stderr]);
  });

  it('a corrupt cache file, a cache folder that cannot be created, one others can write, or the cache turned off: the same report', () => {
    const want = expected();
    const corrupt = tmp();
    replay({ HOME: corrupt, XDG_CACHE_HOME: corrupt });
    const dir = join(corrupt, 'vpce-doctor/v8');
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), Buffer.alloc(4096, 0x5a));
    const shared = tmp();
    mkdirSync(join(shared, 'vpce-doctor/v8'), { recursive: true });
    chmodSync(join(shared, 'vpce-doctor/v8'), 0o777);
    const notAFolder = join(tmp(), 'file');
    writeFileSync(notAFolder, '');
    for (const env of <Record<string, string>[]>[
      { XDG_CACHE_HOME: corrupt },
      { XDG_CACHE_HOME: join(notAFolder, 'cache') },
      { XDG_CACHE_HOME: shared },
      { NODE_DISABLE_COMPILE_CACHE: '1' },
    ]) {
      const r = replay(env);
      expect([r.status, r.stdout, r.stderr], JSON.stringify(env)).toEqual([want.status, want.stdout, want.stderr]);
    }
    // A folder others can write is never read from (what is there could be anyone's code).
    const planted = readdirSync(join(shared, 'vpce-doctor/v8'));
    for (const f of planted) writeFileSync(join(shared, 'vpce-doctor/v8', f), Buffer.alloc(4096, 0x5a));
    const r = replay({ XDG_CACHE_HOME: shared });
    expect([r.status, r.stdout]).toEqual([want.status, want.stdout]);
  });
});
