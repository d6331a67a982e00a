// A policy fix: the command carries the whole corrected document inline (one quoted argument,
// so it works as pasted, with or without --save); the same document, indented for reading, is a
// fix file that --save writes next to the session. And the words for a document the repair
// could not correct.
import type { FixCommand } from '../../findings/command.js';
import type { Fix } from '../../findings/types.js';

/** A policy document as one compact JSON argument (what the CLI's --policy options take inline). */
export function inlineDocument(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json));
  } catch {
    return json;
  }
}
import type { RepairResult } from './repair.js';

export function fileFix(summary: string, command: FixCommand, file: string, contents: string): Fix {
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
