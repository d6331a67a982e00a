// Where an interface endpoint's network interfaces sit: one in the source's Availability Zone
// (a warning without: cross-AZ works), and only in zones the endpoint service is offered in. The
// rules are ../placement/az-coverage.ts and ../placement/service-azs.ts; this reads their facts
// and words the checks.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { Check } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { azCoverage } from '../placement/az-coverage.js';
import { serviceAzPlacement } from '../placement/service-azs.js';

/** Is there an endpoint network interface in the source's AZ? */
export function azCoverageCheck(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
  const sourceAz = ctx.source?.AvailabilityZone;
  if (!ctx.inside || sourceAz === undefined) return { checks: [], findings: [] };
  const subnetsOutcome = ctx.probe('ec2.subnets', { vpcId });
  if (subnetsOutcome?.status !== 'ok') {
    return {
      checks: [
        couldNotCheck(
          'interface.az-coverage',
          'endpoint',
          `the Availability Zones of ${e.VpcEndpointId}'s subnets`,
          subnetsOutcome,
        ),
      ],
      findings: [],
    };
  }
  const vpcSubnets = subnetsOutcome.value;
  const endpointSubnets = vpcSubnets.filter((s) => e.SubnetIds.includes(s.SubnetId));
  const serviceAzs = okValue(ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName }))?.AvailabilityZones;
  const result = azCoverage(sourceAz, endpointSubnets, {
    endpoint: e,
    vpcSubnets,
    region: ctx.region,
    ...(serviceAzs ? { serviceAzs } : {}),
  });
  const check: Check = {
    id: 'interface.az-coverage',
    layer: 'endpoint',
    status: result.covered ? 'pass' : 'warn',
    detail: result.covered
      ? `${e.VpcEndpointId} has a network interface in ${sourceAz}, the source's AZ`
      : `${e.VpcEndpointId} is in ${result.endpointAzs.join(', ') || 'no AZ'}; the source is in ${sourceAz} (works cross-AZ)`,
  };
  return { checks: [check], findings: result.finding ? [result.finding] : [] };
}

/** Are the endpoint's subnets in AZs the endpoint service is offered in (any source: the endpoint itself is misplaced)? */
export function serviceAzCheck(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
  const serviceOutcome = ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName });
  const serviceAzs = okValue(serviceOutcome)?.AvailabilityZones;
  if (serviceOutcome?.status !== 'ok') {
    return {
      checks: [
        couldNotCheck(
          'interface.service-azs',
          'endpoint',
          `the Availability Zones ${e.ServiceName} is offered in`,
          serviceOutcome,
        ),
      ],
      findings: [],
    };
  }
  // Not offered in the Region at all is service.no-privatelink's case; no AZ list, nothing to compare.
  if (serviceAzs === undefined || serviceOutcome.value === null) return { checks: [], findings: [] };
  const subnetsOutcome = ctx.probe('ec2.subnets', { vpcId });
  if (subnetsOutcome?.status !== 'ok') {
    return {
      checks: [
        couldNotCheck(
          'interface.service-azs',
          'endpoint',
          `the Availability Zones of ${e.VpcEndpointId}'s subnets`,
          subnetsOutcome,
        ),
      ],
      findings: [],
    };
  }
  const result = serviceAzPlacement(e, subnetsOutcome.value, serviceAzs, ctx.region);
  const check: Check = {
    id: 'interface.service-azs',
    layer: 'endpoint',
    status: result.finding === null ? 'pass' : result.finding.severity === 'error' ? 'fail' : 'warn',
    detail:
      result.finding === null
        ? `every subnet of ${e.VpcEndpointId} is in an Availability Zone ${e.ServiceName} is offered in`
        : `${result.unsupported.map((s) => `${s.SubnetId} (${s.AvailabilityZone ?? '?'})`).join(', ')} of ${e.VpcEndpointId} ${result.unsupported.length === 1 ? 'is' : 'are'} outside the AZs ${e.ServiceName} is offered in`,
  };
  return { checks: [check], findings: result.finding ? [result.finding] : [] };
}
