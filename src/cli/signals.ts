// SIGINT, SIGTERM and SIGHUP end a run with the conventional 128+n exit code, after saving
// what the run had learned so far (answers and the probe results that finished) and saying
// where: an interrupted diagnosis in an outage is still evidence worth keeping.
import { sanitize } from '../report/sanitize.js';
import { EXIT } from './exit-codes.js';

export const SIGNAL_EXIT = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hangup } as const;
export type HandledSignal = keyof typeof SIGNAL_EXIT;

/** Writes the partial session and returns where it went (undefined when there was nothing to save). */
export type PartialSaver = (signal: HandledSignal) => Promise<{ path: string; probes: number } | undefined>;

/** Saving must not turn a signal into a hang: a slow disk gets this long. */
const SAVE_DEADLINE_MS = 3_000;

let saver: PartialSaver | undefined;
let handling: number | undefined;

/**
 * A library that hooks signals to clean up (conf → atomically → when-exit) re-sends the same
 * signal to the process right after the first: that echo is ignored; a second signal the user
 * sends later still exits at once.
 */
const ECHO_MS = 300;

/** The live run registers how to save itself; replay and the other commands have nothing to save. */
export function setPartialSaver(next: PartialSaver | undefined): void {
  saver = next;
}

export async function interruptMessage(signal: HandledSignal, save: PartialSaver | undefined): Promise<string> {
  let line = `vpce-doctor: interrupted (${signal})`;
  if (save === undefined) return line;
  try {
    const saved = await Promise.race([
      save(signal),
      new Promise<'slow'>((resolve) => setTimeout(() => resolve('slow'), SAVE_DEADLINE_MS).unref()),
    ]);
    if (saved === 'slow') line += `; the partial session could not be saved within ${SAVE_DEADLINE_MS / 1000} s`;
    else if (saved !== undefined)
      line +=
        `; the partial session (answers and ${saved.probes} probe result${saved.probes === 1 ? '' : 's'}) is saved to ${saved.path}` +
        `\n  replay it with: vpce-doctor replay ${saved.path}`;
  } catch (err) {
    line += `; the partial session could not be saved: ${err instanceof Error ? err.message : String(err)}`;
  }
  return line;
}

/** Installs the handlers once, at start-up; a second signal while saving exits at once. */
export function installSignalHandlers(): void {
  for (const signal of Object.keys(SIGNAL_EXIT) as HandledSignal[]) {
    process.on(signal, () => {
      if (handling !== undefined) {
        if (Date.now() - handling < ECHO_MS) return;
        process.exit(SIGNAL_EXIT[signal]);
      }
      handling = Date.now();
      void interruptMessage(signal, saver).then((message) => {
        process.stderr.write(sanitize(message) + '\n', () => process.exit(SIGNAL_EXIT[signal]));
      });
    });
  }
}
