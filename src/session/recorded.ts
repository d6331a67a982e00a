// Replay: answers and probe results come from a session file; no AWS client is created.
// Strict by default: a probe the recording does not hold is a mismatch the CLI reports.
import type { Asker, AskResult } from '../engine/driver.js';
import type { EngineState } from '../engine/machine.js';
import type { Option, QuestionSpec } from '../engine/questions.js';
import type { Answers } from '../path/answers.js';
import {
  probeCallId,
  type ProbeInput,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeOutput,
  type ProbeRecord,
  type ProbeSource,
} from '../probes/catalog.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class RecordedProbes implements ProbeSource {
  private readonly byId = new Map<string, ProbeRecord>();
  readonly missing: string[] = [];

  constructor(
    records: readonly ProbeRecord[],
    private readonly delayMs = 0,
  ) {
    for (const r of records) this.byId.set(probeCallId(r), r);
  }

  async run<K extends ProbeKey>(request: { key: K; input: ProbeInput<K> }): Promise<ProbeOutcome<ProbeOutput<K>>> {
    if (this.delayMs > 0) await sleep(this.delayMs);
    const id = probeCallId(request);
    const record = this.byId.get(id);
    if (record === undefined) {
      this.missing.push(id);
      return { status: 'error', message: `not in the recording: ${id}` };
    }
    return record.outcome as ProbeOutcome<ProbeOutput<K>>;
  }
}

/** Answers from a file or a recording; a question it has no answer for is an error naming the id. */
export class MissingAnswerError extends Error {
  constructor(readonly question: string) {
    super(`no answer for "${question}"`);
  }
}

/** The answer a file gave did not validate: asking again would loop, so stop and name it. */
export class InvalidAnswerError extends Error {
  constructor(
    readonly question: string,
    message: string,
  ) {
    super(message);
  }
}

export class FixedAsker implements Asker {
  constructor(
    private readonly answers: Answers,
    private readonly delayMs = 0,
    private readonly onChoose?: (question: QuestionSpec, value: string) => void,
  ) {}

  async ask(question: QuestionSpec, _options: readonly Option[], state: EngineState): Promise<AskResult> {
    if (state.view.kind === 'question' && state.view.error !== undefined)
      throw new InvalidAnswerError(question.id, state.view.error);
    const value = this.answers[question.id];
    if (value === undefined) throw new MissingAnswerError(question.id);
    if (this.delayMs > 0) {
      this.onChoose?.(question, value);
      await sleep(this.delayMs);
    }
    return { type: 'answer', value };
  }
}
