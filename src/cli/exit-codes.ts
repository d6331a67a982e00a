// The exit codes users script against; nothing else calls process.exit with a bare number.
export const EXIT = {
  healthy: 0,
  problems: 1,
  usage: 2,
  incomplete: 3,
  interrupted: 130,
  /** SIGTERM and SIGHUP, 128 + the signal number, as shells report them. */
  terminated: 143,
  hangup: 129,
  /** A bug in vpce-doctor (EX_SOFTWARE): never a verdict about the account. */
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitFor(verdict: 'healthy' | 'problems' | 'incomplete'): ExitCode {
  return EXIT[verdict];
}

export { UsageError } from '../errors.js';
