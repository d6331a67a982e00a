// The session file's validator for the replay bundle (dist/cli/replay.cjs), generated at build
// time from the zod schemas (src/session/schema.ts, the probe specs): plain JavaScript, no zod
// loaded, so `replay --json` does not pay for zod's start-up and its parse.
//
// It is a fast path, never the judge: it accepts only what the zod schema accepts and returns
// what zod would return (defaults filled in, unknown keys of a strict object refused, of a loose
// object kept, of a plain object dropped, key order the same). Anything it is unsure of (a key
// named __proto__, a URL with spaces, an `unknown` field left out...) it refuses, and the replay
// bundle then hands the whole command to the zod path (dist/cli/main.js), which prints the
// same one-line error as always. test/session/fast-validator.test.ts checks both promises on
// every recording and on mutated copies of them.
//
// The schema's three hand-written parts are emulated by name: ProbeRecordSchema's transform
// (each record parsed by its probe's specs, then unusableValues), FixCommandSchema's preprocess
// (a bare line split into argv) and AnswersMapSchema's refinement (known question ids only).
// Any other zod construct the generator does not know stops the build.

/** @typedef {{ _zod: { def: any, optin?: string, optout?: string } }} Schema */

const OBJECT_PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * @param {{ SessionSchema: Schema, ProbeRecordSchema: Schema, FixCommandSchema: Schema,
 *   AnswersMapSchema: Schema, PROBES: Record<string, { input: Schema, output: Schema }> }} src
 * @returns {string} an ES module exporting createSessionValidator({ unusableValues, splitCommandLine, QUESTION_IDS })
 */
export function sessionValidatorSource(src) {
  /** @type {Map<Schema, string>} */
  const names = new Map();
  /** @type {string[]} */
  const fns = [];
  /** @type {Map<string, string>} */
  const bodies = new Map();
  /** @type {string[]} */
  const consts = [];
  /** @type {Map<string, string>} */
  const sets = new Map();
  /** A Set of these JSON values, declared once. */
  const setOf = (values) => {
    const text = `new Set(${lit(values)})`;
    let name = sets.get(text);
    if (name === undefined) {
      name = `S${sets.size}`;
      sets.set(text, name);
      consts.push(`const ${name} = ${text};`);
    }
    return name;
  };
  const lit = (v) => JSON.stringify(v);

  /** @param {Schema} s @returns {string} the name of the function validating s */
  function fn(s) {
    const known = names.get(s);
    if (known !== undefined) return known;
    // The schemas hold no cycles (no z.lazy): children are named first, and a body generated
    // twice (the same shape declared in two places) is one function.
    const text = body(s);
    let name = bodies.get(text);
    if (name === undefined) {
      name = `v${bodies.size}`;
      bodies.set(text, name);
      fns.push(`function ${name}(x) {\n${text}\n}`);
    }
    names.set(s, name);
    return name;
  }

  /** @param {Schema} s */
  function body(s) {
    if (s === src.ProbeRecordSchema) return probeRecord(s);
    if (s === src.FixCommandSchema) {
      const inner = fn(s._zod.def.out);
      return `  return ${inner}(typeof x === 'string' ? { ...splitCommandLine(x), line: x } : x);`;
    }
    if (s === src.AnswersMapSchema) {
      return [
        '  const o = record(x);',
        '  for (const k in x) {',
        "    if (typeof x[k] !== 'string' || !QUESTIONS.has(k)) throw NO;",
        '    o[k] = x[k];',
        '  }',
        '  return o;',
      ].join('\n');
    }
    const def = s._zod.def;
    const checks = def.checks ?? [];
    const unsupported = (what) => {
      throw new Error(`session-validator: ${what} (${def.type}) is not supported; teach scripts/session-validator.mjs`);
    };
    switch (def.type) {
      case 'string': {
        const lines = ["  if (typeof x !== 'string') throw NO;"];
        for (const c of checks) {
          const cd = c._zod.def;
          const plainUrl = !('normalize' in cd) && !('hostname' in cd) && !('protocol' in cd);
          if (cd.check === 'string_format' && cd.format === 'url' && plainUrl)
            // zod trims, strips tabs and newlines, then asks URL: with no whitespace at all the
            // value comes back unchanged.
            lines.push('  if (!/^[\\x21-\\x7e]+$/.test(x) || !canParseUrl(x)) throw NO;');
          else unsupported(`string check ${cd.check}/${cd.format}`);
        }
        return [...lines, '  return x;'].join('\n');
      }
      case 'number': {
        const lines = ["  if (typeof x !== 'number' || !Number.isFinite(x)) throw NO;"];
        for (const c of checks) {
          const cd = c._zod.def;
          if (cd.check === 'number_format' && cd.format === 'safeint')
            lines.push('  if (!Number.isSafeInteger(x)) throw NO;');
          else unsupported(`number check ${cd.check}/${cd.format}`);
        }
        return [...lines, '  return x;'].join('\n');
      }
      case 'boolean':
        if (checks.length > 0) unsupported('boolean checks');
        return "  if (typeof x !== 'boolean') throw NO;\n  return x;";
      case 'literal':
        if (!def.values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
          unsupported('a literal that is not a JSON primitive');
        return `  if (!${lit(def.values)}.includes(x)) throw NO;\n  return x;`;
      case 'enum': {
        const values = Object.values(def.entries);
        if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) unsupported('an enum value');
        const set = setOf(values);
        return `  if (!${set}.has(x)) throw NO;\n  return x;`;
      }
      case 'unknown':
      case 'any':
        return '  return x;';
      case 'optional':
        return `  return x === undefined ? undefined : ${fn(def.innerType)}(x);`;
      case 'nullable':
        return `  return x === null ? null : ${fn(def.innerType)}(x);`;
      case 'default': {
        const value = def.defaultValue;
        if (lit(JSON.parse(lit(value))) !== lit(value) || typeof value === 'function')
          unsupported('a default that is not JSON');
        // A fresh value per use, as zod's shallow clone.
        return `  if (x === undefined) return ${lit(value)};\n  const r = ${fn(def.innerType)}(x);\n  return r === undefined ? ${lit(value)} : r;`;
      }
      case 'array': {
        const lines = ['  if (!Array.isArray(x)) throw NO;'];
        for (const c of checks) {
          const cd = c._zod.def;
          if (cd.check === 'min_length') lines.push(`  if (x.length < ${Number(cd.minimum)}) throw NO;`);
          else unsupported(`array check ${cd.check}`);
        }
        const el = fn(def.element);
        return [
          ...lines,
          '  const o = [];',
          `  for (let i = 0; i < x.length; i++) o.push(${el}(x[i]));`,
          '  return o;',
        ].join('\n');
      }
      case 'record': {
        if (checks.length > 0) unsupported('record checks');
        const key = def.keyType._zod.def;
        if (key.type !== 'string' || (key.checks ?? []).length > 0)
          unsupported('a record key other than a plain string');
        const value = fn(def.valueType);
        return ['  const o = record(x);', `  for (const k in x) o[k] = ${value}(x[k]);`, '  return o;'].join('\n');
      }
      case 'object':
        if (checks.length > 0) unsupported('object checks');
        return object(def);
      case 'union': {
        if (def.discriminator === undefined || def.unionFallback) unsupported('a union without a discriminator');
        if (checks.length > 0) unsupported('union checks');
        const lines = ['  object(x);', `  switch (x[${lit(def.discriminator)}]) {`];
        for (const option of def.options) {
          const d = option._zod.def.shape?.[def.discriminator]?._zod.def;
          if (d?.type !== 'literal') unsupported('a discriminated option without a literal discriminator');
          for (const v of d.values) lines.push(`    case ${lit(v)}:`);
          lines.push(`      return ${fn(option)}(x);`);
        }
        return [...lines, '    default:', '      throw NO;', '  }'].join('\n');
      }
      default:
        return unsupported('this schema');
    }
  }

  function object(def) {
    const keys = Object.keys(def.shape);
    if (Object.getOwnPropertySymbols(def.shape).length > 0) throw new Error('session-validator: symbol keys');
    for (const k of keys)
      if (OBJECT_PROTO_KEYS.has(k) || k === '__proto__') throw new Error(`session-validator: shape key ${k}`);
    const lines = ['  object(x);', '  const o = {};'];
    for (const k of keys) {
      const field = def.shape[k];
      const kind = field._zod.def.type;
      const f = fn(field);
      // A key left out: an optional one stays out, a default is filled in; anything else (zod
      // would name it, or for `unknown` accept it) is not the fast path's call.
      const missing =
        kind === 'optional' ? '' : kind === 'default' ? ` else o[${lit(k)}] = ${f}(undefined);` : ' else throw NO;';
      lines.push(`  if (hasOwn(x, ${lit(k)})) o[${lit(k)}] = ${f}(x[${lit(k)}]);${missing}`);
    }
    const catchall = def.catchall?._zod.def.type;
    const set = setOf(keys);
    if (catchall === 'never') lines.push(`  for (const k in x) if (!${set}.has(k)) throw NO;`);
    else if (catchall === 'unknown') lines.push(`  for (const k in x) if (!${set}.has(k)) o[k] = x[k];`);
    else if (catchall !== undefined) throw new Error(`session-validator: catchall ${catchall}`);
    return [...lines, '  return o;'].join('\n');
  }

  function probeRecord(s) {
    const base = fn(s._zod.def.in);
    const entries = Object.entries(src.PROBES).map(
      ([key, spec]) => `  ${lit(key)}: [${fn(spec.input)}, ${fn(spec.output)}],`,
    );
    consts.push(`const SPECS = new Map(Object.entries({\n${entries.join('\n')}\n}));`);
    return [
      `  const r = ${base}(x);`,
      '  const [input, output] = SPECS.get(r.key);',
      "  if (r.outcome.status !== 'ok') return { key: r.key, input: input(r.input), outcome: r.outcome };",
      '  const value = output(r.outcome.value);',
      '  if (unusableValues(value).length > 0) throw NO;',
      "  return { key: r.key, input: input(r.input), outcome: { status: 'ok', value } };",
    ].join('\n');
  }

  const top = fn(src.SessionSchema);
  return [
    '// Generated by scripts/session-validator.mjs from src/session/schema.ts at build time: do not edit.',
    'export function createSessionValidator({ unusableValues, splitCommandLine, QUESTION_IDS }) {',
    '  const NO = new Error("not for the fast path");',
    '  const QUESTIONS = new Set(QUESTION_IDS);',
    '  const hasOwn = (x, k) => Object.prototype.hasOwnProperty.call(x, k);',
    "  const object = (x) => { if (x === null || typeof x !== 'object' || Array.isArray(x) || hasOwn(x, '__proto__')) throw NO; };",
    '  const record = (x) => { object(x); const p = Object.getPrototypeOf(x); if (p !== Object.prototype && p !== null) throw NO; return {}; };',
    '  const canParseUrl = (x) => { try { new URL(x); return true; } catch { return false; } };',
    ...consts,
    ...fns,
    '  /** The session as zod would parse it, or undefined when the fast path does not vouch for it. */',
    '  return (x) => {',
    '    try {',
    `      return ${top}(x);`,
    '    } catch {',
    '      return undefined;',
    '    }',
    '  };',
    '}',
    '',
  ].join('\n');
}
