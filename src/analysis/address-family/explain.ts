// Evidence lines and check details for the address-family verdicts, naming the real ids.
import type { Route } from '../../probes/shapes.js';
import { routeDestinationLabel } from '../net/routes.js';
import { familiesLabel, type EndpointFamilies, type Family, type SourceFamilies } from './facts.js';
import type { GatewayIpv6Verdict } from './verdict.js';

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
