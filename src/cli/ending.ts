// How a command ends, shared by the ES module entry (main.ts) and the replay bundle
// (replay-fast.ts), so both word every error alike: a usage mistake is one line, a hint and
// exit 2; anything else is an internal error with its stack and exit 70.
import { EXIT } from './exit-codes.js';
import { SetupError, UsageError } from '../errors.js';
import { helpHint, UsageHintError, type ArgvPlan } from './usage.js';
import { sanitize } from '../report/sanitize.js';
import type { Flags, OutputFormat } from './flags.js';

export function fail(message: string, code: number = EXIT.usage, hint?: string): never {
  process.stderr.write(`vpce-doctor: ${sanitize(message)}\n${hint !== undefined ? `${sanitize(hint)}\n` : ''}`);
  process.exit(code);
}

/** The command's exit code, as soon as the output is flushed. */
export function endWith(code: number): void {
  // An interrupted wizard leaves its driver waiting and SDK sockets may linger; neither should
  // keep the user waiting.
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
}

/** A command that threw: our own message for a user's mistake, else an internal error. */
export function failWith(err: unknown, plan: ArgvPlan): never {
  if (err instanceof UsageHintError) fail(err.message, EXIT.usage, err.hint);
  if (err instanceof SetupError) fail(err.message, EXIT.usage);
  if (err instanceof UsageError)
    fail(err.message, EXIT.usage, helpHint(plan.kind === 'run' ? plan.command : undefined));
  process.stderr.write(
    `vpce-doctor: internal error: ${sanitize(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`,
  );
  process.stderr.write('Please report it with the session file if one was written.\n');
  process.exit(EXIT.internal);
}

/** `vpce-doctor … | head`: a closed pipe is the reader's choice, not an error worth a stack trace. */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

/** The output format the flags ask for, after the checks every command shares. */
export function outputFormat(flags: Flags): OutputFormat {
  if (flags.json && flags.output !== undefined && flags.output !== 'json')
    throw new UsageError('--json and --output ' + flags.output + ' contradict each other');
  const format: OutputFormat = flags.json ? 'json' : ((flags.output as OutputFormat | undefined) ?? 'text');
  if (flags.pace !== undefined && (!Number.isFinite(flags.pace) || flags.pace < 0))
    throw new UsageError('--pace takes a number of milliseconds ≥ 0');
  if (flags.timeout !== undefined && (!Number.isFinite(flags.timeout) || flags.timeout <= 0))
    throw new UsageError('--timeout takes a number of seconds > 0');
  return format;
}

/** `replay FILE`: the one session file, or the usage mistake named. */
export function replayFile(rest: readonly string[], flags: Flags): string {
  const file = rest[0];
  if (file === undefined) throw new UsageError('replay needs a session file: vpce-doctor replay session.json');
  if (rest.length > 1) throw new UsageError(`replay takes one session file (got ${rest.length})`);
  if (flags.answers !== undefined) throw new UsageError('replay takes its answers from the session; drop --answers');
  return file;
}
