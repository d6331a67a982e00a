// Replay's probe source: probe results come from a session file; no AWS client is created.
// Strict by default: a probe the recording does not hold is a mismatch the CLI reports.
import {
  probeCallId,
  type ProbeInput,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeOutput,
  type ProbeRecord,
  type ProbeSource,
} from '../probes/contract.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class RecordedProbes implements ProbeSource {
  private readonly byId = new Map<string, ProbeRecord>();
  readonly missing: string[] = [];

  constructor(
    records: readonly ProbeRecord[],
    private readonly delayMs = 0,
  ) {
    for (const r of records) this.byId.set(probeCallId(r), r);
  }

  async run<K extends ProbeKey>(request: { key: K; input: ProbeInput<K> }): Promise<ProbeOutcome<ProbeOutput<K>>> {
    if (this.delayMs > 0) await sleep(this.delayMs);
    const id = probeCallId(request);
    const record = this.byId.get(id);
    if (record === undefined) {
      this.missing.push(id);
      return { status: 'error', message: `not in the recording: ${id}` };
    }
    return record.outcome as ProbeOutcome<ProbeOutput<K>>;
  }
}
