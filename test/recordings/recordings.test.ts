// The shipped recordings are golden tests: each scenario must produce the findings it is
// named for, the file on disk must match what the engine makes today (RECORD=1 rewrites
// them: `npm run recordings`), and replaying it through the built CLI must print the same
// report with the verdict's exit code.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/findings/catalogue.js';
import { TOOL_VERSION } from '../../src/cli/version.js';
import { SessionSchema } from '../../src/session/schema.js';
import { ROOT, runCli } from '../support/cli.js';
import { recordScenario } from './record.js';
import { SCENARIOS } from './scenarios/index.js';

const DIR = join(ROOT, 'recordings');
const EXIT = { healthy: 0, problems: 1, incomplete: 3 } as const;

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
      const result = await runCli(['replay', path, '--json']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual(session.report);
      expect(result.code).toBe(EXIT[session.report.verdict]);
    });
  }
});
