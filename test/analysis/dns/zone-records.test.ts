import { describe, expect, it } from 'vitest';
import { matchPrivateHostedZones } from '../../../src/analysis/dns/hosted-zones.js';
import { expectDnsAnswer } from '../../../src/analysis/dns/expected-answer.js';
import type { HostedZoneSummary } from '../../../src/analysis/dns/types.js';
import { zoneAnswerFor, type ZoneDetail } from '../../../src/analysis/dns/zone-records.js';
import type { RecordSet } from '../../../src/analysis/dns/fixes.js';
import { endpoint, REGION, VPC } from './fixtures.js';

const NAME = 'sqs.us-east-1.amazonaws.com';
const regional: HostedZoneSummary = { HostedZoneId: '/hostedzone/Z0REGIONAL', Name: 'us-east-1.amazonaws.com.' };
const exact: HostedZoneSummary = { HostedZoneId: 'Z0EXACT', Name: `${NAME}.` };
const sqs = endpoint({
  ServiceName: 'com.amazonaws.us-east-1.sqs',
  DnsEntries: [
    { DnsName: 'vpce-0123456789abcdef0-abcd1234.sqs.us-east-1.vpce.amazonaws.com', HostedZoneId: 'Z7HUB4G6HOSTED' },
    {
      DnsName: 'vpce-0123456789abcdef0-abcd1234-us-east-1a.sqs.us-east-1.vpce.amazonaws.com',
      HostedZoneId: 'Z7HUB4G6HOSTED',
    },
  ],
});
const soa: RecordSet = {
  Name: 'us-east-1.amazonaws.com.',
  Type: 'SOA',
  TTL: 900,
  ResourceRecords: [{ Value: 'ns. x. 1 7200 900 1209600 86400' }],
};
const alias: RecordSet = {
  Name: `${NAME}.`,
  Type: 'A',
  AliasTarget: {
    HostedZoneId: 'Z7HUB4G6HOSTED',
    DNSName: 'vpce-0123456789abcdef0-abcd1234.sqs.us-east-1.vpce.amazonaws.com.',
    EvaluateTargetHealth: false,
  },
};
const legacy: RecordSet = {
  Name: 'legacy.us-east-1.amazonaws.com.',
  Type: 'A',
  TTL: 300,
  ResourceRecords: [{ Value: '10.9.9.9' }],
};
const only = (records: RecordSet[]): ZoneDetail => ({ vpcIds: [VPC], records });

describe('what a private hosted zone answers for the service name (ListResourceRecordSets)', () => {
  it.each<[string, RecordSet[], string]>([
    ['an alias A record to the endpoint regional name', [soa, alias], 'endpoint'],
    [
      'an A record with the endpoint ENI addresses',
      [{ Name: `${NAME}.`, Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.1.10' }] }],
      'endpoint',
    ],
    [
      'a CNAME to the endpoint zonal name',
      [
        {
          Name: `${NAME}.`,
          Type: 'CNAME',
          TTL: 60,
          ResourceRecords: [{ Value: 'vpce-0123456789abcdef0-abcd1234-us-east-1a.sqs.us-east-1.vpce.amazonaws.com' }],
        },
      ],
      'endpoint',
    ],
    [
      'an A record to other addresses',
      [{ Name: `${NAME}.`, Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.7.7.7' }] }],
      'elsewhere',
    ],
    ['only records for other names', [soa, legacy], 'none'],
  ])('%s → %s', (_label, records, kind) => {
    expect(zoneAnswerFor(records, NAME, sqs, ['10.0.1.10']).kind).toBe(kind);
  });
});

describe('the fix for a zone that shadows the name, by who else uses the zone', () => {
  it("zone only this VPC's → an alias A record to the endpoint (inline change batch); deleting records and zone is the alternative", () => {
    const r = matchPrivateHostedZones(NAME, [regional], {
      vpcId: VPC,
      region: REGION,
      endpoint: sqs,
      details: new Map([['Z0REGIONAL', only([soa, legacy])]]),
    });
    expect(r.finding?.fix.summary).toContain('LastVPCAssociation');
    const [cmd] = r.finding?.fix.commands ?? [];
    expect(cmd?.argv.slice(1, 5)).toEqual(['route53', 'change-resource-record-sets', '--hosted-zone-id', 'Z0REGIONAL']);
    expect(JSON.parse(cmd!.argv[6]!)).toEqual({
      Changes: [
        {
          Action: 'UPSERT',
          ResourceRecordSet: {
            Name: NAME,
            Type: 'A',
            AliasTarget: {
              HostedZoneId: 'Z7HUB4G6HOSTED',
              DNSName: 'vpce-0123456789abcdef0-abcd1234.sqs.us-east-1.vpce.amazonaws.com',
              EvaluateTargetHealth: false,
            },
          },
        },
      ],
    });
    const deletion = r.finding?.fix.alternatives?.[0];
    expect(deletion?.summary).toContain('legacy.us-east-1.amazonaws.com');
    expect(deletion?.commands.map((c) => c.argv[2])).toEqual(['change-resource-record-sets', 'delete-hosted-zone']);
    expect(JSON.parse(deletion!.commands[0]!.argv[6]!)).toEqual({
      Changes: [{ Action: 'DELETE', ResourceRecordSet: legacy }],
    });
  });

  it('zone shared with another VPC → disassociate (never delete what the other VPC uses), the alias as an alternative', () => {
    const r = matchPrivateHostedZones(NAME, [regional], {
      vpcId: VPC,
      region: REGION,
      endpoint: sqs,
      details: new Map([['Z0REGIONAL', { vpcIds: [VPC, 'vpc-0other'], records: [soa] }]]),
    });
    expect(r.finding?.fix.commands.map((c) => c.argv[2])).toEqual(['disassociate-vpc-from-hosted-zone']);
    expect(r.finding?.fix.summary).toContain('vpc-0other');
    expect(r.finding?.fix.alternatives?.[0]?.commands.map((c) => c.argv[2])).toEqual(['change-resource-record-sets']);
  });

  it("zone only this VPC's and no interface endpoint to alias → records and zone deleted, no alias", () => {
    const r = matchPrivateHostedZones(NAME, [regional], {
      vpcId: VPC,
      region: REGION,
      endpoint: null,
      details: new Map([['Z0REGIONAL', only([soa])]]),
    });
    expect(r.finding?.fix.commands.map((c) => c.argv[2])).toEqual(['delete-hosted-zone']);
  });

  it('the zone already holds an alias to the endpoint → no shadow', () => {
    const r = matchPrivateHostedZones(NAME, [regional], {
      vpcId: VPC,
      region: REGION,
      endpoint: sqs,
      details: new Map([['Z0REGIONAL', only([soa, alias])]]),
    });
    expect(r.finding).toBeNull();
    expect(r.answer?.kind).toBe('endpoint');
  });
});

describe('private DNS off behind a zone named like the service', () => {
  const healthy = {
    service: 'sqs',
    region: REGION,
    vpcId: VPC,
    vpcAttributes: { EnableDnsSupport: true, EnableDnsHostnames: true },
    endpoint: { ...sqs, PrivateDnsEnabled: false },
    eniIps: ['10.0.1.10'],
    hostedZones: [exact],
  };

  it("zone only this VPC's → dns.private-dns-conflict whose fix is the alias (disassociating would fail)", () => {
    const x = expectDnsAnswer({ ...healthy, zoneDetails: new Map([['Z0EXACT', only([])]]) });
    const f = x.findings.find((g) => g.id === 'dns.private-dns-conflict');
    expect(f?.fix.commands.map((c) => c.argv[2])).toEqual(['change-resource-record-sets']);
    expect(f?.fix.alternatives?.[0]?.commands.map((c) => c.argv[2])).toEqual([
      'delete-hosted-zone',
      'modify-vpc-endpoint',
    ]);
  });

  it('zone records unread → the disassociate fix, saying Route 53 refuses it for the last VPC', () => {
    const x = expectDnsAnswer(healthy);
    const f = x.findings.find((g) => g.id === 'dns.private-dns-conflict');
    expect(f?.fix.commands.map((c) => c.argv[2])).toEqual(['disassociate-vpc-from-hosted-zone', 'modify-vpc-endpoint']);
    expect(f?.fix.summary).toContain('LastVPCAssociation');
  });

  it('after the alias: the name resolves to the endpoint, no conflict, no private-dns-disabled, no shadow', () => {
    const x = expectDnsAnswer({
      ...healthy,
      zoneDetails: new Map([['Z0EXACT', only([{ ...alias, Name: `${NAME}.` }])]]),
    });
    expect(x.findings).toEqual([]);
    expect(x.answer).toBe('private');
    expect(x.zoneAnswer).toContain('alias');
  });
});
