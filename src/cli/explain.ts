// `vpce-doctor explain <finding-id>`: what a finding means, how to confirm it by hand with
// read-only AWS CLI commands, the usual fix and the AWS pages behind it — all from the catalogue.
import { CATALOGUE, type CatalogueEntry, type FindingId } from '../findings/catalogue.js';
import { closest } from './closest.js';
import { EXIT } from './exit-codes.js';
import { UsageHintError } from './usage.js';

export function findingEntry(id: string): CatalogueEntry {
  if (Object.prototype.hasOwnProperty.call(CATALOGUE, id)) return CATALOGUE[id as FindingId];
  const guess = closest(id, Object.keys(CATALOGUE));
  throw new UsageHintError(
    `unknown finding id "${id}"`,
    `${guess !== undefined ? `Did you mean ${guess}? ` : ''}vpce-doctor findings lists every id.`,
  );
}

export function explainText(id: string, e: CatalogueEntry): string {
  return [
    `${id}  (${e.severity} · ${e.layer})`,
    e.title,
    '',
    'What it means',
    `  ${e.why}`,
    '',
    `Confirm it by hand (read-only; first set ${shellVariables(e.confirm).join(', ') || 'nothing'} to your own values)`,
    ...e.confirm.map((c) => `  $ ${c}`),
    '',
    'Fix',
    `  ${e.remedy}`,
    '  A diagnosis prints this fix with your real ids.',
    '',
    'AWS documentation',
    ...e.docs.map((d) => `  ${d.title}\n    ${d.url}`),
    '',
  ].join('\n');
}

export function runExplain(id: string, format: 'text' | 'json'): number {
  const e = findingEntry(id);
  process.stdout.write(
    format === 'json'
      ? JSON.stringify(
          {
            id,
            severity: e.severity,
            layer: e.layer,
            title: e.title,
            why: e.why,
            confirm: e.confirm,
            remedy: e.remedy,
            docs: e.docs,
          },
          null,
          2,
        ) + '\n'
      : explainText(id, e),
  );
  return EXIT.healthy;
}

/** The shell variables a confirm command expects the user to set (`$VPC_ID`, `$REGION` …), in order. */
function shellVariables(commands: readonly string[]): string[] {
  return [...new Set(commands.flatMap((c) => c.match(/\$[A-Z][A-Z0-9_]*/g) ?? []).map((v) => v.slice(1)))];
}
