// Redacting a session for sharing (support hand-offs, bug reports): account ids, IAM user,
// role and session names, bucket and table names, object keys and user ids are replaced
// consistently everywhere in the file — answers, probe results (including policy documents
// embedded as strings) and the report — so a replay of the redacted file still reaches the
// same diagnosis. The CLI re-runs the engine on the result to prove it before writing it.
import type { SessionFile } from './schema.js';

export interface Redaction {
  session: SessionFile;
  /** Original → replacement, for the user to review (never written into the shared file). */
  replacements: { kind: string; from: string; to: string }[];
}

// IAM names may also hold commas, but prose around an ARN uses them too: leave them out.
const NAME = '[A-Za-z0-9+=.@_-]+';

function collect(session: SessionFile): Map<string, { kind: string; to: string }> {
  const found = new Map<string, { kind: string; to: string }>();
  const counters = new Map<string, number>();
  const add = (kind: string, raw: string | undefined, make: (n: number) => string): void => {
    const value = raw?.replace(/\.+$/, ''); // a name at the end of a sentence keeps its full stop
    if (value === undefined || value === '' || found.has(value)) return;
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    found.set(value, { kind, to: make(n) });
  };
  const text = JSON.stringify(session);
  // Account ids: the caller's first, then any other 12-digit account in an ARN or an owner field.
  add('account', session.identity?.Account, (n) => String(n).repeat(12).slice(0, 12));
  for (const m of text.matchAll(/arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):/g))
    add('account', m[1], (n) => String(n % 10).repeat(12));
  for (const m of text.matchAll(/"(?:OwnerId|Owner|Account|UserId)\\?":\s*\\?"(\d{12})\\?"/g))
    add('account', m[1], (n) => String(n % 10).repeat(12));
  // IAM names inside ARNs: roles, users, assumed-role sessions.
  for (const m of text.matchAll(new RegExp(`:assumed-role/(${NAME})/(${NAME})`, 'g'))) {
    add('role', m[1], (n) => `role-${n}`);
    add('session', m[2], (n) => `session-${n}`);
  }
  for (const m of text.matchAll(new RegExp(`:role/(?:[A-Za-z0-9+=.@_/-]*/)?(${NAME})`, 'g')))
    add('role', m[1], (n) => `role-${n}`);
  for (const m of text.matchAll(new RegExp(`:user/(?:[A-Za-z0-9+=.@_/-]*/)?(${NAME})`, 'g')))
    add('user', m[1], (n) => `user-${n}`);
  // IAM unique ids (AROA…/AIDA…) carry no meaning for the diagnosis.
  for (const m of text.matchAll(/\b(A[RI]OA[A-Z0-9]{8,})\b/g))
    add('user-id', m[1], (n) => `AROAREDACTED${String(n).padStart(8, '0')}`);
  // The proxy a host uses names the company's network.
  for (const record of session.probes) {
    if (record.key !== 'host.proxy-env' || record.outcome.status !== 'ok') continue;
    const value = record.outcome.value as { httpsProxy?: { value?: string } | null };
    const proxy = value.httpsProxy?.value;
    if (proxy === undefined) continue;
    let host: string | undefined;
    try {
      host = new URL(proxy.includes('://') ? proxy : `http://${proxy}`).hostname;
    } catch {
      host = undefined;
    }
    add('proxy-host', host, (n) => `proxy-${n}.example`);
  }
  add('bucket', session.answers['target.bucket'], (n) => `bucket-${n}`);
  add('key', session.answers['target.key'], (n) => `object-${n}`);
  add('table', session.answers['target.table'], (n) => `table-${n}`);
  return found;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function redactSession(session: SessionFile): Redaction {
  const found = collect(session);
  // Longest first, and only whole tokens: "logs" the bucket must not eat "com.amazonaws.…logs".
  const entries = [...found.entries()].sort((a, b) => b[0].length - a[0].length);
  const patterns = entries.map(([from, { to }]) => ({
    re: new RegExp(`(?<![A-Za-z0-9.-])${escapeRe(from)}(?![A-Za-z0-9-])`, 'g'),
    to,
  }));
  const replace = (s: string): string => patterns.reduce((acc, p) => acc.replace(p.re, p.to), s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return replace(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return {
    session: walk(session) as SessionFile,
    replacements: entries.map(([from, { kind, to }]) => ({ kind, from, to })),
  };
}
