// The end of every mode: print the report in the chosen format, write the session, pick the
// exit code. stdout carries the report only; messages go to stderr.
import type { EngineState, Outcome } from '../engine/machine.js';
import { renderJson, renderMarkdown, renderText } from '../report/render.js';
import { EXIT, exitFor, type ExitCode } from './exit-codes.js';
import type { OutputFormat } from './main.js';
import { okValue } from '../engine/context.js';
import { probeCallId } from '../probes/catalog.js';

export function identityLine(state: EngineState): string | undefined {
  const record = state.results[probeCallId({ key: 'sts.caller-identity', input: {} })];
  const id = record && record.key === 'sts.caller-identity' ? okValue(record.outcome) : undefined;
  return id ? `${id.Arn} (account ${id.Account})` : undefined;
}

export function printReport(outcome: Outcome, state: EngineState, format: OutputFormat, verbose: boolean): void {
  const ctx = { region: state.answers.region, identity: identityLine(state), verbose, color: process.stdout.isTTY === true && !process.env.NO_COLOR };
  const text =
    format === 'json' ? renderJson(outcome.report) : format === 'markdown' ? renderMarkdown(outcome.report, ctx) : renderText(outcome.report, ctx);
  process.stdout.write(text);
}

export function exitCodeOf(outcome: Outcome): ExitCode {
  if (outcome.inputError !== undefined) return EXIT.usage;
  return exitFor(outcome.report.verdict);
}
