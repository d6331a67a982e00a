// How AWS says "no": classify SDK errors into denied (with the IAM action), not-found, or other.
import { seconds, startCall } from './in-flight.js';

const DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'Client.UnauthorizedOperation',
  'AuthorizationError',
  'UnauthorizedAccess',
  'UnrecognizedClientException',
]);

export class DeniedError extends Error {
  constructor(
    readonly action: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorCode(err: unknown): string | undefined {
  if (err !== null && typeof err === 'object') {
    const e = err as { name?: unknown; Code?: unknown; code?: unknown };
    for (const v of [e.Code, e.name, e.code]) if (typeof v === 'string' && v !== 'Error') return v;
  }
  return undefined;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = errorCode(err);
    const msg = err.message || code || 'unknown error';
    return code !== undefined && !msg.includes(code) ? `${code}: ${msg}` : msg;
  }
  return String(err);
}

export function isDenied(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && DENIED_CODES.has(code);
}

/** EC2/S3 "no such thing" codes: the id the user gave does not exist (or is malformed). */
export function isNotFound(err: unknown): boolean {
  const code = errorCode(err) ?? '';
  return /\.NotFound$|\.Malformed$|^NoSuchBucket$|^NoSuchBucketPolicy$|^NotFound$/.test(code);
}

/** Failures of the wire, not answers from AWS: no code a handler could mistake for "not found". */
const WIRE_FAILURES = new Set(['TimeoutError', 'NotAwsReply', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
/** AWS asking the caller to slow down, in each protocol's words; still failing after the retries. */
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
]);

function socketCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A call that failed on the way (timeout, reset, junk reply), was throttled, or met a server error. */
function isTransportFailure(err: unknown): boolean {
  const code = errorCode(err) ?? '';
  return (
    WIRE_FAILURES.has(code) ||
    WIRE_FAILURES.has(socketCode(err) ?? '') ||
    THROTTLED.has(code) ||
    (statusOf(err) ?? 0) >= 500
  );
}

function attemptsOf(err: unknown): number | undefined {
  const attempts = (err as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof attempts === 'number' ? attempts : undefined;
}

function transportProblem(err: unknown): string {
  const socket = socketCode(err);
  if (socket === 'ECONNRESET') return 'the connection was reset';
  if (socket === 'ECONNREFUSED') return 'the connection was refused';
  if (errorCode(err) === 'TimeoutError') return 'timed out waiting for an answer';
  return errorMessage(err);
}

/**
 * Run one AWS call; turn IAM denial into a DeniedError naming the action, and a timeout, reset
 * or reply that is not AWS's into an error naming the action and the time it took.
 */
export async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const done = startCall(action);
  try {
    return await fn();
  } catch (err) {
    if (isDenied(err)) throw new DeniedError(action, errorMessage(err));
    if (isTransportFailure(err)) {
      const attempts = attemptsOf(err);
      const tries = attempts !== undefined && attempts > 1 ? `, ${attempts} attempts` : '';
      throw new Error(`${action} failed after ${seconds(Date.now() - started)} s${tries}: ${transportProblem(err)}`, {
        cause: err,
      });
    }
    throw err;
  } finally {
    done();
  }
}

/** Missing credentials: the SDK's credential chain found nothing usable. */
export function isCredentialsError(err: unknown): boolean {
  const name = errorCode(err) ?? '';
  return (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|Token is expired|SSO session/i.test(err instanceof Error ? err.message : '')
  );
}
