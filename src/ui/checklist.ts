// The live checklist: the run's checks grouped by layer of the path (Endpoint, Routing,
// Filters, DNS, Policy), each in plain words. A check module whose facts are all in is judged
// at once (its checks show ✓ ! ✗ – ‼ ‽ while the others still read); the rest show what they
// are reading. Pure: derived from the engine state, no Ink import.
import type { CheckModule } from '../analysis/check-module.js';
import { context, type EngineState } from '../engine/machine.js';
import { evaluateTracked, requiresSafely } from '../engine/read-tracking.js';
import type { Check, Layer } from '../findings/types.js';
import { probeCallId, type ProbeRequest } from '../probes/contract.js';
import { probeWords } from './probe-words.js';

export const GROUPS = ['Endpoint', 'Routing', 'Filters', 'DNS', 'Policy'] as const;
export type Group = (typeof GROUPS)[number];

export const GROUP_OF: Record<Layer, Group> = {
  endpoint: 'Endpoint',
  client: 'Endpoint',
  cost: 'Endpoint',
  route: 'Routing',
  'security-group': 'Filters',
  nacl: 'Filters',
  dns: 'DNS',
  'endpoint-policy': 'Policy',
  'resource-policy': 'Policy',
  identity: 'Policy',
};

export type Line =
  | { kind: 'check'; check: Check }
  /** A read still running (or waiting its turn): what it reads, in plain words; `slow` after a while. */
  | { kind: 'reading'; id: string; words: string; running: boolean };

export interface GroupView {
  group: Group;
  lines: Line[];
  /** Every line of the group has concluded. */
  done: boolean;
}

/** The checklist for a state: while probing, judged modules and pending reads; at the end, the report's checks. */
export function checklist(state: EngineState, running: readonly ProbeRequest[]): GroupView[] {
  const lines = new Map<Group, Line[]>(GROUPS.map((g) => [g, []]));
  const add = (g: Group, l: Line): void => void lines.get(g)?.push(l);
  if (state.view.kind === 'done') {
    for (const c of state.view.outcome.report.checks) add(GROUP_OF[c.layer], { kind: 'check', check: c });
    return GROUPS.map((g) => ({ group: g, lines: lines.get(g) ?? [], done: true }));
  }
  const collecting = state.node === 'c.checks';
  const ctx = context(state);
  const runningIds = new Set(running.map((r) => probeCallId(r)));
  const pendingGroups = new Set<Group>();
  const seen = new Set<string>();
  for (const m of state.modules as readonly CheckModule[]) {
    const group = GROUP_OF[m.layer];
    const needs = requiresSafely(m, ctx);
    const missing = needs.filter((r) => state.results[probeCallId(r)] === undefined);
    if (collecting && missing.length === 0) {
      for (const c of evaluateTracked(m, ctx).checks) add(GROUP_OF[c.layer], { kind: 'check', check: c });
      continue;
    }
    if (!collecting) continue;
    pendingGroups.add(group);
    for (const r of missing) {
      const id = probeCallId(r);
      if (seen.has(id)) continue;
      seen.add(id);
      add(group, { kind: 'reading', id, words: probeWords(r), running: runningIds.has(id) });
    }
  }
  // Before the checks start: what the walk itself is reading (the source, the VPC's endpoints).
  if (!collecting) {
    for (const r of running)
      add('Endpoint', { kind: 'reading', id: probeCallId(r), words: probeWords(r), running: true });
    if (running.length > 0) pendingGroups.add('Endpoint');
  }
  return GROUPS.map((g) => ({
    group: g,
    lines: lines.get(g) ?? [],
    done: collecting && !pendingGroups.has(g),
  }));
}

/** What changed between two runs' checks: one line per check whose status moved, in path order. */
export function changesBetween(
  before: readonly Check[],
  after: readonly Check[],
): { id: string; from: Check['status'] | 'absent'; to: Check['status'] | 'absent'; detail: string }[] {
  const prior = new Map(before.map((c) => [c.id, c]));
  const out: { id: string; from: Check['status'] | 'absent'; to: Check['status'] | 'absent'; detail: string }[] = [];
  for (const c of after) {
    const p = prior.get(c.id);
    if (p === undefined) out.push({ id: c.id, from: 'absent', to: c.status, detail: c.detail });
    else if (p.status !== c.status) out.push({ id: c.id, from: p.status, to: c.status, detail: c.detail });
    prior.delete(c.id);
  }
  for (const p of prior.values()) out.push({ id: p.id, from: p.status, to: 'absent', detail: p.detail });
  return out;
}
