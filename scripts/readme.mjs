// Rewrites the README's generated blocks (permissions, findings, checks, tree) from the built code.
import { readFileSync, writeFileSync } from 'node:fs';
import { updateReadme } from '../dist/cli/readme.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = updateReadme(before);
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? 'README.md is up to date\n' : 'README.md blocks rewritten\n');
