// How AWS says "no": classify SDK errors into denied (with the IAM action), not-found, or other.

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

/** Run one AWS call; turn IAM denial into a DeniedError naming the action. */
export async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isDenied(err)) throw new DeniedError(action, errorMessage(err));
    throw err;
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
