// A loopback proxy in front of the emulator that counts AWS calls and measures how many of them
// had to wait for another: it holds every request `delayMs` before forwarding it (a fixed
// per-call latency, as a far Region adds), logs when each call started and ended, and from those
// times computes the critical path: the longest chain of calls each of which started only after
// the one before it had answered. Used by the round-trip tests and by `npm run bench`.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { awsRequestInfo } from './fault-proxy.js';

export interface CallRecord {
  /** "DescribeVpcs", "ListResolverRules", or for REST services "GET /bucket?policy". */
  action: string;
  /** The request as sent, minus signature headers: equal keys are the same call made twice. */
  key: string;
  /** ms since the proxy started: when the request reached the proxy, and when its answer left. */
  start: number;
  end: number;
}

export interface CallStats {
  calls: number;
  /** The longest chain of calls in which each started after the previous one answered. */
  roundTrips: number;
  /** Actions of calls made more than once with the same request. */
  duplicates: string[];
  /** Actions of calls that name no id, filter, VPC or bucket: their answer grows with the account. */
  unscoped: string[];
  /** Every call, in the order it started: action names only. */
  actions: string[];
  /** The calls of each round trip on the critical path's scale: rounds[0] went out first. */
  rounds: string[][];
}

export interface CountingProxy {
  url: string;
  readonly calls: readonly CallRecord[];
  /** Forget the calls so far (between runs). */
  reset(): void;
  stats(): CallStats;
  close(): Promise<void>;
}

/**
 * Depth of the dependency chain: a call's depth is one more than the deepest call that had
 * answered before it started. Calls that overlap in time were sent together and count once.
 */
/**
 * The depth of each call in the dependency chain: one more than the deepest call that had
 * answered before it started. Calls that overlap in time were sent together and share a depth.
 */
export function depths(calls: readonly Pick<CallRecord, 'start' | 'end'>[]): number[] {
  const order = calls.map((_, i) => i).sort((a, b) => calls[a]!.start - calls[b]!.start);
  const depth = new Array<number>(calls.length).fill(0);
  for (const [n, i] of order.entries()) {
    let before = 0;
    for (const j of order.slice(0, n)) if (calls[j]!.end <= calls[i]!.start) before = Math.max(before, depth[j]!);
    depth[i] = before + 1;
  }
  return depth;
}

/** The longest chain of calls each of which started after the one before it had answered. */
export function criticalPath(calls: readonly Pick<CallRecord, 'start' | 'end'>[]): number {
  return Math.max(0, ...depths(calls));
}

/** Calls that need no scope: who the caller is. */
const UNSCOPED_BY_NATURE = new Set(['GetCallerIdentity']);

/**
 * Does the request narrow its answer server-side: an id (`InstanceId.1=`, `"ResolverRuleId":`),
 * a filter (`Filter.1.Name=`, `"Filters":`), a service name, a VPC (`vpcid=`) or, for S3, a bucket
 * in the path?
 */
export function isScoped(call: Pick<CallRecord, 'action' | 'key'>): boolean {
  if (UNSCOPED_BY_NATURE.has(call.action)) return true;
  return /Filter\.\d+\.Name=|"Filters":\[\{|[A-Za-z]Id(\.\d+)?=|"[A-Za-z]*Id":"|ServiceName\.\d+=|[?&]vpcid=|^(GET|HEAD) \/[^/?\s]+[/?]/.test(
    call.key,
  );
}

export function callStats(calls: readonly CallRecord[]): CallStats {
  const seen = new Map<string, number>();
  for (const c of calls) seen.set(c.key, (seen.get(c.key) ?? 0) + 1);
  const duplicates = calls.filter(
    (c, i) => (seen.get(c.key) ?? 0) > 1 && calls.findIndex((d) => d.key === c.key) === i,
  );
  return {
    calls: calls.length,
    roundTrips: criticalPath(calls),
    duplicates: duplicates.map((c) => c.action),
    unscoped: calls.filter((c) => !isScoped(c)).map((c) => c.action),
    actions: [...calls].sort((a, b) => a.start - b.start).map((c) => c.action),
    rounds: depths(calls).reduce<string[][]>((rounds, d, i) => {
      while (rounds.length < d) rounds.push([]);
      rounds[d - 1]!.push(calls[i]!.action);
      return rounds;
    }, []),
  };
}

/** The parts of a request that say what it asks: method, path and query, body, JSON target. */
function requestKey(req: IncomingMessage, body: Buffer): string {
  const target = req.headers['x-amz-target'];
  return `${req.method ?? 'GET'} ${req.url ?? '/'} ${typeof target === 'string' ? target : ''} ${body.toString('utf8')}`;
}

export async function startCountingProxy(upstream: string, options: { delayMs?: number } = {}): Promise<CountingProxy> {
  const delayMs = options.delayMs ?? 0;
  const started = performance.now();
  const now = (): number => performance.now() - started;
  let calls: CallRecord[] = [];
  const sockets = new Set<Socket>();
  const target = new URL(upstream);

  const server: Server = createServer((req, res) => {
    const start = now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const info = awsRequestInfo(req.method ?? 'GET', req.url ?? '/', req.headers, body.toString('utf8'));
      const record: CallRecord = { action: info.action, key: requestKey(req, body), start, end: start };
      const log = calls;
      setTimeout(() => {
        const out = httpRequest(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (up) => {
            const parts: Buffer[] = [];
            up.on('data', (c: Buffer) => parts.push(c));
            up.on('end', () => {
              const full = Buffer.concat(parts);
              const headers = { ...up.headers, 'content-length': String(full.length) };
              delete headers['transfer-encoding'];
              record.end = now();
              log.push(record);
              res.writeHead(up.statusCode ?? 502, headers);
              res.end(full);
            });
          },
        );
        out.on('error', () => res.destroy());
        out.end(body);
      }, delayMs);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get calls() {
      return calls;
    },
    reset: () => {
      calls = [];
    },
    stats: () => callStats(calls),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
