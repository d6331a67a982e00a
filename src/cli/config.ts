// The user's config (conf): optional, never needed to run. `vpce-doctor config` shows where it
// is, what it holds and where interactive sessions are saved; --no-config ignores it.
import Conf from 'conf';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT } from './exit-codes.js';

/** The keys vpce-doctor reads, and what each changes. */
export const CONFIG_KEYS: Readonly<Record<string, string>> = {
  sessionsDir: 'the folder interactive sessions are saved in',
  lastProfile: 'the profile the wizard last ran with (named when sign-in fails without one)',
  accounts: 'per account id: the Region and the recent sources the wizard lists first (written by the wizard)',
};

/** What the wizard remembers of one account: its defaults and pick lists start from these. */
export interface AccountMemory {
  profile?: string;
  region?: string;
  sources: { kind: string; id: string }[];
}

/** Recent sources kept per account. */
const RECENT_SOURCES = 5;

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

function openConfig(onProblem: (problem: string) => void): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({
    projectName: 'vpce-doctor',
    projectSuffix: '',
    // A broken file must not stop a diagnosis, nor be wiped: read it as empty and say why.
    clearInvalidConfig: false,
    deserialize: (text: string): Record<string, unknown> => {
      try {
        const value: unknown = JSON.parse(text);
        if (value !== null && typeof value === 'object' && !Array.isArray(value))
          return value as Record<string, unknown>;
        onProblem('it is not a JSON object');
      } catch (err) {
        onProblem(`it is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
      }
      return {};
    },
  });
}

export function readConfig(useConfig: boolean): ConfigView {
  let problem: string | undefined;
  const config = openConfig((p) => (problem = p));
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

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What the config remembers for an account (empty with --no-config or a broken file). */
export function recallAccount(
  account: string | undefined,
  useConfig: boolean,
): AccountMemory & { lastProfile?: string } {
  const view = readConfig(useConfig);
  const lastProfile = typeof view.contents.lastProfile === 'string' ? view.contents.lastProfile : undefined;
  const accounts = view.contents.accounts;
  const entry = account !== undefined && isRecord(accounts) ? accounts[account] : undefined;
  const memory: AccountMemory & { lastProfile?: string } = { sources: [], ...(lastProfile ? { lastProfile } : {}) };
  if (!isRecord(entry)) return memory;
  if (typeof entry.profile === 'string') memory.profile = entry.profile;
  if (typeof entry.region === 'string') memory.region = entry.region;
  if (Array.isArray(entry.sources))
    memory.sources = entry.sources.filter(
      (x): x is { kind: string; id: string } => isRecord(x) && typeof x.kind === 'string' && typeof x.id === 'string',
    );
  return memory;
}

/** After a wizard run: remember its profile, Region and source for this account. Never fails the run. */
export function rememberRun(
  account: string | undefined,
  run: { profile?: string; region?: string; source?: { kind: string; id: string } },
  useConfig: boolean,
): void {
  if (!useConfig || account === undefined) return;
  let problem: string | undefined;
  try {
    const config = openConfig((p) => (problem = p));
    if (problem !== undefined) return; // never overwrite a file we could not read
    if (run.profile !== undefined) config.set('lastProfile', run.profile);
    const accounts = isRecord(config.get('accounts')) ? (config.get('accounts') as Record<string, unknown>) : {};
    const before = recallAccount(account, true);
    const sources = run.source
      ? [run.source, ...before.sources.filter((s) => s.kind !== run.source?.kind || s.id !== run.source.id)].slice(
          0,
          RECENT_SOURCES,
        )
      : before.sources;
    accounts[account] = {
      ...((run.profile ?? before.profile) ? { profile: run.profile ?? before.profile } : {}),
      ...((run.region ?? before.region) ? { region: run.region ?? before.region } : {}),
      sources,
    };
    config.set('accounts', accounts);
  } catch {
    // The config is a convenience: a read-only home or a full disk never fails a diagnosis.
  }
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
