// Edits a JSON document the way a hand-edited or half-valid session looks: a field dropped, a
// value of another type, junk keys, deep nesting, a CIDR or address that parses as a string
// but not as a network. Used by the hostile-file property tests.
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

export function pathsOf(doc: Json): Path[] {
  const out: Path[] = [];
  const stack: { v: Json; p: Path }[] = [{ v: doc, p: [] }];
  while (stack.length > 0) {
    const { v, p } = stack.pop() as { v: Json; p: Path };
    if (p.length > 0) out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) stack.push({ v: x, p: [...p, k] });
  }
  return out;
}

export type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'junk-key'; at: number; key: string; value: Json }
  | { op: 'nest'; at: number; depth: number };

const UNUSABLE: Json[] = [
  '10.0.0.0/99',
  '10.0.0.300',
  '::gg/64',
  '',
  '-1',
  'arn:aws:iam::x',
  '{"Statement":',
  '\u001b]52;c;aGk=\u0007',
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, fc.constantFrom(...UNUSABLE)),
  }),
  fc.record({
    op: fc.constant('junk-key' as const),
    at: fc.nat(),
    key: fc.string({ maxLength: 12 }),
    value: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>,
  }),
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 200 }) }),
);

function nested(depth: number, inner: Json): Json {
  let v = inner;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

/** Applies the mutations to a copy of the document; positions wrap around its paths. */
export function mutate(doc: Json, mutations: readonly Mutation[]): Json {
  const copy = structuredClone(doc);
  for (const m of mutations) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length] as Path;
    const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k] as Json, copy) as
      Json[] | Record<string, Json>;
    const last = path[path.length - 1] as string | number;
    const target = (parent as Record<string, Json>)[last] as Json;
    if (m.op === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (m.op === 'replace') (parent as Record<string, Json>)[last] = m.value;
    else if (m.op === 'nest') (parent as Record<string, Json>)[last] = nested(m.depth, target);
    else if (target !== null && typeof target === 'object' && !Array.isArray(target)) target[m.key] = m.value;
    else if (Array.isArray(target)) target.push(m.value);
  }
  return copy;
}
