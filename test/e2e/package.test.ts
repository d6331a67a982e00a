// The package as a user meets it: `npm pack`, then `npx ./vpce-doctor-*.tgz` from an empty folder
// with an empty npm cache and `--offline` — which only works because the tarball has no
// dependencies to fetch. Runs what `npm run build` left in dist/ (packed without scripts, so a
// test never rebuilds dist/ under the feet of another). npx installs the tarball once into its
// cache; every command after that runs through the same install, each asserted for its exit
// code and a line that shows it did its job.
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

/** One empty folder, one empty npm cache and one home for every run: npx installs once, runs many. */
const folder = mkdtempSync(join(work, 'empty-'));
const cache = `${folder}-cache`;
mkdirSync(cache);
const home = isolatedHome();
const SESSION = join(ROOT, 'recordings/gateway.route-table-not-associated.json');

/** `npx ../vpce-doctor-*.tgz ARGS` in the empty folder beside the tarball, with its own cache, offline. */
function npx(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['--offline', '--yes', `../${tarball}`, ...args], {
    cwd: folder,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      npm_config_cache: cache,
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(home, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
    },
  });
  expect(readdirSync(folder), `npx vpce-doctor ${args.join(' ')} leaves the folder it runs in empty`).toEqual([]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What npx installed: the package alone, no node_modules of its own, in one install. */
function installs(): string[][] {
  const npxDir = join(cache, '_npx');
  return readdirSync(npxDir).map((h) => readdirSync(join(npxDir, h, 'node_modules')).filter((n) => !n.startsWith('.')));
}

describe('npx of the packed tarball, from an empty folder, empty cache, offline', () => {
  it('--version prints the package version: nothing else had to be installed', () => {
    const r = npx(['--version']);
    expect(r.status, r.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(installs()).toEqual([['vpce-doctor']]);
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
    const recorded = JSON.parse(readFileSync(SESSION, 'utf8')) as { report: unknown };
    expect(JSON.parse(one.stdout)).toEqual(recorded.report);
  });

  it('replay of a saved session prints the report and exits 1 (problems found); --output sarif gives SARIF 2.1.0', () => {
    const text = npx(['replay', SESSION]);
    expect(text.status, text.stderr).toBe(1);
    expect(text.stdout).toContain('Problems found on the path.');
    expect(text.stdout).toContain('(gateway.route-table-not-associated)');
    expect(text.stdout).toMatch(
      /^ {5}terraform hint \(if aws_vpc_endpoint_route_table_association is managed as code/m,
    );
    const sarif = npx(['replay', SESSION, '--output', 'sarif']);
    expect(sarif.status, sarif.stderr).toBe(1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toContain('gateway.route-table-not-associated');
  });

  it('explain <id> prints the meaning, the hand check and the fix; a misspelt id exits 2 suggesting the right one', () => {
    const r = npx(['explain', 'gateway.route-table-not-associated']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^gateway\.route-table-not-associated {2}\(error · route\)$/m);
    expect(r.stdout).toContain('$ aws ec2 describe-route-tables');
    const typo = npx(['explain', 'gateway.route-table-not-asociated']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('Did you mean gateway.route-table-not-associated?');
    expect(typo.stderr).not.toMatch(/\n\s+at /); // the tool's message, no stack trace
  });

  it('iam-policy prints the read-only policy it needs', () => {
    const r = npx(['iam-policy']);
    expect(r.status, r.stderr).toBe(0);
    const policy = JSON.parse(r.stdout) as { Version: string; Statement: { Effect: string; Action: string[] }[] };
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement[0]?.Effect).toBe('Allow');
    expect(policy.Statement[0]?.Action).toContain('ec2:DescribeVpcEndpoints');
  });

  it('findings lists the finding ids; findings --checks the check ids', () => {
    const ids = npx(['findings']);
    expect(ids.status, ids.stderr).toBe(0);
    expect(ids.stdout).toMatch(/^ {2}endpoint\.missing +error +No VPC endpoint for the service in this VPC$/m);
    const checks = npx(['findings', '--checks']);
    expect(checks.status, checks.stderr).toBe(0);
    expect(checks.stdout).toMatch(/^ {2}endpoint\.exists +an endpoint for the service serves the path$/m);
  });

  it('schema report prints the JSON schema, with the Terraform hints marked as hints', () => {
    const r = npx(['schema', 'report']);
    expect(r.status, r.stderr).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema: string };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(r.stdout).toContain('"description": "Hints, not fixes:');
  });

  it('tree --mermaid prints the decision tree as a Mermaid flowchart', () => {
    const r = npx(['tree', '--mermaid']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('flowchart TD');
    expect(r.stdout).toContain('q_region[/"? region"/]');
  });

  it('completion bash, zsh and fish print a script for each shell', () => {
    const bash = npx(['completion', 'bash']);
    expect(bash.status, bash.stderr).toBe(0);
    expect(bash.stdout).toMatch(/^complete -o default -F _vpce_doctor vpce-doctor$/m);
    const zsh = npx(['completion', 'zsh']);
    expect(zsh.status, zsh.stderr).toBe(0);
    expect(zsh.stdout.split('\n')[0]).toBe('#compdef vpce-doctor');
    const fish = npx(['completion', 'fish']);
    expect(fish.status, fish.stderr).toBe(0);
    expect(fish.stdout).toContain("complete -c vpce-doctor -n '__fish_use_subcommand' -a explain");
  });

  it('config shows the config file and the sessions folder, under the home it runs in', () => {
    const r = npx(['config']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `Config file:     ${join(home, '.config/vpce-doctor/config.json')} (does not exist yet)`,
    );
    expect(r.stdout).toMatch(/^Sessions folder: .*vpce-doctor\/sessions/m);
  });

  it('whois --help prints its usage', () => {
    const r = npx(['whois', '--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('vpce-doctor whois: what owns a private IP, public IP or network interface');
  });

  it("a usage error exits 2 with the tool's own message and a hint: a misspelt flag, an unknown command", () => {
    const flag = npx(['--jsn']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toBe(
      'vpce-doctor: unknown option --jsn\nDid you mean --json? Run vpce-doctor --help for the commands and options.\n',
    );
    const command = npx(['diagnose']);
    expect(command.status).toBe(2);
    expect(command.stderr).toMatch(/^vpce-doctor: unknown command "diagnose"\nCommands: replay, demo, .*whois/);
  });

  it('every run above went through the one install npx made', () => {
    expect(installs()).toEqual([['vpce-doctor']]);
  });
});
