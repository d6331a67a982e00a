import { okValue } from '../path/context.js';
import type { EngineState } from '../engine/machine.js';
import { probeCallId } from '../probes/contract.js';

/** "arn:… (account …)" from the caller-identity probe, for the header of every screen and report. */
export function identityLine(state: Pick<EngineState, 'results'>): string | undefined {
  const record = state.results[probeCallId({ key: 'sts.caller-identity', input: {} })];
  const id = record && record.key === 'sts.caller-identity' ? okValue(record.outcome) : undefined;
  return id ? `${id.Arn} (account ${id.Account})` : undefined;
}
