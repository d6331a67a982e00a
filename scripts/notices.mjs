// The third-party notices of the bundle: every package whose code esbuild put into dist/ (read
// from the build's metafile, so a package that is installed but tree-shaken away or never
// imported is not listed), with its licence and the licence texts it ships.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * @typedef {object} BundledPackage
 * @property {string} name
 * @property {string} version
 * @property {string} license   SPDX expression from its package.json
 * @property {string} dir       the package folder, relative to the repository
 * @property {string[]} files   its licence / notice files, relative to `dir`
 * @property {number} bytes     bytes of its code in the bundle
 * @property {string[]} inputs  its source files in the bundle, relative to the repository
 */

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

/** The folder of the package an input belongs to: the last node_modules/<name> (or @scope/name) in its path. */
function packageDir(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at === -1) return undefined;
  const scoped = parts[at + 1]?.startsWith('@');
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

/**
 * @param {import('esbuild').Metafile} metafile
 * @returns {BundledPackage[]} sorted by name, then version
 */
export function bundledPackages(metafile) {
  /** @type {Map<string, number>} */
  const bytesByDir = new Map();
  /** @type {Map<string, string[]>} */
  const inputsByDir = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const dir = packageDir(input);
      if (dir === undefined || bytesInOutput === 0) continue;
      bytesByDir.set(dir, (bytesByDir.get(dir) ?? 0) + bytesInOutput);
      inputsByDir.set(dir, [...(inputsByDir.get(dir) ?? []), input]);
    }
  }
  /** @type {Map<string, BundledPackage>} */
  const byId = new Map();
  for (const [dir, bytes] of bytesByDir) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const license =
      typeof pkg.license === 'string'
        ? pkg.license
        : Array.isArray(pkg.licenses)
          ? pkg.licenses.map((l) => l.type).join(' OR ')
          : typeof pkg.license?.type === 'string'
            ? pkg.license.type
            : 'UNKNOWN';
    const id = `${pkg.name}@${pkg.version}`;
    const seen = byId.get(id);
    if (seen) {
      seen.bytes += bytes;
      seen.inputs.push(...(inputsByDir.get(dir) ?? []));
      continue;
    }
    byId.set(id, {
      name: pkg.name,
      version: pkg.version,
      license,
      dir: relative(process.cwd(), dir).split(sep).join('/'),
      files: readdirSync(dir)
        .filter((f) => LICENSE_FILE.test(f))
        .sort(),
      bytes,
      inputs: inputsByDir.get(dir) ?? [],
    });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

/** The copyright line of the package's own sources (a header comment), if one carries it. */
function copyrightOf(p) {
  for (const input of p.inputs) {
    const head = readFileSync(input, 'utf8').slice(0, 2000);
    const line = /Copyright[^\n*]*/.exec(head)?.[0]?.trim();
    if (line !== undefined) return line;
  }
  return undefined;
}

/**
 * A package that ships no licence file: its declared licence with the copyright line its sources
 * carry; the MIT text in full (it asks for the notice), Apache-2.0 by reference to LICENSE.
 * @param {BundledPackage} p
 */
function withoutLicenceFile(p) {
  const copyright = copyrightOf(p);
  const lines = [`This package ships no licence file; its package.json declares ${p.license}.`];
  if (copyright !== undefined) lines.push('', `Its sources say: ${copyright}`);
  if (p.license === 'MIT') lines.push('', '```text', 'MIT License', '', copyright ?? '', '', MIT_TEXT, '```');
  if (p.license === 'Apache-2.0')
    lines.push('', "The Apache License 2.0 is reproduced in this package's LICENSE file (vpce-doctor's own licence).");
  return lines;
}

/**
 * Writes the notices file (Markdown); returns the packages it lists.
 * @param {import('esbuild').Metafile} metafile
 * @param {string} path
 */
export function writeNotices(metafile, path) {
  const packages = bundledPackages(metafile);
  /** @type {Map<string, string>} the same licence text is printed once and referred to after */
  const printed = new Map();
  const out = [
    '# Third-party notices',
    '',
    'vpce-doctor is licensed under Apache-2.0 (see LICENSE). Its bundle (dist/cli/) contains code from',
    `the ${packages.length} packages below, each under its own licence, reproduced here as each package ships it.`,
    'This file is generated by `npm run build` (scripts/notices.mjs) from what the bundler included.',
    '',
    '| package | version | licence |',
    '| --- | --- | --- |',
    ...packages.map((p) => `| ${p.name} | ${p.version} | ${p.license} |`),
    '',
  ];
  for (const p of packages) {
    out.push(`## ${p.name}@${p.version} (${p.license})`, '');
    if (p.files.length === 0) {
      out.push(...withoutLicenceFile(p), '');
      continue;
    }
    for (const f of p.files) {
      const text = readFileSync(join(p.dir, f), 'utf8').replace(/\r\n/g, '\n').trim();
      const first = printed.get(text);
      if (first !== undefined) {
        out.push(`${f}: the same text as ${first}.`, '');
        continue;
      }
      printed.set(text, `${p.name}@${p.version} (${f})`);
      out.push(`${f}:`, '', '```text', text, '```', '');
    }
  }
  writeFileSync(path, out.join('\n'));
  return packages;
}
