// `npm run build`: bundles the CLI into dist/cli/ with esbuild, so the published package has no
// dependencies at all (a cold `npx` downloads one tarball and installs nothing else).
//
//   dist/cli/vpce-doctor.cjs  the published bin (src/cli/launcher.ts, CommonJS): answers `--help`
//                         and `--version` alone, help inlined at build time; else imports main.js
//   dist/cli/main.js      the ES module entry (src/cli/bin.ts; tests and `npm run demo` run it):
//                         the same two answers, then main.ts
//   dist/cli/main-HASH.js src/cli/main.ts: argument parsing, command help, usage errors
//   dist/cli/*-HASH.js    chunks, one per dynamic import() in src/ (each command's module, the
//                         wizard, each AWS client), loaded only by the path that needs it
//   dist/cli/replay.cjs   src/cli/replay-fast.ts: replay with a report on stdout, no zod/Ink/AWS
//   dist/recordings.json  the recordings `vpce-doctor demo` plays, one file (name → session)
//   dist/THIRD-PARTY-NOTICES.md   the licence of every package bundled (scripts/notices.mjs)
//   build/metafile.json   which sources and packages went into which chunk (tests and the
//                         notices read it); build/ and the *.map files stay out of the package
//
// Type checking is `npm run typecheck` (tsc); esbuild only strips the types.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { writeNotices } from './notices.mjs';
import { importSource } from './load-src.mjs';
import { sessionValidatorSource } from './session-validator.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

rmSync('dist', { recursive: true, force: true });

/**
 * Ink imports `react-devtools-core` only when DEV=true (a debugging aid that is not shipped).
 * It becomes a module whose two calls do nothing, so DEV=true in a user's shell is harmless;
 * marking it external instead would make the bundle import a package that is not installed.
 */
const noDevtools = {
  name: 'no-react-devtools',
  /** @param {import('esbuild').PluginBuild} b */
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
      loader: 'js',
    }));
  },
};

/**
 * zod re-exports every translation of its error messages (`z.locales`, 260 KB minified) and a
 * namespace re-export cannot be tree-shaken, so each command that validates a file would parse
 * them all. vpce-doctor uses only the English messages zod configures by default: the bundle's
 * `z.locales` holds just `en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  /** @param {import('esbuild').PluginBuild} b */
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * With DEV=true Ink reads its own package.json next to its module (`../package.json`), which in
 * the bundle would be dist/package.json: the JSON is inlined at build time instead.
 */
const inkPackageInline = {
  name: 'ink-package-inline',
  /** @param {import('esbuild').PluginBuild} b */
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const read = "fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')";
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(read)) throw new Error(`ink's reconciler no longer reads ${read}: check the bundle`);
      const { name, version } = JSON.parse(readFileSync(join(dirname(args.path), '..', 'package.json'), 'utf8'));
      return { contents: source.replace(read, JSON.stringify(JSON.stringify({ name, version }))), loader: 'js' };
    });
  },
};

// `vpce-doctor --help` prints this from the bin chunk itself: loading the command table and the
// help builder (two more chunks) cost it a tenth of Node's own start-up.
const { HELP } = await importSource('src/cli/help.ts');

const result = await build({
  entryPoints: { main: 'src/cli/bin.ts' },
  outdir: 'dist/cli',
  // Chunks sit beside the entry, so paths relative to a module (../../package.json,
  // ../../recordings/) mean the same in src/cli/ and in every chunk.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ES module builds first (the AWS SDK ships both): they tree-shake to the commands used, and a
  // dynamic import() of them keeps its named exports (of a CommonJS build it would get only
  // `default`; the check after the build refuses such a chunk).
  mainFields: ['module', 'main'],
  minify: true,
  // Maps for local debugging (`node --enable-source-maps dist/cli/main.js`); package.json's
  // `files` leaves them out of the tarball.
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'none',
  // React and its reconciler pick their production builds.
  define: { 'process.env.NODE_ENV': '"production"', VPCE_MAIN_HELP: JSON.stringify(HELP) },
  // The SDK's CommonJS parts call require() for Node built-ins; ESM has none, so each chunk
  // gets one (esbuild's own shim uses it when it exists).
  banner: {
    js: "import { createRequire as __vpceCreateRequire } from 'node:module'; const require = __vpceCreateRequire(import.meta.url);",
  },
  plugins: [noDevtools, zodEnglishOnly, inkPackageInline],
  logLevel: 'warning',
});

// A dynamic import() of a CommonJS module gets a namespace with `default` only, so
// `(await import('pkg')).Name` would be undefined at run time: refuse to ship such a chunk.
const cjsChunks = Object.entries(result.metafile.outputs).filter(
  ([, o]) => o.entryPoint !== undefined && result.metafile.inputs[o.entryPoint]?.format === 'cjs',
);
if (cjsChunks.length > 0) {
  const names = cjsChunks.map(([file, o]) => `${file} (${o.entryPoint})`).join(', ');
  throw new Error(`dynamic import() of a CommonJS module would lose its named exports: ${names}`);
}

// The replay bundle (src/cli/replay-fast.ts): one CommonJS file the bin loads through V8's code
// cache for a command line naming `replay`; it runs a replay with a report on stdout and hands
// anything else to dist/cli/main.js. It holds no Ink, no AWS client and no zod: the session is
// read by a validator generated here from the zod schemas, and the probe contract comes without
// its schemas (the engine needs the probe keys and their IAM actions only).
const validatorSources = await importSource('scripts/validator-sources.ts');
mkdirSync('build', { recursive: true });
writeFileSync('build/session-validator.mjs', sessionValidatorSource(validatorSources));
const probeFacts = Object.fromEntries(
  Object.entries(validatorSources.PROBES).map(([key, { input: _input, output: _output, ...facts }]) => [key, facts]),
);
if (JSON.stringify(JSON.parse(JSON.stringify(probeFacts))) !== JSON.stringify(probeFacts))
  throw new Error('a probe spec holds more than JSON besides its schemas: teach scripts/build.mjs');

const { version: packageVersion } = JSON.parse(readFileSync('package.json', 'utf8'));

/**
 * The replay bundle's substitutions: the generated validator, the contract without zod, and the
 * package version as text (the bundle ships with its package.json; reading it costs a start-up).
 */
const replayWithoutZod = {
  name: 'replay-without-zod',
  /** @param {import('esbuild').PluginBuild} b */
  setup(b) {
    b.onResolve({ filter: /^vpce:session-validator$/ }, () => ({ path: join(root, 'build/session-validator.mjs') }));
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]version\.ts$/ }, () => ({
      contents: `export const TOOL_VERSION: string = ${JSON.stringify(packageVersion)};`,
      loader: 'ts',
    }));
    b.onLoad({ filter: /[\\/]src[\\/]probes[\\/]contract\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const table = /^export const PROBES = \{[\s\S]*?^\} as const;$/m;
      if (!table.test(source))
        throw new Error('src/probes/contract.ts no longer declares PROBES as expected: check build.mjs');
      const contents = source
        .replace(/^import (type )?\{[^}]*\} from '(zod|\.\/specs\/[a-z-]+\.js)';$/gm, '')
        .replace(table, `export const PROBES = ${JSON.stringify(probeFacts)};`);
      return { contents, loader: 'ts' };
    });
  },
};

const replayResult = await build({
  entryPoints: ['src/cli/replay-fast.ts'],
  outfile: 'dist/cli/replay.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: process.env.VPCE_NO_MINIFY === undefined,
  metafile: true,
  legalComments: 'none',
  // CommonJS has no import.meta.url: computed from __filename when first read.
  define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__vpceMeta.url' },
  banner: { js: 'var __vpceMeta={get url(){return require("node:url").pathToFileURL(__filename).href}};' },
  plugins: [replayWithoutZod],
  logLevel: 'warning',
});
const heavy = Object.keys(replayResult.metafile.inputs).filter((i) =>
  /node_modules[\\/](zod|ink|react|react-reconciler|yoga-layout|@aws-sdk|@smithy)[\\/]/.test(i),
);
if (heavy.length > 0) throw new Error(`the replay bundle must not hold ${heavy.join(', ')}`);
writeFileSync('build/replay-metafile.json', JSON.stringify(replayResult.metafile));
const replayHash = createHash('sha256').update(readFileSync('dist/cli/replay.cjs')).digest('hex').slice(0, 16);

// The published bin: CommonJS, so `--help` and `--version` skip Node's ES module loader
// (src/cli/launcher.ts); `replay` goes to the replay bundle; any other command imports
// dist/cli/main.js.
await build({
  entryPoints: ['src/cli/launcher.ts'],
  outfile: 'dist/cli/vpce-doctor.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  external: ['./main.js'],
  define: { VPCE_MAIN_HELP: JSON.stringify(HELP), VPCE_REPLAY_HASH: JSON.stringify(replayHash) },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync('dist/cli/vpce-doctor.cjs', 0o755);

// The recordings `vpce-doctor demo` plays, as one file (src/cli/demo.ts): a cold npx unpacks the
// tarball file by file, twice, and this is sixty files fewer.
const recordings = Object.fromEntries(
  readdirSync('recordings')
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.slice(0, -'.json'.length), JSON.parse(readFileSync(join('recordings', f), 'utf8'))]),
);
writeFileSync('dist/recordings.json', JSON.stringify(recordings) + '\n');

mkdirSync('build', { recursive: true });
writeFileSync('build/metafile.json', JSON.stringify(result.metafile));
const packages = writeNotices(result.metafile, 'dist/THIRD-PARTY-NOTICES.md');
writeFileSync('build/bundled-packages.json', JSON.stringify(packages, null, 2) + '\n');
// npm sets the execute bit on install; a local clone runs dist/cli/main.js directly too.
chmodSync('dist/cli/main.js', 0o755);
