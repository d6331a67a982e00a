// The core replay operation: a session's recorded answers and probe results through the engine
// again, with no delay and no UI. Redaction proves a redacted copy with it before writing.
import type { CheckModule } from '../analysis/check-module.js';
import { drive } from '../engine/driver.js';
import { start, type EngineState } from '../engine/machine.js';
import type { Answers } from '../path/answers.js';
import type { ProbeRecord } from '../probes/contract.js';
import { AnswersFileAsker } from './answers-file-asker.js';
import { RecordedProbes } from './recorded.js';
import type { SessionFile } from './schema.js';

/** Re-runs a session through the engine with the given check modules: the report it reaches today. */
export async function rerun(
  session: SessionFile,
  modules: readonly CheckModule[],
): Promise<{ state: EngineState; missing: string[] }> {
  const answers = session.answers as Answers;
  const probes = new RecordedProbes(session.probes as ProbeRecord[]);
  const state = await drive(
    start({}, { modules, presets: answers, settings: session.settings }),
    new AnswersFileAsker(answers),
    probes,
  );
  return { state, missing: probes.missing };
}
