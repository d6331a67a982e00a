// The session an interrupted run leaves behind: the answers and the probe results that had
// finished, with a report that says it is incomplete because the run was stopped. It is a
// valid session file, so `replay` loads it and names what is missing.
import type { EngineState } from '../engine/machine.js';
import type { Report } from '../engine/verdict.js';
import { toSession, writeJson } from '../session/files.js';
import type { HandledSignal } from './signals.js';
import { TOOL_VERSION } from './version.js';

export async function savePartialSession(
  state: EngineState,
  signal: HandledSignal,
  path: string,
  startedAt: Date,
): Promise<{ path: string; probes: number }> {
  const probes = Object.keys(state.results).length;
  const report: Report = {
    version: 1,
    verdict: 'incomplete',
    findings: [],
    checks: [
      {
        id: 'run.interrupted',
        layer: 'endpoint',
        status: 'error',
        detail: `the run was interrupted by ${signal} before the diagnosis finished; ${probes} probe result${probes === 1 ? '' : 's'} recorded`,
      },
    ],
  };
  await writeJson(path, toSession(state, report, { toolVersion: TOOL_VERSION, startedAt, finishedAt: new Date() }));
  return { path, probes };
}
