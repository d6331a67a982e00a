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
import { networkHandlers } from './network.js';
import { hostHandlers } from './host.js';
import { whoisHandlers } from './whois.js';
import { DeniedError, errorMessage, isCredentialsError } from './errors.js';
import { describeWaiting, withLedger, type CallLedger } from './in-flight.js';

export type { AwsOptions } from './clients.js';

export class LiveProbes implements ProbeSource {
  private readonly handlers: LiveHandlers<ProbeKey>;
  private readonly ledgers = new Map<string, CallLedger>();
  private identity?: Promise<unknown>;

  constructor(options: AwsOptions) {
    const clients = new AwsClients(options);
    this.handlers = {
      ...coreHandlers(clients),
      ...dnsHandlers(clients),
      ...policyHandlers(clients),
      ...resourcePolicyHandlers(clients),
      ...networkHandlers(clients),
      ...hostHandlers(clients),
      ...whoisHandlers(clients),
    };
  }

  async run<K extends ProbeKey>(request: { key: K; input: ProbeInput<K> }): Promise<ProbeOutcome<ProbeOutput<K>>> {
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
  preflight(): Promise<unknown> {
    this.identity ??= withLedger({ waiting: new Map() }, () => this.handlers['sts.caller-identity']({}));
    return this.identity;
  }

  /** The AWS calls a running probe still waits on, e.g. ["ec2:DescribeVpcs (waited 6 s)"]. */
  waitingOn(request: { key: string; input: unknown }): string[] {
    const ledger = this.ledgers.get(probeCallId(request));
    return ledger === undefined ? [] : describeWaiting(ledger);
  }
}
