// A loopback proxy in front of the emulator that counts AWS calls and measures how many of them
// had to wait for another: it holds every request `delayMs` before forwarding it (a fixed
// per-call latency, as a far Region adds), logs when each call started and ended, and from those
// times computes the critical path: the longest chain of calls each of which started only after
// the one before it had answered. Plain ESM (types in counting-proxy.d.mts) so that both the
// tests and `npm run bench` (scripts/*.mjs, under plain Node) can use it.
import { createServer, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { URL, URLSearchParams } from 'node:url';

/**
 * The action a request names, as fault-proxy.ts names it: X-Amz-Target (JSON protocols),
 * `Action=` (query protocols), else method and path (REST: S3, Route 53).
 * @param {string} method @param {string} url @param {import('node:http').IncomingHttpHeaders} headers @param {string} body
 */
export function actionOf(method, url, headers, body) {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const parsed = new URL(url, 'http://proxy');
  const action = new URLSearchParams(body).get('Action') ?? parsed.searchParams.get('Action');
  return action ?? `${method} ${parsed.pathname}${parsed.search}`;
}

/**
 * Each call's depth in the dependency chain: one more than the deepest call that had answered
 * before it started. Calls that overlap in time were sent together and share a depth.
 * @param {readonly { start: number, end: number }[]} calls
 */
export function depths(calls) {
  const order = calls.map((_, i) => i).sort((a, b) => calls[a].start - calls[b].start);
  const depth = new Array(calls.length).fill(0);
  order.forEach((i, n) => {
    let before = 0;
    for (const j of order.slice(0, n)) if (calls[j].end <= calls[i].start) before = Math.max(before, depth[j]);
    depth[i] = before + 1;
  });
  return depth;
}

/** The longest chain of calls each of which started after the one before it had answered. @param {readonly { start: number, end: number }[]} calls */
export function criticalPath(calls) {
  return Math.max(0, ...depths(calls));
}

/** Calls that need no scope: who the caller is, and the one organization its account is in. */
const UNSCOPED_BY_NATURE = new Set(['GetCallerIdentity', 'DescribeOrganization']);

/**
 * Does the request narrow its answer server-side: an id (`InstanceId.1=`, `"ResolverRuleId":`),
 * a filter (`Filter.1.Name=`, `"Filters":`), a service name, a VPC (`vpcid=`) or, for S3, a
 * bucket in the path?
 * @param {{ action: string, key: string }} call
 */
export function isScoped(call) {
  if (UNSCOPED_BY_NATURE.has(call.action)) return true;
  return /Filter\.\d+\.Name=|"Filters":\[\{|[A-Za-z]Id(\.\d+)?=|"[A-Za-z]*Id":"|ServiceName\.\d+=|[?&]vpcid=|^(GET|HEAD) \/[^/?\s]+[/?]/.test(
    call.key,
  );
}

/** @param {readonly import('./counting-proxy.d.mts').CallRecord[]} calls @returns {import('./counting-proxy.d.mts').CallStats} */
export function callStats(calls) {
  const seen = new Map();
  for (const c of calls) seen.set(c.key, (seen.get(c.key) ?? 0) + 1);
  const duplicates = calls.filter((c, i) => seen.get(c.key) > 1 && calls.findIndex((d) => d.key === c.key) === i);
  /** @type {string[][]} */
  const rounds = [];
  depths(calls).forEach((d, i) => {
    while (rounds.length < d) rounds.push([]);
    rounds[d - 1].push(calls[i].action);
  });
  return {
    calls: calls.length,
    roundTrips: criticalPath(calls),
    duplicates: duplicates.map((c) => c.action),
    unscoped: calls.filter((c) => !isScoped(c)).map((c) => c.action),
    actions: [...calls].sort((a, b) => a.start - b.start).map((c) => c.action),
    rounds,
  };
}

/** What a request asks: method, path and query, JSON target, body (no signature headers). @param {import('node:http').IncomingMessage} req @param {Buffer} body */
function requestKey(req, body) {
  const target = req.headers['x-amz-target'];
  return `${req.method ?? 'GET'} ${req.url ?? '/'} ${typeof target === 'string' ? target : ''} ${body.toString('utf8')}`;
}

/**
 * @param {string} upstream the emulator's URL
 * @param {{ delayMs?: number }} [options]
 * @returns {Promise<import('./counting-proxy.d.mts').CountingProxy>}
 */
export async function startCountingProxy(upstream, options = {}) {
  const delayMs = options.delayMs ?? 0;
  const started = performance.now();
  const now = () => performance.now() - started;
  /** @type {import('./counting-proxy.d.mts').CallRecord[]} */
  let calls = [];
  const sockets = new Set();
  const target = new URL(upstream);

  const server = createServer((req, res) => {
    const start = now();
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = actionOf(req.method ?? 'GET', req.url ?? '/', req.headers, body.toString('utf8'));
      const record = { action, key: requestKey(req, body), start, end: start };
      const log = calls;
      setTimeout(() => {
        const out = httpRequest(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (up) => {
            /** @type {Buffer[]} */
            const parts = [];
            up.on('data', (c) => parts.push(c));
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
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
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
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}
