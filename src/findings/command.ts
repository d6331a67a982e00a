// A fix command is data: the argv the AWS CLI receives, rendered once to a POSIX shell line.
//
// How to build one (the whole API):
//
//   awsCommand('ec2', 'create-route', ['--route-table-id', rtb, '--destination-cidr-block', cidr], { region })
//     → aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block 10.0.0.0/16 --region us-east-1
//   awsCommand('ec2', 'create-security-group', [..., '--query', 'GroupId', '--output', 'text'], { region, assigns: 'SG_ID' })
//     → SG_ID=$(aws ec2 create-security-group … --query GroupId --output text --region us-east-1)
//   awsCommand('ec2', 'create-vpc-endpoint', ['--security-group-ids', shellVar('SG_ID')], { region })
//     → … --security-group-ids "$SG_ID" …   (a later command of the same fix uses the captured id)
//
// A document (a policy) travels inline as one argument: pass the JSON text, it is single-quoted.
// Never a `file://` to a file that may not exist. No placeholder: every argument is a real value
// or a variable an earlier command of the same fix assigns.
//
// In `argv`, a word that is exactly `$NAME` is a variable reference (a literal argument may not
// have that form: awsCommand throws).

export interface FixCommand {
  /** The words the shell passes: 'aws', service, operation, arguments (`$NAME` = a variable set earlier). */
  argv: string[];
  /** When set, the line is `NAME=$(…)`: the output (one value, `--output text`) is kept for later commands. */
  assigns?: string;
  /** The POSIX shell line to paste, rendered from argv by renderCommandLine(). */
  line: string;
}

/** A reference to a shell variable that an earlier command of the same fix assigns. */
export interface ShellVar {
  variable: string;
}

const VAR_NAME = /^[A-Z][A-Z0-9_]*$/;
const VAR_WORD = /^\$[A-Z][A-Z0-9_]*$/;
const SAFE_WORD = /^[A-Za-z0-9_.:/=,@+%-]+$/;

export function shellVar(name: string): ShellVar {
  if (!VAR_NAME.test(name)) throw new RangeError(`not a shell variable name: ${JSON.stringify(name)}`);
  return { variable: name };
}

/** POSIX-shell quoting: plain words stay bare, anything else is single-quoted. */
export function shellQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function word(w: string): string {
  return VAR_WORD.test(w) ? `"${w}"` : shellQuote(w);
}

/** The one renderer: argv (and the variable it assigns) to a shell line. */
export function renderCommandLine(argv: readonly string[], assigns?: string): string {
  const line = argv.map(word).join(' ');
  return assigns === undefined ? line : `${assigns}=$(${line})`;
}

export type CommandArg = string | number | ShellVar;

/**
 * An AWS CLI v2 command. `region` appends `--region` (every AWS call names its Region, so a fix
 * works whatever the user's default); leave it out only for commands that make no AWS call.
 */
export function awsCommand(
  service: string,
  operation: string,
  args: readonly CommandArg[],
  options: { region?: string; assigns?: string } = {},
): FixCommand {
  const words = args.map((a): string => {
    if (typeof a === 'number') return String(a);
    if (typeof a === 'string') {
      if (VAR_WORD.test(a)) throw new RangeError(`a literal argument looks like a variable: ${a}; use shellVar()`);
      if (a.includes('<') && a.includes('>') && !a.trimStart().startsWith('{'))
        throw new RangeError(`a placeholder is not an argument: ${a}`);
      return a;
    }
    return `$${a.variable}`;
  });
  const argv = [
    'aws',
    service,
    operation,
    ...words,
    ...(options.region !== undefined ? ['--region', options.region] : []),
  ];
  if (options.assigns !== undefined && !VAR_NAME.test(options.assigns))
    throw new RangeError(`not a shell variable name: ${JSON.stringify(options.assigns)}`);
  return {
    argv,
    ...(options.assigns !== undefined ? { assigns: options.assigns } : {}),
    line: renderCommandLine(argv, options.assigns),
  };
}

/** The shell lines of some commands, in order (what a user pastes). */
export function commandLines(commands: readonly FixCommand[]): string[] {
  return commands.map((c) => c.line);
}

/**
 * Splits a POSIX shell line of the kind renderCommandLine() prints back into argv: bare words,
 * single-quoted and double-quoted words. For sessions saved before commands were data.
 */
export function splitCommandLine(line: string): { argv: string[]; assigns?: string } {
  const assign = /^([A-Z][A-Z0-9_]*)=\$\((.*)\)$/s.exec(line.trim());
  const body = assign?.[2] ?? line;
  const argv: string[] = [];
  let current = '';
  let started = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === "'") {
      const end = body.indexOf("'", i + 1);
      current += body.slice(i + 1, end === -1 ? body.length : end);
      i = end === -1 ? body.length : end;
      started = true;
    } else if (ch === '"') {
      const end = body.indexOf('"', i + 1);
      current += body.slice(i + 1, end === -1 ? body.length : end);
      i = end === -1 ? body.length : end;
      started = true;
    } else if (ch === '\\' && i + 1 < body.length) {
      current += body[++i];
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) argv.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) argv.push(current);
  return assign?.[1] !== undefined ? { argv, assigns: assign[1] } : { argv };
}
