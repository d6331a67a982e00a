import { describe, expect, it } from 'vitest';
import { compareObserved } from '../../../src/analysis/dns/observed-answer.js';
import type { ResolveNameResult } from '../../../src/probes/specs/dns.js';

const eniIps = ['10.0.1.25', '10.0.2.31'];
const server = '10.0.0.2:53';

describe('compareObserved', () => {
  it.each<[string, ResolveNameResult, string]>([
    [
      'all answers are ENI addresses',
      { status: 'answer', addresses: ['10.0.2.31', '10.0.1.25'], ipv6Addresses: [], server },
      'resolves-private',
    ],
    ['public addresses', { status: 'answer', addresses: ['3.5.10.1'], ipv6Addresses: [], server }, 'resolves-public'],
    [
      'one ENI, one foreign',
      { status: 'answer', addresses: ['10.0.1.25', '10.9.9.9'], ipv6Addresses: [], server },
      'resolves-public',
    ],
    ['NXDOMAIN', { status: 'nxdomain', server }, 'nxdomain'],
    ['no answer', { status: 'timeout', server }, 'timeout'],
  ])('%s → %s', (_label, answer, verdict) => {
    expect(compareObserved(answer, eniIps).verdict).toBe(verdict);
  });

  it('public answer → dns.resolves-public naming the addresses, the ENIs and the endpoint', () => {
    const result = compareObserved({ status: 'answer', addresses: ['3.5.10.1'], ipv6Addresses: [], server }, eniIps, {
      hostname: 'sqs.us-east-1.amazonaws.com',
      vpcEndpointId: 'vpce-0sqs',
      explanation: ['vpce-0sqs has private DNS off'],
    });
    expect(result.foreign).toEqual(['3.5.10.1']);
    expect(result.finding?.id).toBe('dns.resolves-public');
    expect(result.finding?.evidence).toEqual([
      'sqs.us-east-1.amazonaws.com via 10.0.0.2:53 answered 3.5.10.1',
      "vpce-0sqs's network interfaces have 10.0.1.25, 10.0.2.31",
      'vpce-0sqs has private DNS off',
    ]);
  });
});
