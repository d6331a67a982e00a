// Reading a file a user hands us, before any schema sees it: a regular file of sane size, JSON,
// no absurd nesting or keys, the session version this tool reads. No zod here: the replay
// bundle (src/cli/replay-fast.ts) reads sessions with this and a validator generated at build
// time, and only files.ts adds the zod schemas. Errors are values the CLI turns into exit
// code 2 with a clear message, never a stack trace.
import { UsageError } from '../errors.js';
// Synchronous calls: one small file per run, and node:fs/promises costs a replay's start-up more
// than the read itself.
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { SESSION_VERSION } from './versions.js';

export class FileError extends UsageError {}

/** Bigger than any real session (the largest recording is ~100 kB); more is a mistake or an attack. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Deeper than any probe result's shape (~10 levels) with room to spare. */
export const MAX_DEPTH = 64;
/** No field name in a session is longer than a few dozen characters. */
export const MAX_KEY_LENGTH = 1024;

const KIND_OF: [(s: Stats) => boolean, string][] = [
  [(s) => s.isDirectory(), 'a directory'],
  [(s) => s.isFIFO(), 'a named pipe (FIFO)'],
  [(s) => s.isCharacterDevice() || s.isBlockDevice(), 'a device'],
  [(s) => s.isSocket(), 'a socket'],
];

function refuseSpecial(stats: Stats, path: string, what: string): void {
  if (stats.isFile()) {
    if (stats.size > MAX_FILE_BYTES)
      throw new FileError(`${what} ${path} is ${stats.size} bytes; the limit is ${MAX_FILE_BYTES} (20 MB)`);
    return;
  }
  const kind = KIND_OF.find(([test]) => test(stats))?.[1] ?? 'not a regular file';
  throw new FileError(`${what} ${path} is ${kind}, not a file`);
}

export async function readText(path: string, what: string): Promise<string> {
  try {
    // stat before open: opening a FIFO with no writer blocks, and reading a device never ends.
    refuseSpecial(statSync(path), path, what);
    // Non-blocking, and checked again on the handle: the path may have changed since the stat.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      refuseSpecial(fstatSync(fd), path, what);
      const buffer = readFileSync(fd);
      if (buffer.length > MAX_FILE_BYTES)
        throw new FileError(`${what} ${path} is over ${MAX_FILE_BYTES} bytes (20 MB), the limit`);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof FileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new FileError(
      code === 'ENOENT' ? `${what} ${path} does not exist` : `cannot read ${what} ${path}: ${(err as Error).message}`,
    );
  }
}

const shorten = (at: string): string => (at.length > 100 ? `${at.slice(0, 100)}…` : at);

/** Refuses nesting and keys no real file has, before any recursive code (stringify, zod) meets them. */
function checkStructure(data: unknown, path: string, what: string): void {
  const stack: { value: unknown; depth: number; at: string }[] = [{ value: data, depth: 0, at: '(top level)' }];
  while (stack.length > 0) {
    const { value, depth, at } = stack.pop() as { value: unknown; depth: number; at: string };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH)
      throw new FileError(`${what} ${path} nests deeper than ${MAX_DEPTH} levels at ${shorten(at)}`);
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      if (key.length > MAX_KEY_LENGTH)
        throw new FileError(
          `${what} ${path} has a key of ${key.length} characters at ${shorten(at)} (the limit is ${MAX_KEY_LENGTH})`,
        );
      stack.push({ value: child, depth: depth + 1, at: at === '(top level)' ? key : `${at}.${key}` });
    }
  }
}

export function parseJsonText(text: string, path: string, what: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FileError(`${what} ${path} is not valid JSON: ${(err as Error).message}`);
  }
  checkStructure(data, path, what);
  return data;
}

/** A session's JSON, checked for structure and version: what the schema (zod's or the generated one) reads next. */
export function sessionJson(text: string, path: string): unknown {
  const data = parseJsonText(text, path, 'session file');
  if (data !== null && typeof data === 'object' && 'version' in data && data.version !== SESSION_VERSION) {
    throw new FileError(
      `session file ${path} has version ${JSON.stringify(data.version).slice(0, 40)}; this vpce-doctor reads version ${SESSION_VERSION}`,
    );
  }
  return data;
}
