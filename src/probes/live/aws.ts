// Live probes: read-only AWS calls (Describe*/Get*/List* only), each filtered server-side.
// Each area's handlers live in their own file; this class routes a probe to its handler,
// validates the raw result against the probe's schema and classifies failures.
import {
  PROBES,
  probeCallId,
  type ProbeInput,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeOutput,
  type ProbeSource,
} from '../contract.js';
import { AwsClients, type AwsOptions, type LiveHandlers } from './clients.js';
import { coreHandlers } from './core.js';
import { dnsHandlers } from './dns.js';
import { policyHandlers } from './policy.js';
import { resourcePolicyHandlers } from './resource-policies.js';
import { encryptionHandlers, organizationHandlers } from './encryption.js';
import { apiMethodHandlers } from './api-methods.js';
import { networkHandlers } from './network.js';
import { hostHandlers } from './host.js';
import { whoisHandlers } from './whois.js';
import { inventoryHandlers } from './inventory.js';
import { DeniedError, errorMessage, isCredentialsError } from './errors.js';
import { describeWaiting, withLedger, type CallLedger } from './in-flight.js';
import { VpcScope } from './vpc-scope.js';
import type { ProbeRequest } from '../contract.js';

export type { AwsOptions } from './clients.js';

export class LiveProbes implements ProbeSource {
  private readonly handlers: LiveHandlers<ProbeKey>;
  private readonly ledgers = new Map<string, CallLedger>();
  private identity?: Promise<unknown>;
  /** Every probe call of this run, by call id: a call asked twice (or hinted, then asked) is made once. */
  private readonly memo = new Map<string, Promise<ProbeOutcome<unknown>>>();
  private readonly scope: VpcScope;
  private readonly clients: AwsClients;

  constructor(options: AwsOptions) {
    const clients = new AwsClients(options);
    this.clients = clients;
    this.scope = new VpcScope(clients);
    this.handlers = {
      ...coreHandlers(clients, this.scope),
      ...dnsHandlers(clients),
      ...policyHandlers(clients),
      ...resourcePolicyHandlers(clients),
      ...encryptionHandlers(clients),
      ...organizationHandlers(clients),
      ...apiMethodHandlers(clients),
      ...networkHandlers(clients, this.scope),
      ...hostHandlers(clients),
      ...whoisHandlers(clients),
      ...inventoryHandlers(clients),
    };
  }

  run<K extends ProbeKey>(request: { key: K; input: ProbeInput<K> }): Promise<ProbeOutcome<ProbeOutput<K>>> {
    const id = probeCallId(request);
    let outcome = this.memo.get(id);
    if (outcome === undefined) {
      outcome = this.execute(request);
      this.memo.set(id, outcome);
    }
    return outcome as Promise<ProbeOutcome<ProbeOutput<K>>>;
  }

  /** The next run asks AWS again: nothing read in the last run answers it (the account may have changed). */
  newRun(): void {
    this.memo.clear();
    this.ledgers.clear();
    this.scope.forget();
  }

  /** Starts the hinted calls now (src/engine/planner.ts); `run` later answers from the same start. */
  prefetch(requests: readonly ProbeRequest[]): void {
    for (const r of requests) if (!this.memo.has(probeCallId(r))) void this.run(r);
  }

  private async execute<K extends ProbeKey>(request: {
    key: K;
    input: ProbeInput<K>;
  }): Promise<ProbeOutcome<ProbeOutput<K>>> {
    const handler = this.handlers[request.key] as (input: ProbeInput<K>) => Promise<unknown>;
    const id = probeCallId(request);
    const ledger: CallLedger = { waiting: new Map() };
    this.ledgers.set(id, ledger);
    try {
      const raw =
        request.key === 'sts.caller-identity' && this.identity !== undefined
          ? await this.identity
          : await withLedger(ledger, () => handler(request.input));
      const parsed = PROBES[request.key].output.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          status: 'error',
          message: `unexpected ${request.key} response at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
        };
      }
      this.scope.learnFrom(request.key, parsed.data);
      return { status: 'ok', value: parsed.data as ProbeOutput<K> };
    } catch (err) {
      if (err instanceof DeniedError) return { status: 'denied', action: err.action, message: err.message };
      if (isCredentialsError(err)) {
        return {
          status: 'error',
          message: `no usable AWS credentials (${errorMessage(err)}); run "aws configure", "aws sso login" or set AWS_PROFILE`,
        };
      }
      return { status: 'error', message: errorMessage(err) };
    } finally {
      if (this.ledgers.get(id) === ledger) this.ledgers.delete(id);
    }
  }

  /**
   * Resolves the credentials and asks STS who they belong to, once, before any probe; the raw
   * error is the caller's to classify. The sts.caller-identity probe reuses this answer.
   */
  preflight(options: { besideEc2?: boolean } = {}): Promise<unknown> {
    // Beside EC2: both clients loaded first, so the source lookup goes out with this call, not after it.
    this.identity ??= withLedger({ waiting: new Map() }, async () => {
      if (options.besideEc2 === true) await Promise.all([this.clients.getEc2(), this.clients.getSts()]);
      return this.handlers['sts.caller-identity']({});
    });
    return this.identity;
  }

  /** The AWS calls a running probe still waits on, e.g. ["ec2:DescribeVpcs (waited 6 s)"]. */
  waitingOn(request: { key: string; input: unknown }): string[] {
    const ledger = this.ledgers.get(probeCallId(request));
    return ledger === undefined ? [] : describeWaiting(ledger);
  }
}
