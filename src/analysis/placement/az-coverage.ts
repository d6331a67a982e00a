// Does the interface endpoint have a network interface in the source's AZ? Without one the
// regional name still works (cross-AZ, billed), zonal names do not: a warning, not a failure.
import type { Finding } from '../../findings/types.js';
import type { Subnet, VpcEndpoint } from '../../probes/shapes.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { addEndpointSubnet } from '../dns/fixes.js';

export interface AzCoverage {
  sourceAz: string;
  endpointAzs: string[];
  covered: boolean;
  /** A subnet of the VPC in the source AZ to add to the endpoint, if one was given. */
  suggestedSubnet: Subnet | null;
  /** False when the service's own AZ list (DescribeVpcEndpointServices) leaves the source AZ out. */
  serviceOfferedInAz: boolean;
  finding: Finding | null;
}

export interface AzCoverageOptions {
  /** For `--region` on the fix. */
  region: string;
  endpoint?: VpcEndpoint;
  /** The VPC's subnets, to pick one in the source AZ. */
  vpcSubnets?: readonly Subnet[];
  /** The endpoint service's AvailabilityZones. */
  serviceAzs?: readonly string[];
}

export function azCoverage(
  sourceAz: string,
  endpointSubnets: readonly Subnet[],
  options: AzCoverageOptions,
): AzCoverage {
  const endpointAzs = [
    ...new Set(endpointSubnets.map((s) => s.AvailabilityZone).filter((az): az is string => !!az)),
  ].sort();
  const covered = endpointAzs.includes(sourceAz);
  const serviceOfferedInAz = options.serviceAzs === undefined || options.serviceAzs.includes(sourceAz);
  const endpointSubnetIds = new Set(endpointSubnets.map((s) => s.SubnetId));
  const vpcId = options.endpoint?.VpcId;
  const suggestedSubnet =
    covered || !serviceOfferedInAz
      ? null
      : ([...(options.vpcSubnets ?? [])]
          .filter(
            (s) =>
              s.AvailabilityZone === sourceAz &&
              !endpointSubnetIds.has(s.SubnetId) &&
              (vpcId === undefined || s.VpcId === vpcId),
          )
          .sort((a, b) => a.SubnetId.localeCompare(b.SubnetId))[0] ?? null);
  if (covered) return { sourceAz, endpointAzs, covered, suggestedSubnet, serviceOfferedInAz, finding: null };

  const endpointId = options.endpoint?.VpcEndpointId ?? 'the endpoint';
  const where = endpointSubnets.map((s) => `${s.SubnetId} (${s.AvailabilityZone ?? '?'})`).join(', ') || 'no subnets';
  const finding = catalogueFinding('interface.az-not-covered', {
    title: `${endpointId} has no network interface in ${sourceAz}`,
    evidence: [
      `${endpointId} is in ${where}; the source is in ${sourceAz}`,
      "the regional name still answers with the other AZs' addresses: it works, with cross-AZ latency and data charges; zonal names for this AZ do not exist",
      ...(serviceOfferedInAz ? [] : [`the endpoint service is not offered in ${sourceAz}: keep using the other AZs`]),
    ],
    fix: {
      summary: !serviceOfferedInAz
        ? `The service is not offered in ${sourceAz}; nothing to add.`
        : suggestedSubnet
          ? `Add ${suggestedSubnet.SubnetId} (${sourceAz}) to ${endpointId}.`
          : `Create a subnet of the VPC in ${sourceAz}, then add it to ${endpointId} (aws ec2 modify-vpc-endpoint --add-subnet-ids).`,
      // No subnet of the VPC in that AZ, or no endpoint id: nothing to add yet, the summary says what to create.
      commands:
        serviceOfferedInAz && suggestedSubnet && options.endpoint !== undefined
          ? [addEndpointSubnet(options.endpoint.VpcEndpointId, suggestedSubnet.SubnetId, options.region)]
          : [],
    },
  });
  return { sourceAz, endpointAzs, covered, suggestedSubnet, serviceOfferedInAz, finding };
}
