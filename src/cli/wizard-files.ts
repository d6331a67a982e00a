// What the verdict screen's keys write: the session (s), the Markdown report (m) and the fix
// commands for the clipboard (c, by OSC 52, with the same commands in a file as the fallback
// where a terminal ignores OSC 52). Each returns the line the screen shows.
import type { EngineState } from '../engine/machine.js';
import { renderMarkdown } from '../report/markdown.js';
import { identityLine } from '../report/identity.js';
import { toSession, writeJson, writePrivateFile } from '../session/files.js';
import { TOOL_VERSION } from './version.js';

/** OSC 52 "set clipboard"; inside tmux the sequence is passed through to the outer terminal. */
export function osc52(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const seq = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  return env.TMUX ? `\u001bPtmux;\u001b${seq}\u001b\\` : seq;
}

export interface WizardFiles {
  save(state: EngineState): Promise<string>;
  markdown(state: EngineState): Promise<string>;
  copy(commands: readonly string[]): Promise<string>;
}

/** `sessionFile`: where the session goes (and the Markdown and fix commands beside it). */
export function wizardFiles(sessionFile: string, startedAt: Date, write: (s: string) => void): WizardFiles {
  const beside = (suffix: string): string => sessionFile.replace(/\.json$/, '') + suffix;
  return {
    async save(state) {
      if (state.view.kind !== 'done') return 'nothing to save yet';
      await writeJson(
        sessionFile,
        toSession(state, state.view.outcome.report, { toolVersion: TOOL_VERSION, startedAt, finishedAt: new Date() }),
      );
      return `Session saved to ${sessionFile} (replay it: vpce-doctor replay ${sessionFile}; run it again: vpce-doctor rerun ${sessionFile})`;
    },
    async markdown(state) {
      if (state.view.kind !== 'done') return 'no report yet';
      const path = beside('.md');
      const identity = identityLine(state);
      const region = state.answers.region;
      await writePrivateFile(
        path,
        renderMarkdown(state.view.outcome.report, {
          ...(identity !== undefined ? { identity } : {}),
          ...(region !== undefined ? { region } : {}),
          ...(state.view.outcome.inputError === undefined ? { answers: state.answers } : {}),
        }),
      );
      return `Markdown report written to ${path}`;
    },
    async copy(commands) {
      if (commands.length === 0) return 'No fix commands to copy: no finding carries one.';
      const text = commands.join('\n') + '\n';
      const path = beside('.fix.sh');
      await writePrivateFile(path, text);
      write(osc52(text));
      return `Copied ${commands.length} fix command${commands.length === 1 ? '' : 's'} to the clipboard (OSC 52). If your terminal ignores OSC 52, they are in ${path}`;
    },
  };
}
