// `vpce-doctor redact SESSION`: a copy of the session safe to attach to a ticket. The
// replacements are consistent, so the redacted file replays to the same diagnosis; this is
// checked by re-running the engine on it before anything is written.
import { isDeepStrictEqual } from 'node:util';
import { UsageError } from '../errors.js';
import { loadSession, writeJson } from '../session/files.js';
import { redactSession, type Redaction } from '../session/redact.js';
import type { SessionFile } from '../session/schema.js';
import type { Report } from '../engine/verdict.js';
import { InvalidAnswerError, MissingAnswerError } from '../session/answers-file-asker.js';
import { EXIT } from './exit-codes.js';
import { sanitize, terminalSafeJson } from '../report/sanitize.js';
import type { Flags } from './flags.js';
import { rerun } from '../session/rerun.js';
import { MODULES } from '../analysis/modules/index.js';

/** The engine's report for a session, or the user's mistake named: redaction is proven against it. */
async function replayedReport(session: SessionFile, file: string): Promise<Report | undefined> {
  try {
    const { state, missing } = await rerun(session, MODULES);
    return missing.length === 0 && state.view.kind === 'done' ? state.view.outcome.report : undefined;
  } catch (err) {
    if (err instanceof MissingAnswerError)
      throw new UsageError(`${file} has no answer for "${err.question}"`, err.question);
    if (err instanceof InvalidAnswerError)
      throw new UsageError(`${file}: answers.${err.question}: ${err.message}`, err.question);
    throw err;
  }
}

/** What a report concludes — verdict, findings, checks and their outcomes — not the wording, which quotes redacted names. */
const diagnosisOf = (r: Report): unknown => ({
  verdict: r.verdict,
  findings: r.findings.map((f) => [f.id, f.severity, f.layer, f.evidence.length, f.fix.commands.length]),
  checks: r.checks.map((c) => [c.id, c.layer, c.status, c.basis]),
});

/**
 * Redacts a loaded session and proves the copy replays to the same diagnosis; the copy's
 * report is the one the engine writes from the redacted facts, so it quotes nothing the facts
 * no longer hold. A session that does not replay to its own report (edited by hand, or from
 * another version) is the user's input problem; if mapping addresses changes the diagnosis
 * they are kept (and the CLI says so); a redaction that still changes it is a bug.
 */
export async function redactChecked(session: SessionFile, file: string): Promise<Redaction | 'changed-diagnosis'> {
  const own = await replayedReport(session, file);
  if (own === undefined || !isDeepStrictEqual(own, session.report))
    throw new UsageError(
      `${file} does not replay to the report it holds (edited, or recorded by another version): redact only sessions that replay; vpce-doctor replay ${file} shows what it reaches`,
    );
  for (const addresses of [true, false]) {
    const redaction = redactSession(session, { addresses });
    const again = await replayedReport(redaction.session, file).catch(() => undefined);
    if (again !== undefined && isDeepStrictEqual(diagnosisOf(again), diagnosisOf(own)))
      return { ...redaction, session: { ...redaction.session, report: again } };
  }
  return 'changed-diagnosis';
}

export async function runRedact(file: string, flags: Flags): Promise<number> {
  const session = await loadSession(file);
  const checked = await redactChecked(session, file);
  if (checked === 'changed-diagnosis') {
    process.stderr.write(
      'vpce-doctor: the redacted session would not replay to the same diagnosis; nothing was written. Please report this with the original file kept private.\n',
    );
    return EXIT.internal;
  }
  const { session: redacted, replacements } = checked;
  const text = terminalSafeJson(redacted, 2) + '\n';
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
    sanitize(
      `Redacted ${summary}${flags.save !== undefined ? ` into ${flags.save}` : ''}; it replays to the same diagnosis.\n`,
    ),
  );
  if (!checked.addresses)
    process.stderr.write('IP addresses were kept as they are: mapping them changed the diagnosis of this session.\n');
  if (flags.verbose)
    for (const r of replacements) process.stderr.write(sanitize(`  ${r.kind}: ${r.from} → ${r.to}`) + '\n');
  return EXIT.healthy;
}
