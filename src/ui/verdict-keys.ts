// The verdict screen and the replay controls as plain reducers: a key in, the new state and
// what to do out. The store performs the action; the view draws the state. No Ink import.
import type { Key } from './keys.js';

export type VerdictAction = 'rerun' | 'live' | 'copy' | 'save' | 'markdown' | 'quit' | 'none';

export interface VerdictState {
  showPassed: boolean;
  /** A line saying what the last action did (copied, saved to …). */
  message?: string;
  /** An action is running (re-run, save): further keys wait. */
  busy: boolean;
  /** Replay's `r`: the confirm line on screen ("run these answers against AWS now? y/n"). */
  confirmLive?: string;
}

export const VERDICT_KEYS: readonly [string, string][] = [
  ['r', 're-run'],
  ['c', 'copy fix'],
  ['s', 'save session'],
  ['m', 'Markdown report'],
  ['v', 'passed checks'],
  ['q', 'quit'],
];

export function reduceVerdict(state: VerdictState, key: Key): [VerdictState, VerdictAction] {
  if (state.busy) return [state, 'none'];
  if (state.confirmLive !== undefined) {
    // Only y goes live: any other key (n, Esc, q) leaves the replay as recorded.
    const { confirmLive: _asked, ...rest } = state;
    return key.name === 'char' && key.char.toLowerCase() === 'y'
      ? [{ ...rest, message: undefined }, 'live']
      : [{ ...rest, message: 'Not run: the replay stays as recorded.' }, 'none'];
  }
  if (key.name === 'escape') return [state, 'none'];
  if (key.name !== 'char') return [state, 'none'];
  switch (key.char.toLowerCase()) {
    case 'r':
      return [{ ...state, message: undefined }, 'rerun'];
    case 'c':
      return [state, 'copy'];
    case 's':
      return [state, 'save'];
    case 'm':
      return [state, 'markdown'];
    case 'v':
      return [{ ...state, showPassed: !state.showPassed }, 'none'];
    case 'q':
      return [state, 'quit'];
    default:
      return [state, 'none'];
  }
}

export interface ReplayState {
  paused: boolean;
  /** Steps allowed while paused (→ adds one). */
  steps: number;
}

export type ReplayAction = 'quit' | 'step' | 'none';

export function reduceReplay(state: ReplayState, key: Key): [ReplayState, ReplayAction] {
  if (key.name === 'char' && key.char === ' ') return [{ ...state, paused: !state.paused }, 'none'];
  if (key.name === 'right') return [{ paused: true, steps: state.steps + 1 }, 'step'];
  if (key.name === 'char' && key.char.toLowerCase() === 'q') return [state, 'quit'];
  // Anything else is consumed: it never reaches the shell after replay ends.
  return [state, 'none'];
}
