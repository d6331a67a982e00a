// A policy fix that ships the corrected document as a file beside the command that applies it,
// and the words for a document the repair could not correct.
import type { Fix } from '../../findings/types.js';
import type { RepairResult } from './repair.js';

export function fileFix(summary: string, command: string, file: string, contents: string): Fix {
  return {
    summary,
    commands: [command],
    files: [{ path: file, contents: contents.endsWith('\n') ? contents : `${contents}\n` }],
  };
}

export function notRepaired(r: RepairResult, what: string): string {
  switch (r.kind) {
    case 'not-repairable':
    case 'unchanged':
      return `${r.reason}.`;
    case 'invalid':
      return `${what} could not be parsed: ${r.error}.`;
    case 'repaired':
      return '';
    default: {
      const unreachable: never = r;
      return unreachable;
    }
  }
}
