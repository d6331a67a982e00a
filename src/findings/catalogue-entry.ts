// One failure mode as the catalogue lists it; each area's entries (./entries/) are typed by it.
import type { DocLink } from './docs.js';
import type { Layer, Severity } from './layers.js';

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
