// DHCP option sets: which DNS servers instances in the VPC are told to use. Anything other than
// AmazonProvidedDNS (or the Amazon resolver's own addresses) hides private DNS unless it
// forwards to the VPC resolver (VPC user guide: vpc-dns, DHCP option sets).
import type { Finding } from '../../findings/types.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { amazonProvidedDnsOptions } from './fixes.js';
import type { DhcpOptions } from './types.js';
import { cidrContainsAddress, formatIp, parseCidr } from '../net/cidr.js';

/** The Amazon resolver's link-local addresses, reachable from every VPC (IPv4, Nitro IPv6). */
const AMAZON_RESOLVER_LINK_LOCAL = ['169.254.169.253', 'fd00:ec2::253'];

/** The VPC resolver: the primary IPv4 CIDR's network address plus two (`10.0.0.0/16` → `10.0.0.2`). */
export function vpcResolverAddress(cidr: string): string | null {
  const block = parseCidr(cidr);
  if (block === undefined || block.family !== 4 || block.prefixLength > 30) return null;
  return formatIp(4, block.network + 2n);
}

export interface CustomDhcpServers {
  dhcpOptionsId: string | null;
  /** domain-name-servers in order, as configured. */
  servers: string[];
  /** Servers that are not the Amazon resolver. */
  custom: string[];
  /** True when only the Amazon resolver is named (or nothing, which means the default). */
  amazonOnly: boolean;
  /** VPC+2, when the VPC CIDR is known. */
  vpcResolver: string | null;
  finding: Finding | null;
}

export function customDhcpServers(
  dhcpOptions: DhcpOptions | null | undefined,
  context: { region: string; vpcId?: string; vpcCidr?: string },
): CustomDhcpServers {
  const vpcId = context.vpcId ?? 'the VPC';
  const vpcResolver = context.vpcCidr ? vpcResolverAddress(context.vpcCidr) : null;
  const servers = (dhcpOptions?.DhcpConfigurations ?? [])
    .filter((config) => config.Key === 'domain-name-servers')
    .flatMap((config) => config.Values ?? [])
    .map((value) => (value.Value ?? '').trim())
    .filter((value) => value !== '');
  const isAmazon = (server: string): boolean =>
    server.toLowerCase() === 'amazonprovideddns' ||
    AMAZON_RESOLVER_LINK_LOCAL.includes(server.toLowerCase()) ||
    server === vpcResolver;
  const custom = servers.filter((server) => !isAmazon(server));
  const dhcpOptionsId = dhcpOptions?.DhcpOptionsId ?? null;
  const amazonOnly = custom.length === 0;
  if (amazonOnly) return { dhcpOptionsId, servers, custom, amazonOnly, vpcResolver, finding: null };

  const inVpc = (server: string): boolean =>
    context.vpcCidr !== undefined && cidrContainsAddress(context.vpcCidr, server);
  const inside = custom.filter(inVpc);
  const outside = custom.filter((server) => !inVpc(server));
  const otherOptions = (dhcpOptions?.DhcpConfigurations ?? []).map((config) => ({
    key: config.Key ?? '',
    values: (config.Values ?? []).map((v) => (v.Value ?? '').trim()).filter((v) => v !== ''),
  }));
  const zone = `${context.region}.amazonaws.com`;
  const target = vpcResolver ?? 'the VPC resolver (VPC CIDR base + 2)';
  const finding = catalogueFinding('dns.custom-dhcp-servers', {
    title: `${vpcId} hands out custom DNS servers (${custom.join(', ')})`,
    evidence: [
      `DHCP option set ${dhcpOptionsId ?? '(unknown id)'} of ${vpcId}: domain-name-servers = ${servers.join(', ')}`,
      `${custom.join(', ')} ${custom.length === 1 ? 'is' : 'are'} not the Amazon resolver: the endpoint's private DNS is only visible if ${custom.length === 1 ? 'it forwards' : 'they forward'} ${zone} to ${target}`,
    ],
    fix: {
      // Custom DNS servers are usually deliberate (directory services): forwarding is the fix
      // that keeps them; it is configured on those servers, so there is no AWS command for it.
      // The VPC resolver answers only queries from inside the VPC; servers outside it (on
      // premises, another VPC) need an inbound Resolver endpoint to forward to
      // (docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html, Route 53 guide:
      // resolver-forwarding-inbound-queries.html).
      summary:
        outside.length === 0
          ? `On ${custom.join(', ')} (inside ${vpcId}), add a conditional forwarder for ${zone} to ${target} (the VPC resolver).`
          : `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside ${vpcId}, and the VPC resolver answers only queries from inside it: create an inbound Resolver endpoint in ${vpcId} and, on ${outside.join(', ')}, add a conditional forwarder for ${zone} to its addresses${inside.length > 0 ? `; on ${inside.join(', ')}, forward ${zone} to ${target}` : ''}.`,
      commands: [],
      ...(context.vpcId !== undefined
        ? {
            alternatives: [
              {
                summary: `Give ${vpcId} a DHCP option set with AmazonProvidedDNS, keeping the set's other options (instances pick it up when their DHCP lease renews).`,
                commands: amazonProvidedDnsOptions(context.vpcId, context.region, otherOptions),
              },
            ],
          }
        : {}),
    },
  });
  return { dhcpOptionsId, servers, custom, amazonOnly, vpcResolver, finding };
}
