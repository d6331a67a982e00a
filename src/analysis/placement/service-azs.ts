// Is the interface endpoint placed where its service is offered? DescribeVpcEndpointServices
// lists the Availability Zones of an endpoint service (names as mapped for the caller's account);
// an endpoint subnet outside them carries nothing. No endpoint subnet in an offered AZ: nothing
// works (error); some: the others still serve, cross-AZ (warning).
import type { Finding } from '../../findings/types.js';
import type { Subnet, VpcEndpoint } from '../../probes/shapes.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { awsCommand } from '../../findings/command.js';

export interface ServiceAzPlacement {
  /** The endpoint's subnets in AZs the service does not offer. */
  unsupported: Subnet[];
  /** The endpoint's subnets in offered AZs. */
  supported: Subnet[];
  /** Subnets of the VPC, one per offered AZ the endpoint does not cover yet, to add. */
  suggested: Subnet[];
  finding: Finding | null;
}

const azOf = (s: Subnet): string => s.AvailabilityZone ?? '?';

/** One subnet per AZ, lowest id first, in AZ order. */
function onePerAz(subnets: readonly Subnet[]): Subnet[] {
  const byAz = new Map<string, Subnet>();
  for (const s of [...subnets].sort((a, b) => a.SubnetId.localeCompare(b.SubnetId))) {
    const az = s.AvailabilityZone;
    if (az !== undefined && !byAz.has(az)) byAz.set(az, s);
  }
  return [...byAz.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s);
}

// awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
// (--add-subnet-ids and --remove-subnet-ids are lists; one subnet per AZ per endpoint)
export function serviceAzPlacement(
  endpoint: VpcEndpoint,
  vpcSubnets: readonly Subnet[],
  serviceAzs: readonly string[],
  region: string,
): ServiceAzPlacement {
  const offered = new Set(serviceAzs);
  const endpointSubnets = vpcSubnets.filter(
    (s) => endpoint.SubnetIds.includes(s.SubnetId) && s.AvailabilityZone !== undefined,
  );
  const unsupported = endpointSubnets.filter((s) => !offered.has(azOf(s)));
  const supported = endpointSubnets.filter((s) => offered.has(azOf(s)));
  if (unsupported.length === 0) return { unsupported, supported, suggested: [], finding: null };

  const coveredAzs = new Set(supported.map(azOf));
  const want = Math.max(unsupported.length, supported.length === 0 ? 2 : 1);
  const suggested = onePerAz(
    vpcSubnets.filter(
      (s) =>
        s.VpcId === endpoint.VpcId &&
        offered.has(azOf(s)) &&
        !coveredAzs.has(azOf(s)) &&
        !endpoint.SubnetIds.includes(s.SubnetId),
    ),
  ).slice(0, want);
  const none = supported.length === 0;
  const offeredList = [...serviceAzs].sort().join(', ');
  const add = suggested.map((s) => s.SubnetId);
  const remove = unsupported.map((s) => s.SubnetId).join(' ');
  // awscli.amazonaws.com/v2/documentation/api/latest/reference/ec2/modify-vpc-endpoint.html
  // With no subnet of the VPC in an offered AZ there is nothing to add: removing the last subnet
  // is refused, so no command until a subnet exists there (the summary says so).
  const commands =
    none && add.length === 0
      ? []
      : [
          awsCommand(
            'ec2',
            'modify-vpc-endpoint',
            [
              '--vpc-endpoint-id',
              endpoint.VpcEndpointId,
              ...(add.length > 0 ? ['--add-subnet-ids', ...add] : []),
              '--remove-subnet-ids',
              ...unsupported.map((s) => s.SubnetId),
            ],
            { region },
          ),
        ];
  const where = suggested.map((s) => `${s.SubnetId} (${azOf(s)})`).join(', ');
  return {
    unsupported,
    supported,
    suggested,
    finding: catalogueFinding('interface.service-not-in-az', {
      severity: none ? 'error' : 'warning',
      title: none
        ? `${endpoint.VpcEndpointId} has no subnet in an Availability Zone ${endpoint.ServiceName} is offered in`
        : `${endpoint.VpcEndpointId} has subnets in Availability Zones ${endpoint.ServiceName} is not offered in`,
      evidence: [
        `DescribeVpcEndpointServices: ${endpoint.ServiceName} is offered in ${offeredList || 'no Availability Zone'}`,
        `${endpoint.VpcEndpointId} is in ${unsupported.map((s) => `${s.SubnetId} (${azOf(s)})`).join(', ')}, outside those`,
        none
          ? `no subnet of ${endpoint.VpcEndpointId} is in an offered AZ: the endpoint serves no traffic`
          : `${supported.map((s) => `${s.SubnetId} (${azOf(s)})`).join(', ')} still serve${supported.length === 1 ? 's' : ''}, cross-AZ for the others`,
      ],
      fix: {
        summary:
          (suggested.length > 0
            ? `Place ${endpoint.VpcEndpointId} in ${where} (offered AZs of ${endpoint.VpcId})`
            : none
              ? `Create a subnet of ${endpoint.VpcId} in an offered AZ (${offeredList}) and place ${endpoint.VpcEndpointId} there`
              : `Every offered AZ of ${endpoint.VpcId} is already covered`) + ` and remove ${remove}.`,
        commands,
      },
    }),
  };
}
