// The network-ACL layer, judged: each of the four packets of the TCP exchange on its own (the
// request on tcp/443, the reply on ephemeral ports), at the source subnet's boundary and at each
// endpoint subnet's. Facts in (./facts.ts), a typed verdict out; ./explain.ts words it.
import type { NetworkAcl } from '../../probes/shapes.js';
import { EPHEMERAL_PORTS, evaluateNacl, type NaclDirection, type NaclVerdict } from '../net/network-acls.js';
import { HTTPS_PORT } from '../network-path/path.js';
import type { EndpointAclFacts, SourceAclFacts, Unread } from './facts.js';

export type SourceAclVerdict =
  | Unread
  | Extract<SourceAclFacts, { kind: 'other-family' }>
  /** Every peer is inside the source's subnet: no ACL sits on the path. */
  | { kind: 'off-path'; facts: Extract<SourceAclFacts, { kind: 'read' }> }
  | { kind: 'allowed'; facts: Extract<SourceAclFacts, { kind: 'read' }>; verdicts: NaclVerdict[] }
  | { kind: 'blocked'; facts: Extract<SourceAclFacts, { kind: 'read' }>; verdicts: NaclVerdict[] };

export type EndpointAclVerdict =
  | Exclude<EndpointAclFacts, { kind: 'read' }>
  | { kind: 'allowed'; facts: Extract<EndpointAclFacts, { kind: 'read' }>; verdicts: NaclVerdict[] }
  | { kind: 'blocked'; facts: Extract<EndpointAclFacts, { kind: 'read' }>; verdicts: NaclVerdict[] };

/** The request leg toward the peers and the reply leg back, through one ACL. */
export function legs(acl: NetworkAcl, peers: readonly string[], request: NaclDirection): NaclVerdict[] {
  const reply: NaclDirection = request === 'outbound' ? 'inbound' : 'outbound';
  return [
    ...peers.map((peer) => evaluateNacl(acl, { direction: request, peer, ports: HTTPS_PORT })),
    ...peers.map((peer) => evaluateNacl(acl, { direction: reply, peer, ports: EPHEMERAL_PORTS })),
  ];
}

export function sourceAclVerdict(facts: SourceAclFacts): SourceAclVerdict {
  if (facts.kind !== 'read') return facts;
  if (facts.peers.length === 0) return { kind: 'off-path', facts };
  const verdicts = legs(facts.acl, facts.peers, 'outbound');
  return verdicts.every((v) => v.allowed) ? { kind: 'allowed', facts, verdicts } : { kind: 'blocked', facts, verdicts };
}

export function endpointAclVerdict(facts: EndpointAclFacts): EndpointAclVerdict {
  if (facts.kind !== 'read') return facts;
  const verdicts = [...facts.acls.values()].flatMap((acl) => legs(acl, [facts.address], 'inbound'));
  return verdicts.every((v) => v.allowed) ? { kind: 'allowed', facts, verdicts } : { kind: 'blocked', facts, verdicts };
}
