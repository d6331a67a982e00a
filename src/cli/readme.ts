// The README's generated blocks, each between markers, from the code that is the truth:
// the permission policy (probe specs), the tables of findings and checks (catalogues), the
// decision tree and the performance figures (bench/results.json, written by `npm run bench`).
// `npm run readme` rewrites them; a test fails when the README is stale.
import { CATALOGUE } from '../findings/catalogue.js';
import { CHECK_FAMILIES, CHECKS } from '../findings/checks.js';
import { LAYERS } from '../findings/types.js';
import { iamPolicy, OPTIONAL_ACTIONS, requiredActions } from '../probes/permissions.js';
import { treeMermaid } from '../report/mermaid.js';

function permissionsBlock(): string {
  const actions = requiredActions();
  return [
    `${actions.length} read-only actions, generated from the probe specs (\`vpce-doctor iam-policy\` prints the`,
    'same policy). EC2 `Describe*`, Route 53 and Resolver list calls take no resource ARN, so they',
    'are on `*`; the two S3 bucket reads can be narrowed from `arn:aws:s3:::*` to your buckets.',
    `Optional: ${OPTIONAL_ACTIONS.map((a) => `\`${a}\``).join(' and ')} (the advisory identity check).`,
    '',
    '```json',
    JSON.stringify(iamPolicy(), null, 2),
    '```',
  ].join('\n');
}

function findingsBlock(): string {
  const rows = Object.entries(CATALOGUE).sort(
    ([a, x], [b, y]) => LAYERS.indexOf(x.layer) - LAYERS.indexOf(y.layer) || a.localeCompare(b),
  );
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    '| id | severity | layer | what it means | AWS docs |',
    '|---|---|---|---|---|',
    ...rows.map(
      ([id, e]) =>
        `| \`${id}\` | ${e.severity} | ${e.layer} | ${cell(e.title)} | ${e.docs.map((d, i) => `[${i + 1}](${d.url})`).join(' ')} |`,
    ),
  ].join('\n');
}

function checksBlock(): string {
  const rows = Object.entries(CHECKS).sort(
    ([a, x], [b, y]) => LAYERS.indexOf(x.layer) - LAYERS.indexOf(y.layer) || a.localeCompare(b),
  );
  return [
    '| id | layer | what it looks at |',
    '|---|---|---|',
    ...rows.map(([id, e]) => `| \`${id}\` | ${e.layer} | ${e.title} |`),
    ...CHECK_FAMILIES.map((f) => `| \`${f.pattern}\` | the module's | ${f.title} |`),
  ].join('\n');
}

function treeBlock(): string {
  return ['```mermaid', treeMermaid().replace(/\n$/, ''), '```'].join('\n');
}

/** What `npm run bench` writes to bench/results.json, as far as the README shows it. */
export interface BenchResults {
  node: string;
  date: string;
  machine: { cpus: number; loadAverage1m: number };
  diagnosis?: { delayMs: number };
  summary: { measure: string; figure: string; ratio: string; target: string; met: boolean | null }[];
}

function performanceBlock(bench: BenchResults | undefined): string {
  if (bench === undefined) return 'No figures yet: `npm run bench` measures them and `npm run readme` shows them here.';
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `Measured by \`npm run bench\` on ${bench.date.slice(0, 10)} with Node ${bench.node} (${bench.machine.cpus} CPUs, load`,
    `average ${bench.machine.loadAverage1m} when it started). Ratios are to \`node -e ''\` in the same run: they hold`,
    'across machines where absolute times do not. Diagnoses run against the moto emulator through a',
    `proxy that holds every AWS call ${bench.diagnosis?.delayMs ?? '—'} ms; "critical path" is the longest chain of calls each`,
    'sent after the previous one answered; the large account adds unrelated VPCs, subnets, route tables,',
    'groups and network interfaces. Start-up rows give the median wall time and the CPU time (user +',
    'system); their target is judged on the CPU ratio, which a busy machine distorts less. Targets are',
    'those of issue 12.',
    '',
    '| measure | figure | ratio | target | met |',
    '|---|---|---|---|---|',
    ...bench.summary.map(
      (r) =>
        `| ${cell(r.measure.trim())} | ${cell(r.figure)} | ${cell(r.ratio)} | ${cell(r.target)} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
}

export interface ReadmeSources {
  /** bench/results.json, when `npm run bench` has written it. */
  bench: BenchResults | undefined;
}

export const README_BLOCKS: Readonly<Record<string, (sources: ReadmeSources) => string>> = {
  permissions: permissionsBlock,
  findings: findingsBlock,
  checks: checksBlock,
  tree: treeBlock,
  performance: (sources) => performanceBlock(sources.bench),
};

const marker = (name: string, end: boolean): string =>
  end ? `<!-- END GENERATED ${name} -->` : `<!-- BEGIN GENERATED ${name} (npm run readme rewrites this block) -->`;

/** The README with every generated block rewritten; throws when a block's markers are missing. */
export function updateReadme(text: string, sources: ReadmeSources): string {
  let out = text;
  for (const [name, render] of Object.entries(README_BLOCKS)) {
    const begin = marker(name, false);
    const end = marker(name, true);
    const a = out.indexOf(begin);
    const b = out.indexOf(end);
    if (a === -1 || b === -1 || b < a)
      throw new Error(`README.md has no generated block "${name}" (${begin} … ${end})`);
    out = `${out.slice(0, a + begin.length)}\n${render(sources)}\n${out.slice(b)}`;
  }
  return out;
}
