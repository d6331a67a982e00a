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
