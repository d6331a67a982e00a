// Check ids are public (they are in the report JSON): every id a module emits is in the
// catalogue of checks (src/findings/checks.ts) under its layer, and the catalogue lists no id
// the code has stopped emitting.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckModule } from '../../src/analysis/check-module.js';
import { MODULES } from '../../src/analysis/modules/index.js';
import { drive } from '../../src/engine/driver.js';
import { start } from '../../src/engine/machine.js';
import { CHECKS, type CheckId } from '../../src/findings/checks.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { checkIdProblems } from '../support/check-ids.js';
import { ROOT, runCli } from '../support/cli.js';
import { fixtureProbes } from '../support/fixtures/index.js';
import { SCENARIOS } from '../recordings/scenarios/index.js';

async function checksOf(modules: readonly CheckModule[], scenario: (typeof SCENARIOS)[number]) {
  const state = await drive(
    start({}, { modules, presets: scenario.answers }),
    new AnswersFileAsker(scenario.answers),
    fixtureProbes(scenario.account),
  );
  if (state.view.kind !== 'done') throw new Error(`${scenario.name}: the walk did not finish`);
  return state.view.outcome.report.checks;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('the catalogue of check ids', () => {
  it('every check of every recording scenario is catalogued, under its layer', async () => {
    const problems: string[] = [];
    for (const scenario of SCENARIOS)
      for (const p of checkIdProblems(await checksOf(MODULES, scenario))) problems.push(`${scenario.name}: ${p}`);
    expect(problems).toEqual([]);
  });

  it('a module that emits a check id outside the catalogue is caught', async () => {
    const rogue: CheckModule = {
      id: 'rogue',
      layer: 'route',
      requires: () => [],
      // A typo'd id, as a module could emit it through a cast: the types alone would not catch it.
      evaluate: () => ({
        checks: [{ id: 'route.interface-locale' as CheckId, layer: 'route', status: 'pass', detail: 'ok' }],
        findings: [],
      }),
    };
    const scenario = SCENARIOS.find((s) => s.name === 'healthy.s3-gateway') ?? SCENARIOS[0];
    if (scenario === undefined) throw new Error('no scenarios');
    const problems = checkIdProblems(await checksOf([...MODULES, rogue], scenario));
    expect(problems).toEqual(['route.interface-locale: not in src/findings/checks.ts']);
  });

  it('a catalogued check filed under another layer is caught', () => {
    expect(checkIdProblems([{ id: 'dns.answer', layer: 'route', status: 'pass', detail: 'x' }])).toEqual([
      'dns.answer: filed under route, the catalogue says dns',
    ]);
  });

  it('every catalogued id is still written somewhere in the source (no stale entry)', () => {
    const text = sourceFiles(join(ROOT, 'src'))
      .filter((f) => !f.endsWith(join('findings', 'checks.ts')))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const stale = Object.keys(CHECKS).filter((id) => !text.includes(`'${id}'`));
    expect(stale).toEqual([]);
  });

  it('vpce-doctor findings --checks lists every catalogued id with its layer', async () => {
    const r = await runCli(['findings', '--checks', '--json']);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as { checks: { id: string; layer: string }[] };
    expect(listed.checks.map((c) => c.id).sort()).toEqual(Object.keys(CHECKS).sort());
    const text = await runCli(['findings', '--checks']);
    expect(text.stdout).toContain('facts.<probe key>');
    expect(text.stdout).toMatch(/^ {2}dns\.answer {2,}the service name resolves/m);
  });
});
