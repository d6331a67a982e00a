// The security-group verdicts, from facts alone (no context, no probes): which flow is refused,
// and which rule the fix adds.
import { describe, expect, it } from 'vitest';
import type { EgressFacts, IngressFacts, SgDestination } from '../../../src/analysis/security-groups/facts.js';
import { egressVerdict, ingressVerdict } from '../../../src/analysis/security-groups/verdict.js';
import type { PathSource } from '../../../src/analysis/network-path/path.js';
import { SourceSchema } from '../../../src/probes/shapes.js';
import { S3_CIDRS, S3_PL, sg } from '../net/helpers.js';

const instance: Extract<PathSource, { kind: 'inside' }> = {
  kind: 'inside',
  source: SourceSchema.parse({
    Kind: 'instance',
    Id: 'i-0app',
    SubnetId: 'subnet-0app',
    VpcId: 'vpc-0abc',
    PrivateIpAddress: '10.0.1.5',
    Groups: [{ GroupId: 'sg-0app' }],
  }),
  subnetId: 'subnet-0app',
  groupIds: ['sg-0app'],
  address: '10.0.1.5',
  addressKind: 'ip',
  subnetCidr: undefined,
};

const interfaceEnd: SgDestination = {
  kind: 'interface',
  endpointId: 'vpce-0abc',
  groupIds: ['sg-0vpce'],
  groupReferences: true,
};

function egress(over: Partial<Extract<EgressFacts, { kind: 'read' }>>): EgressFacts {
  return {
    kind: 'read',
    sourceId: 'i-0app',
    destination: interfaceEnd,
    groups: [sg('sg-0app', {})],
    missing: [],
    prefixLists: new Map(),
    targets: [
      { label: 'eni-0a (10.0.2.10)', peer: { address: '10.0.2.10', groupIds: ['sg-0vpce'] } },
      { label: 'eni-0b (10.0.3.10)', peer: { address: '10.0.3.10', groupIds: ['sg-0vpce'] } },
    ],
    ...over,
  };
}

function ingress(over: Partial<Extract<IngressFacts, { kind: 'read' }>>): IngressFacts {
  return {
    kind: 'read',
    endpointId: 'vpce-0abc',
    src: instance,
    groupReferences: true,
    hub: false,
    groups: [sg('sg-0vpce', {})],
    missing: [],
    prefixLists: new Map(),
    ...over,
  };
}

describe('egressVerdict', () => {
  it('source group allows tcp/443 to the VPC CIDR → allowed, one decision per endpoint interface', () => {
    const v = egressVerdict(
      egress({
        groups: [sg('sg-0app', { egress: [{ FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] })],
      }),
    );
    expect(v.kind).toBe('allowed');
    expect(v.kind === 'allowed' && v.decisions.map((d) => d.label)).toEqual([
      'eni-0a (10.0.2.10)',
      'eni-0b (10.0.3.10)',
    ]);
  });

  it('no egress rule, endpoint group referable → denied, the fix names the endpoint group', () => {
    const v = egressVerdict(egress({}));
    expect(v.kind === 'denied' && v.remedy).toEqual({
      kind: 'group',
      groupId: 'sg-0app',
      peerGroupId: 'sg-0vpce',
      endpointId: 'vpce-0abc',
    });
  });

  it('no egress rule, hub over a transit gateway (no group references) → one /32 rule per refused interface', () => {
    const v = egressVerdict(egress({ destination: { ...interfaceEnd, groupReferences: false } as SgDestination }));
    expect(v.kind === 'denied' && v.remedy).toEqual({
      kind: 'addresses',
      groupId: 'sg-0app',
      cidrs: ['10.0.2.10/32', '10.0.3.10/32'],
    });
  });

  it('gateway endpoint, egress only to 10.0.0.0/8 → denied, the fix names the service prefix list', () => {
    const v = egressVerdict(
      egress({
        destination: { kind: 'gateway', prefixListName: 'com.amazonaws.us-east-1.s3' },
        groups: [sg('sg-0app', { egress: [{ FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] })],
        targets: [{ label: S3_PL, peer: { prefixLists: [{ prefixListId: S3_PL, cidrs: S3_CIDRS }] } }],
      }),
    );
    expect(v.kind === 'denied' && v.remedy).toEqual({
      kind: 'prefix-list',
      groupId: 'sg-0app',
      prefixListId: S3_PL,
      prefixListName: 'com.amazonaws.us-east-1.s3',
    });
  });

  it('a fact that could not be read stays unknown, never allowed', () => {
    const unknown = { kind: 'unknown', what: 'the security groups of i-0app', outcome: undefined } as const;
    expect(egressVerdict(unknown)).toEqual(unknown);
  });
});

describe('ingressVerdict', () => {
  it('endpoint group admits the source group → allowed', () => {
    const v = ingressVerdict(
      ingress({
        groups: [
          sg('sg-0vpce', { ingress: [{ FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-0app' }] }] }),
        ],
      }),
    );
    expect(v.kind).toBe('allowed');
  });

  it('group rule for the source group, but reached over a transit gateway → denied, fix by CIDR, the ignored groups named', () => {
    const v = ingressVerdict(
      ingress({
        groupReferences: false,
        hub: true,
        groups: [
          sg('sg-0vpce', { ingress: [{ FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-0app' }] }] }),
        ],
      }),
    );
    expect(v.kind).toBe('denied');
    if (v.kind !== 'denied') return;
    expect(v.tgwIgnores).toEqual(['sg-0app']);
    expect(v.remedy).toEqual({
      kind: 'source-ip',
      groupId: 'sg-0vpce',
      cidr: '10.0.1.5/32',
      sourceId: 'i-0app',
      subnetCidr: undefined,
    });
  });

  it('on-premises source over VPN, no rule → denied, fix for its address', () => {
    const v = ingressVerdict(
      ingress({ src: { kind: 'outside', address: '192.168.4.10', how: 'on-premises over VPN' } }),
    );
    expect(v.kind === 'denied' && v.remedy).toEqual({
      kind: 'outside',
      groupId: 'sg-0vpce',
      cidr: '192.168.4.10/32',
      how: 'on-premises over VPN',
    });
  });
});
