// Runs a scenario through the real engine and driver (fixture probes, recorded answers) and
// returns the session file it makes. Timestamps are fixed so recordings are reproducible.
import { drive } from '../../src/engine/driver.js';
import { start } from '../../src/engine/machine.js';
import { toSession } from '../../src/session/files.js';
import type { SessionFile } from '../../src/session/schema.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { fixtureProbes } from '../support/fixtures/index.js';
import type { RecordingScenario } from './scenario.js';
import { MODULES } from '../../src/analysis/modules/index.js';

export async function recordScenario(s: RecordingScenario, toolVersion: string): Promise<SessionFile> {
  const state = await drive(start({}, { modules: MODULES, presets: s.answers }), new AnswersFileAsker(s.answers), fixtureProbes(s.account));
  if (state.view.kind !== 'done') throw new Error(`${s.name}: the walk did not finish`);
  return toSession(state, state.view.outcome.report, {
    toolVersion,
    startedAt: new Date('2026-11-20T09:30:00Z'),
    finishedAt: new Date('2026-11-20T09:30:04Z'),
  });
}
