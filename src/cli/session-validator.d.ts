// The replay bundle's session validator: generated at build time by scripts/session-validator.mjs
// and resolved by scripts/build.mjs (a virtual module; it exists only inside dist/cli/replay.cjs).
declare module 'vpce:session-validator' {
  export function createSessionValidator(deps: {
    unusableValues: (value: unknown) => unknown[];
    splitCommandLine: (line: string) => { argv: string[]; assigns?: string };
    QUESTION_IDS: readonly string[];
  }): (data: unknown) => unknown;
}
