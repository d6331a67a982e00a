// Runs a CommonJS bundle file with V8's code cache, as v8-compile-cache does: the first run
// compiles it and, after the run (so the functions it compiled lazily are in), writes V8's
// cached data to the user's cache folder; later runs hand that to V8 and skip most compiling.
// Node 20 has no compile cache of its own (module.enableCompileCache came in 22.1).
//
// The cache is a speed-up only, never a source of truth: a missing, unreadable, corrupt or
// stale file is just a slower run (V8 checks its version and flags and rejects data that does
// not fit; the bundle's content hash is in the file name, since V8's own check is only the
// source's length). It is read only from a folder and a file the user owns that nobody else
// can write: cached data is code. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as for Node's own.
// https://nodejs.org/api/vm.html#new-vmscriptcode-options (cachedData, createCachedData)
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/** The folder for cached data: $XDG_CACHE_HOME/vpce-doctor, else ~/.cache/vpce-doctor; undefined when off. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '') return undefined;
  // HOME rather than os.homedir(): loading node:os costs more than this whole lookup. A relative
  // path is ignored (as the XDG spec says): the cache never lands in the working folder.
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : env.HOME && isAbsolute(env.HOME) ? join(env.HOME, '.cache') : undefined;
  return base === undefined ? undefined : join(base, 'vpce-doctor', 'v8');
}

/** Owned by this user and writable by nobody else. */
function private_(stats: { uid: number; mode: number }): boolean {
  const uid = process.getuid?.();
  return (uid === undefined || stats.uid === uid) && (stats.mode & 0o022) === 0;
}

function readCache(file: string): Buffer | undefined {
  try {
    if (!private_(statSync(dirname(file)))) return undefined;
    const fd = openSync(file, 'r');
    try {
      const stats = fstatSync(fd);
      return stats.isFile() && private_(stats) ? readFileSync(fd) : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only or full disk: the next run compiles again.
  }
}

/**
 * Loads `file` (CommonJS) through V8's code cache and returns its exports; undefined when the
 * file cannot be read or run, so the caller takes its slower path. `keep()` (checked at exit)
 * says whether the run was worth caching.
 */
export function requireCached(
  file: string,
  hash: string,
  localRequire: NodeJS.Require,
  keep: () => boolean,
  cacheDir = codeCacheDir(),
): unknown {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const cacheFile =
    cacheDir === undefined
      ? undefined
      : join(cacheDir, `${basename(file)}-${hash}-${process.version}-${process.arch}.bin`);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const mod = { exports: {} as unknown };
  let script: Script;
  try {
    script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: file,
      ...(cachedData !== undefined ? { cachedData } : {}),
    });
    const fn = script.runInThisContext() as (...args: unknown[]) => void;
    fn.call(mod.exports, mod.exports, localRequire, mod, file, dirname(file));
  } catch {
    return undefined;
  }
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => {
      if (keep()) writeCache(cacheFile, script.createCachedData());
    });
  }
  return mod.exports;
}
