// The one loop every mode runs: take the engine's view, get an answer from the asker or
// results from the probe source, feed them back as events. Interactive, answers-file and
// replay differ only in the asker and the probe source plugged in here.
import {
  probeCallId,
  type ProbeOutcome,
  type ProbeRecord,
  type ProbeRequest,
  type ProbeSource,
} from '../probes/contract.js';
import { transition, type EngineState } from './machine.js';
import type { QuestionSpec, Option } from './questions.js';

export type AskResult = { type: 'answer'; value: string } | { type: 'back' } | { type: 'restart' };

export interface Asker {
  ask(question: QuestionSpec, options: readonly Option[], state: EngineState): Promise<AskResult>;
}

export interface DriveHooks {
  /** Every new engine state, and the probe calls running at that moment. */
  onState?: (state: EngineState, running: readonly ProbeRequest[]) => void;
  onProbeDone?: (record: ProbeRecord) => void;
}

/** At most this many AWS calls in flight: enough to overlap latency, few enough not to be throttled. */
const MAX_IN_FLIGHT = 6;

async function runSafely(probes: ProbeSource, request: ProbeRequest): Promise<ProbeRecord> {
  let outcome: ProbeOutcome<unknown>;
  try {
    outcome = await probes.run(request);
  } catch (err) {
    outcome = { status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  return { ...request, outcome } as ProbeRecord;
}

export async function drive(
  initial: EngineState,
  asker: Asker,
  probes: ProbeSource,
  hooks: DriveHooks = {},
): Promise<EngineState> {
  let state = initial;
  const inflight = new Map<string, { request: ProbeRequest; promise: Promise<ProbeRecord> }>();
  const running = (): ProbeRequest[] => [...inflight.values()].map((f) => f.request);
  hooks.onState?.(state, running());
  for (;;) {
    const view = state.view;
    if (view.kind === 'done' && inflight.size === 0) return state;
    if (view.kind === 'question' && inflight.size === 0) {
      const result = await asker.ask(view.question, view.options, state);
      state =
        result.type === 'answer'
          ? transition(state, { type: 'answer', question: view.question.id, value: result.value })
          : transition(state, { type: result.type });
      hooks.onState?.(state, running());
      continue;
    }
    if (view.kind === 'probing') {
      for (const request of view.pending) {
        if (inflight.size >= MAX_IN_FLIGHT) break;
        const id = probeCallId(request);
        if (!inflight.has(id)) inflight.set(id, { request, promise: runSafely(probes, request) });
      }
      hooks.onState?.(state, running());
    }
    if (inflight.size === 0) throw new Error('engine is waiting for probes but none are pending');
    const record = await Promise.race([...inflight.values()].map((f) => f.promise));
    inflight.delete(probeCallId(record));
    hooks.onProbeDone?.(record);
    state = transition(state, { type: 'probe-result', record });
    hooks.onState?.(state, running());
  }
}
