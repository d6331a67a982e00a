// `vpce-doctor redact SESSION`: a copy of the session safe to attach to a ticket. The
// replacements are consistent, so the redacted file replays to the same diagnosis; this is
// checked by re-running the engine on it before anything is written.
import { isDeepStrictEqual } from 'node:util';
import { UsageError } from '../errors.js';
import { loadSession, writeJson } from '../session/files.js';
import { redactSession } from '../session/redact.js';
import { EXIT } from './exit-codes.js';
import type { Flags } from './flags.js';
import { rerun } from '../session/rerun.js';
import { MODULES } from '../analysis/modules/index.js';

export async function runRedact(file: string, flags: Flags): Promise<number> {
  const session = await loadSession(file);
  const { session: redacted, replacements } = redactSession(session);
  const { state, missing } = await rerun(redacted, MODULES);
  if (
    missing.length > 0 ||
    state.view.kind !== 'done' ||
    !isDeepStrictEqual(state.view.outcome.report, redacted.report)
  ) {
    process.stderr.write(
      'vpce-doctor: the redacted session would not replay to the same diagnosis; nothing was written. Please report this with the original file kept private.\n',
    );
    return EXIT.internal;
  }
  const text = JSON.stringify(redacted, null, 2) + '\n';
  if (flags.save !== undefined) {
    if (flags.save === file)
      throw new UsageError('--save must name a new file: redact never overwrites the original session');
    await writeJson(flags.save, redacted);
  } else {
    process.stdout.write(text);
  }
  const byKind = new Map<string, number>();
  for (const r of replacements) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  const summary = [...byKind].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`).join(', ') || 'nothing to replace';
  process.stderr.write(
    `Redacted ${summary}${flags.save !== undefined ? ` into ${flags.save}` : ''}; it replays to the same diagnosis.\n`,
  );
  if (flags.verbose) for (const r of replacements) process.stderr.write(`  ${r.kind}: ${r.from} → ${r.to}\n`);
  return EXIT.healthy;
}
