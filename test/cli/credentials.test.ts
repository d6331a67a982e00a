// Credentials and Region problems are the user's to fix: each is one message on stderr naming
// the fix, exit 2, before any probe — never an "incomplete" report with the cause buried in a
// check. Each case runs the built CLI with its own shared config files in an isolated HOME.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { isolatedHome, motoEnv, runCli, type CliResult } from '../support/cli.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { answersFile, REGION } from '../support/moto-scenarios.js';

const url = inject('motoUrl');

const answers = (extra: Record<string, string> = { region: REGION }) =>
  answersFile({
    service: 's3',
    'source.kind': 'instance',
    'source.id': 'i-0123456789abcdef0',
    symptom: 'timeout',
    ...extra,
  });

/** Exit 2, one line on stderr matching `message`, nothing on stdout, no stack trace. */
function expectOneMessage(r: CliResult, message: RegExp | string): void {
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  if (typeof message === 'string') expect(lines[0]).toContain(message);
  else expect(lines[0]).toMatch(message);
  expect(r.code).toBe(2);
}

const noKeys = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };

/** A HOME with an SSO profile "dev" and a cached token expiring at `expiresAt`. */
function ssoHome(expiresAt: string): string {
  const home = isolatedHome();
  writeFileSync(
    join(home, 'aws-config'),
    [
      '[profile dev]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = ReadOnly',
      'region = us-east-1',
      '[sso-session corp]',
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({
      startUrl: 'https://example.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'cached-token',
      expiresAt,
    }),
  );
  return home;
}

let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

describe.skipIf(!url)('credentials and Region, checked before any probe', () => {
  it('no credentials anywhere → "no AWS credentials found", naming aws configure / aws sso login', async () => {
    const r = await runCli(['--answers', answers(), '--json'], { env: { ...motoEnv(url), ...noKeys } });
    expectOneMessage(r, /no AWS credentials found: run "aws configure" or "aws sso login --profile NAME"/);
  });

  it('a profile that is in neither shared file → names the file and the profiles that are there', async () => {
    const home = isolatedHome();
    writeFileSync(join(home, 'aws-config'), '[default]\nregion = us-east-1\n[profile audit]\nregion = us-east-1\n');
    writeFileSync(
      join(home, 'aws-credentials'),
      '[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
    );
    const r = await runCli(['--answers', answers(), '--json', '--profile', 'nope'], {
      home,
      env: { ...motoEnv(url), ...noKeys },
    });
    expectOneMessage(r, 'profile nope is not in ~/aws-config or ~/aws-credentials (profiles there: audit, default)');
  });

  it('AWS_PROFILE naming a missing profile is refused the same way', async () => {
    const home = isolatedHome();
    writeFileSync(join(home, 'aws-config'), '[profile audit]\nregion = us-east-1\n');
    const r = await runCli(['--answers', answers(), '--json'], { home, env: { ...motoEnv(url), AWS_PROFILE: 'prod' } });
    expectOneMessage(r, 'profile prod is not in ~/aws-config (profiles there: audit)');
  });

  it('an SSO profile whose cached token has expired → "run aws sso login --profile dev"', async () => {
    const home = ssoHome('2020-01-01T00:00:00Z');
    const r = await runCli(['--answers', answers(), '--json', '--profile', 'dev'], {
      home,
      env: { ...motoEnv(url), ...noKeys },
    });
    expectOneMessage(
      r,
      /SSO session of profile dev has expired or was never started: run aws sso login --profile dev$/,
    );
  });

  it('the SSO portal never answers while credentials are resolved → the time limit still ends the run (exit 3), never a hang', async () => {
    const home = ssoHome(new Date(Date.now() + 3600_000).toISOString());
    proxy = await startFaultProxy(url, [{ action: /federation\/credentials/, fault: 'stall' }]);
    const started = Date.now();
    const r = await runCli(['--answers', answers(), '--json', '--profile', 'dev', '--timeout', '4'], {
      home,
      env: { ...motoEnv(proxy.url), ...noKeys },
    });
    expect(proxy.log.map((l) => l.action)).toContainEqual(expect.stringMatching(/^GET \/federation\/credentials/));
    expect(Date.now() - started).toBeLessThan(4_000 + 3_000);
    expect(r.stdout).toContain('4 s time limit (--timeout)');
    expect(r.code).toBe(3);
  });

  it('a credential_process that fails → names the profile and the command to run by hand', async () => {
    const home = isolatedHome();
    writeFileSync(
      join(home, 'aws-config'),
      '[profile tool]\nregion = us-east-1\ncredential_process = sh -c "echo vault is sealed >&2; exit 1"\n',
    );
    const r = await runCli(['--answers', answers(), '--json', '--profile', 'tool'], {
      home,
      env: { ...motoEnv(url), ...noKeys },
    });
    expectOneMessage(
      r,
      /^vpce-doctor: the credential_process of profile tool failed \(.*\): run "sh -c "echo vault is sealed/,
    );
  });

  it('a key AWS rejects (InvalidClientTokenId on the first call) → "AWS rejected the access key", naming the fix', async () => {
    proxy = await startFaultProxy(url, [{ action: 'GetCallerIdentity', fault: 'bad-key' }]);
    const r = await runCli(['--answers', answers(), '--json'], { env: motoEnv(proxy.url) });
    expectOneMessage(
      r,
      /AWS rejected the access key \(InvalidClientTokenId: The security token included in the request is invalid\.\): check AWS_ACCESS_KEY_ID/,
    );
    // The check goes out in the first round, beside the source lookup and the S3 prefix list
    // (src/engine/planner.ts), and nothing after it.
    expect(proxy.log.map((l) => l.action).sort()).toEqual([
      'DescribeInstances',
      'DescribePrefixLists',
      'GetCallerIdentity',
    ]);
  });

  it('Region us-east-9 in the answers → "Region us-east-9 does not exist (did you mean us-east-1?)", no AWS call', async () => {
    proxy = await startFaultProxy(url);
    const r = await runCli(['--answers', answers({ region: 'us-east-9' }), '--json'], { env: motoEnv(proxy.url) });
    expectOneMessage(r, 'Region us-east-9 does not exist (did you mean us-east-1?)');
    expect(proxy.log).toEqual([]);
  });

  it('Region us-east-9 from AWS_REGION → the same message, saying where it came from', async () => {
    const r = await runCli(['--answers', answers({}), '--json'], { env: { ...motoEnv(url), AWS_REGION: 'us-east-9' } });
    expectOneMessage(r, /Region us-east-9 does not exist \(did you mean us-east-1\?\); it came from AWS_REGION/);
  });
});
