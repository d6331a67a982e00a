// `vpce-doctor config`: where the config file and the saved sessions are and what the config
// holds; nothing in it is needed to run, --no-config ignores it, a broken file is reported and kept.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planArgv } from '../../src/cli/usage.js';
import { isolatedHome, runCli } from '../support/cli.js';

function homeWithConfig(text: string | undefined): { home: string; file: string } {
  const home = isolatedHome();
  const dir = join(home, '.config', 'vpce-doctor');
  const file = join(dir, 'config.json');
  if (text !== undefined) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
  return { home, file };
}

describe('vpce-doctor config', () => {
  it('no config file yet → its path, "does not exist yet", the default sessions folder beside it', async () => {
    const { home, file } = homeWithConfig(undefined);
    const r = await runCli(['config'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Config file:     ${file} (does not exist yet)`);
    expect(r.stdout).toContain(`Sessions folder: ${join(home, '.config', 'vpce-doctor', 'sessions')} (default)`);
  });

  it('sessionsDir in the config → the sessions folder comes from it; --no-config ignores it', async () => {
    const { home } = homeWithConfig(JSON.stringify({ sessionsDir: '/srv/vpce-sessions' }));
    const r = await runCli(['config', '--json'], { home });
    expect(JSON.parse(r.stdout)).toMatchObject({
      sessionsDir: '/srv/vpce-sessions',
      sessionsDirFrom: 'config',
      contents: { sessionsDir: '/srv/vpce-sessions' },
    });
    const ignored = await runCli(['config', '--json', '--no-config'], { home });
    expect(JSON.parse(ignored.stdout)).toMatchObject({ sessionsDirFrom: 'default', contents: {}, ignored: true });
  });

  it('a broken config file → exit 0, the problem named, the file left as it was', async () => {
    const { home, file } = homeWithConfig('{not json');
    const r = await runCli(['config'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Problem: +ignoring .*config\.json: it is not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });

  it('--no-config is a diagnosis option too, listed in its help', async () => {
    expect(planArgv(['--no-config', '--answers', 'a.json'])).toMatchObject({ kind: 'run' });
    const r = await runCli(['--help']);
    expect(r.stdout).toContain('--no-config');
  });
});
