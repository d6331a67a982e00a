// Every finding, by area: the catalogue's table (../catalogue.ts builds findings from it).
// Apart from catalogue.ts so that the report's types can name a FindingId without a loop.
import type { CatalogueEntry } from '../catalogue-entry.js';
import { CORE_FINDINGS } from './core.js';
import { DNS_FINDINGS } from './dns.js';
import { POLICY_FINDINGS } from './policy.js';
import { NETWORK_FINDINGS } from './network.js';
import { ADDRESS_FAMILY_FINDINGS } from './address-family.js';
import { PERIMETER_FINDINGS } from './perimeter.js';

export const CATALOGUE = {
  ...CORE_FINDINGS,
  ...DNS_FINDINGS,
  ...POLICY_FINDINGS,
  ...NETWORK_FINDINGS,
  ...ADDRESS_FAMILY_FINDINGS,
  ...PERIMETER_FINDINGS,
} as const satisfies Record<string, CatalogueEntry>;

export type FindingId = keyof typeof CATALOGUE;
