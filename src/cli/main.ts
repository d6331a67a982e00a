#!/usr/bin/env node
// The entry: parse arguments and hand over to one mode. It imports nothing heavy: AWS
// clients, React and Ink are loaded by the mode that needs them.
import meow from 'meow';
import { EXIT, UsageError } from './exit-codes.js';
import { FLAGS, type OutputFormat } from './flags.js';
import { HELP } from './help.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const cli = meow(HELP, {
  importMeta: import.meta,
  description: false,
  allowUnknownFlags: false,
  flags: FLAGS,
});

function fail(message: string, code: number = EXIT.usage): never {
  process.stderr.write(`vpce-doctor: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<number> {
  const [command, ...rest] = cli.input;
  const flags = cli.flags;
  if (flags.json && flags.output !== undefined && flags.output !== 'json')
    throw new UsageError('--json and --output ' + flags.output + ' contradict each other');
  const format: OutputFormat = flags.json ? 'json' : ((flags.output as OutputFormat | undefined) ?? 'text');
  if (flags.pace !== undefined && (!Number.isFinite(flags.pace) || flags.pace < 0))
    throw new UsageError('--pace takes a number of milliseconds ≥ 0');

  switch (command) {
    case undefined: {
      const { runLive } = await import('./live.js');
      return runLive(flags, format);
    }
    case 'replay': {
      const file = rest[0];
      if (file === undefined) throw new UsageError('replay needs a session file: vpce-doctor replay session.json');
      if (rest.length > 1) throw new UsageError(`replay takes one session file (got ${rest.length})`);
      if (flags.answers !== undefined)
        throw new UsageError('replay takes its answers from the session; drop --answers');
      const { runReplay } = await import('./replay.js');
      return runReplay(file, flags, format);
    }
    case 'redact': {
      const file = rest[0];
      if (file === undefined || rest.length > 1)
        throw new UsageError('redact takes one session file: vpce-doctor redact session.json [--save shared.json]');
      const { runRedact } = await import('./redact.js');
      return runRedact(file, flags);
    }
    case 'findings': {
      if (rest.length > 0)
        throw new UsageError('findings takes no arguments: vpce-doctor findings [--json | --output markdown]');
      const { runFindings } = await import('./findings.js');
      return runFindings(format);
    }
    case 'schema': {
      const name = rest[0];
      if (name !== 'session' && name !== 'answers' && name !== 'report')
        throw new UsageError('schema takes one of: session, answers, report');
      const { jsonSchema } = await import('../session/schema.js');
      process.stdout.write(JSON.stringify(jsonSchema(name), null, 2) + '\n');
      return EXIT.healthy;
    }
    default:
      throw new UsageError(`unknown command "${command}"; run vpce-doctor --help`);
  }
}

process.on('SIGINT', () => fail('interrupted', EXIT.interrupted));
// `vpce-doctor … | head`: a closed pipe is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main().then(
  (code) => {
    // Exit as soon as the output is flushed: an interrupted wizard leaves its driver waiting and
    // SDK sockets may linger; neither should keep the user waiting.
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  },
  (err: unknown) => {
    if (err instanceof UsageError) fail(err.message, EXIT.usage);
    process.stderr.write(
      `vpce-doctor: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.stderr.write('Please report it with the session file if one was written.\n');
    process.exit(EXIT.internal);
  },
);
