// The live probes against loopback stand-ins: a dns2 DNS server, TCP listeners and an IMDSv2
// server. Nothing here leaves 127.0.0.0/8.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  detectInstance,
  detectInstanceOrFail,
  ec2HostHint,
  parseDnsServer,
  resolveName,
  tcpConnect,
} from '../../src/probes/live/net-observe.js';
import { imdsTimeoutMs } from '../../src/probes/live/dns.js';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';
import { DEFAULT_INSTANCE, startImdsServer } from '../support/imds-server.js';
import { closedPort, startOpenListener, startStalledListener } from '../support/tcp-listener.js';

describe('parseDnsServer', () => {
  it.each([
    ['10.0.0.2', { host: '10.0.0.2', port: 53 }],
    ['10.0.0.2:53', { host: '10.0.0.2', port: 53 }],
    ['127.0.0.1:5353', { host: '127.0.0.1', port: 5353 }],
    ['[::1]:5353', { host: '::1', port: 5353 }],
    ['[fd00:ec2::253]', { host: 'fd00:ec2::253', port: 53 }],
    ['fd00:ec2::253', { host: 'fd00:ec2::253', port: 53 }],
  ])('%s → %j', (input, expected) => {
    expect(parseDnsServer(input)).toEqual(expected);
  });

  it.each(['', 'dns.example.com', '10.0.0.2:0', '10.0.0.2:70000', '10.0.0.2:abc', '[10.0.0.2]:53', '10.0.0.256'])(
    '%j is rejected with a reason',
    (input) => {
      const result = parseDnsServer(input);
      expect(result).toHaveProperty('error');
    },
  );
});

describe('resolveName against a loopback DNS server', () => {
  let dns: TestDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer();
    dns.set('sqs.us-east-1.amazonaws.com', { kind: 'a', addresses: ['10.0.1.25', '10.0.2.31'] });
    dns.set('sts.us-east-1.amazonaws.com', { kind: 'a', addresses: ['52.94.0.10'] });
    dns.set('s3.us-east-1.amazonaws.com', { kind: 'a', addresses: ['52.216.1.1'], ipv6: ['2600:1fa0::1'] });
    dns.set('ipv6only.example.internal', { kind: 'nodata' });
    dns.set('blackhole.example.internal', { kind: 'silent' });
  });
  afterAll(async () => {
    await dns.close();
  });

  it('endpoint with private DNS → the ENI private addresses', async () => {
    const result = await resolveName('sqs.us-east-1.amazonaws.com', { server: dns.address, timeoutMs: 1000 });
    expect(result).toEqual({
      status: 'answer',
      addresses: ['10.0.1.25', '10.0.2.31'],
      ipv6Addresses: [],
      server: dns.address,
    });
  });

  it('public name → public addresses (A and AAAA reported separately)', async () => {
    const sts = await resolveName('sts.us-east-1.amazonaws.com', { server: dns.address, timeoutMs: 1000 });
    expect(sts).toMatchObject({ status: 'answer', addresses: ['52.94.0.10'] });
    const s3 = await resolveName('s3.us-east-1.amazonaws.com', { server: dns.address, timeoutMs: 1000 });
    expect(s3).toMatchObject({ status: 'answer', addresses: ['52.216.1.1'], ipv6Addresses: ['2600:1fa0::1'] });
  });

  it('NXDOMAIN → nxdomain', async () => {
    const result = await resolveName('nothing-here.us-east-1.amazonaws.com', { server: dns.address, timeoutMs: 1000 });
    expect(result).toEqual({ status: 'nxdomain', server: dns.address });
  });

  it('name without A records → nodata', async () => {
    const result = await resolveName('ipv6only.example.internal', { server: dns.address, timeoutMs: 1000 });
    expect(result.status).toBe('nodata');
  });

  it('server never answers → timeout, within the budget', async () => {
    const started = Date.now();
    const result = await resolveName('blackhole.example.internal', { server: dns.address, timeoutMs: 200 });
    expect(result).toEqual({ status: 'timeout', server: dns.address });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('invalid --dns-server value → error, no query sent', async () => {
    const before = dns.queries.length;
    const result = await resolveName('sqs.us-east-1.amazonaws.com', { server: 'not-an-ip', timeoutMs: 200 });
    expect(result).toMatchObject({ status: 'error', code: 'EBADSERVER' });
    expect(dns.queries.length).toBe(before);
  });
});

describe('tcpConnect on loopback', () => {
  it('listening port → open with a duration', async () => {
    const listener = await startOpenListener();
    try {
      const result = await tcpConnect('127.0.0.1', listener.port, 1000);
      expect(result.status).toBe('open');
      if (result.status === 'open') expect(result.ms).toBeGreaterThanOrEqual(0);
    } finally {
      await listener.close();
    }
  });

  it('nobody listening → refused', async () => {
    const port = await closedPort();
    expect(await tcpConnect('127.0.0.1', port, 1000)).toEqual({ status: 'refused' });
  });

  it('accept queue full, SYN dropped → timeout', async () => {
    const listener = await startStalledListener();
    try {
      const started = Date.now();
      expect(await tcpConnect('127.0.0.1', listener.port, 250)).toEqual({ status: 'timeout' });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await listener.close();
    }
  });
});

describe('detectInstance (IMDSv2) against a loopback server', () => {
  it('on an instance → instance id, AZ and VPC, every GET carrying the token', async () => {
    const imds = await startImdsServer();
    try {
      const result = await detectInstance({ endpoint: imds.endpoint, timeoutMs: 1000, env: {} });
      expect(result).toEqual({
        inside: true,
        instanceId: DEFAULT_INSTANCE.instanceId,
        az: DEFAULT_INSTANCE.az,
        vpcId: DEFAULT_INSTANCE.vpcId,
        endpoint: imds.endpoint,
      });
      expect(imds.requests[0]).toBe('PUT /latest/api/token no-token');
      expect(imds.requests.slice(1).every((line) => line.startsWith('GET ') && line.endsWith(' token'))).toBe(true);
    } finally {
      await imds.close();
    }
  });

  it('endpoint from AWS_EC2_METADATA_SERVICE_ENDPOINT', async () => {
    const imds = await startImdsServer();
    try {
      const result = await detectInstance({
        timeoutMs: 1000,
        env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: `${imds.endpoint}/` },
      });
      expect(result.inside).toBe(true);
    } finally {
      await imds.close();
    }
  });

  it('AWS_EC2_METADATA_DISABLED=true → outside, without a request', async () => {
    const imds = await startImdsServer();
    try {
      const result = await detectInstance({ endpoint: imds.endpoint, env: { AWS_EC2_METADATA_DISABLED: 'true' } });
      expect(result).toEqual({ inside: false, reason: 'disabled', detail: 'AWS_EC2_METADATA_DISABLED=true' });
      expect(imds.requests).toEqual([]);
    } finally {
      await imds.close();
    }
  });

  it('nothing listening → outside (unreachable)', async () => {
    const port = await closedPort();
    const result = await detectInstance({ endpoint: `http://127.0.0.1:${port}`, timeoutMs: 500, env: {} });
    expect(result).toMatchObject({ inside: false, reason: 'unreachable' });
  });

  it('slow metadata service → outside (timeout)', async () => {
    const imds = await startImdsServer({ delayMs: 500 });
    try {
      const result = await detectInstance({ endpoint: imds.endpoint, timeoutMs: 50, env: {} });
      expect(result).toMatchObject({ inside: false, reason: 'timeout' });
    } finally {
      await imds.close();
    }
  });

  it('token refused → outside (token-rejected)', async () => {
    const imds = await startImdsServer({ rejectToken: true });
    try {
      const result = await detectInstance({ endpoint: imds.endpoint, timeoutMs: 1000, env: {} });
      expect(result).toMatchObject({ inside: false, reason: 'token-rejected' });
    } finally {
      await imds.close();
    }
  });
});

/** A fake /sys with the given files (paths relative to /sys). */
async function fakeSys(files: Record<string, string>): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'vpce-sys-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), `${content}\n`);
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

describe('IMDS silent on an EC2 host → "could not tell", never "not on the instance"', () => {
  it('Nitro board asset tag names the instance, IMDS times out (hop limit in a container) → the probe fails naming the instance and the hop-limit fix', async () => {
    const sys = await fakeSys({ 'devices/virtual/dmi/id/board_asset_tag': 'i-0af01c0123456789a' });
    const imds = await startImdsServer({ delayMs: 500 });
    try {
      const attempt = detectInstanceOrFail({ endpoint: imds.endpoint, timeoutMs: 50, env: {}, sysRoot: sys.root });
      await expect(attempt).rejects.toThrow(
        /EC2 instance i-0af01c0123456789a .*did not answer.*--instance-id i-0af01c0123456789a --http-put-response-hop-limit 2/,
      );
    } finally {
      await imds.close();
      await sys.remove();
    }
  });

  it('system UUID starting with EC2, token refused → the probe fails (an EC2 host whose IMDS refused us)', async () => {
    const sys = await fakeSys({ 'devices/virtual/dmi/id/product_uuid': 'EC2E1916-9099-7CAF-FD21-012345ABCDEF' });
    const imds = await startImdsServer({ rejectToken: true });
    try {
      const attempt = detectInstanceOrFail({ endpoint: imds.endpoint, timeoutMs: 1000, env: {}, sysRoot: sys.root });
      await expect(attempt).rejects.toThrow(/this host is an EC2 instance \(the system UUID .* starts with EC2\)/);
    } finally {
      await imds.close();
      await sys.remove();
    }
  });

  it('a laptop (firmware names no EC2) with a silent 169.254.169.254 → outside, as before', async () => {
    const sys = await fakeSys({
      'devices/virtual/dmi/id/board_asset_tag': 'Default string',
      'devices/virtual/dmi/id/product_uuid': '4C4C4544-0042-3510-8057-B4C04F4E3732',
    });
    const imds = await startImdsServer({ delayMs: 500 });
    try {
      const result = await detectInstanceOrFail({ endpoint: imds.endpoint, timeoutMs: 50, env: {}, sysRoot: sys.root });
      expect(result).toMatchObject({ inside: false, reason: 'timeout' });
    } finally {
      await imds.close();
      await sys.remove();
    }
  });

  it('AWS_EC2_METADATA_DISABLED=true on an EC2 host → outside: the user said so, and no request is made', async () => {
    const sys = await fakeSys({ 'devices/virtual/dmi/id/board_asset_tag': 'i-0af01c0123456789a' });
    try {
      const result = await detectInstanceOrFail({ env: { AWS_EC2_METADATA_DISABLED: 'true' }, sysRoot: sys.root });
      expect(result).toMatchObject({ inside: false, reason: 'disabled' });
    } finally {
      await sys.remove();
    }
  });

  it('no /sys at all (macOS, Windows) → no hint', async () => {
    expect(await ec2HostHint(join(tmpdir(), 'vpce-no-such-sys-root'))).toBeUndefined();
  });
});

describe('the IMDS wait', () => {
  it('300 ms by default; AWS_METADATA_SERVICE_TIMEOUT (seconds, as the SDKs read it) when set; nonsense ignored; at most 30 s', () => {
    expect(imdsTimeoutMs({})).toBe(300);
    expect(imdsTimeoutMs({ AWS_METADATA_SERVICE_TIMEOUT: '2' })).toBe(2000);
    expect(imdsTimeoutMs({ AWS_METADATA_SERVICE_TIMEOUT: 'soon' })).toBe(300);
    expect(imdsTimeoutMs({ AWS_METADATA_SERVICE_TIMEOUT: '0' })).toBe(300);
    expect(imdsTimeoutMs({ AWS_METADATA_SERVICE_TIMEOUT: '600' })).toBe(30000);
  });
});
