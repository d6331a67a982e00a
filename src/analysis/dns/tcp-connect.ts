// One handshake per answered address, port 443: what the client's TLS connection needs first.
// The verdict reads the tcp.connect results; the check words it.
import type { PathContext } from '../../path/context.js';
import type { Check } from '../../findings/types.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { TcpConnectResult } from '../../probes/specs/dns.js';
import { couldNotCheck } from '../check-module.js';

export type TcpVerdict =
  | { kind: 'none' }
  | { kind: 'unknown'; ip: string; outcome: ProbeOutcome<unknown> | undefined }
  | { kind: 'tried'; results: { ip: string; result: TcpConnectResult }[] };

export function tcpVerdict(ctx: PathContext, addresses: readonly string[]): TcpVerdict {
  if (addresses.length === 0) return { kind: 'none' };
  const results: { ip: string; result: TcpConnectResult }[] = [];
  for (const ip of addresses) {
    const outcome = ctx.probe('tcp.connect', { ip, port: 443 });
    if (outcome?.status !== 'ok') return { kind: 'unknown', ip, outcome };
    results.push({ ip, result: outcome.value });
  }
  return { kind: 'tried', results };
}

export function tcpChecks(v: TcpVerdict, label: string): Check[] {
  switch (v.kind) {
    case 'none':
      return [];
    case 'unknown':
      return [{ ...couldNotCheck('tcp.connect', 'route', `TCP 443 to ${v.ip}`, v.outcome), basis: 'observed' }];
    case 'tried': {
      const status: Check['status'] = v.results.every((r) => r.result.status === 'open') ? 'pass' : 'fail';
      const parts = v.results.map(({ ip, result: r }) =>
        r.status === 'open'
          ? `${ip}:443 open (${r.ms} ms)`
          : r.status === 'error'
            ? `${ip}:443 ${r.code}`
            : `${ip}:443 ${r.status}`,
      );
      return [
        { id: 'tcp.connect', layer: 'route', status, detail: `${parts.join(', ')} — ${label}`, basis: 'observed' },
      ];
    }
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
}
