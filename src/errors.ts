/** A user mistake (bad flag, bad file, unknown id): one clear message on stderr, exit 2, no stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The question id the mistake is about, when there is one. */
    readonly question?: string,
  ) {
    super(message);
  }
}

/**
 * A problem with the user's setup (credentials, profile, Region, an answer's value): the message
 * already names the fix, so it is printed alone, with no pointer to --help.
 */
export class SetupError extends UsageError {}
