// A live DNS answer compared with the endpoint's ENI addresses. Only meaningful when the
// lookup ran from inside the VPC (or through its resolver); the caller labels the basis.
import type { Finding } from '../../findings/types.js';
import type { ResolveNameResult } from '../../probes/specs/dns.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';

export type ObservedVerdict = 'resolves-private' | 'resolves-public' | 'nxdomain' | 'nodata' | 'timeout' | 'error';

export interface ObservedComparison {
  verdict: ObservedVerdict;
  /** A (and AAAA) addresses in the answer. */
  addresses: string[];
  /** Answered addresses that are not the endpoint's ENIs. */
  foreign: string[];
  finding: Finding | null;
}

export interface ObservedContext {
  hostname?: string;
  vpcEndpointId?: string;
  /** What the configuration says explains it (from expectDnsAnswer), for the evidence. */
  explanation?: readonly string[];
}

export function compareObserved(
  answer: ResolveNameResult,
  eniIps: readonly string[],
  context: ObservedContext = {},
): ObservedComparison {
  switch (answer.status) {
    case 'nxdomain':
      return { verdict: 'nxdomain', addresses: [], foreign: [], finding: null };
    case 'nodata':
      return { verdict: 'nodata', addresses: [], foreign: [], finding: null };
    case 'timeout':
      return { verdict: 'timeout', addresses: [], foreign: [], finding: null };
    case 'error':
      return { verdict: 'error', addresses: [], foreign: [], finding: null };
    case 'answer':
      break;
    default: {
      const unreachable: never = answer;
      return unreachable;
    }
  }
  const addresses = [...answer.addresses, ...answer.ipv6Addresses];
  const enis = new Set(eniIps.map((ip) => ip.toLowerCase()));
  const foreign = addresses.filter((ip) => !enis.has(ip.toLowerCase()));
  if (addresses.length > 0 && foreign.length === 0)
    return { verdict: 'resolves-private', addresses, foreign, finding: null };
  const name = context.hostname ?? 'the service name';
  const endpoint = context.vpcEndpointId ?? 'the endpoint';
  const finding = catalogueFinding('dns.resolves-public', {
    title: `${name} does not resolve to ${endpoint}`,
    evidence: [
      `${name} via ${answer.server} answered ${addresses.join(', ') || '(no addresses)'}`,
      `${endpoint}'s network interfaces have ${eniIps.length > 0 ? eniIps.join(', ') : 'no private IPs on record'}`,
      ...(context.explanation ?? []),
    ],
    fix: {
      summary:
        context.explanation && context.explanation.length > 0
          ? 'Fix the cause named above; the service name then resolves to the endpoint.'
          : 'Find what answers instead of the endpoint zone: private DNS, a resolver rule, the DHCP servers or a private hosted zone.',
      commands: [],
    },
  });
  return { verdict: 'resolves-public', addresses, foreign, finding };
}
