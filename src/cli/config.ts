// The user's config (conf): optional, never needed to run. `vpce-doctor config` shows where it
// is, what it holds and where interactive sessions are saved; --no-config ignores it.
import Conf from 'conf';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT } from './exit-codes.js';

/** The keys vpce-doctor reads, and what each changes. */
export const CONFIG_KEYS: Readonly<Record<string, string>> = {
  sessionsDir: 'the folder interactive sessions are saved in',
};

export interface ConfigView {
  path: string;
  exists: boolean;
  /** The file's contents; empty when ignored (--no-config) or unreadable. */
  contents: Record<string, unknown>;
  sessionsDir: string;
  sessionsDirFrom: 'config' | 'default';
  ignored: boolean;
  problem?: string;
}

export function readConfig(useConfig: boolean): ConfigView {
  let problem: string | undefined;
  const config = new Conf<Record<string, unknown>>({
    projectName: 'vpce-doctor',
    projectSuffix: '',
    // A broken file must not stop a diagnosis, nor be wiped: read it as empty and say why.
    clearInvalidConfig: false,
    deserialize: (text: string): Record<string, unknown> => {
      try {
        const value: unknown = JSON.parse(text);
        if (value !== null && typeof value === 'object' && !Array.isArray(value))
          return value as Record<string, unknown>;
        problem = 'it is not a JSON object';
      } catch (err) {
        problem = `it is not valid JSON (${err instanceof Error ? err.message : String(err)})`;
      }
      return {};
    },
  });
  const path = config.path;
  const contents = useConfig ? { ...config.store } : {};
  const configured = contents.sessionsDir;
  const fromConfig = typeof configured === 'string' && configured !== '';
  return {
    path,
    exists: existsSync(path),
    contents,
    sessionsDir: fromConfig ? configured : join(dirname(path), 'sessions'),
    sessionsDirFrom: fromConfig ? 'config' : 'default',
    ignored: !useConfig,
    ...(problem !== undefined && useConfig ? { problem: `ignoring ${path}: ${problem}` } : {}),
  };
}

export function runConfig(format: 'text' | 'json', useConfig: boolean): number {
  const view = readConfig(useConfig);
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ ...view, keys: CONFIG_KEYS }, null, 2) + '\n');
    return EXIT.healthy;
  }
  const lines = [
    `Config file:     ${view.path}${view.exists ? '' : ' (does not exist yet)'}${view.ignored && view.problem === undefined ? ' (ignored: --no-config)' : ''}`,
    `Sessions folder: ${view.sessionsDir} (${view.sessionsDirFrom === 'config' ? 'sessionsDir in the config' : 'default'})`,
    ...(view.problem !== undefined ? [`Problem:         ${view.problem}`] : []),
    '',
    'Contents:',
    ...(Object.keys(view.contents).length === 0
      ? ['  (empty)']
      : JSON.stringify(view.contents, null, 2)
          .split('\n')
          .map((l) => `  ${l}`)),
    '',
    'Keys it reads (nothing in the config is needed to run; --no-config ignores it):',
    ...Object.entries(CONFIG_KEYS).map(([k, v]) => `  ${k.padEnd(14)} ${v}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return EXIT.healthy;
}
