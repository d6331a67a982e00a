// The one way a test diagnoses a fixture account: every check module, answers given as an
// --answers file gives them, the walk driven to its verdict.
import { MODULES } from '../../src/analysis/modules/index.js';
import { drive } from '../../src/engine/driver.js';
import { start, type EngineState } from '../../src/engine/machine.js';
import type { Report } from '../../src/engine/verdict.js';
import type { Answers } from '../../src/path/answers.js';
import type { Settings } from '../../src/path/context.js';
import type { ProbeSource } from '../../src/probes/contract.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { fixtureProbes, type Account } from './fixtures/index.js';

export interface WalkOptions {
  settings?: Settings;
  /**
   * `seeded`: every answer given before the walk, as the CLI seeds an --answers file; default
   * `presets`: answers given only where the tree asks, as a replay gives them.
   */
  how?: 'seeded' | 'presets';
}

/** Drives the walk over `probes` to its verdict; throws if it stops short. */
export async function walk(answers: Answers, probes: ProbeSource, options: WalkOptions = {}): Promise<EngineState> {
  const settings = options.settings ?? {};
  const initial =
    options.how === 'seeded'
      ? start(answers, { modules: MODULES, settings })
      : start({}, { modules: MODULES, presets: answers, settings });
  const state = await drive(initial, new AnswersFileAsker(answers), probes);
  if (state.view.kind !== 'done') throw new Error('the walk did not finish');
  return state;
}

export function reportOf(state: EngineState): Report {
  if (state.view.kind !== 'done') throw new Error('the walk did not finish');
  return state.view.outcome.report;
}

/** The report for a fixture account. */
export async function diagnose(account: Account, answers: Answers): Promise<Report> {
  return reportOf(await walk(answers, fixtureProbes(account)));
}
