// The README's generated blocks, each between markers, from the code that is the truth:
// the permission policy (probe specs), the tables of findings and checks (catalogues) and the
// decision tree.
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

export const README_BLOCKS: Readonly<Record<string, () => string>> = {
  permissions: permissionsBlock,
  findings: findingsBlock,
  checks: checksBlock,
  tree: treeBlock,
};

const marker = (name: string, end: boolean): string =>
  end ? `<!-- END GENERATED ${name} -->` : `<!-- BEGIN GENERATED ${name} (npm run readme rewrites this block) -->`;

/** The README with every generated block rewritten; throws when a block's markers are missing. */
export function updateReadme(text: string): string {
  let out = text;
  for (const [name, render] of Object.entries(README_BLOCKS)) {
    const begin = marker(name, false);
    const end = marker(name, true);
    const a = out.indexOf(begin);
    const b = out.indexOf(end);
    if (a === -1 || b === -1 || b < a)
      throw new Error(`README.md has no generated block "${name}" (${begin} … ${end})`);
    out = `${out.slice(0, a + begin.length)}\n${render()}\n${out.slice(b)}`;
  }
  return out;
}
