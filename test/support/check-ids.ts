// What a report's check ids must be: catalogued (src/findings/checks.ts) and filed under the
// catalogue's layer, or made by the engine — `facts.<a probe key>` for a failed read, or
// `<a module id>.crashed`. The problems found, one line each; none means the report is clean.
import { MODULES } from '../../src/analysis/modules/index.js';
import { CHECKS, isKnownCheckId, type CheckEntry } from '../../src/findings/checks.js';
import type { Check } from '../../src/findings/types.js';
import { PROBE_KEYS } from '../../src/probes/contract.js';

export function checkIdProblems(checks: readonly Check[]): string[] {
  const problems: string[] = [];
  for (const c of checks) {
    const id: string = c.id;
    if (!isKnownCheckId(id)) {
      problems.push(`${id}: not in src/findings/checks.ts`);
      continue;
    }
    if (id.startsWith('facts.')) {
      if (!(PROBE_KEYS as readonly string[]).includes(id.slice('facts.'.length)))
        problems.push(`${id}: names no probe key`);
    } else if (id.endsWith('.crashed') && !Object.hasOwn(CHECKS, id)) {
      if (!MODULES.some((m) => `${m.id}.crashed` === id)) problems.push(`${id}: names no check module`);
    } else {
      const entry: CheckEntry = CHECKS[id as keyof typeof CHECKS];
      if (entry.layer !== c.layer && !(entry.alsoIn ?? []).includes(c.layer))
        problems.push(`${id}: filed under ${c.layer}, the catalogue says ${entry.layer}`);
    }
  }
  return problems;
}
