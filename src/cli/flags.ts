// The command line's flags and the output formats: what every mode is handed by the entry.
// The flag table itself is the shared command table's (./commands.ts); usage.ts reads argv into
// this shape (a boolean is always set, a string or number only when given).
import type { FLAGS } from './commands.js';

type FlagValue<S> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'number' }
    ? number | undefined
    : string | undefined;

export type Flags = { [K in keyof typeof FLAGS]: FlagValue<(typeof FLAGS)[K]> };
export type OutputFormat = 'text' | 'json' | 'markdown' | 'sarif';
