// Private hosted zones associated with the VPC that claim the service name or a parent of it.
// Resolver answers from the most specific matching zone; a zone for a parent without the
// record answers NXDOMAIN (Route 53 guide: hosted-zone-private-considerations, overlapping namespaces).
import type { Finding } from '../../findings/types.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { zoneAnswerFor, zoneFix, type ZoneAnswer, type ZoneDetails } from './zone-records.js';
import { isSameOrSubdomain, labelCount, normalizeName } from './names.js';
import type { HostedZoneSummary } from './types.js';

export interface PhzMatch {
  hostname: string;
  /** Matching zones, most specific first. */
  zones: HostedZoneSummary[];
  /** What the most specific zone answers for the name, when its records were read. */
  answer: ZoneAnswer | undefined;
  /** Null also when the zone answers the name with the endpoint (an alias or A record to it). */
  finding: Finding | null;
}

export interface PhzOptions {
  /** For evidence and the fix; without it (or `region`) the fix has no command. */
  vpcId?: string;
  /** The VPC's Region, for the fix. */
  region?: string;
  /** Zones that are the endpoint's own (or otherwise expected); never reported. */
  ownZoneIds?: readonly string[];
  /** GetHostedZone + ListResourceRecordSets of the matching zones, by bare id. */
  details?: ZoneDetails;
  /** The interface endpoint the name should resolve to, and its ENI addresses. */
  endpoint?: VpcEndpoint | null;
  eniIps?: readonly string[];
}

const bareId = (id: string): string => id.replace(/^\/hostedzone\//, '');

export function matchPrivateHostedZones(
  hostname: string,
  zones: readonly HostedZoneSummary[],
  options: PhzOptions = {},
): PhzMatch {
  const name = normalizeName(hostname);
  const vpcId = options.vpcId ?? 'the VPC';
  const own = new Set((options.ownZoneIds ?? []).map(bareId));
  const matching = zones
    .filter((zone) => !own.has(bareId(zone.HostedZoneId)))
    // Zones a service manages (OwningService) are not the user's to fix here.
    .filter((zone) => zone.Owner?.OwningService === undefined)
    .filter((zone) => isSameOrSubdomain(name, zone.Name))
    .sort((a, b) => labelCount(b.Name) - labelCount(a.Name));
  const top = matching[0];
  if (!top) return { hostname: name, zones: [], answer: undefined, finding: null };
  const exact = normalizeName(top.Name) === name;
  const detail = options.details?.get(bareId(top.HostedZoneId));
  const answer = detail ? zoneAnswerFor(detail.records, name, options.endpoint, options.eniIps) : undefined;
  if (answer?.kind === 'endpoint') return { hostname: name, zones: matching, answer, finding: null };
  return {
    hostname: name,
    zones: matching,
    answer,
    finding: catalogueFinding('dns.phz-shadow', {
      title: `Private hosted zone ${top.Name} shadows ${name}`,
      evidence: [
        `private hosted zone ${bareId(top.HostedZoneId)} (${top.Name}) is associated with ${vpcId} and ${exact ? 'is named exactly' : 'is a parent of'} ${name}`,
        exact
          ? `${name} is answered from that zone, not from the endpoint's private DNS`
          : answer === undefined
            ? `unless that zone holds a record for ${name}, clients in ${vpcId} get NXDOMAIN`
            : answer.kind === 'none'
              ? `ListResourceRecordSets ${bareId(top.HostedZoneId)}: no record for ${name}, so clients in ${vpcId} get NXDOMAIN`
              : `${name} is answered from that zone, not from the endpoint's private DNS`,
        ...(answer?.kind === 'elsewhere'
          ? [`ListResourceRecordSets ${bareId(top.HostedZoneId)}: ${answer.detail}`]
          : []),
        ...matching.slice(1).map((zone) => `also matches, less specific: ${bareId(zone.HostedZoneId)} (${zone.Name})`),
      ],
      fix:
        options.vpcId !== undefined && options.region !== undefined
          ? zoneFix({
              zone: top,
              detail,
              vpcId: options.vpcId,
              region: options.region,
              hostname: name,
              ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
              ...(answer !== undefined ? { answer } : {}),
            })
          : {
              summary: `Add a record for ${name} to ${top.Name} (alias to the endpoint), or disassociate the zone from ${vpcId}.`,
              commands: [],
            },
    }),
  };
}
