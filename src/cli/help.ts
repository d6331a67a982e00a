// The help screens, built from the command/flag table (commands.ts): the main one and one per
// command, each leading with examples.
import { COMMANDS, DEFAULT_COMMAND, FLAGS, flagToken, type CommandSpec, type FlagName } from './commands.js';

const WIDTH = 96;

function wrap(text: string, indent: number, first: number): string[] {
  const lines: string[] = [];
  let line = '';
  let room = WIDTH - first;
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = WIDTH - indent;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function flagLines(names: readonly FlagName[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const spec: { arg?: string; help: string } = FLAGS[name];
    const left = `    ${flagToken(name)}${spec.arg !== undefined ? ` ${spec.arg}` : ''}`;
    const column = 25;
    const [head, ...tail] = wrap(spec.help, column, Math.max(column, left.length + 2));
    out.push(left.length + 2 > column ? `${left}  ${head ?? ''}` : `${left.padEnd(column)}${head ?? ''}`);
    for (const t of tail) out.push(`${' '.repeat(column)}${t}`);
  }
  return out;
}

function exampleLines(examples: readonly (readonly [string, string])[]): string[] {
  const column = 50;
  return examples.map(([cmd, what]) =>
    `    $ ${cmd}`.length + 2 > column
      ? `    $ ${cmd}\n${' '.repeat(column)}${what}`
      : `    $ ${cmd}`.padEnd(column) + what,
  );
}

export const EXIT_CODES_HELP = `  Exit codes
    0 healthy · 1 problems found · 2 bad usage or input · 3 incomplete (a check could not run)
    130 interrupted · 143 terminated · 129 hung up (the partial session is saved and named).
    "Problems" is an error finding or a failed check; --fail-on warning adds
    warnings, --fail-on info any finding.`;

const QUESTIONS_HELP = `  Question ids for --answers
    region, service (s3, dynamodb, sqs, ... or com.amazonaws.<region>.<svc>),
    source.kind (instance|eni|subnet|peered-vpc|vpn|direct-connect|transit-gateway|on-premises),
    source.id (i-…, eni-…, subnet-…), source.ip, vpc, endpoint (vpce-… or auto),
    symptom (timeout|access-denied|wrong-address|nxdomain|unknown),
    target.bucket, target.key, target.table (DynamoDB), target.resource (an ARN),
    target.action, target.principal,
    target.hostname (the name the client calls, e.g. sts.amazonaws.com),
    target.kms-key (the KMS key ARN an S3 AccessDenied names),
    target.principal-org-path, target.resource-org-path (o-…/r-…/ou-…/)`;

function mainHelp(): string {
  const diagnose = COMMANDS.find((c) => c.name === DEFAULT_COMMAND);
  const others = COMMANDS.filter((c) => c.name !== DEFAULT_COMMAND);
  const examples = [...(diagnose?.examples ?? []), ...others.flatMap((c) => c.examples.slice(0, 1))];
  return [
    '',
    '  Find out why a workload cannot reach an AWS service through its VPC endpoint,',
    '  and get the exact command that fixes it. Read-only: it only Describes, Gets and Lists.',
    '',
    '  Examples',
    ...exampleLines(examples),
    '',
    '  Commands (vpce-doctor COMMAND --help for each)',
    ...others.map((c) => `    ${c.name.padEnd(14)}${c.summary}`),
    '',
    '  Usage',
    `    $ ${diagnose?.usage ?? 'vpce-doctor'}`,
    ...others.map((c) => `    $ ${c.usage}`),
    '',
    '  Options (of a diagnosis; each command lists its own)',
    ...flagLines(diagnose?.flags ?? []),
    '    --version, --help',
    '',
    QUESTIONS_HELP,
    '',
    EXIT_CODES_HELP,
    '',
    '  Environment',
    '    AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL (LocalStack, moto), NO_COLOR',
    '',
  ].join('\n');
}

/** One command's help: what it does, examples first, then usage and its own options. */
export function commandHelp(command: CommandSpec): string {
  return [
    '',
    `  vpce-doctor ${command.name === DEFAULT_COMMAND ? '' : `${command.name}: `}${command.summary}`,
    '',
    '  Examples',
    ...exampleLines(command.examples),
    '',
    '  Usage',
    `    $ ${command.usage}`,
    '',
    ...(command.flags.length > 0 ? ['  Options', ...flagLines(command.flags), ''] : []),
    ...(command.notes !== undefined ? [command.notes, ''] : []),
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}

export const HELP = mainHelp();
