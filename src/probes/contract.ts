// The probe contract: every probe has a stable key, a typed input and a typed output, both
// zod schemas so a recorded session can be validated when it is loaded back. Live probes
// (src/probes/live) implement it against AWS; recorded probes read it from a session file.
import type { z } from 'zod';
import { CORE_PROBES } from './specs/core.js';
import { DNS_PROBES } from './specs/dns.js';
import { POLICY_PROBES } from './specs/policy.js';
import { RESOURCE_POLICY_PROBES } from './specs/resource-policies.js';
import { ENCRYPTION_PROBES, ORGANIZATION_PROBES } from './specs/encryption.js';
import { API_METHOD_PROBES } from './specs/api-methods.js';
import { NETWORK_PROBES } from './specs/network.js';
import { HOST_PROBES } from './specs/host.js';
import { WHOIS_PROBES } from './specs/whois.js';
import { INVENTORY_PROBES } from './specs/inventory.js';

/** Every probe, by area; each area's specs live in ./specs/. */
export const PROBES = {
  ...CORE_PROBES,
  ...DNS_PROBES,
  ...POLICY_PROBES,
  ...RESOURCE_POLICY_PROBES,
  ...ENCRYPTION_PROBES,
  ...ORGANIZATION_PROBES,
  ...API_METHOD_PROBES,
  ...NETWORK_PROBES,
  ...HOST_PROBES,
  ...WHOIS_PROBES,
  ...INVENTORY_PROBES,
} as const;

export type ProbeKey = keyof typeof PROBES;
export const PROBE_KEYS = Object.keys(PROBES) as ProbeKey[];
export type ProbeInput<K extends ProbeKey> = z.infer<(typeof PROBES)[K]['input']>;
export type ProbeOutput<K extends ProbeKey> = z.infer<(typeof PROBES)[K]['output']>;

export type ProbeOutcome<T> =
  | { status: 'ok'; value: T }
  /** IAM said no: `action` is the permission the caller lacks. */
  | { status: 'denied'; action: string; message: string }
  | { status: 'error'; message: string };

export type ProbeRequest<K extends ProbeKey = ProbeKey> = K extends ProbeKey ? { key: K; input: ProbeInput<K> } : never;

export type ProbeRecord<K extends ProbeKey = ProbeKey> = K extends ProbeKey
  ? { key: K; input: ProbeInput<K>; outcome: ProbeOutcome<ProbeOutput<K>> }
  : never;

export function isProbeKey(value: string): value is ProbeKey {
  return Object.prototype.hasOwnProperty.call(PROBES, value);
}

/** JSON with sorted keys: the identity of a probe call, independent of property order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function probeCallId(request: { key: string; input: unknown }): string {
  return `${request.key} ${stableJson(request.input)}`;
}

export interface ProbeSource {
  run<K extends ProbeKey>(request: { key: K; input: ProbeInput<K> }): Promise<ProbeOutcome<ProbeOutput<K>>>;
  /**
   * Hints: calls the walk is likely to ask for soon (src/engine/planner.ts). A source that can
   * start them early does, and answers the later `run` of the same call from that start; one
   * that cannot (a recording) ignores them. Never an outcome of its own, never recorded.
   */
  prefetch?(requests: readonly ProbeRequest[]): void;
  /**
   * A new run of the same answers starts (the wizard's `r` after a fix): a source that keeps what
   * it read for the length of a run forgets it, so every call is made again.
   */
  newRun?(): void;
}
