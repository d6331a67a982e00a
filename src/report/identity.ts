import { callerIdentityIn } from '../path/identity.js';
import type { EngineState } from '../engine/machine.js';

/** "arn:… (account …)" from the caller-identity probe, for the header of every screen and report. */
export function identityLine(state: Pick<EngineState, 'results'>): string | undefined {
  const id = callerIdentityIn(state.results);
  return id ? `${id.Arn} (account ${id.Account})` : undefined;
}
