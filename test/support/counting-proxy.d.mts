// Types of counting-proxy.mjs (plain ESM so scripts can import it under plain Node).
import type { IncomingHttpHeaders } from 'node:http';

export interface CallRecord {
  /** "DescribeVpcs", "ListResolverRules", or for REST services "GET /bucket?policy". */
  action: string;
  /** The request as sent, minus signature headers: equal keys are the same call made twice. */
  key: string;
  /** ms since the proxy started: when the request reached the proxy, and when its answer left. */
  start: number;
  end: number;
}

export interface CallStats {
  calls: number;
  /** The longest chain of calls in which each started after the previous one answered. */
  roundTrips: number;
  /** Actions of calls made more than once with the same request. */
  duplicates: string[];
  /** Actions of calls that name no id, filter, VPC or bucket: their answer grows with the account. */
  unscoped: string[];
  /** Every call, in the order it started: action names only. */
  actions: string[];
  /** The calls of each round trip: rounds[0] went out first. */
  rounds: string[][];
}

export interface CountingProxy {
  url: string;
  readonly calls: readonly CallRecord[];
  /** Forget the calls so far (between runs). */
  reset(): void;
  stats(): CallStats;
  close(): Promise<void>;
}

export function actionOf(method: string, url: string, headers: IncomingHttpHeaders, body: string): string;
export function depths(calls: readonly Pick<CallRecord, 'start' | 'end'>[]): number[];
export function criticalPath(calls: readonly Pick<CallRecord, 'start' | 'end'>[]): number;
export function isScoped(call: Pick<CallRecord, 'action' | 'key'>): boolean;
export function callStats(calls: readonly CallRecord[]): CallStats;
export function startCountingProxy(upstream: string, options?: { delayMs?: number }): Promise<CountingProxy>;
