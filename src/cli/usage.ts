// Reads the command line against the command/flag table: every mistake is our own one-line
// message with a hint and exit 2, and a well-formed line becomes the command, its positional
// arguments and its flags (camelCase keys, defaults filled in). No parser library: this table
// is the whole grammar, and the entry stays cheap to load.
import { UsageError } from '../errors.js';
import { closest } from './closest.js';
import type { Flags } from './flags.js';
import {
  COMMANDS,
  DEFAULT_COMMAND,
  FLAGS,
  commandNamed,
  flagToken,
  kebab,
  type CommandSpec,
  type FlagName,
  type FlagSpec,
} from './commands.js';

/** A usage mistake with the next step to take. */
export class UsageHintError extends UsageError {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export type ArgvPlan =
  /** `input` holds every positional argument, the command name first (as typed). */
  | { kind: 'run'; command: CommandSpec; input: string[]; flags: Flags }
  /** `COMMAND --help`, `help COMMAND`: that command's own help. */
  | { kind: 'help'; command: CommandSpec | undefined }
  /** `--version` (with any command): answered before the parser loads. */
  | { kind: 'version' };

const FLAG_BY_KEBAB = new Map(Object.keys(FLAGS).map((k) => [kebab(k), k as FlagName]));

function commandList(): string {
  return COMMANDS.filter((c) => c.name !== DEFAULT_COMMAND)
    .map((c) => c.name)
    .join(', ');
}

export function helpHint(command: CommandSpec | undefined): string {
  return command === undefined || command.name === DEFAULT_COMMAND
    ? 'Run vpce-doctor --help for the commands and options.'
    : `Run vpce-doctor ${command.name} --help for its usage.`;
}

/** Reads argv into a plan, refusing anything the table does not allow. */
export function planArgv(argv: readonly string[]): ArgvPlan {
  const positionals: string[] = [];
  const used: { flag: FlagName; token: string }[] = [];
  const values: Partial<Record<FlagName, string | number | boolean>> = {};
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const raw = (eq === -1 ? token : token.slice(0, eq)).replace(/^--?/, '');
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    if (raw === 'help' || token === '-h') {
      help = true;
      continue;
    }
    if (raw === 'version') {
      version = true;
      continue;
    }
    const negated = raw.startsWith('no-') && FLAG_BY_KEBAB.get(raw.slice(3)) !== undefined;
    const name = FLAG_BY_KEBAB.get(negated ? raw.slice(3) : raw);
    if (name === undefined || !token.startsWith('--')) {
      const known = [...(Object.keys(FLAGS) as FlagName[]).map((f) => flagToken(f).slice(2)), 'help', 'version'];
      const guess = closest(raw, known);
      throw new UsageHintError(
        `unknown option ${eq === -1 ? token : token.slice(0, eq)}`,
        guess !== undefined ? `Did you mean --${guess}? ${helpHint(undefined)}` : helpHint(undefined),
      );
    }
    const spec: { type: string; values?: readonly string[]; arg?: string } = FLAGS[name];
    used.push({ flag: name, token: negated ? `--no-${kebab(name)}` : `--${kebab(name)}` });
    if (spec.type === 'boolean') {
      if (inline !== undefined && inline !== 'true' && inline !== 'false')
        throw new UsageHintError(`--${kebab(name)} takes no value`, helpHint(undefined));
      values[name] = !negated && inline !== 'false';
      continue;
    }
    if (negated) throw new UsageHintError(`--no-${kebab(name)} is not an option`, helpHint(undefined));
    const value = inline ?? argv[i + 1];
    if (inline === undefined) i++;
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new UsageHintError(
        `--${kebab(name)} needs a value: --${kebab(name)} ${spec.arg ?? 'VALUE'}`,
        helpHint(undefined),
      );
    if (spec.type === 'number' && !/^\d+(\.\d+)?$/.test(value))
      throw new UsageHintError(`--${kebab(name)} takes a number ≥ 0 (got "${value}")`, helpHint(undefined));
    if (spec.values !== undefined && !spec.values.includes(value)) {
      const guess = closest(value, spec.values);
      throw new UsageHintError(
        `--${kebab(name)} takes one of: ${spec.values.join(', ')} (got "${value}")`,
        guess !== undefined ? `Did you mean --${kebab(name)} ${guess}?` : helpHint(undefined),
      );
    }
    values[name] = spec.type === 'number' ? Number(value) : value;
  }

  const first = positionals[0];
  if (first === 'help') {
    const topic = positionals[1];
    if (topic === undefined) return { kind: 'help', command: undefined };
    return { kind: 'help', command: knownCommand(topic) };
  }
  const command = first === undefined ? commandNamed(DEFAULT_COMMAND) : knownCommand(first);
  if (command === undefined) throw new Error('the default command is missing from the command table');
  if (help) return { kind: 'help', command: first === undefined ? undefined : command };
  if (version) return { kind: 'version' };
  for (const { flag, token } of used) {
    if (!command.flags.includes(flag)) {
      const takes = command.flags.map(flagToken).join(', ');
      throw new UsageHintError(
        command.name === DEFAULT_COMMAND
          ? `${token} belongs to another command, not to a diagnosis`
          : `${command.name} does not take ${token}`,
        `${takes === '' ? `${command.name} takes no options.` : `${command.name === DEFAULT_COMMAND ? 'A diagnosis' : command.name} takes ${takes}.`} ${helpHint(command)}`,
      );
    }
  }
  const flags: Record<string, string | number | boolean | undefined> = {};
  for (const name of Object.keys(FLAGS) as FlagName[]) {
    const spec: FlagSpec = FLAGS[name];
    flags[name] = values[name] ?? spec.default;
  }
  return { kind: 'run', command, input: positionals, flags: flags as Flags };
}

function knownCommand(name: string): CommandSpec {
  const command = commandNamed(name);
  if (command !== undefined && command.name !== DEFAULT_COMMAND) return command;
  const names = COMMANDS.filter((c) => c.name !== DEFAULT_COMMAND).map((c) => c.name);
  const guess = closest(name, names);
  throw new UsageHintError(
    `unknown command "${name}"`,
    `${guess !== undefined ? `Did you mean ${guess}? ` : ''}Commands: ${commandList()}. Run vpce-doctor --help for more.`,
  );
}
