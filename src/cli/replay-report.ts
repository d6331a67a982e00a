// Replay without a terminal (--json, --output, a pipe): the recorded answers and probe results
// through the engine, then the report. No UI and no zod here: the replay bundle
// (replay-fast.ts) runs this with a session its generated validator read; replay.ts runs it
// (and the animated replay) with a session zod read. The helpers are shared by both.
import { failOnOf } from './fail-on.js';
import { drive } from '../engine/driver.js';
import { start, type EngineState } from '../engine/machine.js';
import type { Answers } from '../path/answers.js';
import { TREE_VERSION } from '../engine/tree.js';
import { UsageError } from '../errors.js';
import type { ProbeRecord } from '../probes/contract.js';
import type { SessionFile } from '../session/schema.js';
import { RecordedProbes } from '../session/recorded.js';
import { AnswersFileAsker, InvalidAnswerError, MissingAnswerError } from '../session/answers-file-asker.js';
import { EXIT } from './exit-codes.js';
import { sanitize } from '../report/sanitize.js';
import { exitCodeOf, printReport } from './finish.js';
import type { Flags, OutputFormat } from './flags.js';
import { MODULES } from '../analysis/modules/index.js';

/** The engine's first state for a session, its answers and probe results; warns of another tree version. */
export function replayStart(
  session: SessionFile,
  file: string,
): { answers: Answers; records: ProbeRecord[]; state: EngineState } {
  if (session.treeVersion !== TREE_VERSION) {
    process.stderr.write(
      sanitize(
        `vpce-doctor: ${file} was recorded with decision tree v${session.treeVersion}; this is v${TREE_VERSION}. Replaying anyway.\n`,
      ),
    );
  }
  const answers = session.answers as Answers;
  const records = session.probes as ProbeRecord[];
  return { answers, records, state: start({}, { modules: MODULES, presets: answers, settings: session.settings }) };
}

/** An answer the recording lacks or the engine refuses, as the user's mistake naming the file. */
export function replayError(err: unknown, file: string): unknown {
  if (err instanceof MissingAnswerError) {
    return new UsageError(
      `${file} has no answer for "${err.question}": it was recorded by a different version of the decision tree`,
      err.question,
    );
  }
  if (err instanceof InvalidAnswerError)
    return new UsageError(`${file}: answers.${err.question}: ${err.message}`, err.question);
  return err;
}

/** After the engine: a probe result the recording lacks is refused; else the exit code (and the report, unless on screen). */
export function replayEnd(
  state: EngineState,
  probes: RecordedProbes,
  file: string,
  flags: Flags,
  format: OutputFormat,
  print: boolean,
): number {
  if (probes.missing.length > 0) {
    throw new UsageError(
      `${file} does not hold every probe result this version needs (first missing: ${probes.missing[0]}); record the session again`,
    );
  }
  if (state.view.kind !== 'done') return EXIT.interrupted;
  const outcome = state.view.outcome;
  if (outcome.inputError !== undefined)
    process.stderr.write(
      sanitize(`vpce-doctor: ${outcome.inputError.message} (answer "${outcome.inputError.question}")`) + '\n',
    );
  if (print) printReport(outcome, state, format, flags.verbose, { ascii: flags.ascii });
  return exitCodeOf(outcome, failOnOf(flags));
}

/** The whole replay without a terminal: the report on stdout, the exit code returned. */
export async function replayReport(
  session: SessionFile,
  file: string,
  flags: Flags,
  format: OutputFormat,
): Promise<number> {
  const { answers, records, state: first } = replayStart(session, file);
  const probes = new RecordedProbes(records, 0);
  let state = first;
  try {
    state = await drive(state, new AnswersFileAsker(answers), probes, {
      onState: (s) => {
        state = s;
      },
    });
  } catch (err) {
    throw replayError(err, file);
  }
  return replayEnd(state, probes, file, flags, format, true);
}
