// Shell completion generated from the one command/flag table: a user who presses TAB gets the
// commands, each command's own flags, a flag's allowed values and the finding ids.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, FLAGS, kebab } from '../../src/cli/commands.js';
import { completionScript } from '../../src/cli/completion.js';
import { runCli } from '../support/cli.js';

const has = (shell: string): boolean => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'vpce-completion-'));
const script = (shell: 'bash' | 'zsh' | 'fish'): string => {
  const path = join(dir, `c.${shell}`);
  writeFileSync(path, completionScript(shell));
  return path;
};

/** What bash offers for the words typed so far (the last word is the one being completed). */
function bashComplete(...words: string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync(
    'bash',
    [
      '-c',
      `source '${script('bash')}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _vpce_doctor; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('completion scripts', () => {
  it.each(['bash', 'zsh', 'fish'] as const)('%s names every command and every flag of the table', (shell) => {
    const text = completionScript(shell);
    for (const c of COMMANDS) if (c.name !== 'diagnose') expect(text).toContain(c.name);
    for (const f of Object.keys(FLAGS)) expect(text).toContain(kebab(f));
  });

  it.each([
    [['vpce-doctor', '--reg'], ['--region']],
    [['vpce-doctor', '--output', 's'], ['sarif']],
    [
      ['vpce-doctor', '--fail-on', ''],
      ['error', 'warning', 'info'],
    ],
    [['vpce-doctor', 'exp'], ['explain']],
    [['vpce-doctor', 'explain', 'gateway.route-t'], ['gateway.route-table-not-associated']],
    [['vpce-doctor', '--region', 'eu-west-1', '--out'], ['--output']],
    [['vpce-doctor', 'replay', '--pa'], ['--pace']],
    [['vpce-doctor', 'completion', 'f'], ['fish']],
    [['vpce-doctor', 'demo', 'sg.e'], ['sg.endpoint-ingress-missing']],
  ])('bash: %j → %j', (words, expected) => {
    expect(bashComplete(...words)).toEqual(expected);
  });

  it('bash: a flag another command owns is not offered (findings takes no --answers)', () => {
    expect(bashComplete('vpce-doctor', 'findings', '--ans')).toEqual([]);
  });

  it.skipIf(!has('zsh'))('zsh: the script parses', () => {
    const r = spawnSync('zsh', ['-n', script('zsh')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it.skipIf(!has('fish'))('fish: offers the output formats and the finding ids', () => {
    const r = spawnSync(
      'fish',
      [
        '-c',
        `source '${script('fish')}'; complete -C 'vpce-doctor --output '; complete -C 'vpce-doctor explain dns.private-dns-d'`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^sarif\t/m);
    expect(r.stdout).toMatch(/^dns\.private-dns-disabled$/m);
  });

  it('binary: completion bash prints the script; an unknown shell → exit 2 naming the shells', async () => {
    const ok = await runCli(['completion', 'bash']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(completionScript('bash'));
    const bad = await runCli(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Shells: bash, zsh, fish');
  });
});
