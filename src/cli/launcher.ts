// The published bin (dist/cli/vpce-doctor.cjs). It is CommonJS on purpose: Node starts a CommonJS
// file without setting up its ES module loader, which is most of what `--help` and `--version`
// would otherwise cost beyond starting Node. Those two are answered here (the help text inlined
// at build time). A command line naming `replay` goes to the replay bundle (dist/cli/replay.cjs,
// src/cli/replay-fast.ts, through V8's code cache), which runs a replay with a report on stdout
// and hands anything else back; everything else goes to dist/cli/main.js (src/cli/bin.ts),
// the ES module entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireCached } from './code-cache.js';

/** The main help screen (help.ts's HELP), computed by scripts/build.mjs and inlined as text. */
declare const VPCE_MAIN_HELP: string | undefined;
/** The replay bundle's content hash, computed by scripts/build.mjs: the code cache's key. */
declare const VPCE_REPLAY_HASH: string | undefined;

function runMain(): void {
  import('./main.js').catch((err: unknown) => {
    process.stderr.write(`vpce-doctor: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  });
}

function runReplay(): void {
  let handedOver = false;
  const handover = (): void => {
    handedOver = true;
    runMain();
  };
  const bundle = requireCached(
    join(__dirname, 'replay.cjs'),
    typeof VPCE_REPLAY_HASH === 'string' ? VPCE_REPLAY_HASH : 'dev',
    require,
    () => !handedOver,
  ) as { run?: (handover: () => void) => Promise<void> } | undefined;
  if (typeof bundle?.run !== 'function') return runMain();
  bundle.run(handover).catch((err: unknown) => {
    process.stderr.write(
      `vpce-doctor: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(70);
  });
}

const args = process.argv.slice(2);
const only = args.length === 1 ? args[0] : undefined;
if ((only === '--help' || only === '-h' || only === 'help') && typeof VPCE_MAIN_HELP === 'string') {
  process.stdout.write(VPCE_MAIN_HELP.replace(/^\n/, ''));
} else if (only === '--version') {
  // package.json two folders up from dist/cli/, as version.ts reads it.
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else if (args.includes('replay')) {
  runReplay();
} else {
  runMain();
}
