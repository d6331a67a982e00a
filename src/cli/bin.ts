#!/usr/bin/env node
// The ES module entry (dist/cli/main.js in the bundle; the published bin, launcher.ts, imports
// it): `--help` and `--version` are answered here too, from one small file that imports nothing.
// Everything else, with any other argument, goes to main.ts (argument parsing, usage errors,
// the commands), which the bundle loads as its own chunk.
import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';

/** The main help screen (help.ts's HELP), computed by scripts/build.mjs and inlined as text. */
declare const VPCE_MAIN_HELP: string | undefined;

const argv = process.argv.slice(2);
const only = argv.length === 1 ? argv[0] : undefined;
if ((only === '--help' || only === '-h' || only === 'help') && typeof VPCE_MAIN_HELP === 'string') {
  process.stdout.write(VPCE_MAIN_HELP.replace(/^\n/, ''));
  process.exit(0);
}
if (only === '--version') {
  // package.json two folders up, from src/cli/ and dist/cli/ alike (as version.ts reads it).
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
  process.exit(0);
}
// Node 22.1+ keeps V8's compiled code of every chunk loaded from here on in its compile cache (in
// the temporary folder, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off): the
// next run skips most of the parsing. Node 20 has no such cache and skips this.
// https://nodejs.org/api/module.html#moduleenablecompilecachecachedir
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./main.js');
