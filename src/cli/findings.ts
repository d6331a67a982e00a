// `vpce-doctor findings`: the catalogue users gate CI on — every finding id with its severity,
// layer and meaning, in path order. `--json` for scripts.
import { CATALOGUE } from '../findings/catalogue.js';
import { LAYERS } from '../findings/types.js';
import { EXIT } from './exit-codes.js';
import type { OutputFormat } from './flags.js';

export function runFindings(format: OutputFormat): number {
  const rows = Object.entries(CATALOGUE)
    .map(([id, e]) => ({ id, severity: e.severity, layer: e.layer, title: e.title, why: e.why }))
    .sort((a, b) => LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer) || a.id.localeCompare(b.id));
  if (format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return EXIT.healthy;
  }
  const lines: string[] = [];
  let layer = '';
  for (const r of rows) {
    if (r.layer !== layer) {
      layer = r.layer;
      lines.push('', `${layer}`);
    }
    lines.push(`  ${r.id.padEnd(38)} ${r.severity.padEnd(8)} ${r.title}`);
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
  process.stdout.write(lines.join('\n').replace(/^\n/, '') + '\n');
  return EXIT.healthy;
}
