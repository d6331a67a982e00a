// SARIF 2.1.0 for code-scanning dashboards: every recorded report renders to a log that the
// published SARIF 2.1.0 schema accepts, with one rule per finding id and the resource ids of
// each finding as its locations; --fail-on decides which severities exit 1.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/verdict.js';
import { CATALOGUE } from '../../src/findings/catalogue.js';
import { failsOn } from '../../src/cli/fail-on.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { ROOT, runCli } from '../support/cli.js';

const require = createRequire(import.meta.url);
// The OASIS SARIF 2.1.0 (rtm.5) schema, as shipped by Microsoft's @microsoft/jest-sarif (MIT).
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
// ajv-draft-04 is CommonJS with a default export: take the class from require.
const Ajv = (require('ajv-draft-04') as { default: new (options: object) => { compile(s: object): ValidateFunction } })
  .default;
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
const validate = ajv.compile(schema);

const recordings = readdirSync(join(ROOT, 'recordings')).filter((f) => f.endsWith('.json'));
const reportOf = (file: string): Report =>
  (JSON.parse(readFileSync(join(ROOT, 'recordings', file), 'utf8')) as { report: Report }).report;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string; helpUri?: string; help: { text: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations?: { logicalLocations: { name: string }[] }[];
    }[];
    invocations: { executionSuccessful: boolean }[];
  }[];
}

describe('SARIF', () => {
  it.each(recordings)('%s renders to a log the SARIF 2.1.0 schema accepts', (file) => {
    const log = JSON.parse(renderSarif(reportOf(file), { toolVersion: '0.1.0', region: 'us-east-1' })) as unknown;
    const ok = validate(log);
    expect(validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });

  it('a log the schema refuses is refused (the validator is live)', () => {
    const log = JSON.parse(renderSarif(reportOf('endpoint.missing.json'), { toolVersion: '0.1.0' })) as SarifLog;
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ ...log, runs: [{ results: [] }] })).toBe(false);
  });

  it('one rule per catalogue finding id, each with help text and an AWS documentation helpUri', () => {
    const log = JSON.parse(renderSarif(reportOf('endpoint.missing.json'), { toolVersion: '0.1.0' })) as SarifLog;
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id).sort()).toEqual(Object.keys(CATALOGUE).sort());
    for (const r of rules) {
      expect(r.helpUri).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(r.help.text).toContain(`vpce-doctor explain ${r.id}`);
    }
  });

  it('sg.endpoint-ingress-missing → an error result located at the endpoint and its security groups', () => {
    const log = JSON.parse(
      renderSarif(reportOf('sg.endpoint-ingress-missing.json'), { toolVersion: '0.1.0', region: 'us-east-1' }),
    ) as SarifLog;
    const run = log.runs[0];
    const result = run?.results.find((r) => r.ruleId === 'sg.endpoint-ingress-missing');
    expect(result?.level).toBe('error');
    expect(run?.tool.driver.rules[result?.ruleIndex ?? -1]?.id).toBe('sg.endpoint-ingress-missing');
    const names = result?.locations?.[0]?.logicalLocations.map((l) => l.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['vpce-0d1e2f3a4b5c6d7e8', 'sg-0e1f2a3b4c5d6e7f8']));
  });

  it('an incomplete run is not reported as a successful execution', () => {
    const log = JSON.parse(
      renderSarif(reportOf('incomplete.policy-simulation-denied.json'), { toolVersion: '0.1.0' }),
    ) as SarifLog;
    expect(log.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
  });

  it('binary: replay --output sarif prints the log on stdout, exit as the verdict says', async () => {
    const r = await runCli([
      'replay',
      join(ROOT, 'recordings/gateway.route-table-not-associated.json'),
      '--output',
      'sarif',
    ]);
    expect(r.code, r.stderr).toBe(1);
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(validate(log)).toBe(true);
    expect(log.runs[0]?.results.map((x) => x.ruleId)).toContain('gateway.route-table-not-associated');
  });
});

describe('--fail-on', () => {
  const warningOnly = reportOf('interface.az-not-covered.json');

  it('the recording used below has warnings and no error (so the cases can fail)', () => {
    expect(warningOnly.findings.map((f) => f.severity)).toContain('warning');
    expect(warningOnly.findings.some((f) => f.severity === 'error')).toBe(false);
  });

  it.each([
    ['error', false],
    ['warning', true],
    ['info', true],
  ] as const)('a warnings-only report with --fail-on %s → fails: %s', (level, expected) => {
    expect(failsOn(warningOnly.findings, level)).toBe(expected);
  });

  it.each([
    [[], 0],
    [['--fail-on', 'error'], 0],
    [['--fail-on', 'warning'], 1],
    [['--fail-on', 'info'], 1],
  ])('binary: replay of a warnings-only session %j → exit %i', async (flags, code) => {
    const r = await runCli(['replay', join(ROOT, 'recordings/interface.az-not-covered.json'), '--json', ...flags]);
    expect(r.code, r.stderr).toBe(code);
  });

  it('binary: --fail-on with a bad level → exit 2 and the choices', async () => {
    const r = await runCli(['replay', join(ROOT, 'recordings/interface.az-not-covered.json'), '--fail-on', 'warn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fail-on takes one of: error, warning, info');
    expect(r.stderr).toContain('Did you mean --fail-on warning?');
  });
});

describe('Markdown as a pull-request comment', () => {
  it('leads with one summary line, then a table of findings, then folded details with the fix', () => {
    const md = renderMarkdown(reportOf('sg.endpoint-ingress-missing.json'));
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ✗ vpce-doctor: problems found on the path — 1 error');
    expect(md).toMatch(/\n\| \| finding \| layer \| resources \|\n\|---\|---\|---\|---\|\n\| ✗ error \| 1\. \[/);
    expect(md).toContain('<details>\n<summary>1. ✗ ');
    expect(md).toContain('```sh\naws ec2 authorize-security-group-ingress');
    expect(md).toContain('`vpce-doctor explain sg.endpoint-ingress-missing`');
    expect(md).toMatch(/<summary>Checks: \d+ passed, 1 failed or warned, 0 could not run<\/summary>/);
  });

  it('a healthy report says so in its first line and has no findings table', () => {
    const healthy = readdirSync(join(ROOT, 'recordings')).find((f) => f.startsWith('healthy.'));
    const md = renderMarkdown(reportOf(healthy ?? ''));
    expect(md.split('\n')[0]).toBe('## ✓ vpce-doctor: healthy: nothing on the path blocks the request');
    expect(md).not.toContain('| | finding |');
  });
});
