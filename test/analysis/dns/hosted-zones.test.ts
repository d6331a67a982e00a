import { describe, expect, it } from 'vitest';
import { matchPrivateHostedZones } from '../../../src/analysis/dns/hosted-zones.js';
import type { HostedZoneSummary } from '../../../src/analysis/dns/types.js';
import { REGION, VPC } from './fixtures.js';

const regional: HostedZoneSummary = {
  HostedZoneId: 'Z0REGIONAL123',
  Name: 'us-east-1.amazonaws.com.',
  Owner: { OwningAccount: '111122223333' },
};
const corp: HostedZoneSummary = {
  HostedZoneId: 'Z0CORP456',
  Name: 'corp.example.',
  Owner: { OwningAccount: '111122223333' },
};
const cloudMap: HostedZoneSummary = {
  HostedZoneId: 'Z0CLOUDMAP',
  Name: 'amazonaws.com.',
  Owner: { OwningService: 'servicediscovery.amazonaws.com' },
};

describe('matchPrivateHostedZones', () => {
  it('PHZ for us-east-1.amazonaws.com shadows sqs → dns.phz-shadow with the disassociate command', () => {
    const result = matchPrivateHostedZones('sqs.us-east-1.amazonaws.com', [corp, regional], {
      vpcId: VPC,
      region: REGION,
    });
    expect(result.zones.map((z) => z.HostedZoneId)).toEqual(['Z0REGIONAL123']);
    expect(result.finding?.id).toBe('dns.phz-shadow');
    expect(result.finding?.evidence[1]).toContain('NXDOMAIN');
    expect(result.finding?.fix.commands.map((c) => c.line)).toEqual([
      `aws route53 disassociate-vpc-from-hosted-zone --hosted-zone-id Z0REGIONAL123 --vpc VPCRegion=${REGION},VPCId=${VPC} --region ${REGION}`,
    ]);
  });

  it.each([
    ['an unrelated zone', [corp]],
    ['a service-managed zone', [cloudMap]],
    ["the endpoint's own zone", [{ ...regional, HostedZoneId: '/hostedzone/Z0OWN' }]],
  ])('%s → nothing', (_label, zones) => {
    const result = matchPrivateHostedZones('sqs.us-east-1.amazonaws.com', zones, {
      vpcId: VPC,
      region: REGION,
      ownZoneIds: ['Z0OWN'],
    });
    expect(result.finding).toBeNull();
  });

  it('the most specific zone is named first', () => {
    const exact: HostedZoneSummary = { HostedZoneId: 'Z0EXACT', Name: 'sqs.us-east-1.amazonaws.com.' };
    const result = matchPrivateHostedZones('sqs.us-east-1.amazonaws.com', [regional, exact]);
    expect(result.zones.map((z) => z.HostedZoneId)).toEqual(['Z0EXACT', 'Z0REGIONAL123']);
    expect(result.finding?.title).toContain('sqs.us-east-1.amazonaws.com.');
  });
});
