// Scripts (readme.mjs, bench.mjs) call functions of src/ that the bundle in dist/ does not
// export: this compiles one source module with its imports from src/ into
// node_modules/.cache/vpce-doctor/ (packages stay imports of node_modules) and imports it.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} source a path under src/, e.g. 'src/cli/readme.ts' */
export async function importSource(source) {
  const outfile = `${root}node_modules/.cache/vpce-doctor/${source.replace(/\.tsx?$/, '.mjs')}`;
  await build({
    absWorkingDir: root,
    entryPoints: [source],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(`${pathToFileURL(outfile).href}?${Date.now()}`);
}
