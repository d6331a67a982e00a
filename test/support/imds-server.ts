// A loopback HTTP server standing in for IMDSv2: a token from PUT /latest/api/token (with the
// TTL header) is required on every metadata GET, as on a real instance with IMDSv2 enforced.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface ImdsInstance {
  instanceId: string;
  az: string;
  mac: string;
  vpcId: string;
}

export interface TestImdsServer {
  /** Base URL, e.g. http://127.0.0.1:PORT */
  endpoint: string;
  /** Every request as `METHOD path (token|no-token)`. */
  requests: string[];
  close(): Promise<void>;
}

export interface ImdsServerOptions {
  instance?: ImdsInstance;
  /** Refuse to issue tokens (e.g. the hop limit is exceeded from a container): PUT answers 403. */
  rejectToken?: boolean;
  /** Delay every answer, to exercise the client's timeout. */
  delayMs?: number;
}

export const DEFAULT_INSTANCE: ImdsInstance = {
  instanceId: 'i-0123456789abcdef0',
  az: 'us-east-1b',
  mac: '0e:12:34:56:78:9a',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
};

export async function startImdsServer(options: ImdsServerOptions = {}): Promise<TestImdsServer> {
  const instance = options.instance ?? DEFAULT_INSTANCE;
  const tokens = new Set<string>();
  const requests: string[] = [];
  let counter = 0;

  const routes = new Map<string, string>([
    ['/latest/meta-data/instance-id', instance.instanceId],
    ['/latest/meta-data/placement/availability-zone', instance.az],
    ['/latest/meta-data/mac', instance.mac],
    [`/latest/meta-data/network/interfaces/macs/${instance.mac}/vpc-id`, instance.vpcId],
  ]);

  const answer = (res: ServerResponse, status: number, body: string): void => {
    const send = (): void => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    };
    if (options.delayMs) setTimeout(send, options.delayMs);
    else send();
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://imds').pathname);
    const token = req.headers['x-aws-ec2-metadata-token'];
    requests.push(`${req.method} ${path} ${typeof token === 'string' ? 'token' : 'no-token'}`);
    if (req.method === 'PUT' && path === '/latest/api/token') {
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return answer(res, 400, 'missing or invalid TTL header');
      if (options.rejectToken) return answer(res, 403, 'Forbidden');
      const issued = `token-${++counter}`;
      tokens.add(issued);
      return answer(res, 200, issued);
    }
    if (req.method !== 'GET') return answer(res, 405, 'Method Not Allowed');
    if (typeof token !== 'string' || !tokens.has(token)) return answer(res, 401, 'Unauthorized');
    const body = routes.get(path);
    if (body === undefined) return answer(res, 404, 'Not Found');
    return answer(res, 200, body);
  });
  server.keepAliveTimeout = 1;

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no port'));
      else resolve(address.port);
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
