// Replay: the recorded answers and probe results through the same engine and UI, with no AWS
// client. In a terminal it plays the session at a readable pace; otherwise (or with --json)
// it prints the report only.
import { failOnOf } from './fail-on.js';
import { drive } from '../engine/driver.js';
import { start, type EngineState } from '../engine/machine.js';
import type { Answers } from '../path/answers.js';
import { TREE_VERSION } from '../engine/tree.js';
import { UsageError } from '../errors.js';
import type { ProbeRecord } from '../probes/contract.js';
import { loadSession } from '../session/files.js';
import { RecordedProbes } from '../session/recorded.js';
import { AnswersFileAsker, InvalidAnswerError, MissingAnswerError } from '../session/answers-file-asker.js';
import { EXIT } from './exit-codes.js';
import { sanitize } from '../report/sanitize.js';
import { terminalSupportsPrompting } from './terminal.js';
import { exitCodeOf, printReport } from './finish.js';
import type { Flags, OutputFormat } from './flags.js';
import { MODULES } from '../analysis/modules/index.js';
import { pinColourForInk } from './colour.js';

const DEFAULT_PACE_MS = 450;

export async function runReplay(file: string, flags: Flags, format: OutputFormat): Promise<number> {
  const session = await loadSession(file);
  if (session.treeVersion !== TREE_VERSION) {
    process.stderr.write(
      sanitize(
        `vpce-doctor: ${file} was recorded with decision tree v${session.treeVersion}; this is v${TREE_VERSION}. Replaying anyway.\n`,
      ),
    );
  }
  const answers = session.answers as Answers;
  const records = session.probes as ProbeRecord[];
  const animate = format === 'text' && terminalSupportsPrompting();
  const pace = animate ? (flags.pace ?? DEFAULT_PACE_MS) : 0;
  const probes = new RecordedProbes(records, Math.round(pace / 3));
  let state: EngineState = start({}, { modules: MODULES, presets: answers, settings: session.settings });

  try {
    if (animate) {
      const { wizardFiles } = await import('./wizard-files.js');
      const { wantsAscii } = await import('../ui/glyphs.js');
      pinColourForInk();
      const { runWizard } = await import('../ui/run.js');
      const when = sanitize(session.finishedAt.slice(0, 16).replace('T', ' '));
      const files = wizardFiles(file, new Date(session.startedAt), (s) => process.stdout.write(s));
      const region = answers.region ?? session.region;
      const profile = flags.profile ?? (process.env.AWS_PROFILE || undefined);
      const result = await runWizard({
        initial: state,
        probes,
        mode: 'replay',
        asker: (store) => new AnswersFileAsker(answers, pace, store.onChoose),
        header: {
          title: `vpce-doctor replay · recorded ${when} UTC`,
          ...(session.identity?.Account ? { account: session.identity.Account } : {}),
          ...(session.identity?.Arn ? { principal: session.identity.Arn } : {}),
          ...(session.region ? { region: session.region } : {}),
        },
        services: {
          // The recording is the session: `s` names it; `m` and `c` write beside it.
          save: () => Promise.resolve(`This replay is ${file}; run its answers live again: vpce-doctor rerun ${file}`),
          markdown: files.markdown,
          copy: files.copy,
          rerunHint: `A replay has no live probes: run these answers against the account with vpce-doctor rerun ${file}`,
          // r offers to run the recorded answers live, here, after a y naming profile and Region.
          ...(region !== undefined
            ? {
                goLive: (await import('./go-live.js')).goLive({
                  region,
                  ...(profile !== undefined ? { profile } : {}),
                  timeoutMs: (flags.timeout ?? 90) * 1000,
                  useConfig: flags.config,
                  write: (s) => process.stdout.write(s),
                }),
              }
            : {}),
        },
        ascii: wantsAscii(flags.ascii),
      });
      if (result.interrupted || result.quitEarly) return EXIT.interrupted;
      state = result.state;
    } else {
      state = await drive(state, new AnswersFileAsker(answers), probes, {
        onState: (s) => {
          state = s;
        },
      });
    }
  } catch (err) {
    if (err instanceof MissingAnswerError) {
      throw new UsageError(
        `${file} has no answer for "${err.question}": it was recorded by a different version of the decision tree`,
        err.question,
      );
    }
    if (err instanceof InvalidAnswerError)
      throw new UsageError(`${file}: answers.${err.question}: ${err.message}`, err.question);
    throw err;
  }
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
  // In a terminal the verdict screen has shown the report and stays on screen.
  if (!animate) printReport(outcome, state, format, flags.verbose, { ascii: flags.ascii });
  return exitCodeOf(outcome, failOnOf(flags));
}
