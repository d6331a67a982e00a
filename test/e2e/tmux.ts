// The built binary in a real pseudo-terminal: a private tmux server per session, keys sent the
// way a person types them, the screen read back as text (and with its escape codes, to check
// colour). What a test saw can be kept under recordings/screens/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, LOOPBACK_GUARD, ROOT } from '../support/cli.js';

export interface TmuxSession {
  home: string;
  /** Keys as tmux names them ("Enter", "Escape", "Down", "C-c") or literal text with `literal`. */
  keys(...keys: string[]): void;
  type(text: string): void;
  /** The visible screen as text (no escape codes), trailing blank lines dropped. */
  screen(): string;
  /** The visible screen with its escape codes (colour). */
  screenWithCodes(): string;
  /** The whole scrollback and screen. */
  history(): string;
  waitFor(text: string | RegExp, timeoutMs?: number, where?: 'screen' | 'history'): Promise<string>;
  /** The exit code once the program has ended. */
  exitCode(timeoutMs?: number): Promise<number>;
  resize(columns: number, rows: number): void;
  /** Any tmux command against this session's server (e.g. `show-buffer`). */
  tmux(...args: string[]): string;
  close(): void;
}

let counter = 0;

export function tmuxAvailable(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function startTmux(
  args: string[],
  options: { columns?: number; rows?: number; env?: Record<string, string>; home?: string } = {},
): TmuxSession {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'vpce-doctor-tmux-'));
  const socket = `vpce-e2e-${process.pid}-${counter++}`;
  const exitFile = join(home, 'exit-code');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    AWS_CONFIG_FILE: join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NODE_OPTIONS: LOOPBACK_GUARD,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    ...options.env,
  };
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = join(home, 'run.sh');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      `cd ${quote(ROOT)}`,
      `env -i ${Object.entries(env)
        .map(([k, v]) => `${k}=${quote(v)}`)
        .join(' ')} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}`,
      `echo $? > ${quote(exitFile)}`,
      // Keep the pane so the last screen can be read.
      'sleep 600',
      '',
    ].join('\n'),
    { mode: 0o700 },
  );
  const tmux = (...a: string[]): string =>
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  tmux(
    'new-session',
    '-d',
    '-s',
    'main',
    '-x',
    String(options.columns ?? 80),
    '-y',
    String(options.rows ?? 50),
    script,
  );
  const capture = (...extra: string[]): string =>
    tmux('capture-pane', '-p', '-t', 'main', ...extra)
      .replace(/\s+$/, '')
      .concat('\n');
  const session: TmuxSession = {
    home,
    keys: (...keys) => void tmux('send-keys', '-t', 'main', ...keys),
    type: (text) => void tmux('send-keys', '-t', 'main', '-l', text),
    screen: () => capture(),
    screenWithCodes: () => capture('-e'),
    history: () => capture('-S', '-2000'),
    async waitFor(text, timeoutMs = 20_000, where = 'screen') {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = where === 'screen' ? session.screen() : session.history();
        if (typeof text === 'string' ? s.includes(text) : text.test(s)) {
          // Ink arms its input a moment after a frame shows.
          await new Promise((r) => setTimeout(r, 150));
          return s;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${s}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async exitCode(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
        if (Date.now() > deadline) throw new Error(`the program did not end; screen:\n${session.screen()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return Number(readFileSync(exitFile, 'utf8').trim());
    },
    resize: (columns, rows) => void tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows)),
    tmux,
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  return session;
}

/** Keep a screen a test saw as text under recordings/screens/ (ids from the emulator vary run to run). */
export function keepScreen(name: string, text: string, home?: string): void {
  const dir = join(ROOT, 'recordings', 'screens');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.txt`), stableScreen(text, home));
}

/** Emulator ids numbered in order of appearance (same length), the temporary home as ~, times as T: a screen that only changes when the UI does. */
export function stableScreen(text: string, home?: string): string {
  const seen = new Map<string, string>();
  let out = home !== undefined ? text.split(home).join('~') : text;
  out = out.replace(
    /\b(vpce|vpc|subnet|rtb|sg|acl|eni|i|pl)-([0-9a-f]{8,17})\b/g,
    (whole, prefix: string, hex: string) => {
      let id = seen.get(whole);
      if (id === undefined) {
        id = `${prefix}-${String(seen.size + 1).padStart(hex.length, '0')}`;
        seen.set(whole, id);
      }
      return id;
    },
  );
  return out.replace(/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z/g, 'T');
}
