// The catalogue of failure modes (see FINDINGS.md in the design notes). Ids are a public
// interface: users gate CI on them. Each entry says how bad it is, where on the path it
// sits and, in one plain sentence, why it breaks the request.
import type { Fix, Finding, Layer, Severity } from './types.js';
import type { DocLink } from './docs.js';
import { CORE_FINDINGS } from './entries/core.js';
import { DNS_FINDINGS } from './entries/dns.js';
import { POLICY_FINDINGS } from './entries/policy.js';
import { NETWORK_FINDINGS } from './entries/network.js';

export interface CatalogueEntry {
  severity: Severity;
  layer: Layer;
  title: string;
  why: string;
  /** The usual fix in one or two sentences, with `<…>` for what the reader fills in (a report's fix carries the real ids). */
  remedy: string;
  /** AWS documentation pages that state the facts behind this finding (see docs.ts). */
  docs: readonly DocLink[];
  /** Read-only commands to confirm it by hand; `<…>` marks what the reader fills in. */
  confirm: readonly string[];
}

/** Every finding, by area; each area's entries live in ./entries/. */
export const CATALOGUE = {
  ...CORE_FINDINGS,
  ...DNS_FINDINGS,
  ...POLICY_FINDINGS,
  ...NETWORK_FINDINGS,
} as const satisfies Record<string, CatalogueEntry>;

export type FindingId = keyof typeof CATALOGUE;

export function finding(
  id: FindingId,
  details: { evidence: string[]; fix: Fix; title?: string; severity?: Severity },
): Finding {
  const entry: CatalogueEntry = CATALOGUE[id];
  return {
    id,
    severity: details.severity ?? entry.severity,
    layer: entry.layer,
    title: details.title ?? entry.title,
    why: entry.why,
    evidence: details.evidence,
    fix: details.fix,
    docs: entry.docs.map((d) => ({ title: d.title, url: d.url })),
  };
}
