// Nothing printed carries a raw control: not AWS strings, not answers, keys or versions from a
// shared session, not the error messages that quote them. A hostile session tries OSC 52
// (clipboard write), a title change, clear-screen, a carriage return and bidi overrides.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitize, terminalSafeJson } from '../../src/report/sanitize.js';
import { ROOT, runCli } from '../support/cli.js';
import { rerun } from '../../src/session/rerun.js';
import { parseSessionText } from '../../src/session/files.js';
import { MODULES } from '../../src/analysis/modules/index.js';

const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007';
const TITLE = '\u001b]0;owned\u001b\\';
const CLEAR = '\u001b[2J\u001b[H\u001bc';
const C1 = '\u009b2J\u009d0;t\u009c';
const BIDI = '\u202e\u2066evil\u2069\u202a\u202b\u202c\u202d\u2067\u2068';
const HOSTILE = `${OSC52}${TITLE}${CLEAR}${C1}\r${BIDI}`;
/** Any character a terminal acts on, other than newline and tab. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const tmp = (): string => mkdtempSync(join(tmpdir(), 'vpce-doctor-safety-'));
const recording = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(ROOT, 'recordings', name), 'utf8')) as Record<string, unknown>;
const write = (doc: unknown, name = 'session.json'): string => {
  const path = join(tmp(), name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};
const clean = (r: { stdout: string; stderr: string }): void => {
  expect(r.stdout).not.toMatch(RAW);
  expect(r.stderr).not.toMatch(RAW);
};

describe('sanitize', () => {
  it.each([
    ['OSC 52 clipboard write', OSC52],
    ['title change', TITLE],
    ['clear screen', CLEAR],
    ['C1 CSI and OSC', C1],
    ['carriage return', 'ok\rnot ok'],
    ['bidi overrides and isolates', BIDI],
  ])('%s → nothing a terminal acts on', (_name, attack) => {
    const out = sanitize(`before ${attack} after`);
    expect(out).not.toMatch(RAW);
    expect(out).toMatch(/^before .*after$/s);
  });

  it('keeps newlines, tabs and ordinary non-ASCII text', () => {
    expect(sanitize('a\n\tb — ✓ ü 東京')).toBe('a\n\tb — ✓ ü 東京');
  });

  it('JSON for the terminal is the same value with C1, DEL and bidi characters as \\u escapes', () => {
    const value = { [`k${HOSTILE}`]: `v${HOSTILE}\u007f\u2028` };
    const text = terminalSafeJson(value, 2);
    expect(text).not.toMatch(RAW);
    expect(text).toContain('\\u202e');
    expect(text).toContain('\\u009b');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('a hostile session through the built binary', () => {
  it('replay (text and --json) of a probe value carrying every attack prints none of it raw', async () => {
    const doc = recording('sg.endpoint-ingress-missing.json');
    const text = JSON.stringify(doc).replace(
      '"AvailabilityZone":"us-east-1a"',
      `"AvailabilityZone":${JSON.stringify(`us-east-1a${HOSTILE}`)}`,
    );
    const path = write(JSON.parse(text));
    const plain = await runCli(['replay', path, '--verbose']);
    const json = await runCli(['replay', path, '--json']);
    expect(plain.stdout).toContain('Checks');
    expect(JSON.parse(json.stdout)).toHaveProperty('verdict');
    clean(plain);
    clean(json);
  });

  it.each([
    [
      'an answer value',
      (d: Record<string, unknown>) => ({
        ...d,
        answers: { ...(d.answers as object), 'source.id': `i-0abc${HOSTILE}` },
      }),
      /source\.id/,
    ],
    [
      'an answer key',
      (d: Record<string, unknown>) => ({ ...d, answers: { ...(d.answers as object), [`x${HOSTILE}`]: 'y' } }),
      /unknown question id/,
    ],
    ['the session version', (d: Record<string, unknown>) => ({ ...d, version: HOSTILE }), /has version/],
    [
      'the tool version',
      (d: Record<string, unknown>) => ({ ...d, tool: { name: 'vpce-doctor', version: 7, x: HOSTILE } }),
      /tool/,
    ],
  ])(
    'replay --json with %s carrying the attacks: exit 2, the error names it, nothing raw',
    async (_n, edit, message) => {
      const path = write(edit(recording('sg.endpoint-ingress-missing.json')));
      for (const args of [
        ['replay', path, '--json'],
        ['replay', path],
        ['redact', path],
      ]) {
        const r = await runCli(args);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        clean(r);
      }
    },
  );

  it('a file path carrying the attacks is printed sanitised', async () => {
    const r = await runCli(['replay', join(tmp(), `missing${OSC52}${BIDI}.json`), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing.*does not exist/);
    clean(r);
  });

  it('redact prints the redacted JSON and its summary without a raw control', async () => {
    const doc = recording('sg.endpoint-ingress-missing.json');
    const text = JSON.stringify(doc).replace(
      '"AvailabilityZone":"us-east-1a"',
      `"AvailabilityZone":${JSON.stringify(`us-east-1a${HOSTILE}`)}`,
    );
    // The edited session must replay to the report it holds, or redact refuses it.
    const { state } = await rerun(parseSessionText(text, 'edited.json'), MODULES);
    const report = state.view.kind === 'done' ? state.view.outcome.report : undefined;
    const r = await runCli(['redact', write({ ...JSON.parse(text), report }), '--verbose']);
    expect(r.code).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('\\u001b]52');
    clean(r);
  });

  it.each([
    ['an answer key', { version: 1, answers: { [`region${HOSTILE}`]: 'us-east-1' } }, /unknown question id/],
    [
      'an answer value',
      { version: 1, answers: { region: 'us-east-1', 'source.kind': `instance${HOSTILE}` } },
      /source\.kind/,
    ],
    ['the version', { version: HOSTILE, answers: {} }, /version/],
  ])('--answers with %s carrying the attacks: exit 2 naming it, nothing raw', async (_n, answers, message) => {
    const r = await runCli(['--answers', write(answers, 'answers.json'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    clean(r);
  });
});
