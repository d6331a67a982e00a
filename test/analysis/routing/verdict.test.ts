// The routing verdicts, from facts alone (no context, no probes): where the source subnet's
// table sends the service's prefix list and an interface endpoint's addresses.
import { describe, expect, it } from 'vitest';
import type {
  GatewayRouteFacts,
  InterfaceRouteFacts,
  NoEndpointRouteFacts,
} from '../../../src/analysis/routing/facts.js';
import {
  gatewayRouteVerdict,
  interfaceRouteVerdict,
  noEndpointRouteVerdict,
} from '../../../src/analysis/routing/verdict.js';
import { VpcEndpointSchema, type Route, type RouteTable } from '../../../src/probes/shapes.js';
import { localRoute, S3_CIDRS, S3_PL, s3PrefixList, table } from '../net/helpers.js';

const effective = (t: RouteTable) => ({ SubnetId: 'subnet-0app', Association: 'main' as const, RouteTable: t });
const gateway = VpcEndpointSchema.parse({
  VpcEndpointId: 'vpce-0gw',
  VpcEndpointType: 'Gateway',
  VpcId: 'vpc-0abc',
  ServiceName: 'com.amazonaws.us-east-1.s3',
  State: 'available',
  RouteTableIds: ['rtb-0main'],
});
const endpointRoute: Route = { DestinationPrefixListId: S3_PL, GatewayId: 'vpce-0gw', State: 'active' };
const natDefault: Route = { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0abc', State: 'active' };

function gatewayFacts(routes: Route[]): GatewayRouteFacts {
  return {
    kind: 'read',
    endpoint: gateway,
    table: effective(table(routes)),
    pl: s3PrefixList(),
    lists: new Map(),
    unresolved: [],
  };
}

describe('gatewayRouteVerdict', () => {
  it('the endpoint route carries the prefix list → every CIDR reaches the endpoint', () => {
    const v = gatewayRouteVerdict(gatewayFacts([localRoute, endpointRoute, natDefault]));
    expect(v.kind === 'judged' && v.analysis.ok).toBe(true);
  });

  it('a static route for one S3 CIDR to the NAT gateway overrides the endpoint route → not ok, overridden, table associated', () => {
    const override: Route = { DestinationCidrBlock: S3_CIDRS[0], NatGatewayId: 'nat-0abc', State: 'active' };
    const v = gatewayRouteVerdict(gatewayFacts([localRoute, endpointRoute, override]));
    expect(v.kind).toBe('judged');
    if (v.kind !== 'judged') return;
    expect(v.analysis.ok).toBe(false);
    expect(v.analysis.issues.map((i) => i.kind)).toContain('route-overridden');
    expect(v.associated).toBe(true);
  });
});

describe('noEndpointRouteVerdict', () => {
  const facts = (routes: Route[]): NoEndpointRouteFacts => ({
    kind: 'read',
    serviceName: 'com.amazonaws.us-east-1.s3',
    vpcId: 'vpc-0abc',
    table: effective(table(routes)),
    pl: s3PrefixList(),
    lists: new Map(),
    unresolved: [],
  });

  it('no endpoint, default route to a NAT gateway → every S3 CIDR on that one route, nothing dropped', () => {
    const v = noEndpointRouteVerdict(facts([localRoute, natDefault]));
    expect(v.kind === 'judged' && v.routes.map((r) => [r.choice.target.kind, r.cidrs])).toEqual([['nat', S3_CIDRS]]);
    expect(v.kind === 'judged' && v.dropped).toEqual([]);
  });

  it('no endpoint, no default route → every S3 CIDR dropped', () => {
    const v = noEndpointRouteVerdict(facts([localRoute]));
    expect(v.kind === 'judged' && v.dropped).toEqual(S3_CIDRS);
  });
});

describe('interfaceRouteVerdict', () => {
  const facts = (routes: Route[]): InterfaceRouteFacts => ({
    kind: 'read',
    table: effective(table(routes)),
    endpointId: 'vpce-0if',
    enis: [
      { id: 'eni-0a', address: '10.0.2.10', subnetId: 'subnet-0a' },
      { id: 'eni-0b', address: '10.0.3.10', subnetId: 'subnet-0b' },
    ],
  });

  it('only the local route covers the VPC → both addresses go by local', () => {
    const v = interfaceRouteVerdict(facts([localRoute]));
    expect(v.kind === 'judged' && v.local).toEqual(['10.0.2.10', '10.0.3.10']);
  });

  it('a /24 to a firewall endpoint covers one endpoint subnet → that address is captured, the other stays local', () => {
    const firewall: Route = { DestinationCidrBlock: '10.0.3.0/24', VpcEndpointId: 'vpce-0fw', State: 'active' };
    const v = interfaceRouteVerdict(facts([localRoute, firewall]));
    expect(v.kind === 'judged' && v.local).toEqual(['10.0.2.10']);
    expect(v.kind === 'judged' && v.notLocal.map((n) => n.eni.id)).toEqual(['eni-0b']);
  });
});
