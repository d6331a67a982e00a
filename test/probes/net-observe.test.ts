// The live probes against loopback stand-ins: a dns2 DNS server, TCP listeners and an IMDSv2
// server. Nothing here leaves 127.0.0.0/8.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectInstance, parseDnsServer, resolveName, tcpConnect } from '../../src/probes/live/net-observe.js';
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
