// The asker for runs that take no prompt: every answer comes from an --answers file (live) or
// from a recording (replay). A missing or invalid answer stops the run, naming the question.
import type { Asker, AskResult } from '../engine/driver.js';
import type { EngineState } from '../engine/machine.js';
import type { Option, QuestionSpec } from '../engine/questions.js';
import type { Answers } from '../path/answers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

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

/** Answers every question from a fixed set: an --answers file (live) or a recording's answers (replay). */
export class AnswersFileAsker implements Asker {
  constructor(
    private readonly answers: Answers,
    private readonly delayMs = 0,
    private readonly onChoose?: (question: QuestionSpec, value: string) => void,
  ) {}

  async ask(question: QuestionSpec, _options: readonly Option[], state: EngineState): Promise<AskResult> {
    if (state.view.kind === 'question' && state.view.error !== undefined)
      throw new InvalidAnswerError(question.id, state.view.error);
    const given = this.answers[question.id];
    // An omittable question left out of the file is answered empty (see QuestionSpec.omittable).
    const value = given === undefined && question.omittable === true ? '' : given;
    if (value === undefined) throw new MissingAnswerError(question.id);
    if (this.delayMs > 0) {
      this.onChoose?.(question, value);
      await sleep(this.delayMs);
    }
    return { type: 'answer', value };
  }
}
