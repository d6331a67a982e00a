// The HTTP handler under every AWS client: every wait is bounded, and a reply that is not
// AWS's (an HTML page from a proxy or captive portal, a truncated or empty body) is an error
// before the SDK sees it — some SDK deserialisers turn an HTML 200 into an empty result.
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface CallLimits {
  /** Time to open the TCP (and TLS) connection. */
  connectMs: number;
  /** Time for the response headers to arrive, and the longest silence while the body streams in. */
  requestMs: number;
}

export const DEFAULT_CALL_LIMITS: CallLimits = { connectMs: 5_000, requestMs: 10_000 };

type Handle = NodeHttpHandler['handle'];
type HttpRequest = Parameters<Handle>[0];
type HandlerOptions = Parameters<Handle>[1];
type HandlerResult = Awaited<ReturnType<Handle>>;

/** A reply that is not an AWS answer; $metadata lets the SDK retry a 5xx one like any 5xx. */
export class NotAwsReplyError extends Error {
  override readonly name = 'NotAwsReply';
  readonly $metadata: { httpStatusCode: number };
  constructor(message: string, status: number) {
    super(message);
    this.$metadata = { httpStatusCode: status };
  }
}

export class CheckedHttpHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly inner: NodeHttpHandler;

  constructor(limits: CallLimits) {
    this.inner = new NodeHttpHandler({
      connectionTimeout: limits.connectMs,
      requestTimeout: limits.requestMs,
      // Without it this version only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
      socketTimeout: limits.requestMs,
    });
  }

  async handle(request: HttpRequest, options?: HandlerOptions): Promise<HandlerResult> {
    const result = await this.inner.handle(request, options);
    const { response } = result;
    if (request.method === 'HEAD') return result;
    const body = await readAll(response.body);
    const contentType = headerValue(response.headers, 'content-type');
    const problem = replyProblem(body, response.statusCode);
    if (problem !== null) {
      const type = contentType ? `, ${contentType}` : '';
      throw new NotAwsReplyError(
        `the reply was ${problem} (HTTP ${response.statusCode}${type}), not an AWS answer: is a proxy or firewall in between?`,
        response.statusCode,
      );
    }
    response.body = body;
    return result;
  }

  updateHttpClientConfig(...args: Parameters<NodeHttpHandler['updateHttpClientConfig']>): void {
    this.inner.updateHttpClientConfig(...args);
  }

  httpHandlerConfigs(): ReturnType<NodeHttpHandler['httpHandlerConfigs']> {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

async function readAll(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const XML_ROOT = /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/;

/**
 * What is wrong with a body that should be an AWS reply, or null. Every AWS protocol answers a
 * non-HEAD request with an XML document, a JSON document (awsJson, or S3's policy text) or,
 * for 204, nothing; anything else came from something between the CLI and AWS.
 */
export function replyProblem(body: Buffer, status: number): string | null {
  const text = body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (text === '') return status === 204 ? null : 'an empty body';
  const head = text.slice(0, 512).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<html[\s>]/.test(head)) return 'an HTML page';
  if (text.startsWith('<')) {
    const root = XML_ROOT.exec(text)?.[1];
    if (root === undefined) return 'not an XML document';
    const selfClosed = new RegExp(`^(?:<\\?xml[^>]*\\?>\\s*)?<${root}\\b[^<>]*/>$`).test(text);
    return selfClosed || text.endsWith(`</${root}>`) ? null : 'a truncated XML document';
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(text);
      return null;
    } catch {
      return 'a truncated or invalid JSON document';
    }
  }
  return `text that is neither XML nor JSON ("${text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}…")`;
}
