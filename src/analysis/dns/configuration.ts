// The DNS configuration of a VPC as the probes read it: each fact read, or the outcome that kept
// it from being read. Shared by the DNS module's requests, verdicts and fixes.
import type { PathContext } from '../../path/context.js';
import type { CheckId } from '../../findings/checks.js';
import type { Check } from '../../findings/types.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { DhcpOptions, HostedZoneSummary, ResolverRule } from './types.js';
import { bareZoneId, type ZoneDetail } from './zone-records.js';
import { couldNotCheck } from '../check-module.js';

function reasonedCheck(id: CheckId, status: Check['status'], detail: string): Check {
  return { id, layer: 'dns', status, detail: `${detail} — reasoned from configuration`, basis: 'reasoned' };
}

function skipped(id: CheckId, what: string, outcome: ProbeOutcome<unknown> | undefined): Check {
  return { ...couldNotCheck(id, 'dns', what, outcome), basis: 'reasoned' };
}

/** The resolver rules associated with the VPC, once every associated rule has been read. */
export function associatedRules(
  ctx: PathContext,
  vpcId: string,
): { rules: ResolverRule[]; failed?: ProbeOutcome<unknown> | undefined } {
  const assocOutcome = ctx.probe('route53resolver.rule-associations', { vpcId });
  if (assocOutcome?.status !== 'ok') return { rules: [], failed: assocOutcome };
  const rules: ResolverRule[] = [];
  for (const a of assocOutcome.value) {
    const outcome = ctx.probe('route53resolver.rule', { resolverRuleId: a.ResolverRuleId });
    if (outcome?.status !== 'ok') return { rules, failed: outcome };
    if (outcome.value !== null) rules.push(outcome.value);
  }
  return { rules };
}

/** The VPC's DHCP option set (null: AWS's default, AmazonProvidedDNS), or the check saying it could not be read. */
export type DhcpFacts =
  { kind: 'known'; options: DhcpOptions | null; id: string | undefined } | { kind: 'unknown'; check: Check };

export function dhcpFacts(ctx: PathContext, vpcId: string): DhcpFacts {
  const what = `the DHCP option set of ${vpcId}`;
  const vpcOutcome = ctx.probe('ec2.vpc', { vpcId });
  // Which option set the VPC uses comes from DescribeVpcs: without it, it is unknown, never "the default".
  if (vpcOutcome?.status !== 'ok') return { kind: 'unknown', check: skipped('dns.dhcp-options', what, vpcOutcome) };
  if (vpcOutcome.value === null)
    return {
      kind: 'unknown',
      check: reasonedCheck('dns.dhcp-options', 'error', `DescribeVpcs did not return ${vpcId}`),
    };
  const id = vpcOutcome.value.DhcpOptionsId;
  // `default` (or none) means no option set: instances use AmazonProvidedDNS.
  if (id === undefined || id === 'default') return { kind: 'known', options: null, id };
  const outcome = ctx.probe('ec2.dhcp-options', { dhcpOptionsId: id });
  if (outcome?.status !== 'ok') return { kind: 'unknown', check: skipped('dns.dhcp-options', what, outcome) };
  if (outcome.value === null)
    return {
      kind: 'unknown',
      check: reasonedCheck('dns.dhcp-options', 'error', `DHCP option set ${id} of ${vpcId} was not found`),
    };
  return { kind: 'known', options: outcome.value, id };
}

/**
 * The VPCs and records of each zone in `zones`, as far as both were read (a zone whose reads
 * failed is left out: its fix falls back to disassociating, and the failed read is reported).
 */
export function zoneDetailsOf(ctx: PathContext, zones: readonly HostedZoneSummary[]): Map<string, ZoneDetail> {
  const out = new Map<string, ZoneDetail>();
  for (const z of zones) {
    const hostedZoneId = bareZoneId(z.HostedZoneId);
    const vpcs = ctx.probe('route53.hosted-zone', { hostedZoneId });
    const records = ctx.probe('route53.zone-records', { hostedZoneId });
    if (vpcs?.status !== 'ok' || records?.status !== 'ok' || vpcs.value === null || records.value === null) continue;
    out.set(hostedZoneId, {
      vpcIds: vpcs.value.VPCs.flatMap((v) => (v.VPCId !== undefined ? [v.VPCId] : [])),
      // Only the fields a DELETE change repeats (the CLI refuses unknown keys in a change batch).
      records: records.value.map((r) => ({
        Name: r.Name,
        Type: r.Type,
        ...(r.TTL !== undefined ? { TTL: r.TTL } : {}),
        ...(r.ResourceRecords !== undefined
          ? { ResourceRecords: r.ResourceRecords.map((v) => ({ Value: v.Value })) }
          : {}),
        ...(r.AliasTarget !== undefined
          ? {
              AliasTarget: {
                HostedZoneId: r.AliasTarget.HostedZoneId,
                DNSName: r.AliasTarget.DNSName,
                EvaluateTargetHealth: r.AliasTarget.EvaluateTargetHealth,
              },
            }
          : {}),
      })),
    });
  }
  return out;
}
