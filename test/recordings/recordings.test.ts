// The shipped recordings are golden tests: each scenario must produce the findings it is
// named for, the file on disk must match what the engine makes today (RECORD=1 rewrites
// them: `npm run recordings`), and replaying it must print the same report with the verdict's
// exit code. Every recording replays in-process through the command's own code path (argv
// parsed by the CLI's parser, then runReplay, as main.ts does); the built binary replays a
// problems and a healthy one (a spawn costs ~0.3 s of a 2-core machine, 49 of them a quarter
// of the suite's time).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CATALOGUE } from '../../src/findings/catalogue.js';
import { TOOL_VERSION } from '../../src/cli/version.js';
import { runReplay } from '../../src/cli/replay.js';
import { planArgv } from '../../src/cli/usage.js';
import { SessionSchema } from '../../src/session/schema.js';
import { ROOT, runCli, type CliResult } from '../support/cli.js';
import { recordScenario } from './record.js';
import { SCENARIOS } from './scenarios/index.js';

const DIR = join(ROOT, 'recordings');
const EXIT = { healthy: 0, problems: 1, incomplete: 3 } as const;

/** `vpce-doctor replay FILE --json` in this process: the parsed flags, runReplay, its exit code and both streams. */
async function replayInProcess(path: string): Promise<CliResult> {
  const plan = planArgv(['replay', path, '--json']);
  if (plan.kind !== 'run' || !plan.flags.json) throw new Error('replay --json did not parse as a JSON replay');
  let stdout = '';
  let stderr = '';
  const capture = (sink: (s: string) => void) => (chunk: string | Uint8Array) => {
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
  try {
    const code = await runReplay(path, plan.flags, 'json');
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('recordings', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: produces ${scenario.expect.findings.join(', ') || 'no finding'} and matches recordings/${scenario.name}.json`, async () => {
      const session = await recordScenario(scenario, TOOL_VERSION);
      expect(session.report.verdict).toBe(scenario.expect.verdict);
      expect(session.report.findings.map((f) => f.id)).toEqual(scenario.expect.findings);
      const path = join(DIR, `${scenario.name}.json`);
      const text = JSON.stringify(session, null, 2) + '\n';
      if (process.env.RECORD === '1') writeFileSync(path, text);
      expect(existsSync(path), `${path} is missing: run npm run recordings`).toBe(true);
      const onDisk = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      expect(SessionSchema.parse(onDisk)).toBeTruthy();
      expect(onDisk, `${path} is stale: run npm run recordings`).toEqual(JSON.parse(text));
    });
  }

  it('every recording on disk has a scenario, and every catalogue finding has a recording', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
    const shown = new Set(SCENARIOS.flatMap((s) => s.expect.findings));
    const missing = Object.keys(CATALOGUE).filter((id) => !shown.has(id));
    expect(missing, 'findings without a recording').toEqual([]);
  });

  for (const scenario of SCENARIOS) {
    it(`replay --json ${scenario.name}.json prints the recorded report`, async () => {
      const path = join(DIR, `${scenario.name}.json`);
      const session = SessionSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      const result = await replayInProcess(path);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual(session.report);
      expect(result.code).toBe(EXIT[session.report.verdict]);
    });
  }

  it.each(['gateway.route-table-not-associated', 'healthy.s3-gateway'])(
    'the built binary: replay --json %s.json prints the recorded report with the verdict’s exit code',
    async (name) => {
      const path = join(DIR, `${name}.json`);
      const session = SessionSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      const result = await runCli(['replay', path, '--json']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual(session.report);
      expect(result.code).toBe(EXIT[session.report.verdict]);
    },
  );
});
