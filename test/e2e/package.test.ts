// The package as a user meets it: `npm pack`, then `npx ./vpce-doctor-*.tgz` from an empty folder
// with an empty npm cache and `--offline` — which only works because the tarball has no
// dependencies to fetch. Runs what `npm run build` left in dist/ (packed without scripts, so a
// test never rebuilds dist/ under the feet of another).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isolatedHome, ROOT } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'vpce-pack-'));
let tarball = '';

beforeAll(() => {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { filename: string }[];
  tarball = packed[0]?.filename ?? '';
  expect(tarball).toMatch(/^vpce-doctor-.*\.tgz$/);
}, 60_000);

/** `npx ../vpce-doctor-*.tgz ARGS` in a new empty folder beside the tarball, with its own empty cache, offline. */
function npx(args: string[]): { status: number | null; stdout: string; stderr: string; cache: string } {
  const dir = mkdtempSync(join(work, 'empty-'));
  const cache = join(dir, '..', `${dir.split('/').pop() ?? 'x'}-cache`);
  mkdirSync(cache);
  const home = isolatedHome();
  const r = spawnSync('npx', ['--offline', '--yes', `../${tarball}`, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      npm_config_cache: cache,
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  expect(readdirSync(dir), 'npx leaves the folder it runs in empty').toEqual([]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, cache };
}

describe('npx of the packed tarball, from an empty folder, empty cache, offline', () => {
  it('--version prints the package version: nothing else had to be installed', () => {
    const r = npx(['--version']);
    expect(r.status, r.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout).toBe(`${pkg.version}\n`);
    // What npx installed: the package alone, no node_modules of its own.
    const npxDir = join(r.cache, '_npx');
    const installs = readdirSync(npxDir).map((h) => readdirSync(join(npxDir, h, 'node_modules')));
    expect(installs.map((names) => names.filter((n) => !n.startsWith('.')))).toEqual([['vpce-doctor']]);
  });

  it('--help prints the help screen', () => {
    const r = npx(['--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Find out why a workload cannot reach an AWS service through its VPC endpoint');
    expect(r.stdout).toContain('    demo ');
  });

  it('demo lists the recordings shipped in the package, and plays one by name', () => {
    const list = npx(['demo']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      /^ {2}gateway\.route-table-not-associated +The source subnet's route table has no route/m,
    );
    const one = npx(['demo', 'gateway.route-table-not-associated', '--json']);
    expect(one.status, one.stderr).toBe(0);
    const recorded = JSON.parse(
      readFileSync(join(ROOT, 'recordings/gateway.route-table-not-associated.json'), 'utf8'),
    ) as { report: unknown };
    expect(JSON.parse(one.stdout)).toEqual(recorded.report);
  });
});
