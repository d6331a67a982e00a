// The replay bundle's session validator is generated from the zod schemas at build time
// (scripts/session-validator.mjs) so `replay --json` never loads zod. It is a fast path, never
// the judge: every file it takes, zod takes too and parses to the very same value; a file it
// refuses goes to the zod path, which words the error. These are the two promises checked here,
// on every shipped recording and on edited copies of them.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswersMapSchema, FixCommandSchema, ProbeRecordSchema, SessionSchema } from '../../src/session/schema.js';
import { PROBES } from '../../src/probes/contract.js';
import { QUESTION_IDS } from '../../src/path/answers.js';
import { splitCommandLine } from '../../src/findings/command.js';
import { unusableValues } from '../../src/session/usable.js';
import { parseSessionText } from '../../src/session/files.js';
import { sessionJson } from '../../src/session/read-file.js';
import { sessionValidatorSource } from '../../scripts/session-validator.mjs';
import { ROOT } from '../support/cli.js';
import { mutate, mutationArb } from '../support/mutate.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const FILES = readdirSync(join(ROOT, 'recordings')).filter((f) => f.endsWith('.json'));
const DOCS = FILES.map((f) => JSON.parse(readFileSync(join(ROOT, 'recordings', f), 'utf8')) as Json);

let validate: (x: unknown) => unknown;
/** As the replay bundle reads a session: the loader's own checks (structure, version), then the generated validator. */
function fast(doc: unknown): unknown {
  let data: unknown;
  try {
    data = sessionJson(JSON.stringify(doc), 'edited.json');
  } catch {
    return undefined;
  }
  return validate(data);
}
beforeAll(async () => {
  const source = sessionValidatorSource({
    SessionSchema,
    ProbeRecordSchema,
    FixCommandSchema,
    AnswersMapSchema,
    PROBES,
  });
  const file = join(mkdtempSync(join(tmpdir(), 'vpce-fast-validator-')), 'validator.mjs');
  writeFileSync(file, source);
  const mod = (await import(pathToFileURL(file).href)) as {
    createSessionValidator: (deps: object) => (x: unknown) => unknown;
  };
  validate = mod.createSessionValidator({ unusableValues, splitCommandLine, QUESTION_IDS });
});

/** zod's verdict on a document (as the loader runs it), as JSON text to compare key order too; undefined when refused. */
function zodParse(doc: Json): string | undefined {
  try {
    return JSON.stringify(parseSessionText(JSON.stringify(doc), 'edited.json'));
  } catch {
    return undefined;
  }
}

describe('the generated session validator (the replay bundle’s fast path)', () => {
  it('takes every shipped recording and returns what zod returns, key order included', () => {
    expect(DOCS.length).toBeGreaterThan(40);
    for (const [i, doc] of DOCS.entries()) {
      const expected = zodParse(doc);
      expect(expected, FILES[i]).toBeDefined();
      expect(JSON.stringify(fast(doc)), FILES[i]).toBe(expected);
    }
  });

  it('a security-group rule without IpRanges gets the schema default, as from zod', () => {
    const text = JSON.stringify(DOCS[FILES.indexOf('sg.endpoint-ingress-missing.json')]);
    const doc = JSON.parse(text.replace(/"IpRanges":\[[^\]]*\],?/, '')) as Json;
    expect(JSON.stringify(doc)).not.toBe(text);
    expect(JSON.stringify(fast(doc))).toBe(zodParse(doc));
  });

  it('refuses (and so leaves to zod) an unusable CIDR, an unknown key in a strict object, a __proto__ key, a missing field', () => {
    const doc = DOCS[FILES.indexOf('sg.endpoint-ingress-missing.json')] as Record<string, Json>;
    const text = JSON.stringify(doc);
    const cases = [
      text.replace(/"CidrBlock":"[^"]+"/, '"CidrBlock":"10.0.0.0/99"'),
      JSON.stringify({ ...doc, extra: 1 }),
      text.replace('"version":1,', '"version":1,"__proto__":{"x":1},'),
      JSON.stringify({ ...doc, region: undefined }),
      JSON.stringify({ ...doc, answers: { ...(doc.answers as object), 'no.such.question': 'x' } }),
    ];
    for (const c of cases) expect(fast(JSON.parse(c)), c.slice(0, 80)).toBeUndefined();
  });

  it('3000 edited recordings: whatever the fast path takes, zod takes and parses to the same value', () => {
    let taken = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat(DOCS.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (i, muts) => {
        const doc = mutate(DOCS[i] as Json, muts);
        const mine = fast(doc);
        if (mine === undefined) {
          refused++;
          return;
        }
        taken++;
        // Compared as text (key order counts); a boolean first keeps a failure's message short.
        const same = JSON.stringify(mine) === zodParse(doc);
        expect(same, `a document the fast path took and zod did not parse alike: ${JSON.stringify(muts)}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // Both branches ran: the property is not met by refusing everything.
    expect(taken).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
