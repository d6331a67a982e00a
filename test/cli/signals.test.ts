// SIGINT, SIGTERM and SIGHUP in the middle of a run against an AWS endpoint that has stopped
// answering: the CLI saves the partial session (answers and the probe results that finished),
// says where on stderr and exits 130 / 143 / 129; the saved file is a session replay loads.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSession } from '../../src/session/files.js';
import { BIN, isolatedEnv, isolatedHome, runCli } from '../support/cli.js';

const STS_REPLY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ops</Arn><UserId>AIDAEXAMPLEEXAMPLE1</UserId><Account>123456789012</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>0</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

/** Answers who the caller is, then accepts every other call and never answers it. */
let server: Server;
let url: string;
const stalled: Socket[] = [];
let waiting = 0;
let stsAnswered = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (body.includes('Action=GetCallerIdentity')) {
        res.writeHead(200, { 'content-type': 'text/xml' }).end(STS_REPLY);
        stsAnswered++;
        return;
      }
      waiting++;
      stalled.push(req.socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of stalled) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const ANSWERS = {
  region: 'us-east-1',
  service: 's3',
  'source.kind': 'instance',
  'source.id': 'i-0123456789abcdef0',
  symptom: 'timeout',
};

async function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; saved: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-doctor-signal-'));
  const answers = join(dir, 'answers.json');
  const saved = join(dir, 'partial.json');
  writeFileSync(answers, JSON.stringify({ version: 1, answers: ANSWERS }));
  const home = isolatedHome();
  const before = waiting;
  const child = spawn(process.execPath, [BIN, '--answers', answers, '--json', '--save', saved], {
    env: {
      ...isolatedEnv(home),
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // The run is waiting once a call it made hangs on the endpoint and STS has answered (STS goes
  // out beside the first probes with --answers, so it can still be in flight when a call hangs);
  // a moment more lets the client take in STS's reply before the signal.
  const stsBefore = stsAnswered;
  const deadline = Date.now() + 15_000;
  while ((waiting === before || stsAnswered === stsBefore) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25));
  expect(waiting).toBeGreaterThan(before);
  expect(stsAnswered).toBeGreaterThan(stsBefore);
  await new Promise((r) => setTimeout(r, 300));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, stderr, saved };
}

describe('a signal while an AWS call hangs', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s → partial session saved and named on stderr, exit %d, and replay loads the file',
    async (signal, exit) => {
      const r = await interrupt(signal);
      expect(r.code).toBe(exit);
      expect(r.stderr).toContain(`vpce-doctor: interrupted (${signal}); the partial session (answers and`);
      expect(r.stderr).toContain(`is saved to ${r.saved}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(r.saved)).toBe(true);
      const session = await loadSession(r.saved);
      expect(session.answers).toMatchObject(ANSWERS);
      expect(session.report.verdict).toBe('incomplete');
      expect(session.report.checks[0]?.detail).toContain(`interrupted by ${signal}`);
      expect(session.probes.find((p) => p.key === 'sts.caller-identity')?.outcome.status).toBe('ok');
      const replayed = await runCli(['replay', r.saved, '--json']);
      expect(replayed.code).toBe(2);
      expect(replayed.stderr).toMatch(/does not hold every probe result .*first missing: \S+/);
    },
  );
});

/** The wizard needs a terminal: script(1) gives it a pseudo-terminal; its pid is written to a file. */
async function interruptWizard(
  how: 'SIGTERM' | 'SIGHUP' | 'ctrl-c',
): Promise<{ code: number | null; screen: string; home: string }> {
  const home = isolatedHome();
  const pidFile = join(home, 'pid');
  const child = spawn(
    'script',
    ['-qfec', `sh -c 'echo $$ > ${pidFile}; exec "${process.execPath}" "${BIN}"'`, '/dev/null'],
    {
      env: {
        ...isolatedEnv(home),
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: url,
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'x',
        TERM: 'xterm',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Waiting: the first question is on screen, its key hints ending in '? why · q quit' (a list)
  // or '? why · ctrl+c quit' (typing). Before, only the second was awaited while the first
  // question is a list: every run waited out the whole deadline (15 s) before the signal.
  const deadline = Date.now() + 15_000;
  const plain = (): string => screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\s/g, '');
  const asking = (): boolean => /\?why·(q|ctrl\+c)quit/.test(plain());
  while (!(existsSync(pidFile) && asking()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(asking(), `the first question never showed:\n${plain().slice(-400)}`).toBe(true);
  await new Promise((r) => setTimeout(r, 300));
  if (how === 'ctrl-c') child.stdin.write('\u0003');
  else process.kill(Number(readFileSync(pidFile, 'utf8')), how);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, screen, home };
}

describe.runIf(existsSync('/usr/bin/script'))('a signal while the wizard waits', () => {
  it.each([
    ['SIGTERM', 'SIGTERM', 143],
    ['SIGHUP', 'SIGHUP', 129],
    ['ctrl-c', 'SIGINT', 130],
  ] as const)(
    '%s (%s) → partial session saved beside the sessions, named on the screen, exit %d',
    async (how, signal, exit) => {
      const r = await interruptWizard(how);
      expect(r.code).toBe(exit);
      const dir = join(r.home, '.config', 'vpce-doctor', 'sessions');
      const files = existsSync(dir) ? readdirSync(dir) : [];
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.interrupted\.json$/);
      const path = join(dir, files[0] as string);
      expect(r.screen.replace(/\r/g, '')).toContain(`vpce-doctor: interrupted (${signal}); the partial session`);
      expect(r.screen.replace(/\r?\n/g, '')).toContain(path);
      const session = await loadSession(path);
      expect(session.answers.region).toBe('us-east-1');
      expect(session.report.checks[0]?.detail).toContain(`interrupted by ${signal}`);
      // While STS answered, one status line stood first on the terminal, then was erased for the wizard.
      const first = r.screen.indexOf('vpce-doctor · signing in…');
      expect(first).toBeGreaterThanOrEqual(0);
      expect(r.screen.indexOf('\r\u001b[2K', first)).toBeGreaterThan(first);
    },
  );
});
