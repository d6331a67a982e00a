// Facts the hub fixes name: the hub VPC's own zone, the one to associate with the spoke.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { ownZoneFor } from './verdict.js';
import type { HostedZoneSummary } from '../dns/types.js';

/** The hub VPC's own zone for the name (not a service-managed one), when the hub VPC's zones can be listed. */
export function hubZoneFor(ctx: PathContext, e: VpcEndpoint, hostname: string): HostedZoneSummary | undefined {
  const zones = okValue(ctx.probe('route53.hosted-zones-by-vpc', { vpcId: e.VpcId, region: ctx.region })) ?? [];
  return ownZoneFor(zones, hostname);
}
