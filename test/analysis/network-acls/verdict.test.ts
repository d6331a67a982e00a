// The network-ACL verdicts, from facts alone (no context, no probes): which leg of the TCP
// exchange an ACL blocks, and when no ACL sits on the path at all.
import { describe, expect, it } from 'vitest';
import type { EndpointAclFacts, SourceAclFacts } from '../../../src/analysis/network-acls/facts.js';
import { endpointAclVerdict, sourceAclVerdict } from '../../../src/analysis/network-acls/verdict.js';
import type { NetworkAcl } from '../../../src/probes/shapes.js';
import { acl } from '../net/helpers.js';

const openAcl = acl([
  { RuleNumber: 100, Egress: true, CidrBlock: '0.0.0.0/0', Protocol: '-1' },
  { RuleNumber: 100, Egress: false, CidrBlock: '0.0.0.0/0', Protocol: '-1' },
]);
/** Lets tcp/443 out but no reply back in on the ephemeral ports. */
const noReturn = acl([
  { RuleNumber: 100, Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } },
  { RuleNumber: 100, Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } },
]);

function source(a: NetworkAcl, peers: string[], sameSubnet: string[] = []): SourceAclFacts {
  return {
    kind: 'read',
    subnetId: 'subnet-0app',
    sourceLabel: 'i-0app (10.0.1.5)',
    acl: a,
    peers,
    sameSubnet,
    peerWhat: 'the network interfaces of vpce-0abc',
    gatewayPl: undefined,
  };
}

function endpoint(a: NetworkAcl): EndpointAclFacts {
  return {
    kind: 'read',
    endpointId: 'vpce-0abc',
    src: { kind: 'outside', address: '192.168.4.10', how: 'on-premises over VPN' },
    address: '192.168.4.10',
    enis: [{ id: 'eni-0a', address: '10.0.2.10', subnetId: 'subnet-0vpce' }],
    sharesSourceSubnet: false,
    acls: new Map([[a.NetworkAclId, a]]),
    aclBySubnet: new Map([['subnet-0vpce', a]]),
  };
}

describe('sourceAclVerdict', () => {
  it('ACL allows all traffic both ways → allowed, request and reply legs for each peer', () => {
    const v = sourceAclVerdict(source(openAcl, ['10.0.2.10']));
    expect(v.kind).toBe('allowed');
    expect(v.kind === 'allowed' && v.verdicts.map((x) => `${x.direction} ${x.ports.from}-${x.ports.to}`)).toEqual([
      'outbound 443-443',
      'inbound 1024-65535',
    ]);
  });

  it('ACL allows tcp/443 only → blocked on the inbound reply leg, not on the request', () => {
    const v = sourceAclVerdict(source(noReturn, ['10.0.2.10']));
    expect(v.kind).toBe('blocked');
    expect(v.kind === 'blocked' && v.verdicts.filter((x) => !x.allowed).map((x) => x.direction)).toEqual(['inbound']);
  });

  it('every endpoint interface is in the source subnet → off the path, whatever the ACL says', () => {
    expect(sourceAclVerdict(source(noReturn, [], ['10.0.1.9'])).kind).toBe('off-path');
  });
});

describe('endpointAclVerdict', () => {
  it('endpoint subnet ACL allows tcp/443 only → blocked on the outbound reply to the source', () => {
    const v = endpointAclVerdict(endpoint(noReturn));
    expect(v.kind).toBe('blocked');
    expect(v.kind === 'blocked' && v.verdicts.filter((x) => !x.allowed).map((x) => `${x.direction} ${x.peer}`)).toEqual(
      ['outbound 192.168.4.10'],
    );
  });

  it('an unread ACL stays unknown, never allowed', () => {
    const unknown = { kind: 'unknown', what: 'the network ACL of subnet-0vpce', outcome: undefined } as const;
    expect(endpointAclVerdict(unknown)).toEqual(unknown);
  });
});
