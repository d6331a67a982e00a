// Everything vpce-doctor writes holds account ids, policies and addresses: sessions (--save
// and the wizard's folder), fix documents and redacted copies are 0600 and the folders it
// creates 0700, even when the user's umask would allow more.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { materializeFixFiles } from '../../src/cli/fix-files.js';
import { SessionSchema } from '../../src/session/schema.js';
import { writeJson } from '../../src/session/files.js';
import { BIN, isolatedEnv, isolatedHome, motoEnv, ROOT } from '../support/cli.js';
import { answersFile, REGION } from '../support/moto-scenarios.js';

const url = inject('motoUrl');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vpce-doctor-modes-'));
const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

/** The built CLI under `umask 000`, the most permissive a user can have. */
function runPermissive(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  const home = isolatedHome();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, BIN, ...args], {
      env: {
        ...isolatedEnv(home),
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('in-process writers under umask 000', () => {
  let previous: number;
  beforeEach(() => {
    previous = process.umask(0o000);
  });
  afterEach(() => {
    process.umask(previous);
  });

  it('a session (the wizard saves through the same writer) is 0600 in new folders made 0700', async () => {
    const root = tmp();
    const path = join(root, 'sessions', 'deep', 'session.json');
    await writeJson(path, { hello: 1 });
    expect(mode(path)).toBe('600');
    expect(mode(join(root, 'sessions'))).toBe('700');
    expect(mode(join(root, 'sessions', 'deep'))).toBe('700');
  });

  it('overwriting a file that was 0644 leaves it 0600', async () => {
    const path = join(tmp(), 'old.json');
    writeFileSync(path, '{}', { mode: 0o644 });
    expect(mode(path)).toBe('644');
    await writeJson(path, { hello: 1 });
    expect(mode(path)).toBe('600');
  });

  it('fix documents written next to a session are 0600', async () => {
    const session = SessionSchema.parse(
      JSON.parse(readFileSync(join(ROOT, 'recordings/policy.endpoint-denies.json'), 'utf8')),
    );
    const report = await materializeFixFiles(session.report, join(tmp(), 'session.json'));
    const written = report.findings.flatMap((f) => f.fix.files ?? []);
    expect(written.length).toBeGreaterThan(0);
    for (const file of written) expect(mode(file.path)).toBe('600');
  });
});

describe('the built CLI under umask 000', () => {
  it('redact --save writes the redacted copy 0600 and its new folder 0700', async () => {
    const dir = join(tmp(), 'shared');
    const target = join(dir, 'redacted.json');
    const r = await runPermissive(['redact', join(ROOT, 'recordings/policy.endpoint-denies.json'), '--save', target]);
    expect(r.code).toBe(0);
    expect(mode(target)).toBe('600');
    expect(mode(dir)).toBe('700');
  });

  it('--answers --save writes the session 0600 and its new folder 0700', async () => {
    const dir = join(tmp(), 'runs');
    const target = join(dir, 'session.json');
    const answers = answersFile({
      region: REGION,
      service: 's3',
      'source.kind': 'instance',
      'source.id': 'i-0123456789abcdef0',
      symptom: 'timeout',
    });
    const r = await runPermissive(['--answers', answers, '--json', '--save', target], motoEnv(url));
    expect(r.stderr).toContain(`Session saved to ${target}`);
    expect(mode(target)).toBe('600');
    expect(mode(dir)).toBe('700');
  });
});
