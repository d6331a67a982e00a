// The path picture: where the request goes (source → its security groups → subnet ACL → route
// table → endpoint, and for an interface endpoint its ACL and security groups → the service),
// with DNS and policy as the two gates beside it. Each hop takes the worst status of the checks
// about it; the first failing hop is where the request dies. Pure, from the report's checks.
import type { Check } from '../findings/types.js';
import type { Answers } from '../path/answers.js';

export interface Hop {
  label: string;
  /** undefined: no check looked at this hop (not on this path). */
  status: Check['status'] | undefined;
  /** The first hop on the path that fails: the request dies here. */
  first: boolean;
}

export interface PathPicture {
  hops: Hop[];
  gates: Hop[];
}

const RANK: Record<Check['status'], number> = { pass: 0, skipped: 1, warn: 2, error: 3, crashed: 3, fail: 4 };
const FAILING: ReadonlySet<Check['status']> = new Set(['fail', 'error', 'crashed']);

function worst(checks: readonly Check[]): Check['status'] | undefined {
  return checks.reduce<Check['status'] | undefined>(
    (w, c) => (w === undefined || RANK[c.status] > RANK[w] ? c.status : w),
    undefined,
  );
}

export function pathPicture(checks: readonly Check[], answers: Answers): PathPicture {
  const where = (p: (c: Check) => boolean): Check['status'] | undefined => worst(checks.filter(p));
  const source = answers['source.id'] ?? answers['source.ip'] ?? answers['source.kind'] ?? 'the source';
  const rows: [string, Check['status'] | undefined][] = [
    [`${source} (where the request starts)`, where((c) => c.id === 'source.located')],
    ['its security groups (outbound)', where((c) => c.id === 'sg.source-egress')],
    ["its subnet's network ACL", where((c) => c.id === 'nacl.source-subnet')],
    ['the route table', where((c) => c.layer === 'route')],
    [
      `the endpoint${answers.endpoint !== undefined && answers.endpoint !== 'auto' ? ` ${answers.endpoint}` : ''}`,
      where((c) => c.layer === 'endpoint' && c.id !== 'source.located'),
    ],
  ];
  // An interface endpoint's own ACL and groups sit after it; a gateway endpoint has none.
  const endpointAcl = where((c) => c.id === 'nacl.endpoint-subnet');
  const endpointSgs = where((c) => c.id === 'sg.endpoint-ingress');
  if (endpointAcl !== undefined) rows.push(["the endpoint subnet's network ACL", endpointAcl]);
  if (endpointSgs !== undefined) rows.push(["the endpoint's security groups (inbound)", endpointSgs]);
  rows.push([answers.service ?? 'the service', undefined]);
  let found = false;
  const hops = rows.map(([label, status]) => {
    const first = !found && status !== undefined && FAILING.has(status);
    if (first) found = true;
    return { label, status, first };
  });
  const gates: Hop[] = [
    { label: 'DNS', status: where((c) => c.layer === 'dns'), first: false },
    {
      label: 'Policy',
      status: where((c) => c.layer === 'endpoint-policy' || c.layer === 'resource-policy' || c.layer === 'identity'),
      first: false,
    },
  ];
  return { hops, gates };
}
