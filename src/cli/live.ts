// Live modes: interactive (the Ink wizard asks) and --answers (the file answers, never a
// prompt). Both probe the account read-only through the same engine.
import { failOnOf } from './fail-on.js';
import { drive } from '../engine/driver.js';
import { start, type EngineState } from '../engine/machine.js';
import type { Settings } from '../path/context.js';
import { QUESTIONS, validateAnswers } from '../engine/questions.js';
import type { Answers } from '../path/answers.js';
import { SetupError, UsageError } from '../errors.js';
import { parseAnswersText, parseSessionText, toSession, writeJson } from '../session/files.js';
import { readFile } from 'node:fs/promises';
import type { Report } from '../engine/verdict.js';
import { AnswersFileAsker, InvalidAnswerError, MissingAnswerError } from '../session/answers-file-asker.js';
import { LiveProbes } from '../probes/live/aws.js';
import { resolveRegion } from '../probes/live/region.js';
import { credentialsProblem, findProfile, type ProfileFacts } from '../probes/live/credentials.js';
import { DEFAULT_CALL_LIMITS, type CallLimits } from '../probes/live/http.js';
import type { ProbeRequest } from '../probes/contract.js';
import { EXIT } from './exit-codes.js';
import { sanitize } from '../report/sanitize.js';
import { interruptMessage, setPartialSaver, type PartialSaver } from './signals.js';
import { savePartialSession } from './partial-session.js';
import { exitCodeOf, printReport } from './finish.js';
import { materializeFixFiles } from './fix-files.js';
import type { Flags, OutputFormat } from './flags.js';
import { TOOL_VERSION } from './version.js';
import { isCi, terminalSupportsPrompting } from './terminal.js';
import { MODULES } from '../analysis/modules/index.js';
import { CallerIdentitySchema } from '../probes/shapes.js';
import type { ProbeSource } from '../probes/contract.js';
import { pinColourForInk } from './colour.js';
import type { Check } from '../findings/types.js';

/** Default --timeout: long enough for a slow account, short enough for someone in an outage. */
export const DEFAULT_TIMEOUT_S = 90;

/** An attempt never uses more than a fifth of the run's time limit: a stalled call's 3 attempts leave room for the rest. */
function callLimits(deadlineMs: number): CallLimits {
  const fifth = Math.max(250, Math.floor(deadlineMs / 5));
  return {
    connectMs: Math.min(DEFAULT_CALL_LIMITS.connectMs, fifth),
    requestMs: Math.min(DEFAULT_CALL_LIMITS.requestMs, fifth),
  };
}

function missingAnswerMessage(question: string, state: EngineState): string {
  if (question === 'endpoint' && state.view.kind === 'question') {
    const ids = state.view.options.map((o) => o.value).filter((v) => v !== 'auto');
    return `the answers file has no answer for "endpoint", and several endpoints could carry this traffic (${ids.join(', ')}): add "endpoint": one of them, or "auto"`;
  }
  return `the answers file has no answer for "${question}", and vpce-doctor cannot discover it: add "${question}" to the answers`;
}

export interface LiveOptions {
  /** Answers known before the first question (whois hands an endpoint over). */
  seed?: Answers;
  /** `rerun`: the saved session's report, to say what changed since. */
  previous?: Report;
}

type WizardModules = [
  typeof import('./config.js'),
  typeof import('./session-dir.js'),
  typeof import('./wizard-choices.js'),
  typeof import('./wizard-files.js'),
  typeof import('../ui/glyphs.js'),
  typeof import('../ui/run.js'),
];

function loadWizardModules(): Promise<WizardModules> {
  return Promise.all([
    import('./config.js'),
    import('./session-dir.js'),
    import('./wizard-choices.js'),
    import('./wizard-files.js'),
    import('../ui/glyphs.js'),
    import('../ui/run.js'),
  ]);
}

/** An answers file, or a saved session whose answers run again (`--answers session.json`). */
export async function loadAnswersOrSession(path: string): Promise<{ answers: Answers; previous?: Report }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SetupError(
      code === 'ENOENT' ? `answers file ${path} does not exist` : `cannot read ${path}: ${(err as Error).message}`,
    );
  }
  let probe: unknown;
  try {
    probe = JSON.parse(text);
  } catch {
    probe = undefined;
  }
  if (probe !== null && typeof probe === 'object' && 'probes' in probe && 'report' in probe) {
    const session = parseSessionText(text, path);
    return { answers: session.answers as Answers, previous: session.report as Report };
  }
  return { answers: parseAnswersText(text, path) };
}

/** "✗ → ✓ gateway.route-table: …" lines: what a fix changed since the saved session. */
export function changeLines(before: readonly Check[], after: readonly Check[]): string[] {
  const prior = new Map(before.map((c) => [c.id, c.status]));
  const lines: string[] = [];
  for (const c of after) {
    const was = prior.get(c.id);
    if (was !== undefined && was !== c.status) lines.push(`  ${c.id}: ${was} → ${c.status}: ${c.detail}`);
  }
  return lines;
}

/**
 * One status line on stderr while nothing else can be drawn yet (a terminal only); the returned
 * function erases it, so the next screen starts where it stood.
 */
function statusLine(text: string): () => void {
  if (process.stderr.isTTY !== true) return () => undefined;
  process.stderr.write(sanitize(text));
  let shown = true;
  return () => {
    if (shown) process.stderr.write('\r\u001b[2K');
    shown = false;
  };
}

export async function runLive(flags: Flags, format: OutputFormat, options: LiveOptions = {}): Promise<number> {
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

  // The wizard's modules (Ink, React, the screens: the biggest part of its start-up) load while
  // the credentials are checked and the STS call is in flight, not after: the first frame comes
  // sooner. Ink's colour level is pinned before it loads.
  let wizardModules: Promise<WizardModules> | undefined;
  if (interactive) {
    pinColourForInk();
    wizardModules = loadWizardModules();
    // A failed sign-in never mounts the wizard: its rejection must not go unhandled meanwhile.
    wizardModules.catch(() => undefined);
  }

  const loaded = flags.answers !== undefined ? await loadAnswersOrSession(flags.answers) : undefined;
  const seeded: Answers = { ...(options.seed ?? {}), ...(loaded?.answers ?? {}) };
  const previous = options.previous ?? loaded?.previous;
  if (flags.region !== undefined) seeded.region = flags.region;
  const problems = validateAnswers(seeded);
  if (problems.length > 0) {
    throw new SetupError(
      problems.map((p) => `${flags.answers ? 'answers file: ' : ''}${p.message}`).join('\n'),
      problems[0]?.question,
    );
  }
  const profileName = flags.profile ?? (process.env.AWS_PROFILE || undefined);
  let profile: ProfileFacts | undefined;
  if (profileName !== undefined) {
    const found = await findProfile(profileName);
    if ('problem' in found) throw new SetupError(found.problem);
    profile = found;
  }
  if (seeded.region === undefined) {
    const region = await resolveRegion(flags.profile);
    if (region !== undefined) {
      const problem = QUESTIONS.region.validate(region, seeded);
      if (problem !== null)
        throw new SetupError(
          `${problem}; it came from AWS_REGION, AWS_DEFAULT_REGION or the profile's region`,
          'region',
        );
      seeded.region = region;
    } else if (!interactive) {
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
  const deadlineMs = (flags.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
  // One probe source per Region: going back and choosing another Region gets clients for it.
  const regionNow = (): string => state.answers.region ?? seeded.region ?? 'us-east-1';
  const byRegion = new Map<string, LiveProbes>();
  const probesIn = (region: string): LiveProbes => {
    let p = byRegion.get(region);
    if (p === undefined) {
      p = new LiveProbes({
        region: () => region,
        ...(flags.profile ? { profile: flags.profile } : {}),
        limits: callLimits(deadlineMs),
      });
      byRegion.set(region, p);
    }
    return p;
  };
  const live: ProbeSource & { waitingOn(r: ProbeRequest): readonly string[] } = {
    run: (request) => probesIn(regionNow()).run(request),
    prefetch: (requests) => probesIn(regionNow()).prefetch(requests),
    newRun: () => {
      for (const p of byRegion.values()) p.newRun();
    },
    waitingOn: (r) => probesIn(regionNow()).waitingOn(r),
  };
  const probes = probesIn(regionNow());
  // Credentials are checked once (sts:GetCallerIdentity, whose answer the walk's identity probe
  // shares): a problem is one message (exit 2), never a report of failed checks. The wizard checks
  // before any question (a failed sign-in stops there, with the fix); with an answers file the
  // check runs beside the first probes (src/engine/planner.ts, rule 1) and decides as soon as it fails.
  const checkStarted = Date.now();
  let identity: { account?: string; principal?: string } = {};
  const signInFailed = async (problem: string): Promise<SetupError> => {
    const { recallAccount } = await import('./config.js');
    const last = profileName === undefined ? recallAccount(undefined, flags.config).lastProfile : undefined;
    const where = [profileName !== undefined ? `profile ${profileName}` : undefined, seeded.region]
      .filter(Boolean)
      .join(', ');
    return new SetupError(
      `${interactive ? `sign-in failed${where !== '' ? ` (${where})` : ''}, before any question: ` : ''}${problem}${last !== undefined ? ` (last time the wizard ran with --profile ${last})` : ''}`,
    );
  };
  let credentialsCheck: Promise<string | null> = Promise.resolve(null);
  if (interactive) {
    try {
      // The credential chain's own calls (SSO, AssumeRole) are not under our handler: the time limit bounds them.
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
      // Something on the screen at once, while the credential chain and STS answer; gone before the wizard draws.
      const clearStatus = statusLine(
        `vpce-doctor · signing in${profileName !== undefined ? ` (profile ${profileName})` : ''}…`,
      );
      const who = await Promise.race([probes.preflight(), timeUp]).finally(() => {
        clearTimeout(timer);
        clearStatus();
      });
      const parsed = CallerIdentitySchema.safeParse(who);
      if (parsed.success) identity = { account: parsed.data.Account, principal: parsed.data.Arn };
    } catch (err) {
      const problem = credentialsProblem(err, profile);
      if (problem !== null) throw await signInFailed(problem);
    }
  } else if (seeded.region !== undefined) {
    credentialsCheck = probes.preflight({ besideEc2: true }).then(
      () => null,
      (err: unknown) => credentialsProblem(err, profile),
    );
  }
  const limits = {
    deadlineMs,
    spentMs: Date.now() - checkStarted,
    waitingOn: (r: ProbeRequest) => live.waitingOn(r),
  };

  // A signal mid-run saves what is known so far: to --save, or beside the wizard's sessions.
  const partial: PartialSaver = async (signal) => {
    const { sessionPath } = await import('./session-dir.js');
    const path = flags.save ?? (await sessionPath(startedAt)).replace(/\.json$/, '.interrupted.json');
    return savePartialSession(state, signal, path, startedAt);
  };
  setPartialSaver(partial);

  if (wizardModules !== undefined) {
    const [
      { recallAccount, rememberRun },
      { sessionPath },
      { wizardChoices },
      { wizardFiles },
      { wantsAscii },
      { runWizard },
    ] = await wizardModules;
    const memory = recallAccount(identity.account, flags.config);
    const sessionFile = flags.save ?? (await sessionPath(startedAt, flags.config));
    const result = await runWizard({
      initial: state,
      probes: live,
      mode: 'live',
      limits,
      header: { ...identity, ...(profileName !== undefined ? { profile: profileName } : {}) },
      services: {
        ...wizardChoices(live, { ...(memory.region ? { region: memory.region } : {}), sources: memory.sources }),
        ...wizardFiles(sessionFile, startedAt, (s) => process.stdout.write(s)),
      },
      ascii: wantsAscii(flags.ascii),
      onState: (s) => (state = s),
    });
    if (result.interrupted) {
      setPartialSaver(undefined);
      process.stderr.write(sanitize(await interruptMessage('SIGINT', partial)) + '\n');
      return EXIT.interrupted;
    }
    if (result.quitEarly) {
      setPartialSaver(undefined);
      process.stderr.write('vpce-doctor: quit before the verdict; nothing was saved\n');
      return EXIT.interrupted;
    }
    state = result.state;
    // The verdict screen's last line has no newline of its own.
    process.stderr.write('\n');
    const kind = state.answers['source.kind'];
    const id = state.answers['source.id'];
    rememberRun(
      identity.account,
      {
        ...(profileName !== undefined ? { profile: profileName } : {}),
        ...(state.answers.region !== undefined ? { region: state.answers.region } : {}),
        ...(kind !== undefined && id !== undefined ? { source: { kind, id } } : {}),
      },
      flags.config,
    );
  } else {
    const walk = drive(state, new AnswersFileAsker({}), live, {
      onState: (s) => {
        state = s;
      },
      ...limits,
    });
    const settled = walk.then(
      () => null,
      () => null,
    );
    const problem = await Promise.race([credentialsCheck, settled]);
    if (problem !== null) throw new SetupError(problem);
    try {
      state = await walk;
    } catch (err) {
      if (err instanceof MissingAnswerError)
        throw new UsageError(missingAnswerMessage(err.question, state), err.question);
      if (err instanceof InvalidAnswerError) throw new UsageError(`answers file: ${err.message}`, err.question);
      throw err;
    }
    // The walk waited for its identity probe, which shares the check: a failed check has settled by now.
    const late = await Promise.race([credentialsCheck, Promise.resolve(null)]);
    if (late !== null) throw new SetupError(late);
  }
  setPartialSaver(undefined);
  if (state.view.kind !== 'done') return EXIT.interrupted;
  const outcome = state.view.outcome;

  const session = toSession(state, outcome.report, { toolVersion: TOOL_VERSION, startedAt, finishedAt: new Date() });
  let savedTo: string | undefined;
  if (flags.save !== undefined) savedTo = flags.save;
  else if (interactive) {
    const { sessionPath } = await import('./session-dir.js');
    savedTo = await sessionPath(startedAt, flags.config);
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

  if (outcome.inputError !== undefined && !interactive) {
    process.stderr.write(
      sanitize(`vpce-doctor: ${outcome.inputError.message} (answer "${outcome.inputError.question}")`) + '\n',
    );
  }
  if (!interactive) {
    printReport({ ...outcome, report }, state, format, flags.verbose, { ascii: flags.ascii });
    if (previous !== undefined && format === 'text') {
      const lines = changeLines(previous.checks, report.checks);
      process.stderr.write(
        sanitize(
          lines.length === 0
            ? 'Since the saved session: no check changed.\n'
            : `Since the saved session:\n${lines.join('\n')}\n`,
        ),
      );
    }
    const unsaved = report.findings.some((f) => (f.fix.files ?? []).length > 0) && savedTo === undefined;
    if (unsaved)
      process.stderr.write(
        'Some fixes are documents (fix.files in --json output); pass --save FILE to write them next to the session.\n',
      );
  }
  if (savedTo !== undefined)
    process.stderr.write(sanitize(`Session saved to ${savedTo}\n  replay it with: vpce-doctor replay ${savedTo}\n`));
  if (saveError !== undefined) {
    process.stderr.write(`vpce-doctor: ${sanitize(saveError)}\n`);
    // An explicit --save that failed is the user's file: bad input. The wizard's own folder is best effort.
    if (flags.save !== undefined) return EXIT.usage;
  }
  return exitCodeOf(outcome, failOnOf(flags));
}
