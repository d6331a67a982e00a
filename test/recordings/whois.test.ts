// The shipped whois recordings are golden files: each scenario's lookup (probe results and the
// report, recordings/whois/<name>.json) and its text (<name>.txt) must be what vpce-doctor makes
// today (RECORD=1 rewrites them: `npm run recordings`), and the recorded probe results alone,
// replayed strictly, must give the same report: a change to whois output cannot drift unseen.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWhoisQuery } from '../../src/analysis/whois/query.js';
import { whoisExitCode } from '../../src/cli/whois.js';
import {
  PROBES,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeRecord,
  type ProbeSource,
} from '../../src/probes/contract.js';
import { WhoisReportSchema } from '../../src/report/whois-schema.js';
import { renderWhoisText } from '../../src/report/whois-text.js';
import { ProbeRecordSchema } from '../../src/session/schema.js';
import { RecordedProbes } from '../../src/session/recorded.js';
import { investigate } from '../../src/whois/investigate.js';
import { ROOT } from '../support/cli.js';
import { WHOIS_SCENARIOS, type WhoisScenario } from './whois-scenarios.js';
import { z } from 'zod';

const DIR = join(ROOT, 'recordings', 'whois');

/** The scenario's account as a probe source that writes down every call and its outcome. */
class ScenarioProbes implements ProbeSource {
  readonly records: ProbeRecord[] = [];
  constructor(private readonly scenario: WhoisScenario) {}
  async run<K extends ProbeKey>(request: { key: K; input: unknown }): Promise<ProbeOutcome<never>> {
    const answer = this.scenario.answers[request.key];
    if (answer === undefined) throw new Error(`${this.scenario.name}: no answer for ${request.key}`);
    // Validated at the boundary as LiveProbes does.
    const value = PROBES[request.key].output.parse(answer(request.input as Record<string, unknown>));
    const outcome = { status: 'ok' as const, value };
    this.records.push({ key: request.key, input: request.input, outcome } as ProbeRecord);
    return outcome as ProbeOutcome<never>;
  }
}

const WhoisRecordingSchema = z.strictObject({
  version: z.literal(1),
  tool: z.literal('vpce-doctor whois'),
  input: z.string(),
  region: z.string(),
  probes: z.array(ProbeRecordSchema),
  report: WhoisReportSchema,
});

async function lookUp(s: WhoisScenario) {
  const query = parseWhoisQuery(s.input);
  if ('error' in query) throw new Error(query.error);
  const probes = new ScenarioProbes(s);
  const report = await investigate(query, s.region, probes);
  return { report, probes: probes.records };
}

describe('whois recordings', () => {
  for (const s of WHOIS_SCENARIOS) {
    it(`whois ${s.input} → ${s.expect.owner ?? s.expect.status}; matches recordings/whois/${s.name}.json and .txt`, async () => {
      const { report, probes } = await lookUp(s);
      expect(report.status).toBe(s.expect.status);
      if (s.expect.owner !== undefined) expect(report.interfaces[0]?.owner.kind).toBe(s.expect.owner);
      const recording = { version: 1, tool: 'vpce-doctor whois', input: s.input, region: s.region, probes, report };
      const json = JSON.stringify(recording, null, 2) + '\n';
      const text = renderWhoisText(report);
      const jsonPath = join(DIR, `${s.name}.json`);
      const textPath = join(DIR, `${s.name}.txt`);
      if (process.env.RECORD === '1') {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(jsonPath, json);
        writeFileSync(textPath, text);
      }
      expect(existsSync(jsonPath), `${jsonPath} is missing: run npm run recordings`).toBe(true);
      const onDisk = JSON.parse(readFileSync(jsonPath, 'utf8')) as unknown;
      expect(WhoisRecordingSchema.parse(onDisk)).toBeTruthy();
      expect(onDisk, `${jsonPath} is stale: run npm run recordings`).toEqual(JSON.parse(json));
      expect(readFileSync(textPath, 'utf8'), `${textPath} is stale: run npm run recordings`).toBe(text);
    });

    it(`recordings/whois/${s.name}.json replayed from its probe results alone gives the recorded report`, async () => {
      const file = WhoisRecordingSchema.parse(JSON.parse(readFileSync(join(DIR, `${s.name}.json`), 'utf8')));
      const query = parseWhoisQuery(file.input);
      if ('error' in query) throw new Error(query.error);
      const recorded = new RecordedProbes(file.probes as ProbeRecord[]);
      const report = await investigate(query, file.region, recorded);
      expect(recorded.missing).toEqual([]);
      expect(report).toEqual(file.report);
      expect(whoisExitCode(report.status)).toBe(s.expect.status === 'found' ? 0 : 1);
    });
  }

  it('every file under recordings/whois/ has a scenario', () => {
    const names = readdirSync(DIR).map((f) => f.replace(/\.(json|txt)$/, ''));
    expect([...new Set(names)].sort()).toEqual(WHOIS_SCENARIOS.map((s) => s.name).sort());
  });
});
