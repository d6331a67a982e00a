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
import { anticipate } from './planner.js';
import type { QuestionSpec, Option } from './questions.js';

export type AskResult = { type: 'answer'; value: string } | { type: 'back' } | { type: 'restart' };

export interface Asker {
  ask(question: QuestionSpec, options: readonly Option[], state: EngineState): Promise<AskResult>;
}

export interface DriveHooks {
  /** Every new engine state, and the probe calls running at that moment. */
  onState?: (state: EngineState, running: readonly ProbeRequest[]) => void;
  onProbeDone?: (record: ProbeRecord) => void;
  /**
   * The time limit on probing, in ms (time spent waiting for the asker does not count). When it
   * passes, every running and pending probe becomes an error naming the limit: never a hang.
   */
  deadlineMs?: number;
  /** Probing time already spent before the loop (a credentials check), counted against deadlineMs. */
  spentMs?: number;
  /** What a running probe is waiting on (e.g. "ec2:DescribeVpcs (waited 6 s)"), for that error. */
  waitingOn?: (request: ProbeRequest) => readonly string[];
}

/**
 * At most this many probes in flight: every request of one step goes out together (a step asks
 * for up to about a dozen), still far below the EC2 request-rate limits.
 */
const MAX_IN_FLIGHT = 16;

async function runSafely(probes: ProbeSource, request: ProbeRequest): Promise<ProbeRecord> {
  let outcome: ProbeOutcome<unknown>;
  try {
    outcome = await probes.run(request);
  } catch (err) {
    outcome = { status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  return { ...request, outcome } as ProbeRecord;
}

function pastDeadline(request: ProbeRequest, deadlineMs: number, waiting: readonly string[]): ProbeRecord {
  const limit = `the ${Math.round(deadlineMs / 100) / 10} s time limit (--timeout)`;
  const message =
    waiting.length > 0
      ? `${waiting.join(', ')}: no answer before ${limit} passed`
      : `${request.key} could not finish before ${limit} passed`;
  return { ...request, outcome: { status: 'error', message } } as ProbeRecord;
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
  const deadlineMs = hooks.deadlineMs;
  let spentMs = hooks.spentMs ?? 0;
  let expired = false;
  hooks.onState?.(state, running());
  for (;;) {
    if (probes.prefetch !== undefined && !expired) probes.prefetch(anticipate(state));
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
        const id = probeCallId(request);
        if (inflight.has(id)) continue;
        if (expired && deadlineMs !== undefined) {
          inflight.set(id, { request, promise: Promise.resolve(pastDeadline(request, deadlineMs, [])) });
          continue;
        }
        if (inflight.size >= MAX_IN_FLIGHT) break;
        inflight.set(id, { request, promise: runSafely(probes, request) });
      }
      hooks.onState?.(state, running());
    }
    if (inflight.size === 0) throw new Error('engine is waiting for probes but none are pending');
    const records = await nextResults([...inflight.values()]);
    for (const record of records) {
      inflight.delete(probeCallId(record));
      hooks.onProbeDone?.(record);
      state = transition(state, { type: 'probe-result', record });
    }
    hooks.onState?.(state, running());
  }

  /** The next finished probe or, when the time limit passes first, every running probe as an error. */
  async function nextResults(
    flights: { request: ProbeRequest; promise: Promise<ProbeRecord> }[],
  ): Promise<ProbeRecord[]> {
    const first = Promise.race(flights.map((f) => f.promise));
    if (deadlineMs === undefined || expired) return [await first];
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<'time-up'>((resolve) => {
      timer = setTimeout(() => resolve('time-up'), Math.max(0, deadlineMs - spentMs));
    });
    try {
      const winner = await Promise.race([first, timeUp]);
      if (winner !== 'time-up') return [winner];
      expired = true;
      return flights.map((f) => pastDeadline(f.request, deadlineMs, hooks.waitingOn?.(f.request) ?? []));
    } finally {
      clearTimeout(timer);
      spentMs += Date.now() - started;
    }
  }
}
