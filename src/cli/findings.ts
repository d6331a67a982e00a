// `vpce-doctor findings`: the catalogue users gate CI on — every finding id with its severity,
// layer and meaning, in path order. `--checks`: the check ids a report can carry instead.
// `--json` for scripts.
import { CATALOGUE } from '../findings/catalogue.js';
import { CHECK_FAMILIES, CHECKS } from '../findings/checks.js';
import { LAYERS, type Layer } from '../findings/types.js';
import { EXIT } from './exit-codes.js';
import type { OutputFormat } from './flags.js';

const byLayer = <R extends { id: string; layer: Layer }>(a: R, b: R): number =>
  LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer) || a.id.localeCompare(b.id);

/** Rows under a heading per layer, the way both lists print as text. */
function grouped<R extends { layer: Layer }>(rows: readonly R[], line: (r: R) => string): string {
  const lines: string[] = [];
  let layer = '';
  for (const r of rows) {
    if (r.layer !== layer) {
      layer = r.layer;
      lines.push('', `${layer}`);
    }
    lines.push(line(r));
  }
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

export function runFindings(format: OutputFormat): number {
  const rows = Object.entries(CATALOGUE)
    .map(([id, e]) => ({ id, severity: e.severity, layer: e.layer, title: e.title, why: e.why }))
    .sort(byLayer);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return EXIT.healthy;
  }
  if (format === 'markdown') {
    const md = [
      '| id | severity | layer | title | why |',
      '|---|---|---|---|---|',
      ...rows.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.layer} | ${r.title} | ${r.why} |`),
    ];
    process.stdout.write(md.join('\n') + '\n');
    return EXIT.healthy;
  }
  process.stdout.write(grouped(rows, (r) => `  ${r.id.padEnd(38)} ${r.severity.padEnd(8)} ${r.title}`));
  return EXIT.healthy;
}

/** `vpce-doctor findings --checks`: every catalogued check id by layer, then the ids the engine makes. */
export function runChecks(format: OutputFormat): number {
  const rows = Object.entries(CHECKS)
    .map(([id, e]): { id: string; layer: Layer; title: string } => ({ id, layer: e.layer, title: e.title }))
    .sort(byLayer);
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ checks: rows, families: CHECK_FAMILIES }, null, 2) + '\n');
    return EXIT.healthy;
  }
  if (format === 'markdown') {
    const md = [
      '| id | layer | what it looks at |',
      '|---|---|---|',
      ...rows.map((r) => `| \`${r.id}\` | ${r.layer} | ${r.title} |`),
      ...CHECK_FAMILIES.map((f) => `| \`${f.pattern}\` | the module's | ${f.title} |`),
    ];
    process.stdout.write(md.join('\n') + '\n');
    return EXIT.healthy;
  }
  const families = CHECK_FAMILIES.map((f) => `  ${f.pattern.padEnd(38)} ${f.title}`);
  process.stdout.write(
    grouped(rows, (r) => `  ${r.id.padEnd(38)} ${r.title}`) + ['', 'made by the engine', ...families].join('\n') + '\n',
  );
  return EXIT.healthy;
}
