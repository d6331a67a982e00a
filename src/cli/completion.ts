// `vpce-doctor completion bash|zsh|fish`: static completion scripts generated from the one
// command/flag table (commands.ts), so a new command or flag completes without more work.
import { CATALOGUE } from '../findings/catalogue.js';
import { COMMANDS, DEFAULT_COMMAND, FLAGS, flagToken, kebab, type CommandSpec, type FlagName } from './commands.js';
import { demoNames } from './demo.js';
import { EXIT } from './exit-codes.js';
import { UsageHintError } from './usage.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

const others = (): CommandSpec[] => COMMANDS.filter((c) => c.name !== DEFAULT_COMMAND);
const diagnose = (): CommandSpec | undefined => COMMANDS.find((c) => c.name === DEFAULT_COMMAND);
const flagWords = (c: CommandSpec | undefined): string[] => [...(c?.flags ?? []).map(flagToken), '--help'];
const valueFlags = (): FlagName[] =>
  (Object.keys(FLAGS) as FlagName[]).filter((f) => (FLAGS[f] as { type: string }).type !== 'boolean');
const valuesOf = (f: FlagName): readonly string[] | undefined => (FLAGS[f] as { values?: readonly string[] }).values;
/** Flags whose value is a file name. */
const FILE_FLAGS: readonly FlagName[] = ['answers', 'save'];

/** The closed set a command's first argument takes, if any (finding ids, recordings, shells, schema names). */
function argWords(c: CommandSpec): readonly string[] | 'files' | undefined {
  if (c.name === 'explain') return Object.keys(CATALOGUE);
  if (c.name === 'demo') return demoNames();
  if (c.name === 'replay' || c.name === 'redact' || c.name === 'rerun') return 'files';
  return c.args;
}

const oneLine = (s: string): string => s.replace(/'/g, '').replace(/\s+/g, ' ');

function bash(): string {
  const lines = [
    '# vpce-doctor completion for bash. Load it with:  eval "$(vpce-doctor completion bash)"',
    '_vpce_doctor() {',
    '  local cur prev cmd i w',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  cmd=""',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    w="${COMP_WORDS[i]}"',
    '    case "$w" in',
    `      ${valueFlags()
      .map((f) => `--${kebab(f)}`)
      .join('|')}) ((i++)) ;;`,
    '      -*) ;;',
    '      *) cmd="$w"; break ;;',
    '    esac',
    '  done',
    '  case "$prev" in',
  ];
  for (const f of valueFlags()) {
    const values = valuesOf(f);
    if (values !== undefined)
      lines.push(`    --${kebab(f)}) COMPREPLY=($(compgen -W "${values.join(' ')}" -- "$cur")); return ;;`);
    else if (FILE_FLAGS.includes(f)) lines.push(`    --${kebab(f)}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`);
    else lines.push(`    --${kebab(f)}) COMPREPLY=(); return ;;`);
  }
  lines.push('  esac', '  case "$cmd" in');
  for (const c of others()) {
    const args = argWords(c);
    const argPart =
      args === 'files'
        ? 'COMPREPLY+=($(compgen -f -- "$cur"))'
        : args !== undefined
          ? `COMPREPLY+=($(compgen -W "${args.join(' ')}" -- "$cur"))`
          : ':';
    lines.push(
      `    ${c.name})`,
      `      COMPREPLY=($(compgen -W "${flagWords(c).join(' ')}" -- "$cur"))`,
      `      if [[ "$cur" != -* ]]; then ${argPart}; fi`,
      '      ;;',
    );
  }
  lines.push(
    '    *)',
    `      COMPREPLY=($(compgen -W "${[...others().map((c) => c.name), ...flagWords(diagnose()), '--version'].join(' ')}" -- "$cur"))`,
    '      ;;',
    '  esac',
    '}',
    'complete -o default -F _vpce_doctor vpce-doctor',
  );
  return lines.join('\n') + '\n';
}

function zshFlag(f: FlagName): string {
  const spec = FLAGS[f] as { help: string; type: string; values?: readonly string[]; arg?: string };
  const help = oneLine(spec.help).replace(/[[\]:]/g, ' ');
  if (spec.type === 'boolean') return `'${flagToken(f)}[${help}]'`;
  const action = spec.values !== undefined ? `(${spec.values.join(' ')})` : FILE_FLAGS.includes(f) ? '_files' : ' ';
  return `'--${kebab(f)}=[${help}]:${(spec.arg ?? 'value').toLowerCase()}:${action}'`;
}

function zsh(): string {
  const lines = [
    '#compdef vpce-doctor',
    '# vpce-doctor completion for zsh. Load it with:  eval "$(vpce-doctor completion zsh)"',
    '_vpce_doctor() {',
    '  local -a commands',
    '  commands=(',
    ...others().map((c) => `    '${c.name}:${oneLine(c.summary).replace(/:/g, ' ')}'`),
    '  )',
    '  if (( CURRENT == 2 )) && [[ "${words[2]}" != -* ]]; then',
    "    _describe 'command' commands",
    '  fi',
    '  case "${words[2]}" in',
  ];
  for (const c of others()) {
    const args = argWords(c);
    const argSpec =
      args === 'files' ? "'1:file:_files'" : args !== undefined ? `'1:${c.name} argument:(${args.join(' ')})'` : '';
    lines.push(`    ${c.name})`, `      shift words; (( CURRENT-- ))`);
    lines.push(
      `      _arguments ${[...c.flags.map(zshFlag), "'--help[show help]'", argSpec].filter(Boolean).join(' ')}`,
    );
    lines.push('      ;;');
  }
  lines.push(
    '    *)',
    `      _arguments ${[...(diagnose()?.flags ?? []).map(zshFlag), "'--help[show help]'", "'--version[show version]'"].join(' ')}`,
    '      ;;',
    '  esac',
    '}',
    'compdef _vpce_doctor vpce-doctor',
  );
  return lines.join('\n') + '\n';
}

function fishFlag(f: FlagName, condition: string): string {
  const spec = FLAGS[f] as { help: string; type: string; values?: readonly string[] };
  const parts = [`complete -c vpce-doctor -n '${condition}' -l ${flagToken(f).slice(2)}`];
  if (spec.type !== 'boolean') parts.push(FILE_FLAGS.includes(f) ? '-r -F' : '-r -f');
  if (spec.values !== undefined) parts.push(`-a '${spec.values.join(' ')}'`);
  parts.push(`-d '${oneLine(spec.help).slice(0, 80)}'`);
  return parts.join(' ');
}

function fish(): string {
  const names = others().map((c) => c.name);
  const lines = [
    '# vpce-doctor completion for fish. Load it with:  vpce-doctor completion fish | source',
    'complete -c vpce-doctor -f',
    ...others().map(
      (c) => `complete -c vpce-doctor -n '__fish_use_subcommand' -a ${c.name} -d '${oneLine(c.summary).slice(0, 80)}'`,
    ),
    ...(diagnose()?.flags ?? []).map((f) => fishFlag(f, '__fish_use_subcommand')),
  ];
  for (const c of others()) {
    const cond = `__fish_seen_subcommand_from ${c.name}`;
    lines.push(...c.flags.map((f) => fishFlag(f, cond)));
    const args = argWords(c);
    if (args === 'files') lines.push(`complete -c vpce-doctor -n '${cond}' -F`);
    else if (args !== undefined) lines.push(`complete -c vpce-doctor -n '${cond}' -a '${args.join(' ')}'`);
  }
  lines.push(`complete -c vpce-doctor -l help -d 'show help'`);
  lines.push(
    `complete -c vpce-doctor -n 'not __fish_seen_subcommand_from ${names.join(' ')}' -l version -d 'show version'`,
  );
  return lines.join('\n') + '\n';
}

export function completionScript(shell: Shell): string {
  switch (shell) {
    case 'bash':
      return bash();
    case 'zsh':
      return zsh();
    case 'fish':
      return fish();
  }
}

export function runCompletion(shell: string | undefined): number {
  const known = SHELLS.find((s) => s === shell);
  if (known === undefined)
    throw new UsageHintError(
      shell === undefined ? 'completion needs a shell' : `no completion for shell "${shell}"`,
      `Shells: ${SHELLS.join(', ')}. For example: eval "$(vpce-doctor completion bash)"`,
    );
  process.stdout.write(completionScript(known));
  return EXIT.healthy;
}
