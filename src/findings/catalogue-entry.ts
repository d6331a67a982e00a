// One failure mode as the catalogue lists it; each area's entries (./entries/) are typed by it.
import type { Layer, Severity } from './types.js';

export interface CatalogueEntry {
  severity: Severity;
  layer: Layer;
  title: string;
  why: string;
}
