// Which AWS calls each probe is waiting on, so a deadline can name the call that did not
// answer rather than only the probe. AsyncLocalStorage carries the probe's ledger into call().
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallLedger {
  /** action (e.g. ec2:DescribeVpcs) → when it started, for the calls still waiting. */
  readonly waiting: Map<string, number>;
}

const current = new AsyncLocalStorage<CallLedger>();

export function withLedger<T>(ledger: CallLedger, fn: () => Promise<T>): Promise<T> {
  return current.run(ledger, fn);
}

/** Marks `action` as waiting in the current probe's ledger; returns the function that clears it. */
export function startCall(action: string): () => void {
  const ledger = current.getStore();
  if (ledger === undefined) return () => undefined;
  const started = Date.now();
  ledger.waiting.set(action, started);
  return () => {
    if (ledger.waiting.get(action) === started) ledger.waiting.delete(action);
  };
}

/** "ec2:DescribeVpcs (waited 6 s)" for each call the ledger still waits on. */
export function describeWaiting(ledger: CallLedger, now = Date.now()): string[] {
  return [...ledger.waiting].map(([action, since]) => `${action} (waited ${seconds(now - since)} s)`);
}

export function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toString();
}
