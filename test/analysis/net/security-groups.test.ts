import { describe, expect, it } from 'vitest';
import {
  describeSgDecision,
  evaluateSecurityGroups,
  evaluateTcpFlowSecurityGroups,
  type SgQuery,
} from '../../../src/analysis/net/security-groups.js';
import { S3_CIDRS, S3_PL, sg } from './helpers.js';

const s3Peer = { prefixLists: [{ prefixListId: S3_PL, cidrs: S3_CIDRS }] };

describe('evaluateSecurityGroups', () => {
  it.each<{ scenario: string; query: SgQuery; allowed: boolean; lines: string[] }>([
    {
      scenario: 'endpoint SG references the source SG, source ENI is a member → allowed by the group pair',
      query: {
        direction: 'ingress',
        groups: [
          sg('sg-0endpoint', { ingress: [{ FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-0app' }] }] }),
        ],
        port: 443,
        peer: { address: '10.0.1.5', groupIds: ['sg-0app'] },
      },
      allowed: true,
      lines: ['sg-0endpoint ingress allows tcp/443 from sg-0app (covers 10.0.1.5)'],
    },
    {
      scenario: 'endpoint SG references a group the source is not in → no rule matched, naming both ways to allow it',
      query: {
        direction: 'ingress',
        groups: [
          sg('sg-0abc', { ingress: [{ FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-0other' }] }] }),
          sg('sg-0def', { ingress: [{ FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] }),
        ],
        port: 443,
        peer: { address: '10.0.1.5', groupIds: ['sg-0123'] },
      },
      allowed: false,
      lines: ['no rule in sg-0abc, sg-0def allows inbound tcp/443 from 10.0.1.5 or sg-0123'],
    },
    {
      scenario: 'source egress to the S3 prefix list by id → allowed',
      query: {
        direction: 'egress',
        groups: [sg('sg-0abc', { egress: [{ FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: S3_PL }] }] })],
        port: 443,
        peer: s3Peer,
      },
      allowed: true,
      lines: [`sg-0abc egress allows tcp/443 to ${S3_PL} (covers ${S3_CIDRS.join(', ')})`],
    },
    {
      scenario: 'source egress to 0.0.0.0/0 covers every S3 CIDR',
      query: {
        direction: 'egress',
        groups: [sg('sg-0abc', { egress: [{ FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] })],
        port: 443,
        peer: s3Peer,
      },
      allowed: true,
      lines: [`sg-0abc egress allows tcp/443 to 0.0.0.0/0 (covers ${S3_CIDRS.join(', ')})`],
    },
    {
      scenario: 'egress allows only one S3 CIDR → deny, listing the uncovered CIDRs',
      query: {
        direction: 'egress',
        groups: [sg('sg-0abc', { egress: [{ FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '52.216.0.0/15' }] }] })],
        port: 443,
        peer: s3Peer,
      },
      allowed: false,
      lines: [
        `no rule in sg-0abc allows outbound tcp/443 to ${S3_PL}`,
        'only part of it is allowed; not covered: 3.5.0.0/19, 54.231.0.0/16, 16.182.0.0/16',
      ],
    },
    {
      scenario: 'protocol -1 (all traffic) allows tcp/443 whatever its ports say',
      query: {
        direction: 'egress',
        groups: [
          sg('sg-0abc', {
            egress: [{ IpProtocol: '-1', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          }),
        ],
        port: 443,
        peer: { address: '10.0.2.15' },
      },
      allowed: true,
      lines: ['sg-0abc egress allows all traffic to 0.0.0.0/0 (covers 10.0.2.15)'],
    },
    {
      scenario: 'protocol "6" with a port range containing 443',
      query: {
        direction: 'ingress',
        groups: [
          sg('sg-0abc', {
            ingress: [{ IpProtocol: '6', FromPort: 400, ToPort: 500, IpRanges: [{ CidrIp: '10.0.1.0/24' }] }],
          }),
        ],
        port: 443,
        peer: { address: '10.0.1.5' },
      },
      allowed: true,
      lines: ['sg-0abc ingress allows tcp/400-500 from 10.0.1.0/24 (covers 10.0.1.5)'],
    },
    {
      scenario: 'udp rules never allow tcp',
      query: {
        direction: 'ingress',
        groups: [
          sg('sg-0abc', {
            ingress: [{ IpProtocol: 'udp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          }),
        ],
        port: 443,
        peer: { address: '10.0.1.5' },
      },
      allowed: false,
      lines: ['no rule in sg-0abc allows inbound tcp/443 from 10.0.1.5'],
    },
    {
      scenario: 'an IPv6 ::/0 rule does not match an IPv4 source',
      query: {
        direction: 'ingress',
        groups: [sg('sg-0abc', { ingress: [{ FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] })],
        port: 443,
        peer: { address: '10.0.1.5' },
      },
      allowed: false,
      lines: ['no rule in sg-0abc allows inbound tcp/443 from 10.0.1.5'],
    },
    {
      scenario: 'an IPv6 rule matches an IPv6 source',
      query: {
        direction: 'ingress',
        groups: [
          sg('sg-0abc', { ingress: [{ FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: '2600:1f18::/32' }] }] }),
        ],
        port: 443,
        peer: { address: '2600:1f18:1:2::5' },
      },
      allowed: true,
      lines: ['sg-0abc ingress allows tcp/443 from 2600:1f18::/32 (covers 2600:1f18:1:2::5)'],
    },
    {
      scenario: 'a customer prefix list containing the source address allows it by membership',
      query: {
        direction: 'ingress',
        groups: [
          sg('sg-0abc', { ingress: [{ FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-0corp' }] }] }),
        ],
        port: 443,
        peer: { address: '192.168.4.20' },
        prefixLists: { 'pl-0corp': ['192.168.0.0/16'] },
      },
      allowed: true,
      lines: ['sg-0abc ingress allows tcp/443 from pl-0corp (covers 192.168.4.20)'],
    },
    {
      scenario: 'a subnet source has no groups → no-groups',
      query: { direction: 'egress', groups: [], port: 443, peer: { address: '10.0.2.15' } },
      allowed: false,
      lines: ['no security groups to evaluate for outbound tcp/443'],
    },
  ])('$scenario', ({ query, allowed, lines }) => {
    const d = evaluateSecurityGroups(query);
    expect(d.allowed).toBe(allowed);
    expect(describeSgDecision(d)).toEqual(lines);
  });

  it('the deciding rule carries group id, direction and the permission', () => {
    const d = evaluateSecurityGroups({
      direction: 'egress',
      groups: [sg('sg-0abc', { egress: [{ FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: S3_PL }] }] })],
      port: 443,
      peer: s3Peer,
    });
    if (!d.allowed) throw new Error('expected allowed');
    expect(d.matches[0]).toMatchObject({
      groupId: 'sg-0abc',
      direction: 'egress',
      by: { kind: 'prefix-list', prefixListId: S3_PL, via: 'reference' },
      permission: { IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
    });
  });
});

describe('evaluateTcpFlowSecurityGroups', () => {
  const app = sg('sg-0app', { egress: [{ FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] });
  it('source egress ok, endpoint ingress missing → not allowed, ingress names the source', () => {
    const r = evaluateTcpFlowSecurityGroups({
      port: 443,
      source: { groups: [app], address: '10.0.1.5' },
      destination: { groups: [sg('sg-0vpce', { ingress: [] })], address: '10.0.2.15' },
    });
    expect(r.allowed).toBe(false);
    expect(r.egress.allowed).toBe(true);
    expect(r.ingress && describeSgDecision(r.ingress)).toEqual([
      'no rule in sg-0vpce allows inbound tcp/443 from 10.0.1.5 or sg-0app',
    ]);
  });

  it('gateway destination has no groups: only source egress is evaluated', () => {
    const r = evaluateTcpFlowSecurityGroups({
      port: 443,
      source: { groups: [app], address: '10.0.1.5' },
      destination: { groups: [], prefixLists: [{ prefixListId: S3_PL, cidrs: S3_CIDRS }] },
    });
    expect(r.ingress).toBeUndefined();
    expect(r.allowed).toBe(false);
  });
});
