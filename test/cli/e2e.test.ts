// The built binary as a user runs it: stdout carries only the report, stderr the messages,
// and the exit code the verdict; user mistakes are one clear line and exit 2, never a
// stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { isolatedHome, motoEnv, ROOT, runCli } from '../support/cli.js';
import { answersFile, basicVpc, ec2, gatewayEndpoint, REGION, routeTableFor } from '../support/moto-scenarios.js';

const url = inject('motoUrl');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vpce-doctor-e2e-'));
const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('vpce-doctor binary: usage', () => {
  it('--help leads with examples and lists the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples');
    expect(r.stdout).toContain('vpce-doctor --answers answers.json --json');
    expect(r.stdout).toContain('3 incomplete');
    expect(r.stdout).toContain('--timeout SECONDS    stop probing after this long (default 90)');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('without a terminal and without --answers it exits 2 naming --answers, before any UI', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--answers');
    expect(r.stdout).toBe('');
  });

  it('with CI set it never starts the wizard: exit 2 naming --answers', async () => {
    const r = await runCli([], { env: { CI: 'true' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CI is set');
    expect(r.stderr).toContain('--answers');
  });

  it('an unknown flag exits 2', async () => {
    const r = await runCli(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/frobnicate/);
  });

  it.each([
    ['a missing file', (d: string) => join(d, 'nope.json'), /does not exist/],
    [
      'invalid JSON',
      (d: string) => (writeFileSync(join(d, 'a.json'), '{"version":1,'), join(d, 'a.json')),
      /not valid JSON/,
    ],
    ['an unknown question id', (d: string) => answersAt(d, { sevrice: 's3' }), /unknown question id "sevrice"/],
    ['a bad source.kind', (d: string) => answersAt(d, { 'source.kind': 'lambda' }), /source\.kind must be one of/],
    [
      'a source.id that does not match its kind',
      (d: string) => answersAt(d, { 'source.kind': 'instance', 'source.id': 'subnet-0123456789abcdef0' }),
      /source\.id must look like i-/,
    ],
    [
      'a wrong version',
      (d: string) => (writeFileSync(join(d, 'a.json'), JSON.stringify({ version: 2, answers: {} })), join(d, 'a.json')),
      /version/,
    ],
  ])('an answers file with %s exits 2 with a clear message and no stack trace', async (_name, make, message) => {
    const r = await runCli(['--answers', make(tmp()), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    noStack(r.stderr);
  });

  it('no Region anywhere exits 2 naming the "region" answer', async () => {
    const r = await runCli(
      [
        '--answers',
        answersFile({
          service: 's3',
          'source.kind': 'instance',
          'source.id': 'i-0abc1234def567890',
          symptom: 'timeout',
        }),
      ],
      {
        env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined },
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"region"');
  });

  it('--json without --answers is refused (the report needs no wizard)', async () => {
    const r = await runCli(['--json']);
    expect(r.code).toBe(2);
  });

  it.each(['session', 'answers', 'report'])('schema %s prints a JSON Schema', async (name) => {
    const r = await runCli(['schema', name]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema?: string; type?: string };
    expect(schema.$schema).toMatch(/json-schema/);
    expect(schema.type).toBe('object');
  });

  it('findings lists every catalogue id; --json is machine-readable', async () => {
    const text = await runCli(['findings']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/gateway\.route-table-not-associated\s+error/);
    const json = await runCli(['findings', '--json']);
    const rows = JSON.parse(json.stdout) as { id: string; severity: string; layer: string }[];
    expect(rows.map((r) => r.id)).toContain('dns.resolver-rule-override');
    expect(rows.every((r) => ['error', 'warning', 'info'].includes(r.severity))).toBe(true);
  });

  it('replay of a file that is not a session exits 2 naming the problem', async () => {
    const d = tmp();
    writeFileSync(join(d, 's.json'), JSON.stringify({ version: 1, answers: {} }));
    const r = await runCli(['replay', join(d, 's.json'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not valid');
    noStack(r.stderr);
  });

  it('replay creates no AWS client: it works with no credentials and an unreachable endpoint', async () => {
    const r = await runCli(['replay', join(ROOT, 'recordings/endpoint.missing.json'), '--json'], {
      env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: undefined },
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'problems' });
  });

  it('replay text output names the finding, its evidence and the fix command', async () => {
    const r = await runCli(['replay', join(ROOT, 'recordings/gateway.route-table-not-associated.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('gateway.route-table-not-associated');
    expect(r.stdout).toContain(
      '$ aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0123456789abcdef0 --add-route-table-ids rtb-0f9e8d7c6b5a49382 --region us-east-1',
    );
  });
});

function answersAt(dir: string, answers: Record<string, string>): string {
  const p = join(dir, 'answers.json');
  writeFileSync(p, JSON.stringify({ version: 1, answers: { region: 'us-east-1', ...answers } }));
  return p;
}

describe.skipIf(!url)('vpce-doctor binary: --answers against the emulator', () => {
  let instanceId = '';
  let vpce = '';
  let mainRtb = '';
  beforeAll(async () => {
    const client = ec2(url);
    const v = await basicVpc(client);
    await routeTableFor(client, v.vpcId, v.otherSubnetId);
    vpce = await gatewayEndpoint(client, v.vpcId, []);
    instanceId = v.instanceId;
    mainRtb = v.mainRouteTableId;
  });
  const answers = (): string =>
    answersFile({
      region: REGION,
      service: 's3',
      'source.kind': 'instance',
      'source.id': instanceId,
      symptom: 'timeout',
    });

  it('--json: stdout is exactly the report JSON, stderr is empty, exit 1 for problems', async () => {
    const r = await runCli(['--answers', answers(), '--json'], { env: motoEnv(url) });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['checks', 'findings', 'verdict', 'version']);
    expect(report.verdict).toBe('problems');
    expect(r.code).toBe(1);
  });

  it('--output markdown prints a Markdown report with the fix in a sh block', async () => {
    const r = await runCli(['--answers', answers(), '--output', 'markdown'], { env: motoEnv(url) });
    expect(r.stdout).toMatch(/^## ✗ vpce-doctor: problems found on the path — 1 error/);
    expect(r.stdout).toContain('```sh');
    expect(r.stdout).toContain(`--add-route-table-ids ${mainRtb}`);
  });

  it('--profile takes credentials and Region from the shared config files, as the AWS CLI does', async () => {
    const home = isolatedHome();
    writeFileSync(
      join(home, 'aws-credentials'),
      '[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
    );
    writeFileSync(join(home, 'aws-config'), `[profile audit]\nregion = ${REGION}\n`);
    const noRegion = answersFile({
      service: 's3',
      'source.kind': 'instance',
      'source.id': instanceId,
      symptom: 'timeout',
    });
    const r = await runCli(['--answers', noRegion, '--json', '--profile', 'audit'], {
      home,
      env: {
        AWS_ENDPOINT_URL: url,
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_REGION: undefined,
      },
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'problems' });
    const without = await runCli(['--answers', noRegion, '--json'], {
      home,
      env: { AWS_ENDPOINT_URL: url, AWS_REGION: undefined },
    });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('"region"');
  });

  it('--save to a place that cannot be written still prints the report, then exits 2 saying why', async () => {
    const notADir = join(tmp(), 'file');
    writeFileSync(notADir, 'x');
    const target = join(notADir, 'session.json');
    const r = await runCli(['--answers', answers(), '--json', '--save', target], { env: motoEnv(url) });
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'problems' });
    expect(r.stderr).toContain(`could not save the session to ${target}`);
    expect(r.code).toBe(2);
    noStack(r.stderr);
  });

  it('--save writes a session that replays to the same report, without AWS', async () => {
    const path = join(tmp(), 'session.json');
    const live = await runCli(['--answers', answers(), '--json', '--save', path], { env: motoEnv(url) });
    expect(live.stderr).toContain(`Session saved to ${path}`);
    const session = JSON.parse(readFileSync(path, 'utf8')) as {
      probes: unknown[];
      answers: Record<string, string>;
      identity: unknown;
    };
    expect(session.answers['source.id']).toBe(instanceId);
    expect(JSON.stringify(session)).not.toMatch(/testing|SecretAccessKey|AccessKeyId/);
    const replayed = await runCli(['replay', path, '--json']);
    expect(JSON.parse(replayed.stdout)).toEqual(JSON.parse(live.stdout));
    expect(replayed.code).toBe(live.code);
    expect(vpce).toMatch(/^vpce-/);
  });
});
