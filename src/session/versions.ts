// The versions of the files vpce-doctor reads and writes (public interfaces): here, apart from the
// zod schemas, so code that only checks a version does not load zod.
export const SESSION_VERSION = 1;
export const ANSWERS_VERSION = 1;
