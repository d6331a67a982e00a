// The commands that let DNS64 and NAT64 carry an IPv6-only source to an IPv4-only endpoint:
// DNS64 on for the source subnet, and the 64:ff9b::/96 route to an available NAT gateway (VPC
// user guide, "DNS64 and NAT64": https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html).
import { awsCommand, type FixCommand } from '../../findings/command.js';
import type { Fix } from '../../findings/types.js';
import type { NatGateway } from '../../probes/specs/whois.js';
import { NAT64_PREFIX, type Nat64Verdict } from './nat64.js';

// https://docs.aws.amazon.com/cli/latest/reference/ec2/modify-subnet-attribute.html
// ([--enable-dns64 | --no-enable-dns64]; one attribute per call)
export function enableDns64Command(subnetId: string, region: string): FixCommand {
  return awsCommand('ec2', 'modify-subnet-attribute', ['--subnet-id', subnetId, '--enable-dns64'], { region });
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/create-route.html
// (--destination-ipv6-cidr-block with --nat-gateway-id: the NAT64 route of the VPC user guide)
export function nat64RouteCommand(routeTableId: string, natGatewayId: string, region: string): FixCommand {
  return awsCommand(
    'ec2',
    'create-route',
    ['--route-table-id', routeTableId, '--destination-ipv6-cidr-block', NAT64_PREFIX, '--nat-gateway-id', natGatewayId],
    { region },
  );
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/replace-route.html
export function replaceNat64RouteCommand(routeTableId: string, natGatewayId: string, region: string): FixCommand {
  return awsCommand(
    'ec2',
    'replace-route',
    ['--route-table-id', routeTableId, '--destination-ipv6-cidr-block', NAT64_PREFIX, '--nat-gateway-id', natGatewayId],
    { region },
  );
}

/** An available NAT gateway of the VPC, public ones first (a private one reaches only what its routes reach). */
export function usableNatGateway(nats: readonly NatGateway[] | undefined, not?: string): NatGateway | undefined {
  const ok = (nats ?? []).filter((n) => n.State?.toLowerCase() === 'available' && n.NatGatewayId !== not);
  return ok.find((n) => (n.ConnectivityType ?? 'public') === 'public') ?? ok[0];
}

/**
 * The NAT64 way to join the two ends, or undefined when no command can set it up (no NAT
 * gateway to name). `primary`: the user already set half of it up, so finishing it comes first.
 */
export function nat64Fix(p: {
  v: Exclude<Nat64Verdict, { kind: 'nat64' } | { kind: 'unknown' }>;
  subnetId: string;
  routeTableId: string | undefined;
  nats: readonly NatGateway[] | undefined;
  endpointId: string;
  region: string;
}): { fix: { summary: string; commands: FixCommand[] }; primary: boolean } | undefined {
  const { v, subnetId, region } = p;
  if (v.kind === 'dns64-off')
    return {
      fix: {
        summary: `Turn DNS64 on for ${subnetId}: the Resolver then answers the endpoint's name with ${NAT64_PREFIX} addresses and ${v.natGatewayId ?? 'the NAT gateway'} translates the flow to ${p.endpointId}'s IPv4 addresses (NAT64).`,
        commands: [enableDns64Command(subnetId, region)],
      },
      primary: true,
    };
  const dns64 = v.dns64 === true ? [] : [enableDns64Command(subnetId, region)];
  const dnsWords = v.dns64 === true ? '' : ` and turn DNS64 on for ${subnetId}`;
  const nat = usableNatGateway(p.nats, v.kind === 'nat-unavailable' ? v.natGatewayId : undefined);
  if (p.routeTableId === undefined || nat === undefined) return undefined;
  const route =
    v.kind === 'nat-unavailable'
      ? replaceNat64RouteCommand(p.routeTableId, nat.NatGatewayId, region)
      : nat64RouteCommand(p.routeTableId, nat.NatGatewayId, region);
  return {
    fix: {
      summary: `Send ${NAT64_PREFIX} from ${p.routeTableId} to ${nat.NatGatewayId}, an available NAT gateway of the VPC${dnsWords}: the IPv6-only source then reaches ${p.endpointId} through NAT64.`,
      commands: [route, ...dns64],
    },
    primary: v.dns64 === true,
  };
}

/** The mismatch fix with the NAT64 way folded in: first when half of it is already set up. */
export function withNat64(base: Fix, nat64: ReturnType<typeof nat64Fix>): Fix {
  if (nat64 === undefined) return base;
  const or = (s: string): string => `Or ${s.charAt(0).toLowerCase()}${s.slice(1)}`;
  const { alternatives: rest, ...main } = base;
  if (nat64.primary)
    return { ...nat64.fix, alternatives: [{ summary: or(main.summary), commands: main.commands }, ...(rest ?? [])] };
  return { ...main, alternatives: [...(rest ?? []), { summary: or(nat64.fix.summary), commands: nat64.fix.commands }] };
}
