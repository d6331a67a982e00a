// Evidence lines and check details for the address-family verdicts, naming the real ids.
import type { Route } from '../../probes/shapes.js';
import { routeDestinationLabel } from '../net/routes.js';
import { familiesLabel, type EndpointFamilies, type Family, type SourceFamilies } from './facts.js';
import type { GatewayIpv6Verdict } from './verdict.js';
import { NAT64_PREFIX, type Nat64Verdict } from './nat64.js';

const LABEL: Record<Family, string> = { ipv4: 'IPv4', ipv6: 'IPv6' };

export function familyList(families: readonly Family[]): string {
  return families.map((f) => LABEL[f]).join(' and ') || 'none';
}

export function mismatchEvidence(source: SourceFamilies, endpoint: EndpointFamilies): string[] {
  return [
    `${source.how}: it can send ${familiesLabel(source)} only`,
    `${endpoint.how}: its network interfaces answer on ${familiesLabel(endpoint)} only`,
  ];
}

export function recordsEvidence(
  endpointId: string,
  hostname: string,
  records: { families: readonly Family[]; type: string },
  usable: readonly Family[],
): string {
  const which = records.families.map((f) => (f === 'ipv4' ? 'A' : 'AAAA')).join(' and ');
  const scope =
    records.type === 'service-defined'
      ? ' (service-defined: A records only on the private DNS name, AAAA only on the endpoint-specific names)'
      : '';
  return `${endpointId} has DnsRecordIpType ${records.type}${scope}: ${hostname} answers ${which} records, while the source and the endpoint share only ${familyList(usable)}`;
}

function routeLine(route: Route): string {
  return `${routeDestinationLabel(route)} → ${idOf(route) ?? 'its target'}`;
}

function idOf(route: Route): string | undefined {
  return (
    route.EgressOnlyInternetGatewayId ??
    route.GatewayId ??
    route.NatGatewayId ??
    route.TransitGatewayId ??
    route.VpcPeeringConnectionId ??
    route.NetworkInterfaceId ??
    route.InstanceId
  );
}

const TARGET_WORDS: Partial<Record<string, string>> = {
  'egress-only-igw': 'an egress-only internet gateway',
  igw: 'an internet gateway',
  tgw: 'a transit gateway',
  pcx: 'a peering connection',
  nat: 'a NAT gateway',
  eni: 'a network interface',
  instance: 'an instance',
};

/** Evidence for a gateway endpoint whose table does not carry the IPv6 half of the traffic. */
export function gatewayIpv6Evidence(
  v: Extract<GatewayIpv6Verdict, { kind: 'bypasses' | 'no-route' }>,
  endpointId: string,
  rtb: string,
  ipAddressType: string | undefined,
): string[] {
  const lists =
    v.ipv4Lists.length > 0
      ? `${rtb} routes only ${v.ipv4Lists.join(', ')} (IPv4 prefix list${v.ipv4Lists.length > 1 ? 's' : ''}) to ${endpointId}`
      : `${rtb} has no route to ${endpointId}`;
  const type = ipAddressType !== undefined ? ` (IpAddressType ${ipAddressType})` : '';
  const lines = [`${lists}${type}: no IPv6 prefix list of the service leads to the endpoint`];
  if (v.kind === 'bypasses') {
    const words = TARGET_WORDS[v.target.kind];
    lines.push(
      `the IPv6 default route ${routeLine(v.route)}${words !== undefined ? `, ${words},` : ''} takes the AAAA traffic instead`,
    );
  } else {
    lines.push(
      v.blackhole !== undefined
        ? `the IPv6 route ${routeDestinationLabel(v.blackhole)} is a blackhole: the AAAA traffic is dropped`
        : `${rtb} has no IPv6 default route (::/0): the AAAA traffic is dropped`,
    );
  }
  return lines;
}

/** Why DNS64 and NAT64 do not join an IPv6-only source to the IPv4-only endpoint (evidence). */
export function nat64Evidence(v: Nat64Verdict, subnetId: string, routeTableId: string | undefined): string[] {
  const dns64 = (on: boolean | undefined): string[] =>
    on === true
      ? [
          `${subnetId} has DNS64 on (EnableDns64): the Resolver synthesises ${NAT64_PREFIX} AAAA records for the endpoint's A records`,
        ]
      : on === false
        ? [
            `${subnetId} has DNS64 off (EnableDns64 false): the Resolver gives the IPv6-only source the endpoint's A records only`,
          ]
        : [];
  const rtb = routeTableId ?? `the route table of ${subnetId}`;
  switch (v.kind) {
    case 'dns64-off':
      return [
        ...dns64(false),
        `${rtb} sends ${NAT64_PREFIX} to ${v.natGatewayId ?? 'a NAT gateway'} (NAT64), unused without DNS64`,
      ];
    case 'no-nat64-route':
      return [
        ...dns64(v.dns64),
        v.takenBy === undefined
          ? `${rtb} has no route for ${NAT64_PREFIX}: the synthesised addresses match no route`
          : `${rtb} has no route for ${NAT64_PREFIX} to a NAT gateway: the synthesised addresses take ${routeLine(v.takenBy)}${v.target.kind === 'blackhole' ? ' (a blackhole)' : ''}`,
      ];
    case 'nat-unavailable':
      return [
        ...dns64(v.dns64),
        `${rtb} sends ${NAT64_PREFIX} to ${v.natGatewayId}, which is ${v.state ?? 'not available'}`,
      ];
    case 'nat64':
    case 'unknown':
      return [];
    default: {
      const never: never = v;
      return never;
    }
  }
}
