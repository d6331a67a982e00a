// Replay: the recorded answers and probe results through the same engine and UI, with no AWS
// client. In a terminal it plays the session at a readable pace; otherwise (or with --json)
// it prints the report only.
import { loadSession } from '../session/files.js';
import { RecordedProbes } from '../session/recorded.js';
import { AnswersFileAsker } from '../session/answers-file-asker.js';
import { EXIT } from './exit-codes.js';
import { sanitize } from '../report/sanitize.js';
import { terminalSupportsPrompting } from './terminal.js';
import type { Flags, OutputFormat } from './flags.js';
import { pinColourForInk } from './colour.js';
import { replayEnd, replayError, replayReport, replayStart } from './replay-report.js';

const DEFAULT_PACE_MS = 450;

export async function runReplay(file: string, flags: Flags, format: OutputFormat): Promise<number> {
  const session = await loadSession(file);
  const animate = format === 'text' && terminalSupportsPrompting();
  if (!animate) return replayReport(session, file, flags, format);
  const { answers, records, state: first } = replayStart(session, file);
  const pace = flags.pace ?? DEFAULT_PACE_MS;
  const probes = new RecordedProbes(records, Math.round(pace / 3));
  let state = first;

  try {
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
  } catch (err) {
    throw replayError(err, file);
  }
  // The verdict screen has shown the report and stays on screen.
  return replayEnd(state, probes, file, flags, format, false);
}
