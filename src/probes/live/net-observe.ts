// What a client actually sees from where vpce-doctor runs: a DNS answer, a TCP handshake, and
// whether this host is an EC2 instance (IMDSv2). The only I/O of the DNS layer; everything
// else reasons over these results in src/analysis/dns/.
import { readFile } from 'node:fs/promises';
import { Resolver } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { InstanceDetection, ResolveNameResult, TcpConnectResult } from '../specs/dns.js';

export type { InstanceDetection, ResolveNameResult, TcpConnectResult };

// ---------------------------------------------------------------------------------------------
// --dns-server

export interface DnsServer {
  host: string;
  port: number;
}

/** Parses a `--dns-server` value: `10.0.0.2`, `10.0.0.2:53`, `[::1]:5353` or a bare IPv6 address. */
export function parseDnsServer(value: string): DnsServer | { error: string } {
  const text = value.trim();
  if (text === '') return { error: 'empty DNS server' };
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
    if (isIP(host) !== 6) return { error: `"${value}": only IPv6 addresses go in brackets` };
  } else if (isIP(text) === 6) {
    host = text; // bare IPv6: its colons are not a port separator
  } else {
    const parts = text.split(':');
    if (parts.length > 2) return { error: `"${value}": put an IPv6 address in brackets, e.g. [fd00::2]:53` };
    host = parts[0] ?? '';
    portText = parts[1];
    if (isIP(host) !== 4) return { error: `"${value}" is not an IP address (a DNS server must be given by address)` };
  }
  let port = 53;
  if (portText !== undefined) {
    if (!/^\d+$/.test(portText)) return { error: `"${value}": port must be a number` };
    port = Number(portText);
    if (port < 1 || port > 65535) return { error: `"${value}": port must be 1-65535` };
  }
  return { host, port };
}

/** The form `Resolver.setServers` takes. */
export function formatDnsServer(server: DnsServer): string {
  return isIP(server.host) === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

// ---------------------------------------------------------------------------------------------
// DNS

export interface ResolveNameOptions {
  /** `IP[:PORT]`, `[IPv6]:PORT`; default: the system resolver configuration. */
  server?: string;
  timeoutMs: number;
  /** Attempts per query (c-ares `tries`); default 1 so a dead server costs one timeout. */
  tries?: number;
}

type LookupOutcome =
  | { kind: 'ok'; addresses: string[] }
  | { kind: 'nxdomain' }
  | { kind: 'nodata' }
  | { kind: 'timeout' }
  | { kind: 'error'; code: string; message: string };

function classifyDnsError(error: unknown): LookupOutcome {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOTFOUND': // c-ares maps rcode NXDOMAIN to ENOTFOUND
      return { kind: 'nxdomain' };
    case 'ENODATA':
      return { kind: 'nodata' };
    case 'ETIMEOUT':
    case 'ECANCELLED': // our own watchdog cancelled the query
      return { kind: 'timeout' };
    default:
      return { kind: 'error', code, message };
  }
}

async function lookup(run: () => Promise<string[]>): Promise<LookupOutcome> {
  try {
    return { kind: 'ok', addresses: await run() };
  } catch (error) {
    return classifyDnsError(error);
  }
}

/** Resolves A (and AAAA) records for `hostname`, through `server` when given. */
export async function resolveName(hostname: string, options: ResolveNameOptions): Promise<ResolveNameResult> {
  const tries = options.tries ?? 1;
  const resolver = new Resolver({ timeout: options.timeoutMs, tries });
  let serverLabel = 'system';
  if (options.server !== undefined) {
    const parsed = parseDnsServer(options.server);
    if ('error' in parsed)
      return { status: 'error', code: 'EBADSERVER', message: parsed.error, server: options.server };
    serverLabel = formatDnsServer(parsed);
    try {
      resolver.setServers([serverLabel]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'error', code: 'EBADSERVER', message, server: serverLabel };
    }
  }
  // c-ares backs off between tries; a watchdog keeps the total bounded whatever it does.
  const watchdog = setTimeout(() => resolver.cancel(), options.timeoutMs * tries + 250);
  try {
    const [a, aaaa] = await Promise.all([
      lookup(() => resolver.resolve4(hostname)),
      lookup(() => resolver.resolve6(hostname)),
    ]);
    if (a.kind === 'ok') {
      return {
        status: 'answer',
        addresses: a.addresses,
        ipv6Addresses: aaaa.kind === 'ok' ? aaaa.addresses : [],
        server: serverLabel,
      };
    }
    if (a.kind === 'nodata' && aaaa.kind === 'ok') {
      return { status: 'answer', addresses: [], ipv6Addresses: aaaa.addresses, server: serverLabel };
    }
    switch (a.kind) {
      case 'nxdomain':
        return { status: 'nxdomain', server: serverLabel };
      case 'nodata':
        return { status: 'nodata', server: serverLabel };
      case 'timeout':
        return { status: 'timeout', server: serverLabel };
      case 'error':
        return { status: 'error', code: a.code, message: a.message, server: serverLabel };
      default: {
        const unreachable: never = a;
        return unreachable;
      }
    }
  } finally {
    clearTimeout(watchdog);
  }
}

// ---------------------------------------------------------------------------------------------
// TCP

/** One TCP handshake to `ip:port`; the socket is closed as soon as it opens. */
export function tcpConnect(ip: string, port: number, timeoutMs: number): Promise<TcpConnectResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const started = performance.now();
    let settled = false;
    const finish = (result: TcpConnectResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ status: 'timeout' }), timeoutMs);
    socket.once('connect', () => finish({ status: 'open', ms: Math.round((performance.now() - started) * 10) / 10 }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'UNKNOWN';
      if (code === 'ECONNREFUSED') finish({ status: 'refused' });
      else if (code === 'ETIMEDOUT') finish({ status: 'timeout' });
      else finish({ status: 'error', code });
    });
    socket.connect({ host: ip, port });
  });
}

// ---------------------------------------------------------------------------------------------
// IMDSv2

export interface DetectInstanceOptions {
  /** IMDS base URL; default `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else http://169.254.169.254. */
  endpoint?: string;
  /** Per request; default 300 ms (IMDS answers in single-digit ms on an instance). */
  timeoutMs?: number;
  /** The environment to read SDK settings from; default process.env. */
  env?: Record<string, string | undefined>;
}

const DEFAULT_IMDS_ENDPOINT = 'http://169.254.169.254';
const TOKEN_TTL_SECONDS = '60';

class ImdsFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'unreachable' | 'token-rejected' | 'metadata-error',
    message: string,
  ) {
    super(message);
  }
}

async function imdsRequest(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new ImdsFailure('timeout', `${url}: no answer within ${timeoutMs} ms`);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new ImdsFailure('unreachable', `${url}: ${cause}`);
  }
}

/**
 * IMDSv2: is this process on an EC2 instance, and which instance, AZ and VPC?
 * Honours the SDK settings AWS_EC2_METADATA_DISABLED and AWS_EC2_METADATA_SERVICE_ENDPOINT.
 */
export async function detectInstance(options: DetectInstanceOptions = {}): Promise<InstanceDetection> {
  const env = options.env ?? process.env;
  if ((env['AWS_EC2_METADATA_DISABLED'] ?? '').toLowerCase() === 'true') {
    return { inside: false, reason: 'disabled', detail: 'AWS_EC2_METADATA_DISABLED=true' };
  }
  const base = (options.endpoint ?? env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] ?? DEFAULT_IMDS_ENDPOINT).replace(
    /\/+$/,
    '',
  );
  const timeoutMs = options.timeoutMs ?? 300;
  try {
    const tokenResponse = await imdsRequest(
      `${base}/latest/api/token`,
      { method: 'PUT', headers: { 'X-aws-ec2-metadata-token-ttl-seconds': TOKEN_TTL_SECONDS } },
      timeoutMs,
    );
    if (!tokenResponse.ok) {
      await tokenResponse.body?.cancel();
      throw new ImdsFailure('token-rejected', `PUT /latest/api/token answered HTTP ${tokenResponse.status}`);
    }
    const token = (await tokenResponse.text()).trim();
    const get = async (path: string): Promise<string> => {
      const response = await imdsRequest(
        `${base}${path}`,
        { headers: { 'X-aws-ec2-metadata-token': token } },
        timeoutMs,
      );
      const body = (await response.text()).trim();
      if (!response.ok) throw new ImdsFailure('metadata-error', `GET ${path} answered HTTP ${response.status}`);
      return body;
    };
    const [instanceId, az, mac] = await Promise.all([
      get('/latest/meta-data/instance-id'),
      get('/latest/meta-data/placement/availability-zone'),
      get('/latest/meta-data/mac'),
    ]);
    const vpcId = await get(`/latest/meta-data/network/interfaces/macs/${encodeURIComponent(mac)}/vpc-id`);
    return { inside: true, instanceId, az, vpcId, endpoint: base };
  } catch (error) {
    if (error instanceof ImdsFailure) return { inside: false, reason: error.reason, detail: error.message };
    return { inside: false, reason: 'metadata-error', detail: error instanceof Error ? error.message : String(error) };
  }
}

// ---------------------------------------------------------------------------------------------
// Is this host an EC2 instance, when IMDS does not say?

/** What the firmware says about this host (Linux DMI), read without IMDS. */
export interface Ec2HostHint {
  /** The instance id, when the Nitro board asset tag carries it. */
  readonly instanceId?: string;
  /** Which file said so. */
  readonly evidence: string;
}

/**
 * Linux only: the firmware of an EC2 instance names it. On Nitro the DMI board asset tag is the
 * instance id; on Xen and Nitro the system UUID starts with "ec2" (big-endian SMBIOS). Both are
 * documented in "Detect whether a host is an EC2 instance":
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/identify_ec2_instances.html
 * The UUID test can be fooled (AWS says so), which is why it only ever makes vpce-doctor less
 * sure, never more. `sysRoot` is for tests (default `/sys`). Unreadable files mean "no hint".
 */
export async function ec2HostHint(sysRoot = '/sys'): Promise<Ec2HostHint | undefined> {
  const read = async (path: string): Promise<string> => {
    try {
      return (await readFile(`${sysRoot}${path}`, 'utf8')).trim();
    } catch {
      return '';
    }
  };
  const assetTag = await read('/devices/virtual/dmi/id/board_asset_tag');
  if (/^i-[0-9a-f]{8,17}$/.test(assetTag))
    return { instanceId: assetTag, evidence: `the DMI board asset tag is ${assetTag}` };
  for (const path of ['/devices/virtual/dmi/id/product_uuid', '/hypervisor/uuid']) {
    const uuid = await read(path);
    if (/^ec2/i.test(uuid)) return { evidence: `the system UUID (${sysRoot}${path}) starts with EC2` };
  }
  return undefined;
}

/**
 * IMDS did not say where vpce-doctor runs. Off EC2 that is the expected answer (nothing answers
 * 169.254.169.254). On an EC2 host it is not: a container behind a hop limit of 1, IMDS turned
 * off, or a stalled service. Then "not on the source instance" would be a guess, so the probe
 * fails and what depends on it is "could not check". An explicit AWS_EC2_METADATA_DISABLED=true
 * is the user's statement and stays "outside".
 */
export async function detectInstanceOrFail(
  options: DetectInstanceOptions & { sysRoot?: string } = {},
): Promise<InstanceDetection> {
  const detection = await detectInstance(options);
  if (detection.inside || detection.reason === 'disabled') return detection;
  const hint = await ec2HostHint(options.sysRoot);
  if (hint === undefined) return detection;
  const which = hint.instanceId !== undefined ? `EC2 instance ${hint.instanceId}` : 'an EC2 instance';
  // The hop limit: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html
  const hopLimit =
    hint.instanceId !== undefined
      ? `aws ec2 modify-instance-metadata-options --instance-id ${hint.instanceId} --http-put-response-hop-limit 2`
      : "the instance's metadata options (modify-instance-metadata-options --http-put-response-hop-limit 2)";
  throw new Error(
    `this host is ${which} (${hint.evidence}) but the instance metadata service did not answer (${detection.detail}), ` +
      'so which instance and VPC vpce-doctor runs in is unknown. In a container, raise the IMDSv2 hop limit to 2 ' +
      `(${hopLimit}) or run vpce-doctor on the host`,
  );
}
