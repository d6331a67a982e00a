// The published bin (dist/cli/vpce-doctor.cjs). It is CommonJS on purpose: Node starts a CommonJS
// file without setting up its ES module loader, which is most of what `--help` and `--version`
// would otherwise cost beyond starting Node. Those two are answered here (the help text inlined
// at build time); anything else goes to dist/cli/main.js (src/cli/bin.ts), the ES module entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The main help screen (help.ts's HELP), computed by scripts/build.mjs and inlined as text. */
declare const VPCE_MAIN_HELP: string | undefined;

const args = process.argv.slice(2);
const only = args.length === 1 ? args[0] : undefined;
if ((only === '--help' || only === '-h' || only === 'help') && typeof VPCE_MAIN_HELP === 'string') {
  process.stdout.write(VPCE_MAIN_HELP.replace(/^\n/, ''));
} else if (only === '--version') {
  // package.json two folders up from dist/cli/, as version.ts reads it.
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  import('./main.js').catch((err: unknown) => {
    process.stderr.write(`vpce-doctor: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  });
}
