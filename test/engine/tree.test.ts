// Walks every path of the decision tree symbolically: every combination of the named facts
// and every option of every question the tree branches on. Every verdict must be reachable,
// no node may be a dead end or part of a cycle, and every option of every question must lead
// to a verdict.
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/engine/questions.js';
import type { Answers, QuestionId } from '../../src/path/answers.js';
import { FACTS, holds, START, TREE, type Cond, type FactName, type NodeId } from '../../src/engine/tree.js';

const FACT_NAMES = Object.keys(FACTS) as FactName[];

function answersReferenced(): Set<QuestionId> {
  const out = new Set<QuestionId>();
  const visit = (c: Cond): void => {
    if ('answer' in c) out.add(c.answer);
    else if ('not' in c) visit(c.not);
    else if ('all' in c) c.all.forEach(visit);
  };
  for (const node of Object.values(TREE)) {
    if (node.kind === 'question') visit(node.ask);
    if (node.kind !== 'verdict') node.branches.forEach((b) => visit(b.when));
  }
  return out;
}

interface WalkResult {
  verdicts: Set<NodeId>;
  visited: Set<NodeId>;
  optionsLeadingToVerdict: Map<QuestionId, Set<string>>;
  deadEnds: string[];
  cycles: string[];
}

function walkAll(): WalkResult {
  const referenced = answersReferenced();
  const result: WalkResult = {
    verdicts: new Set(),
    visited: new Set(),
    optionsLeadingToVerdict: new Map(),
    deadEnds: [],
    cycles: [],
  };
  for (let mask = 0; mask < 1 << FACT_NAMES.length; mask++) {
    const facts = new Map(FACT_NAMES.map((f, i) => [f, (mask & (1 << i)) !== 0]));
    const fact = (name: FactName): boolean => facts.get(name) ?? false;
    const step = (id: NodeId, answers: Answers, seen: NodeId[], chosen: [QuestionId, string][]): void => {
      if (seen.includes(id)) {
        result.cycles.push([...seen, id].join(' → '));
        return;
      }
      result.visited.add(id);
      const node = TREE[id];
      const path = [...seen, id];
      if (node.kind === 'verdict') {
        result.verdicts.add(id);
        for (const [q, v] of chosen) {
          if (!result.optionsLeadingToVerdict.has(q)) result.optionsLeadingToVerdict.set(q, new Set());
          result.optionsLeadingToVerdict.get(q)?.add(v);
        }
        return;
      }
      const next = (a: Answers): NodeId | undefined => node.branches.find((b) => holds(b.when, a, fact))?.to;
      if (node.kind === 'question' && holds(node.ask, answers, fact)) {
        const spec = QUESTIONS[node.question];
        const values =
          spec.options && referenced.has(node.question)
            ? spec.options.map((o) => o.value)
            : [spec.options?.[0]?.value ?? `<${node.question}>`];
        for (const value of values) {
          const a = { ...answers, [node.question]: value };
          const to = next(a);
          if (to === undefined) result.deadEnds.push(`${id} with ${node.question}=${value}`);
          else step(to, a, path, [...chosen, [node.question, value]]);
        }
        return;
      }
      const to = next(answers);
      if (to === undefined) result.deadEnds.push(`${id} (facts ${mask.toString(2)})`);
      else step(to, answers, path, chosen);
    };
    step(START, {}, [], []);
  }
  return result;
}

describe('decision tree', () => {
  const walk = walkAll();

  it('every verdict node is reachable', () => {
    const verdicts = Object.values(TREE)
      .filter((n) => n.kind === 'verdict')
      .map((n) => n.id);
    expect([...walk.verdicts].sort()).toEqual(verdicts.sort());
  });

  it('every node is reachable from the start', () => {
    expect([...walk.visited].sort()).toEqual((Object.keys(TREE) as NodeId[]).sort());
  });

  it('no node is a dead end and no path loops', () => {
    expect(walk.deadEnds).toEqual([]);
    expect(walk.cycles).toEqual([]);
  });

  it('every option of every question the tree branches on leads to a verdict', () => {
    for (const q of answersReferenced()) {
      const options = QUESTIONS[q].options?.map((o) => o.value) ?? [];
      expect([...(walk.optionsLeadingToVerdict.get(q) ?? [])].sort(), q).toEqual([...options].sort());
    }
  });

  it('node ids in the table match their keys, and every branch target exists', () => {
    for (const [key, node] of Object.entries(TREE)) {
      expect(node.id).toBe(key);
      if (node.kind !== 'verdict') for (const b of node.branches) expect(TREE[b.to], `${key} → ${b.to}`).toBeDefined();
    }
  });
});
