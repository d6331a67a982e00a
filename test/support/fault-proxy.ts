// A fault-injecting proxy between the CLI (AWS_ENDPOINT_URL pointing here) and the emulator,
// on loopback only. Per AWS API action it forwards, or answers the way a failing network or
// AWS itself would: an AWS-shaped denial or throttle for that protocol, a 500, an HTML page
// (status 200 or 502), a truncated or empty body, a connection reset, or no answer at all.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export type Fault =
  'deny' | 'throttle' | 'bad-key' | 'http-500' | 'html-200' | 'html-502' | 'truncate' | 'empty-200' | 'reset' | 'stall';

export const FAULTS: readonly Fault[] = [
  'deny',
  'throttle',
  'bad-key',
  'http-500',
  'html-200',
  'html-502',
  'truncate',
  'empty-200',
  'reset',
  'stall',
];

/** The wire protocol a request speaks, which decides the shape of an AWS error. */
export type Protocol = 'ec2' | 'query' | 'json' | 'rest-xml';

export interface AwsRequestInfo {
  /** "DescribeVpcs", "ListResolverRules", or for REST services "GET /bucket?policy". */
  action: string;
  protocol: Protocol;
}

/** A rule: which actions (exact name, a pattern, or '*' for all) get which fault. */
export interface FaultRule {
  action: string | RegExp;
  fault: Fault;
}

export interface FaultProxy {
  url: string;
  /**
   * Every action seen, in order, with the fault applied (or 'pass'), and when the request arrived
   * and its answer was sent (performance.now() of this process; `end` stays undefined until then).
   */
  log: { action: string; fault: Fault | 'pass'; start: number; end?: number }[];
  setRules(rules: FaultRule[]): void;
  close(): Promise<void>;
}

/** Reads the AWS action from a request: `Action=` (query protocols), X-Amz-Target (JSON), else method and path. */
export function awsRequestInfo(
  method: string,
  url: string,
  headers: IncomingMessage['headers'],
  body: string,
): AwsRequestInfo {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return { action: target.slice(target.lastIndexOf('.') + 1), protocol: 'json' };
  const parsed = new URL(url, 'http://proxy');
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? parsed.searchParams.get('Action');
  if (action !== null) {
    // EC2 speaks its own query dialect (Response/Errors/Error); STS and IAM use ErrorResponse.
    const ec2 = (form.get('Version') ?? parsed.searchParams.get('Version')) === '2016-11-15';
    return { action, protocol: ec2 ? 'ec2' : 'query' };
  }
  return { action: `${method} ${parsed.pathname}${parsed.search}`, protocol: 'rest-xml' };
}

function matches(rule: FaultRule, action: string): boolean {
  if (rule.action === '*') return true;
  return typeof rule.action === 'string' ? rule.action === action : rule.action.test(action);
}

const HTML = '<!DOCTYPE html>\n<html><head><title>Proxy</title></head><body><h1>Please sign in</h1></body></html>\n';

function awsError(protocol: Protocol, code: string, message: string): { type: string; body: string } {
  switch (protocol) {
    case 'ec2':
      return {
        type: 'text/xml;charset=UTF-8',
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>`,
      };
    case 'query':
      return {
        type: 'text/xml',
        body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
      };
    case 'json':
      return { type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: code, message }) };
    case 'rest-xml':
      return {
        type: 'application/xml',
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`,
      };
  }
}

const DENIED_CODE: Record<Protocol, string> = {
  ec2: 'UnauthorizedOperation',
  query: 'AccessDenied',
  json: 'AccessDeniedException',
  'rest-xml': 'AccessDenied',
};
const THROTTLE: Record<Protocol, { code: string; status: number }> = {
  ec2: { code: 'RequestLimitExceeded', status: 503 },
  query: { code: 'Throttling', status: 400 },
  json: { code: 'ThrottlingException', status: 400 },
  'rest-xml': { code: 'SlowDown', status: 503 },
};

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export interface ProxyOptions {
  /** Hold every request this long before handling it: a fixed network round trip (the bench). */
  delayMs?: number;
}

export async function startFaultProxy(
  upstream: string,
  rules: FaultRule[] = [],
  options: ProxyOptions = {},
): Promise<FaultProxy> {
  let current = rules;
  const log: FaultProxy['log'] = [];
  const sockets = new Set<Socket>();
  const target = new URL(upstream);

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, mangle?: (b: Buffer) => Buffer): void => {
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const full = Buffer.concat(chunks);
          const sent = mangle ? mangle(full) : full;
          const headers = { ...up.headers, 'content-length': String(sent.length) };
          delete headers['transfer-encoding'];
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(sent);
        });
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, start: number): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const info = awsRequestInfo(req.method ?? 'GET', req.url ?? '/', req.headers, body.toString('utf8'));
      const fault = current.find((r) => matches(r, info.action))?.fault;
      const entry: FaultProxy['log'][number] = { action: info.action, fault: fault ?? 'pass', start };
      log.push(entry);
      res.on('finish', () => (entry.end = performance.now()));
      switch (fault) {
        case undefined:
          return forward(req, body, res);
        case 'deny': {
          const e = awsError(
            info.protocol,
            DENIED_CODE[info.protocol],
            `fault-proxy: not authorized to perform ${info.action}`,
          );
          return send(res, 403, e.type, e.body);
        }
        case 'throttle': {
          const t = THROTTLE[info.protocol];
          const e = awsError(info.protocol, t.code, 'fault-proxy: Rate exceeded');
          return send(res, t.status, e.type, e.body);
        }
        case 'bad-key': {
          const e = awsError(
            info.protocol,
            info.protocol === 'rest-xml' ? 'InvalidAccessKeyId' : 'InvalidClientTokenId',
            'The security token included in the request is invalid.',
          );
          return send(res, 403, e.type, e.body);
        }
        case 'http-500': {
          const e = awsError(info.protocol, 'InternalError', 'fault-proxy: We encountered an internal error.');
          return send(res, 500, e.type, e.body);
        }
        case 'html-200':
          return send(res, 200, 'text/html; charset=utf-8', HTML);
        case 'html-502':
          return send(res, 502, 'text/html; charset=utf-8', HTML);
        case 'empty-200':
          return send(res, 200, 'text/xml', '');
        case 'truncate':
          return forward(req, body, res, (b) => b.subarray(0, Math.floor(b.length / 2)));
        case 'reset':
          return req.socket.resetAndDestroy();
        case 'stall':
          return; // never answers; close() ends the socket
      }
    });
  };
  const server: Server = createServer((req, res) => {
    const start = performance.now();
    if (options.delayMs !== undefined && options.delayMs > 0)
      setTimeout(() => handle(req, res, start), options.delayMs);
    else handle(req, res, start);
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
    log,
    setRules: (r) => {
      current = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
