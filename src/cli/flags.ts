// The command line's flags and the output formats: what every mode is handed by the entry.
// The flag table itself is the shared command table's (./commands.ts).
import type { Result } from 'meow';
import type { FLAGS } from './commands.js';

export type Flags = Result<typeof FLAGS>['flags'];
export type OutputFormat = 'text' | 'json' | 'markdown' | 'sarif';
