// The wizard's state outside React: the header, the transcript of answers and finished
// layers, the question on screen (a picker reducer), the live checklist and the verdict
// screen. Keys come in one at a time through `key()`; a key that arrives while nothing can
// take it (probes running, a list loading, an answer being checked) waits in a queue for the
// next question. The driver's asker is backed by it. No Ink import here.
import type { AskResult, Asker } from '../engine/driver.js';
import type { EngineState } from '../engine/machine.js';
import type { Check } from '../findings/types.js';
import { QUESTIONS, type Option, type QuestionSpec } from '../engine/questions.js';
import type { Answers, QuestionId } from '../path/answers.js';
import { okValue } from '../path/context.js';
import { probeCallId, type ProbeRecord, type ProbeRequest, type ProbeSource } from '../probes/contract.js';
import { changesBetween, checklist, type GroupView } from './checklist.js';
import type { Key } from './keys.js';
import { initialPicker, reducePicker, type PickItem, type PickerState } from './picker.js';
import { reduceReplay, reduceVerdict, type ReplayState, type VerdictState } from './verdict-keys.js';

export interface Header {
  account?: string;
  principal?: string;
  region?: string;
  profile?: string;
  /** Replay: what is being replayed. */
  title?: string;
}

/** What a typed answer stands for once checked: the value to give, and answers for the questions it settles. */
export type Verified = { ok: true; value: string; then?: Answers; note?: string } | { ok: false; error: string };

/** What the wizard asks of the outside (the cli wires these to read-only probes and files). */
export interface WizardServices {
  /** Pick lists built from the account for a question; undefined keeps the question's own options. */
  choices?(question: QuestionId, answers: Answers): Promise<PickItem[] | undefined>;
  /** A typed answer must exist: null/ok when it does, the reason when not. */
  verify?(question: QuestionId, value: string, answers: Answers): Promise<Verified>;
  /** Verdict screen: write the session, the Markdown report, copy the fixes; each says what it did. */
  save?(state: EngineState): Promise<string>;
  markdown?(state: EngineState): Promise<string>;
  copy?(commands: readonly string[]): Promise<string>;
  /** Replay has no live probes: `r` says how to run the answers live. */
  rerunHint?: string;
  /** Replay: `r` offers to run the recorded answers live, in the same screen (after a y). */
  goLive?: GoLive;
}

/** Replay's way to the account: the confirm line, and the sign-in that yields a live probe source. */
export interface GoLive {
  /** The confirm line, naming profile and Region ("… against AWS now (…)? y/n"). */
  question: string;
  /** Sign in; a refusal rejects with the reason (shown on the verdict screen, the replay stays). */
  start(): Promise<LiveStart>;
}

export interface LiveStart {
  probes: ProbeSource;
  header?: Header;
  /** Save, Markdown and copy for the live run (the recording is not overwritten). */
  services?: Pick<WizardServices, 'save' | 'markdown' | 'copy'>;
}

export type TranscriptItem =
  | { kind: 'answer'; id: string; prompt: string; value: string }
  | { kind: 'group'; id: string; view: GroupView }
  | { kind: 'note'; id: string; text: string };

export interface Asking {
  question: QuestionSpec;
  picker: PickerState;
  /** The pick list is being read from the account. */
  loading: boolean;
}

export type Phase = 'running' | 'verdict' | 'interrupted' | 'quit';

export interface Change {
  id: string;
  from: Check['status'] | 'absent';
  to: Check['status'] | 'absent';
  detail: string;
}

export interface WizardSnapshot {
  header: Header;
  engine: EngineState;
  running: readonly ProbeRequest[];
  /** When each running probe started (ms), so a slow one can say so. */
  startedAt: Readonly<Record<string, number>>;
  transcript: readonly TranscriptItem[];
  groups: readonly GroupView[];
  asking: Asking | undefined;
  /** Replay: the recorded answer being shown as chosen. */
  choosing: { question: QuestionSpec; value: string } | undefined;
  verdict: VerdictState | undefined;
  /** After a re-run: the checks whose status moved. */
  changes: readonly Change[] | undefined;
  replay: ReplayState | undefined;
  phase: Phase;
  /** Probe calls made so far (quitting after them asks first). */
  probesRan: number;
  run: number;
  finished: boolean;
}

/** Questions whose list is read from the account when a service can. */
const FROM_ACCOUNT: ReadonlySet<QuestionId> = new Set(['region', 'service', 'source.id', 'vpc']);

/** Questions that take a typed answer beside their list (checked when entered). */
const TYPED_TOO: ReadonlySet<QuestionId> = new Set([
  'region',
  'service',
  'source.kind',
  'source.id',
  'vpc',
  'endpoint',
]);

export class WizardStore implements Asker {
  private snapshot: WizardSnapshot;
  private readonly listeners = new Set<() => void>();
  private resolveAsk: ((r: AskResult) => void) | undefined;
  private resolveVerdict: ((a: 'rerun' | 'quit') => void) | undefined;
  private readonly queue: Key[] = [];
  private counter = 0;
  /** The last answer given to each question: preselected when it is asked again (back). */
  private readonly previous: Partial<Record<QuestionId, string>> = {};
  /** Answers a checked typed answer settled (an IP → source.kind and source.id). */
  private auto: Answers = {};
  private emitted = new Set<string>();
  private replayWaiters: (() => void)[] = [];
  private choicesCache = new Map<string, Promise<PickItem[] | undefined>>();
  /** Set by rerunning(): the next engine state is a new run's first. */
  private restarted = false;
  /** Replay gone live: the probe source the next run uses (taken once by the loop). */
  private liveProbes: ProbeSource | undefined;

  constructor(
    engine: EngineState,
    private services: WizardServices = {},
    header: Header = {},
    options: { replay?: boolean } = {},
  ) {
    this.snapshot = {
      header: { ...header, ...(engine.answers.region !== undefined ? { region: engine.answers.region } : {}) },
      engine,
      running: [],
      startedAt: {},
      transcript: [],
      groups: [],
      asking: undefined,
      choosing: undefined,
      verdict: undefined,
      changes: undefined,
      replay: options.replay === true ? { paused: false, steps: 0 } : undefined,
      phase: 'running',
      probesRan: 0,
      run: 1,
      finished: false,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): WizardSnapshot => this.snapshot;

  private update(patch: Partial<WizardSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  private push(...items: TranscriptItem[]): TranscriptItem[] {
    return [...this.snapshot.transcript, ...items];
  }

  // ── driver hooks ────────────────────────────────────────────────────────────

  onState = (engine: EngineState, running: readonly ProbeRequest[]): void => {
    const before = this.snapshot.engine.trail;
    let transcript = [...this.snapshot.transcript];
    let choosing = this.snapshot.choosing;
    // A re-run starts from the answers again: its shorter trail is no step back.
    const restarted = this.restarted;
    this.restarted = false;
    if (restarted) {
      // nothing answered or undone: the same answers, probed again
    } else if (engine.trail.length > before.length) {
      // An answer the engine accepted (typed, chosen or replayed) joins the transcript.
      const id = engine.trail[engine.trail.length - 1];
      if (id !== undefined) {
        const value = engine.answers[id] ?? '';
        transcript.push({
          kind: 'answer',
          id: `a${this.counter++}`,
          prompt: QUESTIONS[id].prompt,
          value: value === '' ? '(none)' : value,
        });
        choosing = undefined;
      }
    } else if (engine.trail.length < before.length) {
      const undone = before[before.length - 1];
      if (undone !== undefined)
        transcript.push({ kind: 'note', id: `n${this.counter++}`, text: `← back to: ${QUESTIONS[undone].prompt}` });
    }
    const now = Date.now();
    const startedAt: Record<string, number> = {};
    for (const r of running) {
      const id = probeCallId(r);
      startedAt[id] = this.snapshot.startedAt[id] ?? now;
    }
    const groups = checklist(engine, running);
    for (const g of groups) {
      if (!g.done || g.lines.length === 0 || this.emitted.has(g.group)) continue;
      // A finished layer scrolls into the transcript; the live region stays small.
      this.emitted.add(g.group);
      transcript = [...transcript, { kind: 'group', id: `g${this.counter++}`, view: g }];
    }
    const region = engine.answers.region ?? this.snapshot.header.region;
    this.update({
      engine,
      running,
      startedAt,
      transcript,
      choosing,
      groups: groups.filter((g) => !this.emitted.has(g.group)),
      header: { ...this.snapshot.header, ...(region !== undefined ? { region } : {}), ...this.identityFrom(engine) },
    });
  };

  private identityFrom(engine: EngineState): Partial<Header> {
    const record = engine.results[probeCallId({ key: 'sts.caller-identity', input: {} })];
    const id = record && record.key === 'sts.caller-identity' ? okValue(record.outcome) : undefined;
    return id ? { account: id.Account, principal: id.Arn } : {};
  }

  onProbeDone = (_record: ProbeRecord): void => {
    this.update({ probesRan: this.snapshot.probesRan + 1 });
  };

  /** Replay: show the recorded answer being chosen. */
  onChoose = (question: QuestionSpec, value: string): void => {
    this.update({ choosing: { question, value } });
  };

  // ── the asker ───────────────────────────────────────────────────────────────

  ask(question: QuestionSpec, options: readonly Option[], state: EngineState): Promise<AskResult> {
    const error = state.view.kind === 'question' ? state.view.error : undefined;
    const promise = new Promise<AskResult>((resolve) => {
      this.resolveAsk = resolve;
    });
    const auto = this.auto[question.id];
    if (auto !== undefined && error === undefined) {
      delete this.auto[question.id];
      this.previous[question.id] = auto;
      this.settle({ type: 'answer', value: auto });
      return promise;
    }
    this.auto = {};
    const items: PickItem[] = options.map((o) => ({ value: o.value, label: o.label }));
    const allowOther = TYPED_TOO.has(question.id) || question.allowOther === true;
    const previous = this.previous[question.id];
    const loading = this.services.choices !== undefined && FROM_ACCOUNT.has(question.id);
    this.update({
      asking: { question, picker: initialPicker(items, allowOther, previous, error), loading },
      choosing: undefined,
    });
    if (loading) void this.loadChoices(question, items, allowOther, previous, error, state.answers);
    else this.drain();
    return promise;
  }

  private async loadChoices(
    question: QuestionSpec,
    fallback: PickItem[],
    allowOther: boolean,
    previous: string | undefined,
    error: string | undefined,
    answers: Answers,
  ): Promise<void> {
    const cacheKey = `${question.id} ${answers.region ?? ''} ${answers['source.kind'] ?? ''}`;
    let pending = this.choicesCache.get(cacheKey);
    if (pending === undefined) {
      pending = (this.services.choices?.(question.id, answers) ?? Promise.resolve(undefined)).catch(() => undefined);
      this.choicesCache.set(cacheKey, pending);
    }
    const items = (await pending) ?? fallback;
    const asking = this.snapshot.asking;
    if (asking?.question.id !== question.id || !asking.loading) return;
    const picker = initialPicker(items, allowOther, previous, error);
    this.update({ asking: { ...asking, loading: false, picker: { ...picker, showWhy: asking.picker.showWhy } } });
    this.drain();
  }

  private settle(result: AskResult): void {
    const resolve = this.resolveAsk;
    if (resolve === undefined) return;
    this.resolveAsk = undefined;
    this.update({ asking: undefined });
    resolve(result);
  }

  // ── keys ────────────────────────────────────────────────────────────────────

  /** One key from the terminal: applied now, or kept for the next question. */
  key = (key: Key): void => {
    if (key.name === 'ctrl-c') {
      this.interrupt();
      return;
    }
    const snap = this.snapshot;
    if (snap.phase !== 'running' && snap.phase !== 'verdict') return;
    if (snap.replay !== undefined && snap.phase === 'running') {
      const [replay, action] = reduceReplay(snap.replay, key);
      this.update({ replay });
      if (action === 'quit') this.quit();
      this.wakeReplay();
      return;
    }
    this.queue.push(key);
    this.drain();
  };

  /** Apply queued keys while something on screen can take them. */
  private drain(): void {
    while (this.queue.length > 0) {
      const snap = this.snapshot;
      const asking = snap.asking;
      if (asking !== undefined && !asking.loading && !asking.picker.checking && this.resolveAsk !== undefined) {
        this.applyPicker(asking, this.queue.shift() as Key);
        continue;
      }
      if (snap.phase === 'verdict' && snap.verdict !== undefined && !snap.verdict.busy) {
        this.applyVerdict(snap.verdict, this.queue.shift() as Key);
        continue;
      }
      return;
    }
  }

  private applyPicker(asking: Asking, key: Key): void {
    const [picker, effect] = reducePicker(asking.picker, key, this.snapshot.probesRan > 0);
    this.update({ asking: { ...asking, picker } });
    switch (effect.type) {
      case 'none':
        return;
      case 'quit':
        this.quit();
        return;
      case 'back':
        this.settle({ type: 'back' });
        return;
      case 'submit':
        this.submit(asking.question, effect.value, effect.typed);
        return;
      default: {
        const never: never = effect;
        return never;
      }
    }
  }

  private submit(question: QuestionSpec, value: string, typed: boolean): void {
    const answers = this.snapshot.engine.answers;
    const verify = this.services.verify;
    if (!typed || verify === undefined || value === '') {
      this.previous[question.id] = value;
      this.settle({ type: 'answer', value });
      return;
    }
    // A typed answer is checked first (shape, then that it exists): refused on the spot, the question stays.
    const asking = this.snapshot.asking;
    if (asking === undefined) return;
    this.update({ asking: { ...asking, picker: { ...asking.picker, checking: true } } });
    void verify(question.id, value, answers).then(
      (result) => this.verified(question, value, result),
      (err: unknown) =>
        this.verified(question, value, { ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  }

  private verified(question: QuestionSpec, typed: string, result: Verified): void {
    const asking = this.snapshot.asking;
    if (asking?.question.id !== question.id) return;
    if (!result.ok) {
      this.update({ asking: { ...asking, picker: { ...asking.picker, checking: false, error: result.error } } });
      this.drain();
      return;
    }
    this.previous[question.id] = result.ok && result.then !== undefined ? typed : result.value;
    this.auto = { ...(result.then ?? {}) };
    if (result.note !== undefined)
      this.update({ transcript: this.push({ kind: 'note', id: `n${this.counter++}`, text: result.note }) });
    this.settle({ type: 'answer', value: result.value });
  }

  private applyVerdict(verdict: VerdictState, key: Key): void {
    const [next, action] = reduceVerdict(verdict, key);
    this.update({ verdict: next });
    const state = this.snapshot.engine;
    const act = (work: Promise<string> | undefined, missing: string): void => {
      if (work === undefined) {
        this.update({ verdict: { ...next, message: missing } });
        return;
      }
      this.update({ verdict: { ...next, busy: true } });
      void work.then(
        (message) => this.update({ verdict: { ...next, busy: false, message } }),
        (err: unknown) =>
          this.update({
            verdict: { ...next, busy: false, message: `failed: ${err instanceof Error ? err.message : String(err)}` },
          }),
      );
    };
    switch (action) {
      case 'none':
        return;
      case 'quit':
        this.quit();
        return;
      case 'rerun':
        if (this.services.goLive !== undefined) {
          this.update({ verdict: { ...next, confirmLive: this.services.goLive.question } });
          return;
        }
        if (this.services.rerunHint !== undefined) {
          this.update({ verdict: { ...next, message: this.services.rerunHint } });
          return;
        }
        this.resolveVerdict?.('rerun');
        return;
      case 'live':
        this.goLive(next);
        return;
      case 'copy':
        act(this.services.copy?.(fixCommands(state)), 'copying is not available here');
        return;
      case 'save':
        act(this.services.save?.(state), 'saving is not available here');
        return;
      case 'markdown':
        act(this.services.markdown?.(state), 'the Markdown report is not available here');
        return;
      default: {
        const never: never = action;
        return never;
      }
    }
  }

  /** Replay's `r`, confirmed: sign in, then the loop runs the same answers against the account. */
  private goLive(next: VerdictState): void {
    const live = this.services.goLive;
    if (live === undefined) return;
    this.update({ verdict: { ...next, busy: true, message: 'Signing in to run the recorded answers live…' } });
    live.start().then(
      (started) => {
        const { goLive: _done, rerunHint: _hint, ...rest } = this.services;
        this.services = { ...rest, ...(started.services ?? {}) };
        this.liveProbes = started.probes;
        this.update({
          replay: undefined,
          header: { ...this.snapshot.header, ...(started.header ?? {}) },
          verdict: { ...next, busy: false, message: undefined },
        });
        this.resolveVerdict?.('rerun');
      },
      (err: unknown) =>
        this.update({
          verdict: {
            ...next,
            busy: false,
            message: `Not run live: ${err instanceof Error ? err.message : String(err)}`,
          },
        }),
    );
  }

  /** The live probe source replay switched to, once: the loop probes with it from now on. */
  takeLiveProbes(): ProbeSource | undefined {
    const probes = this.liveProbes;
    this.liveProbes = undefined;
    return probes;
  }

  // ── replay pacing ───────────────────────────────────────────────────────────

  /** Replay: resolves when the player may take the next step (not paused, or → pressed). */
  replayGate = async (): Promise<void> => {
    for (;;) {
      const r = this.snapshot.replay;
      if (r === undefined || !r.paused || this.snapshot.phase !== 'running') return;
      if (r.steps > 0) {
        this.update({ replay: { ...r, steps: r.steps - 1 } });
        return;
      }
      await new Promise<void>((resolve) => this.replayWaiters.push(resolve));
    }
  };

  private wakeReplay(): void {
    const waiters = this.replayWaiters;
    this.replayWaiters = [];
    for (const w of waiters) w();
  }

  // ── the end of a run ────────────────────────────────────────────────────────

  /** The run reached its verdict: the screen stays until `q` (or `r` starts another run). */
  finish(engine: EngineState): Promise<'rerun' | 'quit'> {
    this.onState(engine, []);
    this.update({
      engine,
      running: [],
      asking: undefined,
      choosing: undefined,
      phase: 'verdict',
      verdict: { showPassed: this.snapshot.verdict?.showPassed ?? false, busy: false },
      finished: true,
    });
    const promise = new Promise<'rerun' | 'quit'>((resolve) => {
      this.resolveVerdict = resolve;
    });
    this.drain();
    return promise;
  }

  /** A re-run starts: the checks of the last run are kept to say what changed. */
  rerunning(live = false): readonly Check[] {
    const engine = this.snapshot.engine;
    const before = engine.view.kind === 'done' ? engine.view.outcome.report.checks : [];
    this.emitted = new Set();
    this.resolveVerdict = undefined;
    this.restarted = true;
    this.update({
      phase: 'running',
      verdict: { showPassed: this.snapshot.verdict?.showPassed ?? false, busy: true },
      run: this.snapshot.run + 1,
      finished: false,
      changes: undefined,
      transcript: this.push({
        kind: 'note',
        id: `n${this.counter++}`,
        text: live
          ? `Run ${this.snapshot.run + 1}: the recorded answers, probed live against the account`
          : `Re-run ${this.snapshot.run + 1}: probing again with the same answers`,
      }),
    });
    return before;
  }

  rerunDone(before: readonly Check[], engine: EngineState): void {
    const after = engine.view.kind === 'done' ? engine.view.outcome.report.checks : [];
    this.update({ changes: changesBetween(before, after) });
  }

  quit(): void {
    this.update({ phase: 'quit', asking: undefined });
    this.resolveVerdict?.('quit');
    this.wakeReplay();
  }

  /** Ctrl+C: the view drops its spinners, the caller saves what is known and exits 130. */
  interrupt(): void {
    this.update({ phase: 'interrupted', asking: undefined, running: [], groups: [] });
    this.resolveVerdict?.('quit');
    this.wakeReplay();
  }
}

/** The fix commands of every finding, in path order, as shell lines. */
export function fixCommands(state: EngineState): string[] {
  if (state.view.kind !== 'done') return [];
  return state.view.outcome.report.findings.flatMap((f) => f.fix.commands.map(commandText));
}

/** One fix command as the shell line to run: the one place that knows a command's shape. */
export function commandText(command: unknown): string {
  if (typeof command === 'string') return command;
  if (command !== null && typeof command === 'object' && 'line' in command && typeof command.line === 'string')
    return command.line;
  return String(command);
}
