// The end of every mode: print the report in the chosen format, write the session, pick the
// exit code. stdout carries the report only; messages go to stderr.
import type { EngineState, Outcome } from '../engine/machine.js';
import { renderJson, renderText } from '../report/render.js';
import { renderMarkdown } from '../report/markdown.js';
import { EXIT, exitFor, type ExitCode } from './exit-codes.js';
import type { OutputFormat } from './flags.js';
import { identityLine } from '../report/identity.js';
import type { Severity } from '../findings/types.js';
import { failsOn } from './fail-on.js';
import { renderSarif } from '../report/sarif.js';
import { TOOL_VERSION } from './version.js';
import { colourEnabled } from './colour.js';

export function printReport(
  outcome: Outcome,
  state: EngineState,
  format: OutputFormat,
  verbose: boolean,
  options: { header?: boolean; ascii?: boolean } = {},
): void {
  // After the wizard the identity line is already on screen: no second header.
  const header = options.header ?? true;
  const ctx = {
    ...(header ? { region: state.answers.region, identity: identityLine(state) } : {}),
    verbose,
    verdict: header,
    color: colourEnabled(process.stdout),
    // The path picture, as the wizard draws it (not for an answer the engine refused).
    ...(outcome.inputError === undefined ? { answers: state.answers } : {}),
    ascii: options.ascii === true,
  };
  const region = state.answers.region;
  const text =
    format === 'json'
      ? renderJson(outcome.report)
      : format === 'sarif'
        ? renderSarif(outcome.report, { toolVersion: TOOL_VERSION, ...(region !== undefined ? { region } : {}) })
        : format === 'markdown'
          ? renderMarkdown(outcome.report, ctx)
          : renderText(outcome.report, ctx);
  process.stdout.write(header || format !== 'text' ? text : `\n${text}`);
}

/** `failOn` (--fail-on) lowers the bar for exit 1: warnings or info findings count as problems too. */
export function exitCodeOf(outcome: Outcome, failOn: Severity = 'error'): ExitCode {
  if (outcome.inputError !== undefined) return EXIT.usage;
  if (failsOn(outcome.report.findings, failOn)) return EXIT.problems;
  return exitFor(outcome.report.verdict);
}
