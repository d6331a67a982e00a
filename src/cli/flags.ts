// The command line's flags and the output formats: what every mode is handed by the entry.
import type { AnyFlags, Result } from 'meow';

export const FLAGS = {
  answers: { type: 'string' },
  json: { type: 'boolean', default: false },
  output: { type: 'string', choices: ['text', 'json', 'markdown'] },
  save: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  pace: { type: 'number' },
  dnsServer: { type: 'string' },
} as const satisfies AnyFlags;

export type Flags = Result<typeof FLAGS>['flags'];
export type OutputFormat = 'text' | 'json' | 'markdown';
