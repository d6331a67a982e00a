// The replay bundle's entry (dist/cli/replay.cjs, loaded by the published bin for a command line
// naming `replay`): `replay FILE` with a report on stdout (--json, --output, a pipe) at about
// Node's own start-up cost. It is one CommonJS file holding the engine, the analysis and the
// report renderers, and nothing else: no Ink, no AWS client, no zod. The session is read by a
// validator generated from the zod schemas at build time (scripts/session-validator.mjs).
//
// It is a fast path only. Anything else (another command, --help, a usage mistake, a terminal
// that gets the animated replay, a file that cannot be read or that the generated validator
// does not vouch for) is handed to the ES module entry (dist/cli/main.js) before anything is
// written, and that path answers it as always, with the same words.
import { planArgv } from './usage.js';
import { outputFormat, endWith, failWith, quietOnClosedPipe, replayFile } from './ending.js';
import { terminalSupportsPrompting } from './terminal.js';
import { installSignalHandlers } from './signals.js';
import { replayReport } from './replay-report.js';
import { readText, sessionJson } from '../session/read-file.js';
import { unusableValues } from '../session/usable.js';
import { splitCommandLine } from '../findings/command.js';
import { QUESTION_IDS } from '../path/answers.js';
import type { SessionFile } from '../session/schema.js';
import { createSessionValidator } from 'vpce:session-validator';

const validate = createSessionValidator({ unusableValues, splitCommandLine, QUESTION_IDS });

/** Runs `replay FILE` with a report on stdout, or calls `handover` (dist/cli/main.js) before writing anything. */
export async function run(handover: () => void): Promise<void> {
  let plan;
  let file: string;
  let format;
  try {
    plan = planArgv(process.argv.slice(2));
    if (plan.kind !== 'run' || plan.input[0] !== 'replay') return handover();
    format = outputFormat(plan.flags);
    file = replayFile(plan.input.slice(1), plan.flags);
  } catch {
    return handover();
  }
  if (format === 'text' && terminalSupportsPrompting()) return handover();
  let session: SessionFile | undefined;
  try {
    session = validate(sessionJson(await readText(file, 'session file'), file)) as SessionFile | undefined;
  } catch {
    session = undefined;
  }
  if (session === undefined) return handover();

  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  installSignalHandlers();
  quietOnClosedPipe();
  const runPlan = plan;
  await replayReport(session, file, runPlan.flags, format).then(endWith, (err: unknown) => failWith(err, runPlan));
}
