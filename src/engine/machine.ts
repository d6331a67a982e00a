// The engine: a pure state machine over the decision tree. `transition(state, event)` never
// does I/O; the driver (src/engine/driver.ts) performs the probe calls a state asks for and
// feeds the results back as events.
import { couldNotCheck, type CheckModule } from '../analysis/check-module.js';
import type { Check, Finding } from '../findings/types.js';
import { probeCallId, type ProbeRecord, type ProbeRequest } from '../probes/contract.js';
import { buildContext, tagValue, type PathContext, type Settings } from '../path/context.js';
import { QUESTIONS, type Option, type QuestionSpec } from './questions.js';
import { QUESTION_IDS, type Answers, type QuestionId } from '../path/answers.js';
import { evaluateModules, requiresSafely } from './read-tracking.js';
import { makeReport, type Report } from './verdict.js';
import { FACTS, holdsIn, START, TREE, type Cond, type NodeId, type VerdictKind } from './tree.js';

export interface InputError {
  question: QuestionId;
  message: string;
}

export interface Outcome {
  kind: VerdictKind;
  report: Report;
  /** An id the user gave does not exist: bad input (exit 2), not a diagnosis. */
  inputError?: InputError;
}

export type View =
  | { kind: 'question'; question: QuestionSpec; options: readonly Option[]; error?: string }
  | { kind: 'probing'; pending: ProbeRequest[] }
  | { kind: 'done'; outcome: Outcome };

export interface EngineState {
  node: NodeId;
  answers: Answers;
  /** Answers given before the walk (flags, answers file): kept across restart, never on the back trail. */
  seeded: Answers;
  /**
   * Replay: recorded answers for questions the tree does not ask on this path (e.g. an
   * endpoint named in an answers file where no choice was needed). Asked questions still go
   * to the asker, so a replay shows them being answered.
   */
  presets: Answers;
  settings: Settings;
  /** The check modules this run judges the path with, in path order: handed in by the caller (cli). */
  modules: readonly CheckModule[];
  results: Record<string, ProbeRecord>;
  /** Questions answered during the walk, in order: what `back` undoes. */
  trail: QuestionId[];
  view: View;
}

export type EngineEvent =
  | { type: 'answer'; question: QuestionId; value: string }
  | { type: 'probe-result'; record: ProbeRecord }
  | { type: 'back' }
  | { type: 'restart' };

const MAX_STEPS = 200;

/** Questions no tree node asks (answers-file only, e.g. target.principal): a preset applies from the start. */
const NEVER_ASKED = QUESTION_IDS.filter(
  (q) => !Object.values(TREE).some((n) => n.kind === 'question' && n.question === q),
);

export interface StartOptions {
  modules: readonly CheckModule[];
  presets?: Answers;
  settings?: Settings;
}

export function start(seeded: Answers, options: StartOptions): EngineState {
  const presets = options.presets ?? {};
  const fromPresets = Object.fromEntries(
    NEVER_ASKED.filter((q) => presets[q] !== undefined).map((q) => [q, presets[q]]),
  ) as Answers;
  const base: EngineState = {
    node: START,
    answers: { ...fromPresets, ...seeded },
    seeded: { ...seeded },
    presets: { ...(options.presets ?? {}) },
    settings: { ...(options.settings ?? {}) },
    modules: options.modules,
    results: {},
    trail: [],
    view: { kind: 'probing', pending: [] },
  };
  return advance(base, START);
}

export function context(state: Pick<EngineState, 'answers' | 'results' | 'settings'>): PathContext {
  return buildContext(state.answers, state.results, state.settings);
}

export function transition(state: EngineState, event: EngineEvent): EngineState {
  switch (event.type) {
    case 'answer': {
      if (state.view.kind !== 'question' || state.view.question.id !== event.question) return state;
      const value = event.value.trim();
      const spec = state.view.question;
      const error = value === '' && !spec.optional ? `${spec.id} needs an answer` : spec.validate(value, state.answers);
      if (error !== null) return { ...state, view: { ...state.view, error } };
      const answers = { ...state.answers, [event.question]: value };
      return advance({ ...state, answers, trail: [...state.trail, event.question] }, state.node);
    }
    case 'probe-result': {
      const id = probeCallId(event.record);
      const results = { ...state.results, [id]: event.record };
      const next = { ...state, results };
      return state.view.kind === 'probing' ? advance(next, state.node) : next;
    }
    case 'back': {
      const last = state.trail[state.trail.length - 1];
      if (last === undefined) return state;
      const answers = { ...state.answers };
      delete answers[last];
      return advance({ ...state, answers, trail: state.trail.slice(0, -1) }, START);
    }
    case 'restart':
      return start(state.seeded, { modules: state.modules, presets: state.presets, settings: state.settings });
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** The choices a question offers now: static ones, or (for `endpoint`) the VPC's endpoints with their Name tags. */
export function optionsFor(question: QuestionSpec, ctx: PathContext): readonly Option[] {
  if (question.id !== 'endpoint') return question.options ?? [];
  const options: Option[] = (ctx.candidates ?? []).map((e) => {
    const name = tagValue(e.Tags, 'Name');
    return {
      value: e.VpcEndpointId,
      label: `${e.VpcEndpointId}${name ? ` "${name}"` : ''} — ${e.VpcEndpointType}, ${e.State}`,
    };
  });
  options.push({ value: 'auto', label: 'not sure — pick the one the traffic takes' });
  return options;
}

function follow(node: { branches: readonly { when: Cond; to: NodeId }[]; id: NodeId }, ctx: PathContext): NodeId {
  const branch = node.branches.find((b) => holdsIn(b.when, ctx));
  if (branch === undefined) throw new Error(`decision tree dead end at ${node.id}`);
  return branch.to;
}

function missing(requests: readonly ProbeRequest[], results: Record<string, ProbeRecord>): ProbeRequest[] {
  const seen = new Set<string>();
  const out: ProbeRequest[] = [];
  for (const r of requests) {
    const id = probeCallId(r);
    if (seen.has(id) || results[id] !== undefined) continue;
    seen.add(id);
    out.push(r);
  }
  return out;
}

function advance(initial: EngineState, from: NodeId): EngineState {
  let state = initial;
  let id = from;
  for (let step = 0; step < MAX_STEPS; step++) {
    const node = TREE[id];
    const ctx = context(state);
    switch (node.kind) {
      case 'question': {
        if (state.answers[node.question] !== undefined) {
          id = follow(node, ctx);
          continue;
        }
        if (!holdsIn(node.ask, ctx)) {
          const preset = state.presets[node.question];
          if (preset !== undefined) state = { ...state, answers: { ...state.answers, [node.question]: preset } };
          id = follow(node, context(state));
          continue;
        }
        const question = QUESTIONS[node.question];
        return { ...state, node: id, view: { kind: 'question', question, options: optionsFor(question, ctx) } };
      }
      case 'probe': {
        const pending = missing(node.requests(ctx), state.results);
        if (pending.length > 0) return { ...state, node: id, view: { kind: 'probing', pending } };
        id = follow(node, ctx);
        continue;
      }
      case 'collect': {
        const pending = missing(
          state.modules.flatMap((m) => requiresSafely(m, ctx)),
          state.results,
        );
        if (pending.length > 0) return { ...state, node: id, view: { kind: 'probing', pending } };
        id = follow(node, ctx);
        continue;
      }
      case 'verdict':
        return { ...state, node: id, view: { kind: 'done', outcome: conclude(node.verdict, ctx, state.modules) } };
      default: {
        const never: never = node;
        return never;
      }
    }
  }
  throw new Error(`decision tree did not settle after ${MAX_STEPS} steps (at ${id})`);
}

function conclude(kind: VerdictKind, ctx: PathContext, modules: readonly CheckModule[]): Outcome {
  const region = ctx.region;
  switch (kind) {
    case 'diagnose': {
      const checks: Check[] = [];
      const findings: Finding[] = [];
      const r = evaluateModules(modules, ctx);
      checks.push(...r.checks);
      findings.push(...r.findings);
      return { kind, report: makeReport(findings, checks) };
    }
    case 'input-not-found': {
      let inputError: InputError;
      if (FACTS['endpoint.named-missing'](ctx)) {
        inputError = { question: 'endpoint', message: `endpoint ${ctx.answers.endpoint} does not exist in ${region}` };
      } else if (FACTS['vpc.not-found'](ctx)) {
        inputError = { question: 'vpc', message: `VPC ${ctx.answers.vpc} does not exist in ${region}` };
      } else {
        const what =
          { instance: 'instance', eni: 'network interface', subnet: 'subnet' }[ctx.sourceKind as 'instance'] ??
          'source';
        inputError = {
          question: 'source.id',
          message: `${what} ${ctx.answers['source.id']} does not exist in ${region}`,
        };
      }
      const check: Check = { id: 'source.located', layer: 'endpoint', status: 'error', detail: inputError.message };
      return { kind, report: makeReport([], [check]), inputError };
    }
    case 'cannot-locate': {
      const inside = ctx.inside;
      const kindAnswer = ctx.sourceKind;
      const outcome = inside
        ? kindAnswer === 'instance' || kindAnswer === 'eni' || kindAnswer === 'subnet'
          ? ctx.probe('ec2.source', { kind: kindAnswer, id: ctx.answers['source.id'] ?? '' })
          : undefined
        : ctx.probe('ec2.vpc', { vpcId: ctx.answers.vpc ?? '' });
      const what = inside ? `where ${ctx.answers['source.id']} is` : `VPC ${ctx.answers.vpc}`;
      return { kind, report: makeReport([], [couldNotCheck('source.located', 'endpoint', what, outcome)]) };
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}
