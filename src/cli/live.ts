// Live modes: interactive (the Ink wizard asks) and --answers (the file answers, never a
// prompt). Both probe the account read-only through the same engine.
import { drive } from '../engine/driver.js';
import { start, type EngineState } from '../engine/machine.js';
import type { Settings } from '../path/context.js';
import { isValidRegion, validateAnswers } from '../engine/questions.js';
import type { Answers } from '../path/answers.js';
import { UsageError } from '../errors.js';
import { loadAnswers, toSession, writeJson } from '../session/files.js';
import { AnswersFileAsker, InvalidAnswerError, MissingAnswerError } from '../session/answers-file-asker.js';
import { LiveProbes } from '../probes/live/aws.js';
import { resolveRegion } from '../probes/live/region.js';
import { EXIT } from './exit-codes.js';
import { exitCodeOf, printReport } from './finish.js';
import { materializeFixFiles } from './fix-files.js';
import type { Flags, OutputFormat } from './flags.js';
import { TOOL_VERSION } from './version.js';
import { isCi, terminalSupportsPrompting } from './terminal.js';
import { MODULES } from '../analysis/modules/index.js';

function missingAnswerMessage(question: string, state: EngineState): string {
  if (question === 'endpoint' && state.view.kind === 'question') {
    const ids = state.view.options.map((o) => o.value).filter((v) => v !== 'auto');
    return `the answers file has no answer for "endpoint", and several endpoints could carry this traffic (${ids.join(', ')}): add "endpoint": one of them, or "auto"`;
  }
  return `the answers file has no answer for "${question}", and vpce-doctor cannot discover it: add "${question}" to the answers`;
}

export async function runLive(flags: Flags, format: OutputFormat): Promise<number> {
  const startedAt = new Date();
  const interactive = flags.answers === undefined;
  if (interactive) {
    if (!terminalSupportsPrompting()) {
      const why = isCi() ? 'CI is set' : 'there is no terminal to ask questions in';
      throw new UsageError(`${why}: pass --answers FILE to run without prompts (vpce-doctor --help shows the format)`);
    }
    if (format !== 'text')
      throw new UsageError(
        `--${format === 'json' ? 'json' : 'output ' + format} needs --answers FILE (the report goes to stdout without the wizard)`,
      );
  }

  const seeded: Answers = flags.answers !== undefined ? await loadAnswers(flags.answers) : {};
  if (flags.region !== undefined) seeded.region = flags.region;
  const problems = validateAnswers(seeded);
  if (problems.length > 0) {
    throw new UsageError(
      problems.map((p) => `${flags.answers ? 'answers file: ' : ''}${p.message}`).join('\n'),
      problems[0]?.question,
    );
  }
  if (seeded.region === undefined) {
    const region = await resolveRegion(flags.profile);
    if (region !== undefined && isValidRegion(region)) seeded.region = region;
    else if (!interactive) {
      throw new UsageError('no Region: add "region" to the answers file, pass --region, or set AWS_REGION', 'region');
    }
  }

  const settings: Settings = {};
  if (flags.dnsServer !== undefined) {
    const { parseDnsServer, formatDnsServer } = await import('../probes/live/net-observe.js');
    const server = parseDnsServer(flags.dnsServer);
    if ('error' in server) throw new UsageError(`--dns-server: ${server.error}`);
    settings.dnsServer = formatDnsServer(server);
  }

  let state = start(seeded, { modules: MODULES, settings });
  const probes = new LiveProbes({
    region: () => state.answers.region ?? seeded.region ?? 'us-east-1',
    ...(flags.profile ? { profile: flags.profile } : {}),
  });

  if (interactive) {
    const { runWizard } = await import('../ui/run.js');
    const result = await runWizard({ initial: state, probes, mode: 'live' });
    if (result.interrupted) return EXIT.interrupted;
    state = result.state;
  } else {
    try {
      state = await drive(state, new AnswersFileAsker({}), probes, {
        onState: (s) => {
          state = s;
        },
      });
    } catch (err) {
      if (err instanceof MissingAnswerError)
        throw new UsageError(missingAnswerMessage(err.question, state), err.question);
      if (err instanceof InvalidAnswerError) throw new UsageError(`answers file: ${err.message}`, err.question);
      throw err;
    }
  }
  if (state.view.kind !== 'done') return EXIT.interrupted;
  const outcome = state.view.outcome;

  const session = toSession(state, outcome.report, { toolVersion: TOOL_VERSION, startedAt, finishedAt: new Date() });
  let savedTo: string | undefined;
  if (flags.save !== undefined) savedTo = flags.save;
  else if (interactive) {
    const { sessionPath } = await import('./session-dir.js');
    savedTo = await sessionPath(startedAt);
  }
  let report = outcome.report;
  let saveError: string | undefined;
  if (savedTo !== undefined) {
    try {
      await writeJson(savedTo, session);
      report = await materializeFixFiles(report, savedTo);
    } catch (err) {
      // The diagnosis stands; only the file is lost. Say so, and still print the report.
      saveError = `could not save the session to ${savedTo}: ${(err as Error).message}`;
      savedTo = undefined;
    }
  }

  if (outcome.inputError !== undefined) {
    process.stderr.write(`vpce-doctor: ${outcome.inputError.message} (answer "${outcome.inputError.question}")\n`);
  }
  if (interactive) {
    if (outcome.inputError === undefined)
      printReport({ ...outcome, report }, state, format, flags.verbose, { header: false });
  } else {
    printReport({ ...outcome, report }, state, format, flags.verbose);
    const unsaved = report.findings.some((f) => (f.fix.files ?? []).length > 0) && savedTo === undefined;
    if (unsaved)
      process.stderr.write(
        'Some fixes are documents (fix.files in --json output); pass --save FILE to write them next to the session.\n',
      );
  }
  if (savedTo !== undefined)
    process.stderr.write(`Session saved to ${savedTo}\n  replay it with: vpce-doctor replay ${savedTo}\n`);
  if (saveError !== undefined) {
    process.stderr.write(`vpce-doctor: ${saveError}\n`);
    // An explicit --save that failed is the user's file: bad input. The wizard's own folder is best effort.
    if (flags.save !== undefined) return EXIT.usage;
  }
  return exitCodeOf(outcome);
}
