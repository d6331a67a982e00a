// Usage mistakes as a new user makes them: each is our own message, a hint naming the next
// step, exit 2, never a stack trace; every command answers `--help` with its own examples.
import { describe, expect, it } from 'vitest';
import { closest } from '../../src/cli/closest.js';
import { COMMANDS, DEFAULT_COMMAND } from '../../src/cli/commands.js';
import { planArgv, UsageHintError } from '../../src/cli/usage.js';
import { runCli } from '../support/cli.js';

const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

function mistake(argv: string[]): UsageHintError {
  try {
    planArgv(argv);
  } catch (err) {
    if (err instanceof UsageHintError) return err;
    throw err;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('closest word', () => {
  it.each([
    ['regin', 'region'],
    ['profle', 'profile'],
    ['replya', 'replay'],
    ['markdwn', 'markdown'],
  ])('%s → %s', (word, expected) => {
    expect(closest(word, ['region', 'profile', 'replay', 'redact', 'markdown', 'json'])).toBe(expected);
  });

  it('offers nothing when no candidate is close', () => {
    expect(closest('frobnicate', ['region', 'profile', 'json'])).toBeUndefined();
  });
});

describe('planArgv', () => {
  it('an unknown flag one letter off → "Did you mean --region?"', () => {
    const e = mistake(['--regin', 'eu-west-1']);
    expect(e.message).toBe('unknown option --regin');
    expect(e.hint).toContain('Did you mean --region?');
  });

  it('an unknown flag far from every flag → the pointer to --help, no guess', () => {
    const e = mistake(['--frobnicate']);
    expect(e.hint).not.toContain('Did you mean');
    expect(e.hint).toContain('vpce-doctor --help');
  });

  it('an unknown command → the list of commands, with the close one first', () => {
    const e = mistake(['replya', 's.json']);
    expect(e.message).toBe('unknown command "replya"');
    expect(e.hint).toMatch(/^Did you mean replay\? Commands: replay, demo, redact, findings, /);
  });

  it('a value outside a flag’s choices → the choices, and the close one', () => {
    const e = mistake(['--output', 'markdwn']);
    expect(e.message).toContain('--output takes one of: text, json, markdown');
    expect(e.hint).toBe('Did you mean --output markdown?');
    expect(mistake(['--output=yaml']).message).toContain('(got "yaml")');
  });

  it('a flag without its value, a number flag with a word, a value on a boolean', () => {
    expect(mistake(['--answers']).message).toBe('--answers needs a value: --answers FILE');
    expect(mistake(['--answers', '--json']).message).toBe('--answers needs a value: --answers FILE');
    expect(mistake(['replay', 's.json', '--pace', 'fast']).message).toContain('--pace takes a number');
    expect(mistake(['--json=yes']).message).toBe('--json takes no value');
  });

  it('a flag another command owns → which flags this command takes', () => {
    const e = mistake(['findings', '--answers', 'a.json']);
    expect(e.message).toBe('findings does not take --answers');
    expect(e.hint).toContain('findings takes --json, --output');
    expect(mistake(['--pace', '0']).message).toBe('--pace belongs to another command, not to a diagnosis');
  });

  it('`COMMAND --help`, `help COMMAND` and `--help` plan a help screen, even without the command’s arguments', () => {
    expect(planArgv(['replay', '--help'])).toMatchObject({ kind: 'help', command: { name: 'replay' } });
    expect(planArgv(['help', 'redact'])).toMatchObject({ kind: 'help', command: { name: 'redact' } });
    expect(planArgv(['--help'])).toEqual({ kind: 'help', command: undefined });
    expect(mistake(['help', 'replya']).message).toBe('unknown command "replya"');
  });

  it('`--version` with or without a command plans the version line (answered before the parser loads)', () => {
    expect(planArgv(['--version'])).toEqual({ kind: 'version' });
    expect(planArgv(['replay', 'x.json', '--version'])).toEqual({ kind: 'version' });
  });

  it('well-formed lines pass: --flag=value, --no-verbose, a file after --', () => {
    expect(planArgv(['--answers=a.json', '--output=markdown', '--no-verbose'])).toMatchObject({ kind: 'run' });
    expect(planArgv(['replay', '--', '--odd-name.json'])).toMatchObject({ kind: 'run', command: { name: 'replay' } });
  });
});

describe('vpce-doctor binary: usage errors and per-command help', () => {
  it.each([
    [['--regin', 'eu-west-1'], /unknown option --regin\nDid you mean --region\?/],
    [['--output', 'sarif-ish'], /--output takes one of/],
    [['frobnicate'], /unknown command "frobnicate"\nCommands: replay, demo, redact/],
    [['replay'], /replay needs a session file[^\n]*\nRun vpce-doctor replay --help/],
  ])('%j → exit 2, our message and a hint, no stack trace', async (args, expected) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(expected);
    expect(r.stdout).toBe('');
    noStack(r.stderr);
  });

  it.each(COMMANDS.filter((c) => c.name !== DEFAULT_COMMAND).map((c) => c.name))(
    '%s --help → exit 0, its own help leading with examples',
    async (name) => {
      const r = await runCli([name, '--help']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trimStart()).toMatch(
        new RegExp(`^vpce-doctor ${name}: [^\\n]+\\n\\n  Examples\\n    \\$ [^\\n]*vpce-doctor ${name}`),
      );
      expect(r.stdout).toContain('Exit codes');
    },
  );
});
