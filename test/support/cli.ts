// Runs the built binary (dist/cli/main.js) the way a user would, with a clean environment:
// no real AWS config, no CI flag, no colour, and a guard that refuses any connection or DNS
// lookup off the loopback network (loopback-guard.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'dist/cli/main.js');
export const LOOPBACK_GUARD = `--import=${pathToFileURL(join(ROOT, 'test/support/loopback-guard.mjs')).href}`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function isolatedHome(): string {
  return mkdtempSync(join(tmpdir(), 'vpce-doctor-home-'));
}

/** The environment of a user with nothing configured: a fresh home, no AWS config or credentials files, no instance metadata. */
export function isolatedEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    AWS_CONFIG_FILE: join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number; home?: string } = {},
): Promise<CliResult> {
  const home = options.home ?? isolatedHome();
  const env: Record<string, string> = {
    ...isolatedEnv(home),
    NO_COLOR: '1',
    NODE_OPTIONS: LOOPBACK_GUARD,
  };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      cwd: options.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Env for a run against the emulator: dummy credentials, its URL as every service endpoint. */
export function motoEnv(url: string): Record<string, string> {
  return { AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
}

/**
 * Runs the built CLI with an answers file against the emulator and parses its --json report;
 * a non-JSON stdout fails with both streams shown.
 */
export async function runAnswers<R>(
  url: string,
  answers: Record<string, string>,
  options: { flags?: string[]; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number | null; report: R; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-doctor-answers-'));
  const path = join(dir, 'answers.json');
  writeFileSync(path, JSON.stringify({ version: 1, answers }));
  const result = await runCli(['--answers', path, '--json', ...(options.flags ?? [])], {
    env: { ...motoEnv(url), ...options.env },
  });
  try {
    return { code: result.code, report: JSON.parse(result.stdout) as R, stderr: result.stderr };
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}
