// `vpce-doctor demo [name]`: the recorded diagnoses that ship in the package (recordings/, one
// per finding and a few healthy and incomplete runs), so someone without an AWS account — or
// in the middle of an outage, before granting anything — can see what a diagnosis looks like.
// With no name it lists them; with a name (or a unique prefix of one) it replays that recording
// through the same path as `vpce-doctor replay`: the wizard in a terminal, the report otherwise.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE, type FindingId } from '../findings/catalogue.js';
import { closest } from './closest.js';
import { EXIT } from './exit-codes.js';
import type { Flags, OutputFormat } from './flags.js';
import { UsageHintError } from './usage.js';

/** recordings/ beside src/ (and beside dist/ in the package: every bundle chunk sits in dist/cli/). */
export const RECORDINGS_DIR = fileURLToPath(new URL('../../recordings/', import.meta.url));

/**
 * In the package the recordings travel as one file, dist/recordings.json (name → session,
 * written by scripts/build.mjs): a cold `npx` unpacks the tarball file by file, twice, and sixty
 * small files cost it about a fifth of a second. A checkout without a build reads recordings/.
 */
export const RECORDINGS_PACK = fileURLToPath(new URL('../recordings.json', import.meta.url));

/** The recordings of dist/recordings.json, or undefined when there is no such file (src/ in a checkout). */
function readPack(file: string = RECORDINGS_PACK): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export interface Demo {
  name: string;
  title: string;
  /** Its file in recordings/; undefined for one of the package's dist/recordings.json. */
  file: string | undefined;
}

const LIST_HINT = 'Run vpce-doctor demo to list the recordings.';

/** The recording names (file names without .json), sorted. */
export function demoNames(dir?: string): string[] {
  const pack = dir === undefined ? readPack() : undefined;
  if (pack !== undefined) return Object.keys(pack).sort();
  return readdirSync(dir ?? RECORDINGS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

const isFindingId = (id: string): id is FindingId => Object.prototype.hasOwnProperty.call(CATALOGUE, id);
const words = (s: string): string => s.replace(/[-.]/g, ' ');

/**
 * A recording named after a finding (`sg.endpoint-ingress-missing`, or a variant of one such as
 * `gateway.route-table-not-associated.explicit`) shows that finding: its catalogue title. The
 * others are named by their verdict (`healthy.s3-gateway`, `incomplete.route-tables-denied`).
 */
export function demoTitle(name: string): string {
  const parts = name.split('.');
  for (let n = parts.length; n >= 2; n--) {
    const id = parts.slice(0, n).join('.');
    if (isFindingId(id)) {
      const variant = parts.slice(n).join('.');
      return variant === '' ? CATALOGUE[id].title : `${CATALOGUE[id].title} (${words(variant)})`;
    }
  }
  const [verdict = '', ...rest] = parts;
  const what = words(rest.join('.'));
  if (verdict === 'healthy') return `Healthy: ${what}`;
  if (verdict === 'incomplete') return `Incomplete (a read was refused): ${what}`;
  return words(name);
}

export function listDemos(dir?: string): Demo[] {
  const packed = dir === undefined && readPack() !== undefined;
  return demoNames(dir).map((name) => ({
    name,
    title: demoTitle(name),
    file: packed ? undefined : join(dir ?? RECORDINGS_DIR, `${name}.json`),
  }));
}

/**
 * A recording of dist/recordings.json as a file of its own, in a new private temporary folder:
 * a replay reads a session file and writes the Markdown report and the rerun hint beside it.
 */
async function packedFile(name: string): Promise<string> {
  const { writePrivateFile } = await import('../session/files.js');
  const file = join(mkdtempSync(join(tmpdir(), 'vpce-doctor-demo-')), `${name}.json`);
  await writePrivateFile(file, JSON.stringify(readPack()?.[name], null, 2) + '\n');
  return file;
}

/** The recording a name means: exact, else the one it begins; otherwise a usage error with a suggestion. */
export function findDemo(name: string, dir?: string): Demo {
  const demos = listDemos(dir);
  const exact = demos.find((d) => d.name === name);
  if (exact !== undefined) return exact;
  const prefixed = demos.filter((d) => d.name.startsWith(name));
  if (prefixed.length === 1 && prefixed[0] !== undefined) return prefixed[0];
  if (prefixed.length > 1)
    throw new UsageHintError(
      `"${name}" begins ${prefixed.length} recordings: ${prefixed.map((d) => d.name).join(', ')}`,
      `Name one of them. ${LIST_HINT}`,
    );
  const guess = closest(
    name,
    demos.map((d) => d.name),
  );
  throw new UsageHintError(
    `no recording named "${name}"`,
    `${guess !== undefined ? `Did you mean ${guess}? ` : ''}${LIST_HINT}`,
  );
}

function listText(demos: Demo[]): string {
  const width = Math.max(...demos.map((d) => d.name.length)) + 2;
  return [
    'Recorded diagnoses, one per finding: watch one with no AWS account and nothing sent anywhere.',
    '',
    ...demos.map((d) => `  ${d.name.padEnd(width)}${d.title}`),
    '',
    'vpce-doctor demo NAME replays one step by step (a unique beginning of the name is enough;',
    '--pace 0 goes straight to the verdict). vpce-doctor explain FINDING-ID says what a finding means.',
    '',
  ].join('\n');
}

export async function runDemo(name: string | undefined, flags: Flags, format: OutputFormat): Promise<number> {
  if (name === undefined) {
    const demos = listDemos();
    process.stdout.write(
      format === 'json'
        ? JSON.stringify(
            demos.map((d) => ({ name: d.name, title: d.title })),
            null,
            2,
          ) + '\n'
        : listText(demos),
    );
    return EXIT.healthy;
  }
  const demo = findDemo(name);
  const { runReplay } = await import('./replay.js');
  const code = await runReplay(demo.file ?? (await packedFile(demo.name)), flags, format);
  // The verdict is the recording's, not the user's: a demo that played to its end succeeded.
  return code === EXIT.problems || code === EXIT.incomplete ? EXIT.healthy : code;
}
