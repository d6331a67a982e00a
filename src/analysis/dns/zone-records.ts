// What a private hosted zone that claims the service name answers for it, read from the zone's
// records (ListResourceRecordSets) and VPC associations (GetHostedZone), and the fix that works
// for that zone. Route 53 refuses to disassociate a zone's last VPC (LastVPCAssociation,
// awscli.amazonaws.com/v2/documentation/api/latest/reference/route53/disassociate-vpc-from-hosted-zone.html),
// so a zone that only this VPC uses gets an alias record to the endpoint, or is emptied and deleted.
import type { Fix, FixCommand } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { aliasToEndpoint, deleteHostedZoneCommands, disassociateVpcFromHostedZone, type RecordSet } from './fixes.js';
import { normalizeName } from './names.js';
import type { HostedZoneSummary } from './types.js';

/** The zone's VPC associations and records, as read. */
export interface ZoneDetail {
  vpcIds: string[];
  records: RecordSet[];
}

/** Zone details by bare zone id; a zone missing here was not (or could not be) read. */
export type ZoneDetails = ReadonlyMap<string, ZoneDetail>;

export const bareZoneId = (id: string): string => id.replace(/^\/hostedzone\//, '');

/** The zone's answer for `hostname`: the endpoint (an alias, CNAME or A record to it), something else, or nothing. */
export type ZoneAnswer =
  { kind: 'endpoint'; detail: string } | { kind: 'elsewhere'; record: RecordSet; detail: string } | { kind: 'none' };

// Route 53 lists names with `\052` for a leading `*` and octal escapes for other special characters.
const recordName = (name: string): string => normalizeName(name.replace(/\\052/g, '*'));

/** The endpoint's own DNS names (regional and zonal), which an alias or CNAME can point at. */
function endpointNames(e: VpcEndpoint): Set<string> {
  return new Set(
    e.DnsEntries.map((d) => d.DnsName)
      .filter((n): n is string => n !== undefined && n !== '')
      .map((n) => normalizeName(n)),
  );
}

export function zoneAnswerFor(
  records: readonly RecordSet[],
  hostname: string,
  endpoint: VpcEndpoint | null | undefined,
  eniIps: readonly string[] | undefined,
): ZoneAnswer {
  const name = normalizeName(hostname);
  const own = records.filter((r) => recordName(r.Name) === name && ['A', 'AAAA', 'CNAME'].includes(r.Type));
  if (own.length === 0) return { kind: 'none' };
  const names = endpoint ? endpointNames(endpoint) : new Set<string>();
  const ips = new Set(eniIps ?? []);
  for (const r of own) {
    const alias = r.AliasTarget ? normalizeName(r.AliasTarget.DNSName).replace(/^dualstack\./, '') : undefined;
    if (alias !== undefined && names.has(alias))
      return { kind: 'endpoint', detail: `${r.Type} alias ${name} → ${alias} (${endpoint?.VpcEndpointId ?? ''})` };
    const values = (r.ResourceRecords ?? []).map((v) => v.Value);
    if (r.Type === 'CNAME' && values.some((v) => names.has(normalizeName(v))))
      return { kind: 'endpoint', detail: `CNAME ${name} → ${values.join(', ')} (${endpoint?.VpcEndpointId ?? ''})` };
    if (r.Type !== 'CNAME' && values.length > 0 && values.every((v) => ips.has(v)))
      return {
        kind: 'endpoint',
        detail: `${r.Type} ${name} → ${values.join(', ')}, ${endpoint?.VpcEndpointId ?? ''}'s addresses`,
      };
  }
  const r = own[0]!;
  const target = r.AliasTarget
    ? `alias ${r.AliasTarget.DNSName}`
    : (r.ResourceRecords ?? []).map((v) => v.Value).join(', ');
  return { kind: 'elsewhere', record: r, detail: `${r.Type} ${name} → ${target}, not the endpoint` };
}

/** The endpoint's regional DNS entry (name and Route 53 zone), the target of an alias record. */
function aliasTarget(e: VpcEndpoint, hostname: string): { DnsName: string; HostedZoneId: string } | undefined {
  for (const d of e.DnsEntries) {
    if (d.DnsName === undefined || d.HostedZoneId === undefined || d.DnsName.startsWith('*')) continue;
    if (normalizeName(d.DnsName) === normalizeName(hostname)) continue;
    return { DnsName: d.DnsName, HostedZoneId: d.HostedZoneId };
  }
  return undefined;
}

export interface ZoneFixArgs {
  zone: HostedZoneSummary;
  detail: ZoneDetail | undefined;
  vpcId: string;
  region: string;
  hostname: string;
  endpoint?: VpcEndpoint | null;
  /** Run after the zone stops answering for the VPC (enable private DNS, for a conflict). */
  then?: readonly FixCommand[];
  /** What the zone answers for the name today. */
  answer?: ZoneAnswer;
}

/**
 * The fix for a zone that answers the service name in the VPC: disassociate it where other VPCs
 * keep it; where this VPC is its only one, an alias A record to the endpoint (one change, no
 * window without an answer), or its records and the zone deleted.
 */
export function zoneFix(a: ZoneFixArgs): Fix {
  const zoneId = bareZoneId(a.zone.HostedZoneId);
  const name = normalizeName(a.hostname);
  const then = a.then ?? [];
  const e = a.endpoint ?? undefined;
  const target = e && e.VpcEndpointType.toLowerCase() === 'interface' ? aliasTarget(e, name) : undefined;
  const replacing = a.answer?.kind === 'elsewhere' && a.answer.record.Type === 'CNAME' ? [a.answer.record] : [];
  const alias =
    target && e
      ? {
          summary: `Keep ${a.zone.Name} and make it answer ${name} with ${e.VpcEndpointId}: an alias A record to the endpoint's regional name ${target.DnsName}${replacing.length > 0 ? ` (replacing the CNAME ${name})` : ''}.`,
          commands: [
            aliasToEndpoint({
              hostedZoneId: zoneId,
              name,
              endpointDnsName: target.DnsName,
              endpointZoneId: target.HostedZoneId,
              region: a.region,
              replacing,
            }),
          ],
        }
      : undefined;
  const onlyThisVpc = a.detail !== undefined && a.detail.vpcIds.every((v) => v === a.vpcId);
  if (!onlyThisVpc) {
    const others = a.detail?.vpcIds.filter((v) => v !== a.vpcId) ?? [];
    return {
      summary: `Disassociate ${a.zone.Name} (${zoneId}) from ${a.vpcId}${others.length > 0 ? ` (it stays with ${others.join(', ')})` : ''}${then.length > 0 ? ', then enable private DNS' : ''}.${a.detail === undefined ? ` If ${a.vpcId} is the zone's last VPC, Route 53 refuses (LastVPCAssociation): delete the zone's records and the zone instead${alias ? ', or use the alias below' : ''}.` : ''}`,
      commands: [disassociateVpcFromHostedZone(zoneId, a.vpcId, a.region), ...then],
      ...(alias
        ? { alternatives: [{ ...alias, summary: `${alias.summary} Every VPC of the zone then gets that answer.` }] }
        : {}),
    };
  }
  const records = a.detail?.records ?? [];
  const doomed = records.filter((r) => r.Type !== 'SOA' && r.Type !== 'NS');
  const action = `delete ${doomed.length > 0 ? `its ${doomed.length} record(s) (${[...new Set(doomed.map((r) => recordName(r.Name)))].join(', ')}) and ` : ''}the zone${then.length > 0 ? ', then enable private DNS' : ''}`;
  const refused = `${a.vpcId} is the only VPC of ${a.zone.Name} (${zoneId}), which Route 53 will not disassociate (LastVPCAssociation)`;
  const commands = [...deleteHostedZoneCommands(zoneId, records, a.region), ...then];
  if (!alias) return { summary: `${refused}: ${action}.`, commands };
  return {
    summary: `${refused}. ${alias.summary}`,
    commands: alias.commands,
    alternatives: [{ summary: `Or ${action}.`, commands }],
  };
}
