// The end of every mode: print the report in the chosen format, write the session, pick the
// exit code. stdout carries the report only; messages go to stderr.
import type { EngineState, Outcome } from '../engine/machine.js';
import { renderJson, renderMarkdown, renderText } from '../report/render.js';
import { EXIT, exitFor, type ExitCode } from './exit-codes.js';
import type { OutputFormat } from './flags.js';
import { identityLine } from '../report/identity.js';

export function printReport(
  outcome: Outcome,
  state: EngineState,
  format: OutputFormat,
  verbose: boolean,
  options: { header?: boolean } = {},
): void {
  // After the wizard the identity line is already on screen: no second header.
  const header = options.header ?? true;
  const ctx = {
    ...(header ? { region: state.answers.region, identity: identityLine(state) } : {}),
    verbose,
    verdict: header,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
  const text =
    format === 'json'
      ? renderJson(outcome.report)
      : format === 'markdown'
        ? renderMarkdown(outcome.report, ctx)
        : renderText(outcome.report, ctx);
  process.stdout.write(header || format !== 'text' ? text : `\n${text}`);
}

export function exitCodeOf(outcome: Outcome): ExitCode {
  if (outcome.inputError !== undefined) return EXIT.usage;
  return exitFor(outcome.report.verdict);
}
