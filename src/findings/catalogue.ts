// The catalogue of failure modes (see FINDINGS.md in the design notes). Ids are a public
// interface: users gate CI on them. Each entry says how bad it is, where on the path it
// sits and, in one plain sentence, why it breaks the request.
import type { CatalogueEntry } from './catalogue-entry.js';
import type { Fix, Finding, Severity } from './types.js';
export type { CatalogueEntry };
import { CATALOGUE, type FindingId } from './entries/index.js';
import { terraformHints } from './terraform.js';
export { CATALOGUE, type FindingId };

export function finding(
  id: FindingId,
  details: { evidence: string[]; fix: Fix; title?: string; severity?: Severity },
): Finding {
  const entry: CatalogueEntry = CATALOGUE[id];
  const hints = details.fix.commands.flatMap((c) => terraformHints(c.argv));
  return {
    id,
    severity: details.severity ?? entry.severity,
    layer: entry.layer,
    title: details.title ?? entry.title,
    why: entry.why,
    evidence: details.evidence,
    fix: hints.length > 0 ? { ...details.fix, terraformHints: hints } : details.fix,
    docs: entry.docs.map((d) => ({ title: d.title, url: d.url })),
  };
}
