// The wizard's store without rendering: probe labels and the transcript it keeps.
import { describe, expect, it } from 'vitest';
import { probeLabel } from '../../src/ui/store.js';

describe('probeLabel', () => {
  it('names the probe and its ids, lists included', () => {
    expect(probeLabel({ key: 'ec2.network-interfaces', input: { networkInterfaceIds: ['eni-1', 'eni-2'] } })).toBe(
      'ec2.network-interfaces eni-1 eni-2',
    );
    expect(probeLabel({ key: 'ec2.route-table', input: { subnetId: 'subnet-1', vpcId: 'vpc-1' } })).toBe(
      'ec2.route-table subnet-1 vpc-1',
    );
    expect(probeLabel({ key: 'sts.caller-identity', input: {} })).toBe('sts.caller-identity');
  });
});
