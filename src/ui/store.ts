// The wizard's state outside React: the engine state the driver reports, the transcript of
// what happened, and the question waiting for the user. The view subscribes to it; the
// driver's asker is backed by it. No Ink import here.
import type { AskResult, Asker } from '../engine/driver.js';
import type { EngineState } from '../engine/machine.js';
import { QUESTIONS, type Option, type QuestionSpec } from '../engine/questions.js';
import { probeCallId, type ProbeRecord, type ProbeRequest } from '../probes/contract.js';
import { identityLine } from '../report/identity.js';

export type TranscriptItem =
  | { kind: 'answer'; id: string; prompt: string; value: string }
  | { kind: 'probe'; id: string; label: string; status: 'ok' | 'denied' | 'error'; detail: string };

export interface WizardSnapshot {
  engine: EngineState;
  running: readonly ProbeRequest[];
  transcript: readonly TranscriptItem[];
  /** The question the user is being asked now (live mode). */
  asking: { question: QuestionSpec; options: readonly Option[]; error?: string } | undefined;
  /** Replay: the recorded answer being shown as chosen. */
  choosing: { question: QuestionSpec; value: string } | undefined;
  finished: boolean;
}

export function probeLabel(request: ProbeRequest): string {
  const parts = Object.values(request.input as Record<string, unknown>).flatMap((v) =>
    typeof v === 'string' || typeof v === 'number'
      ? [String(v)]
      : Array.isArray(v)
        ? v.filter((x): x is string => typeof x === 'string')
        : [],
  );
  return parts.length > 0 ? `${request.key} ${parts.join(' ')}` : request.key;
}

export class WizardStore implements Asker {
  private snapshot: WizardSnapshot;
  private readonly listeners = new Set<() => void>();
  private resolveAsk: ((r: AskResult) => void) | undefined;
  private counter = 0;

  constructor(engine: EngineState) {
    this.snapshot = { engine, running: [], transcript: [], asking: undefined, choosing: undefined, finished: false };
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

  onState = (engine: EngineState, running: readonly ProbeRequest[]): void => {
    const before = this.snapshot.engine.trail;
    const transcript = [...this.snapshot.transcript];
    if (engine.trail.length > before.length) {
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
      }
    } else if (engine.trail.length < before.length) {
      const undone = before[before.length - 1];
      transcript.push({ kind: 'answer', id: `a${this.counter++}`, prompt: '← back', value: undone ?? '' });
    }
    this.update({ engine, running, transcript });
  };

  onProbeDone = (record: ProbeRecord): void => {
    const o = record.outcome;
    const detail = o.status === 'ok' ? 'done' : o.status === 'denied' ? `access denied (needs ${o.action})` : o.message;
    // Who is asking goes at the top of the transcript, as soon as it is known.
    const label =
      record.key === 'sts.caller-identity' && o.status === 'ok'
        ? `signed in as ${identityLine({ results: { [probeCallId(record)]: record } })}`
        : probeLabel(record);
    this.update({
      transcript: [
        ...this.snapshot.transcript,
        { kind: 'probe', id: `p${this.counter++} ${probeCallId(record)}`, label, status: o.status, detail },
      ],
    });
  };

  /** Replay: show the recorded answer being chosen. */
  onChoose = (question: QuestionSpec, value: string): void => {
    this.update({ choosing: { question, value } });
  };

  /** The driver asks; the view answers through answer()/back(). */
  ask(question: QuestionSpec, options: readonly Option[], state: EngineState): Promise<AskResult> {
    const error = state.view.kind === 'question' ? state.view.error : undefined;
    this.update({ asking: { question, options, ...(error ? { error } : {}) }, choosing: undefined });
    return new Promise((resolve) => {
      this.resolveAsk = resolve;
    });
  }

  answer(value: string): void {
    const asking = this.snapshot.asking;
    if (asking === undefined || this.resolveAsk === undefined) return;
    const resolve = this.resolveAsk;
    this.resolveAsk = undefined;
    this.update({ asking: undefined });
    resolve({ type: 'answer', value });
  }

  back(): void {
    if (this.resolveAsk === undefined) return;
    const resolve = this.resolveAsk;
    this.resolveAsk = undefined;
    this.update({ asking: undefined });
    resolve({ type: 'back' });
  }

  finish(engine: EngineState): void {
    this.update({ engine, running: [], asking: undefined, choosing: undefined, finished: true });
  }
}
