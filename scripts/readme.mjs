// Rewrites the README's generated blocks (permissions, findings, checks, tree, performance) from the code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { importSource } from './load-src.mjs';

const { updateReadme } = await importSource('src/cli/readme.ts');

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const benchFile = new URL('../bench/results.json', import.meta.url);
const bench = existsSync(benchFile) ? JSON.parse(readFileSync(benchFile, 'utf8')) : undefined;
const after = updateReadme(before, { bench });
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? 'README.md is up to date\n' : 'README.md blocks rewritten\n');
