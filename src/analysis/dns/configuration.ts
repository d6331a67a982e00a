// The DNS configuration of a VPC as the probes read it: each fact read, or the outcome that kept
// it from being read. Shared by the DNS module's requests, verdicts and fixes.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeOutcome } from '../../probes/contract.js';
import type { DhcpOptions, ResolverRule } from './types.js';

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

/** The VPC's DHCP option set: `default` (or none) means no option set, i.e. AmazonProvidedDNS. */
export function dhcpFacts(
  ctx: PathContext,
  vpcId: string,
): { options: DhcpOptions | null; outcome?: ProbeOutcome<unknown> | undefined; id: string | undefined } {
  const vpc = okValue(ctx.probe('ec2.vpc', { vpcId }));
  const id = vpc?.DhcpOptionsId;
  if (id === undefined || id === 'default') return { options: null, id };
  const outcome = ctx.probe('ec2.dhcp-options', { dhcpOptionsId: id });
  if (outcome?.status !== 'ok') return { options: null, outcome, id };
  return { options: outcome.value, id };
}
