// On-premises clients (over VPN or Direct Connect) can only see a VPC's private names through
// an INBOUND Resolver endpoint in that VPC plus a conditional forwarder on their DNS servers.
import type { Finding } from '../../findings/types.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { createInboundResolverEndpoint } from './fixes.js';
import { ON_PREMISES_SOURCE_KINDS, type SourceKind } from '../../path/source-kinds.js';
import type { ResolverEndpoint } from './types.js';

const OFF_AWS: readonly SourceKind[] = ON_PREMISES_SOURCE_KINDS;
// ACTION_NEEDED and DELETING endpoints do not answer; the others do, or soon will.
const USABLE = (endpoint: ResolverEndpoint): boolean =>
  endpoint.Status !== 'ACTION_NEEDED' && endpoint.Status !== 'DELETING';

export interface InboundResolverCheck {
  applies: boolean;
  inbound: ResolverEndpoint[];
  finding: Finding | null;
}

export function onPremNeedsInbound(
  sourceKind: SourceKind,
  resolverEndpoints: readonly ResolverEndpoint[],
  vpcId: string,
  context: { region: string; subnetIds?: readonly string[]; securityGroupIds?: readonly string[] },
): InboundResolverCheck {
  if (!OFF_AWS.includes(sourceKind)) return { applies: false, inbound: [], finding: null };
  const inVpc = resolverEndpoints.filter((e) => e.HostVPCId === vpcId && e.Direction === 'INBOUND');
  const inbound = inVpc.filter(USABLE);
  if (inbound.length > 0) return { applies: true, inbound, finding: null };
  const zone = `${context.region}.amazonaws.com`;
  const finding = catalogueFinding('dns.onprem-no-inbound-resolver', {
    title: `No inbound Resolver endpoint in ${vpcId} for ${sourceKind} clients`,
    evidence: [
      `the source is ${sourceKind}: its DNS servers are outside the VPC and cannot see the endpoint's private zone`,
      inVpc.length > 0
        ? `inbound Resolver endpoints in ${vpcId} are not usable: ${inVpc.map((e) => `${e.Id} (${e.Status ?? '?'})`).join(', ')}`
        : `ListResolverEndpoints: no INBOUND endpoint with HostVPCId ${vpcId}`,
    ],
    fix: {
      summary:
        (context.subnetIds ?? []).length > 0
          ? `Create an inbound Resolver endpoint in ${vpcId} with a new security group (add inbound TCP and UDP 53 from your on-premises DNS servers to it), then forward ${zone} from the on-premises DNS servers to its addresses.`
          : `Create an inbound Resolver endpoint in ${vpcId} (two subnets, a security group admitting TCP and UDP 53 from your on-premises DNS servers), then forward ${zone} from the on-premises DNS servers to its addresses.`,
      commands: createInboundResolverEndpoint({
        region: context.region,
        vpcId,
        subnetIds: context.subnetIds ?? [],
        ...(context.securityGroupIds ? { securityGroupIds: context.securityGroupIds } : {}),
      }),
    },
  });
  return { applies: true, inbound: [], finding };
}
