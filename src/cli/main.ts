#!/usr/bin/env node
// The entry: parse arguments and hand over to one mode. It imports nothing heavy: AWS
// clients, React and Ink are loaded by the mode that needs them, and `--help` / `--version`
// are answered before even the argument parser loads. In the bundle (scripts/build.mjs) each
// dynamic import() below is its own chunk: these are the places where the code splits.
import { EXIT, UsageError } from './exit-codes.js';
import { HELP, commandHelp } from './help.js';
export type { Flags, OutputFormat } from './flags.js';
import { planArgv, UsageHintError, type ArgvPlan } from './usage.js';
import { installSignalHandlers } from './signals.js';
import { endWith, fail, failWith, outputFormat, quietOnClosedPipe, replayFile } from './ending.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Our own checks first: every mistake gets our message, a hint and exit 2, and
// `COMMAND --help` gets that command's help.
const plan: ArgvPlan = (() => {
  try {
    return planArgv(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageHintError) fail(err.message, EXIT.usage, err.hint);
    throw err;
  }
})();
if (plan.kind === 'help') {
  process.stdout.write((plan.command !== undefined ? commandHelp(plan.command) : HELP).replace(/^\n/, ''));
  process.exit(EXIT.healthy);
}
if (plan.kind === 'version') {
  const { TOOL_VERSION } = await import('./version.js');
  process.stdout.write(`${TOOL_VERSION}\n`);
  process.exit(EXIT.healthy);
}

async function main(run: Extract<ArgvPlan, { kind: 'run' }>): Promise<number> {
  const [command, ...rest] = run.input;
  const flags = run.flags;
  const format = outputFormat(flags);

  switch (command) {
    case undefined: {
      const { runLive } = await import('./live.js');
      return runLive(flags, format);
    }
    case 'replay': {
      const file = replayFile(rest, flags);
      const { runReplay } = await import('./replay.js');
      return runReplay(file, flags, format);
    }
    case 'demo': {
      if (rest.length > 1) throw new UsageError(`demo takes one recording name (got ${rest.length})`);
      const { runDemo } = await import('./demo.js');
      return runDemo(rest[0], flags, format);
    }
    case 'rerun': {
      const file = rest[0];
      if (file === undefined || rest.length > 1)
        throw new UsageError('rerun takes one session file: vpce-doctor rerun session.json');
      if (flags.answers !== undefined) throw new UsageError('rerun takes its answers from the session; drop --answers');
      const { runLive } = await import('./live.js');
      return runLive({ ...flags, answers: file }, format);
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
        throw new UsageError(
          'findings takes no arguments: vpce-doctor findings [--checks] [--json | --output markdown]',
        );
      if (format === 'sarif') throw new UsageError('findings prints text, json or markdown; sarif is for a diagnosis');
      const { runChecks, runFindings } = await import('./findings.js');
      return flags.checks ? runChecks(format) : runFindings(format);
    }
    case 'explain': {
      const id = rest[0];
      if (id === undefined || rest.length > 1)
        throw new UsageError('explain takes one finding id: vpce-doctor explain gateway.route-table-not-associated');
      const { runExplain } = await import('./explain.js');
      return runExplain(id, format === 'json' ? 'json' : 'text');
    }
    case 'iam-policy': {
      if (rest.length > 0) throw new UsageError('iam-policy takes no arguments: vpce-doctor iam-policy');
      const { runIamPolicy } = await import('./iam-policy.js');
      return runIamPolicy();
    }
    case 'tree': {
      if (rest.length > 0) throw new UsageError('tree takes no arguments: vpce-doctor tree [--mermaid]');
      const { treeMermaid, treeOutline } = await import('../report/mermaid.js');
      process.stdout.write(flags.mermaid ? treeMermaid() : treeOutline());
      return EXIT.healthy;
    }
    case 'config': {
      if (rest.length > 0) throw new UsageError('config takes no arguments: vpce-doctor config [--json]');
      const { runConfig } = await import('./config.js');
      return runConfig(format === 'json' ? 'json' : 'text', flags.config);
    }
    case 'completion': {
      if (rest.length > 1) throw new UsageError('completion takes one shell: vpce-doctor completion bash|zsh|fish');
      const { runCompletion } = await import('./completion.js');
      return runCompletion(rest[0]);
    }
    case 'whois': {
      const { runWhois } = await import('./whois.js');
      return runWhois(rest, flags, format);
    }
    case 'schema': {
      const name = rest[0];
      if (name === 'whois') {
        const { whoisJsonSchema } = await import('../report/whois-schema.js');
        process.stdout.write(JSON.stringify(whoisJsonSchema(), null, 2) + '\n');
        return EXIT.healthy;
      }
      if (name !== 'session' && name !== 'answers' && name !== 'report')
        throw new UsageError('schema takes one of: session, answers, report, whois');
      const { jsonSchema } = await import('../session/schema.js');
      process.stdout.write(JSON.stringify(jsonSchema(name), null, 2) + '\n');
      return EXIT.healthy;
    }
    default:
      throw new UsageError(`unknown command "${command}"; run vpce-doctor --help`);
  }
}

installSignalHandlers();
quietOnClosedPipe();

main(plan).then(endWith, (err: unknown) => failWith(err, plan));
