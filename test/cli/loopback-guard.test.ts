// Tests never leave the machine: every CLI a test spawns loads test/support/loopback-guard.mjs,
// which refuses any connection, DNS lookup or DNS query that is not for loopback — and says so,
// so a test that would reach the real AWS fails loudly instead of leaking traffic.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { answersFile, REGION } from '../support/moto-scenarios.js';
import { LOOPBACK_GUARD, runCli } from '../support/cli.js';

function guarded(script: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LOOPBACK_GUARD, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const answers = () =>
  answersFile({
    region: REGION,
    service: 's3',
    'source.kind': 'instance',
    'source.id': 'i-0123456789abcdef0',
    symptom: 'timeout',
  });

describe('the loopback guard in every spawned CLI', () => {
  it('a run with no AWS_ENDPOINT_URL would call the real AWS: refused before any packet, named on stderr', async () => {
    const r = await runCli(['--answers', answers(), '--json', '--timeout', '10'], {
      env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
    });
    expect(r.stderr).toMatch(/loopback-guard: refused a (connection to|DNS lookup of) [a-z0-9.-]+\.amazonaws\.com/);
    expect(r.code).not.toBe(0);
  });

  it('an endpoint off the machine (192.0.2.1, TEST-NET) is refused, the report says why', async () => {
    const r = await runCli(['--answers', answers(), '--json', '--timeout', '10'], {
      env: { AWS_ENDPOINT_URL: 'http://192.0.2.1:9', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
    });
    expect(r.stderr).toContain('loopback-guard: refused a connection to 192.0.2.1:9');
    expect(r.stdout).toContain('loopback-guard: refused a connection to 192.0.2.1:9');
    expect(r.code).not.toBe(0);
  });

  it('DNS: lookups of public names and queries to public servers fail; loopback still works', () => {
    const r = guarded(`
      import dns from 'node:dns';
      import net from 'node:net';
      const out = [];
      await dns.promises.lookup('example.com').then(() => out.push('lookup ok'), (e) => out.push(e.code));
      await new Promise((done) => dns.lookup('aws.amazon.com', (e) => (out.push(e?.code ?? 'cb ok'), done())));
      const r = new dns.promises.Resolver();
      r.setServers(['8.8.8.8']);
      await r.resolve4('example.com').then(() => out.push('query ok'), (e) => out.push(e.code));
      await dns.promises.lookup('localhost').then(() => out.push('localhost ok'), (e) => out.push(e.code));
      const srv = net.createServer((s) => s.end()).listen(0, '127.0.0.1');
      await new Promise((done) => srv.once('listening', done));
      await new Promise((done) => net.connect(srv.address().port, '127.0.0.1').on('connect', () => (out.push('127.0.0.1 ok'), done())).on('error', (e) => (out.push(e.code), done())));
      srv.close();
      console.log(out.join(','));
    `);
    expect(r.stdout.trim()).toBe('ELOOPBACKGUARD,ELOOPBACKGUARD,ELOOPBACKGUARD,localhost ok,127.0.0.1 ok');
    expect(r.stderr).toContain('loopback-guard: refused a DNS lookup of example.com');
    expect(r.stderr).toContain('loopback-guard: refused a DNS query for example.com to 8.8.8.8');
  });
});
