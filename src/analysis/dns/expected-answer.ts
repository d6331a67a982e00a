// What a client inside the VPC should get for the service name, reasoned from configuration
// alone (no packet sent). Used when vpce-doctor does not run inside the VPC, and to explain
// an observed answer when it does. Order of the checks = order of the causes reported.
import type { Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { customDhcpServers } from './dhcp.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { disableOtherPrivateDns, enableDnsHostnames, enableDnsSupport, enablePrivateDns } from './fixes.js';
import { matchPrivateHostedZones, type PhzMatch } from './hosted-zones.js';
import { zoneFix, type ZoneDetails } from './zone-records.js';
import { dnsNameCovers, hostnameFor, normalizeName, privateDnsNamesFor, shortServiceName } from './names.js';
import type { ResolverRuleMatch } from './resolver-rules.js';
import type { DhcpOptions, EndpointServiceDetail, HostedZoneSummary, VpcDnsAttributes } from './types.js';

/** Services with both gateway and interface endpoints: PrivateDnsOnlyForInboundResolverEndpoint applies. */
const GATEWAY_CAPABLE = new Set(['s3', 'dynamodb']);

export interface DnsConfig {
  /** Short (`sqs`) or full (`com.amazonaws.us-east-1.sqs`) service name. */
  service: string;
  region: string;
  vpcId: string;
  /** Primary IPv4 CIDR, to name the VPC resolver (base + 2) in fixes. */
  vpcCidr?: string;
  /** The name the client resolves; default the service's regional name. */
  hostname?: string;
  vpcAttributes: VpcDnsAttributes;
  /** The endpoint for the service in this VPC, if any. */
  endpoint?: VpcEndpoint | null;
  /**
   * Every endpoint of the same service in the VPC (DescribeVpcEndpoints): another interface
   * endpoint with private DNS on already owns the name, and private DNS can't be enabled here.
   */
  sameServiceEndpoints?: readonly VpcEndpoint[];
  /** Private IPs of the endpoint's network interfaces. */
  eniIps?: readonly string[];
  dhcpOptions?: DhcpOptions | null;
  /**
   * The Resolver rule that decides the name for this VPC (matchResolverRule), decided once by
   * the caller: its resolver-rules check and this expectation read the same decision.
   */
  resolverRule?: ResolverRuleMatch;
  /** ListHostedZonesByVPC for this VPC. */
  hostedZones?: readonly HostedZoneSummary[];
  /** GetHostedZone + ListResourceRecordSets of the zones that claim the name (by bare id). */
  zoneDetails?: ZoneDetails;
  serviceDetail?: EndpointServiceDetail | null;
  /**
   * A gateway endpoint for the same service exists in the VPC (S3, DynamoDB): decides the
   * PrivateDnsOnlyForInboundResolverEndpoint value printed with an enable-private-DNS fix.
   */
  gatewayEndpointInVpc?: boolean;
  /**
   * The client asks through an inbound Resolver endpoint (on-premises): the VPC's DHCP option
   * set does not apply to it, the VPC resolver's rules and zones do.
   */
  viaInboundResolver?: boolean;
}

export type ExpectedAnswer =
  /** The endpoint ENIs' private addresses. */
  | 'private'
  /** The service's public addresses (for a gateway endpoint that is the intended path). */
  | 'public'
  | 'nxdomain'
  /** Another DNS server answers; what it says is outside what we can see. */
  | 'forwarded-elsewhere'
  /** Another endpoint's private DNS, or a private hosted zone for the exact name, answers for it. */
  | 'claimed-elsewhere'
  /** The Amazon resolver is off for the VPC and nothing else is configured: no answer at all. */
  | 'no-resolver';

export type DnsCauseKind =
  | 'dns-support-disabled'
  | 'dns-hostnames-disabled'
  | 'name-not-covered'
  | 'private-dns-disabled'
  | 'private-dns-inbound-only'
  | 'private-dns-conflict'
  | 'custom-dhcp-servers'
  | 'resolver-rule-forward'
  | 'phz-shadow';

export interface DnsCause {
  kind: DnsCauseKind;
  detail: string;
  /** Null for causes that are by design or reported by another check. */
  finding: Finding | null;
}

export interface DnsExpectation {
  hostname: string;
  answer: ExpectedAnswer;
  /** The ENI addresses when the answer is `private`. */
  addresses: string[];
  /** Everything on the path that changes the answer, in precedence order; the first decides. */
  causes: DnsCause[];
  findings: Finding[];
  basis: 'reasoned';
  /** The endpoint kind the reasoning applied to. */
  endpointKind: 'interface' | 'gateway' | 'none';
  /** A private hosted zone answers the name with the endpoint (an alias, CNAME or A record to it). */
  zoneAnswer?: string;
}

function answerFor(first: DnsCause | undefined, hasCustomDhcp: boolean): ExpectedAnswer {
  if (!first) return 'private';
  switch (first.kind) {
    case 'dns-support-disabled':
      return hasCustomDhcp ? 'forwarded-elsewhere' : 'no-resolver';
    case 'dns-hostnames-disabled':
    case 'name-not-covered':
    case 'private-dns-disabled':
    case 'private-dns-inbound-only':
      return 'public';
    case 'private-dns-conflict':
      return 'claimed-elsewhere';
    case 'custom-dhcp-servers':
    case 'resolver-rule-forward':
      return 'forwarded-elsewhere';
    case 'phz-shadow':
      return 'nxdomain';
    default: {
      const unreachable: never = first.kind;
      return unreachable;
    }
  }
}

function coveredNames(config: DnsConfig): string[] {
  const detail = config.serviceDetail;
  const fromApi = [detail?.PrivateDnsName, ...(detail?.PrivateDnsNames ?? []).map((n) => n.PrivateDnsName)].filter(
    (name): name is string => typeof name === 'string' && name !== '',
  );
  return fromApi.length > 0 ? fromApi : privateDnsNamesFor(config.service, config.region);
}

export function expectDnsAnswer(config: DnsConfig): DnsExpectation {
  const hostname = normalizeName(config.hostname ?? hostnameFor(config.service, config.region));
  const endpoint = config.endpoint ?? null;
  const type = endpoint?.VpcEndpointType.toLowerCase();
  const endpointKind: DnsExpectation['endpointKind'] =
    type === 'interface' ? 'interface' : type === 'gateway' ? 'gateway' : 'none';
  const causes: DnsCause[] = [];
  const { vpcId } = config;

  const dhcp = config.viaInboundResolver
    ? customDhcpServers(null, { vpcId, region: config.region })
    : customDhcpServers(config.dhcpOptions, {
        vpcId,
        region: config.region,
        ...(config.vpcCidr ? { vpcCidr: config.vpcCidr } : {}),
      });

  // Through a gateway endpoint the client only needs the public name; custom DHCP servers can
  // answer that without the Amazon resolver. Private DNS always needs it.
  if (!config.vpcAttributes.EnableDnsSupport && (endpointKind !== 'gateway' || dhcp.amazonOnly)) {
    causes.push({
      kind: 'dns-support-disabled',
      detail: `enableDnsSupport is false on ${vpcId}: the Amazon resolver does not answer in this VPC`,
      finding: catalogueFinding('dns.vpc-dns-support-disabled', {
        title: `DNS resolution is disabled on ${vpcId}`,
        evidence: [
          `DescribeVpcAttribute ${vpcId}: enableDnsSupport = false`,
          'without it there is no Amazon resolver and no private DNS for endpoints',
        ],
        fix: { summary: `Enable DNS resolution on ${vpcId}.`, commands: [enableDnsSupport(vpcId, config.region)] },
      }),
    });
  }

  // The zone that claims the name, and what its records answer: an alias (or A record) to the
  // endpoint answers the name as private DNS would, whatever the endpoint's own setting.
  const phz = matchPrivateHostedZones(hostname, config.hostedZones ?? [], {
    vpcId,
    region: config.region,
    ...(config.zoneDetails !== undefined ? { details: config.zoneDetails } : {}),
    endpoint,
    ...(config.eniIps !== undefined ? { eniIps: config.eniIps } : {}),
  });
  const zoneAnswer =
    endpointKind === 'interface' && phz.answer?.kind === 'endpoint'
      ? `private hosted zone ${phz.zones[0]?.Name ?? ''} answers ${hostname} with ${phz.answer.detail}`
      : undefined;

  // A gateway endpoint never changes DNS: clients resolve the public name and the route table
  // steers the traffic. Its PrivateDnsEnabled (some emulators report true) means nothing.
  let conflict: { cause: DnsCause; zoneId?: string } | null = null;
  if (endpointKind === 'interface' && endpoint) {
    const names = coveredNames(config);
    const covered = names.some((pattern) => dnsNameCovers(pattern, hostname));
    if (!config.vpcAttributes.EnableDnsHostnames) {
      causes.push({
        kind: 'dns-hostnames-disabled',
        detail: `enableDnsHostnames is false on ${vpcId}: private DNS of interface endpoints does not apply`,
        finding: catalogueFinding('dns.vpc-dns-hostnames-disabled', {
          title: `DNS hostnames are disabled on ${vpcId}`,
          evidence: [
            `DescribeVpcAttribute ${vpcId}: enableDnsHostnames = false`,
            `${endpoint.VpcEndpointId}'s private DNS for ${hostname} is not applied, so the name resolves to public addresses`,
          ],
          fix: { summary: `Enable DNS hostnames on ${vpcId}.`, commands: [enableDnsHostnames(vpcId, config.region)] },
        }),
      });
    }
    if (!covered) {
      causes.push({
        kind: 'name-not-covered',
        detail: `${endpoint.VpcEndpointId}'s private DNS covers ${names.join(', ')}, not ${hostname}`,
        finding: null,
      });
    } else if (
      endpoint.PrivateDnsEnabled !== true &&
      (conflict = privateDnsConflict(config, endpoint, names, phz)) !== null
    ) {
      causes.push(conflict.cause);
    } else if (endpoint.PrivateDnsEnabled !== true && zoneAnswer === undefined) {
      causes.push({
        kind: 'private-dns-disabled',
        detail: `${endpoint.VpcEndpointId} has private DNS off: ${hostname} resolves to public addresses`,
        finding: catalogueFinding('dns.private-dns-disabled', {
          title: `Private DNS is off on ${endpoint.VpcEndpointId}`,
          evidence: [
            `DescribeVpcEndpoints ${endpoint.VpcEndpointId} (${endpoint.ServiceName}): PrivateDnsEnabled = ${String(endpoint.PrivateDnsEnabled ?? false)}`,
            `${hostname} therefore resolves to the service's public addresses, not the endpoint's`,
          ],
          fix: {
            summary: `Enable private DNS on ${endpoint.VpcEndpointId}, or point the client at the endpoint-specific DNS name.`,
            commands: [
              enablePrivateDns(
                endpoint.VpcEndpointId,
                config.region,
                GATEWAY_CAPABLE.has(shortServiceName(endpoint.ServiceName))
                  ? config.gatewayEndpointInVpc === true
                  : undefined,
              ),
            ],
          },
        }),
      });
    } else if (endpoint.DnsOptions?.PrivateDnsOnlyForInboundResolverEndpoint === true) {
      causes.push({
        kind: 'private-dns-inbound-only',
        detail: `${endpoint.VpcEndpointId} answers privately only for inbound resolver queries; clients in ${vpcId} get public addresses (and use the gateway endpoint)`,
        finding: null,
      });
    }
  }

  if (endpointKind !== 'gateway') {
    if (dhcp.finding) {
      causes.push({
        kind: 'custom-dhcp-servers',
        detail: `DHCP hands out ${dhcp.custom.join(', ')}`,
        finding: dhcp.finding,
      });
    }
    const rule = config.resolverRule;
    if (rule?.matched === true && rule.forwards) {
      causes.push({
        kind: 'resolver-rule-forward',
        detail: `resolver rule ${rule.winner.rule.Id} (FORWARD ${rule.winner.rule.DomainName}) sends ${hostname} to another DNS server`,
        finding: rule.finding,
      });
    }
    const topZone = phz.zones[0];
    if (phz.finding && topZone) {
      // The zone that blocks private DNS is reported once, as dns.private-dns-conflict.
      const reported =
        conflict?.zoneId !== undefined && bareZoneId(conflict.zoneId) === bareZoneId(topZone.HostedZoneId);
      causes.push({
        kind: 'phz-shadow',
        detail: `private hosted zone ${topZone.Name} (${topZone.HostedZoneId}) claims ${hostname}`,
        finding: reported ? null : phz.finding,
      });
    }
  }

  const first = causes[0];
  // Without an interface endpoint, an unobstructed path ends at the public name.
  const answer: ExpectedAnswer =
    !first && endpointKind !== 'interface' ? 'public' : answerFor(first, dhcp.custom.length > 0);
  return {
    hostname,
    answer,
    addresses: answer === 'private' ? [...(config.eniIps ?? [])] : [],
    causes,
    findings: causes.flatMap((cause) => (cause.finding ? [cause.finding] : [])),
    basis: 'reasoned',
    endpointKind,
    ...(zoneAnswer !== undefined ? { zoneAnswer } : {}),
  };
}

const bareZoneId = (id: string): string => id.replace(/^\/hostedzone\//, '');

/**
 * Private DNS is off and can't simply be turned on: EC2 refuses ("private-dns-enabled cannot be
 * set because there is already a conflicting DNS domain … in the VPC") while another endpoint of
 * the same service has private DNS on, or a private hosted zone named exactly like one of the
 * endpoint's private DNS names is associated with the VPC.
 */
function privateDnsConflict(
  config: DnsConfig,
  endpoint: VpcEndpoint,
  names: readonly string[],
  phz: PhzMatch,
): { cause: DnsCause; zoneId?: string } | null {
  const { vpcId, region } = config;
  const gone = new Set(['deleted', 'deleting', 'failed', 'rejected', 'expired']);
  const claimant = (config.sameServiceEndpoints ?? []).find(
    (o) =>
      o.VpcEndpointId !== endpoint.VpcEndpointId &&
      o.VpcId === endpoint.VpcId &&
      o.ServiceName === endpoint.ServiceName &&
      o.VpcEndpointType.toLowerCase() === 'interface' &&
      o.PrivateDnsEnabled === true &&
      !gone.has(o.State.toLowerCase()),
  );
  const hostname = normalizeName(config.hostname ?? hostnameFor(config.service, region));
  const gatewayCapable = GATEWAY_CAPABLE.has(shortServiceName(endpoint.ServiceName));
  const enable = enablePrivateDns(
    endpoint.VpcEndpointId,
    region,
    gatewayCapable ? config.gatewayEndpointInVpc === true : undefined,
  );
  if (claimant) {
    return {
      cause: {
        kind: 'private-dns-conflict',
        detail: `${endpoint.VpcEndpointId} has private DNS off and ${claimant.VpcEndpointId} already answers ${hostname} in ${vpcId}`,
        finding: catalogueFinding('dns.private-dns-conflict', {
          title: `${claimant.VpcEndpointId} already owns private DNS for ${hostname}; ${endpoint.VpcEndpointId} can't take it`,
          evidence: [
            `DescribeVpcEndpoints ${endpoint.VpcEndpointId} (${endpoint.ServiceName}): PrivateDnsEnabled = ${String(endpoint.PrivateDnsEnabled ?? false)}`,
            `${claimant.VpcEndpointId}, another ${claimant.ServiceName} endpoint in ${vpcId}, has PrivateDnsEnabled = true: ${hostname} resolves to its network interfaces`,
            `EC2 refuses to enable private DNS on ${endpoint.VpcEndpointId} while ${claimant.VpcEndpointId} holds the name ("conflicting DNS domain")`,
          ],
          fix: {
            summary: `Use ${claimant.VpcEndpointId}: clients in ${vpcId} calling ${hostname} already reach the service through it (no command needed; apply any policy or security group change there).`,
            commands: [],
            alternatives: [
              {
                summary: `Or move private DNS to ${endpoint.VpcEndpointId}: turn it off on ${claimant.VpcEndpointId} first (clients briefly resolve public addresses), then on here.`,
                commands: [disableOtherPrivateDns(claimant.VpcEndpointId, region), enable],
              },
            ],
          },
        }),
      },
    };
  }
  const exactNames = new Set(names.map((n) => normalizeName(n.replace(/^\*\./, ''))));
  const zone = (config.hostedZones ?? []).find(
    (z) => z.Owner?.OwningService === undefined && exactNames.has(normalizeName(z.Name)),
  );
  if (!zone) return null;
  const zoneId = bareZoneId(zone.HostedZoneId);
  const top = phz.zones[0];
  const answer = top !== undefined && bareZoneId(top.HostedZoneId) === zoneId ? phz.answer : undefined;
  // The zone answers the name with this endpoint: clients reach it, private DNS or not.
  if (answer?.kind === 'endpoint') return null;
  return {
    zoneId,
    cause: {
      kind: 'private-dns-conflict',
      detail: `${endpoint.VpcEndpointId} has private DNS off and private hosted zone ${zone.Name} (${zoneId}) answers ${hostname} in ${vpcId}`,
      finding: catalogueFinding('dns.private-dns-conflict', {
        title: `Private hosted zone ${zone.Name} blocks private DNS on ${endpoint.VpcEndpointId}`,
        evidence: [
          `DescribeVpcEndpoints ${endpoint.VpcEndpointId} (${endpoint.ServiceName}): PrivateDnsEnabled = ${String(endpoint.PrivateDnsEnabled ?? false)}`,
          `ListHostedZonesByVPC ${vpcId}: private hosted zone ${zoneId} is named ${zone.Name}, exactly the endpoint's private DNS name`,
          `${hostname} is answered from that zone, and EC2 refuses to enable private DNS on ${endpoint.VpcEndpointId} while it is associated ("conflicting DNS domain")`,
        ],
        fix: zoneFix({
          zone,
          detail: config.zoneDetails?.get(zoneId),
          vpcId,
          region,
          hostname,
          endpoint,
          then: [enable],
          ...(answer !== undefined ? { answer } : {}),
        }),
      }),
    },
  };
}
