// Starts the AWS API emulator (moto server) once for the whole suite on a free loopback port
// and builds the CLI under test is the one in dist/ (npm test builds first). If moto is
// missing the suite says so loudly; under CI=true that is a failure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    motoUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto server did not answer on ${url} within ${timeoutMs} ms`);
}

let child: ChildProcess | undefined;

export async function setup(project: TestProject): Promise<void> {
  const probe = spawnSync('python3', ['-c', 'import moto, moto.server'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const message =
      '\n!!! moto (python3 -m moto.server) is not available: the AWS emulator integration tests are SKIPPED.\n!!! Install it with: pip install "moto[server]"\n';
    if (process.env.CI === 'true') throw new Error(message);
    process.stderr.write(message);
    project.provide('motoUrl', '');
    return;
  }
  const port = await freePort();
  child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, 20_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`, { cause: err });
  }
  project.provide('motoUrl', url);
}

export async function teardown(): Promise<void> {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
