// Which Route 53 Resolver rule decides a name for a VPC. Resolver compares the query with the
// rules associated with the VPC; a rule matches its domain and every subdomain, and the most
// specific domain wins (Route 53 guide: resolver-overview-forward-vpc-to-network-domain-name-matches).
import type { Finding } from '../../findings/types.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { disassociateResolverRule, systemRuleForName } from './fixes.js';
import { isSameOrSubdomain, labelCount, normalizeName } from './names.js';
import type { ResolverRule, ResolverRuleAssociation } from './types.js';

/** Associations that take effect; FAILED, DELETING and OVERRIDDEN ones do not. */
function isEffective(association: ResolverRuleAssociation): boolean {
  return association.Status === undefined || association.Status === 'COMPLETE' || association.Status === 'CREATING';
}

export interface RuleCandidate {
  rule: ResolverRule;
  association: ResolverRuleAssociation;
}

export type ResolverRuleMatch =
  | { matched: false; hostname: string; vpcId: string; finding: null }
  | {
      matched: true;
      hostname: string;
      vpcId: string;
      /** The rule Resolver uses for the name. */
      winner: RuleCandidate;
      /** Less specific associated rules that also match, most specific first. */
      outranked: RuleCandidate[];
      /** A FORWARD rule won: the query leaves the VPC resolver and private DNS is not consulted. */
      forwards: boolean;
      finding: Finding | null;
    };

function describeTargets(rule: ResolverRule): string {
  const targets = (rule.TargetIps ?? []).map((t) => `${t.Ip ?? t.Ipv6 ?? '?'}:${t.Port ?? 53}`);
  return targets.length > 0 ? targets.join(', ') : 'no target IPs';
}

function describeRule(rule: ResolverRule): string {
  const name = rule.Name ? ` "${rule.Name}"` : '';
  const domain = rule.DomainName === '.' ? '.' : rule.DomainName;
  return `${rule.Id}${name} (${rule.RuleType} ${domain}${rule.RuleType === 'FORWARD' ? ` → ${describeTargets(rule)}` : ''})`;
}

export function matchResolverRule(
  hostname: string,
  rules: readonly ResolverRule[],
  associations: readonly ResolverRuleAssociation[],
  vpcId: string,
  region: string,
): ResolverRuleMatch {
  const byId = new Map(rules.map((rule) => [rule.Id, rule]));
  const candidates: RuleCandidate[] = [];
  for (const association of associations) {
    if (association.VPCId !== vpcId || !isEffective(association)) continue;
    const rule = byId.get(association.ResolverRuleId);
    if (rule && isSameOrSubdomain(hostname, rule.DomainName)) candidates.push({ rule, association });
  }
  if (candidates.length === 0) return { matched: false, hostname: normalizeName(hostname), vpcId, finding: null };
  candidates.sort(
    (a, b) => labelCount(b.rule.DomainName) - labelCount(a.rule.DomainName) || a.rule.Id.localeCompare(b.rule.Id),
  );
  const [winner, ...outranked] = candidates as [RuleCandidate, ...RuleCandidate[]];
  const forwards = winner.rule.RuleType === 'FORWARD';
  const name = normalizeName(hostname);
  const sameDomain = normalizeName(winner.rule.DomainName) === name;
  const finding = forwards
    ? catalogueFinding('dns.resolver-rule-override', {
        title: `Resolver rule ${winner.rule.Id} forwards ${name} away from the VPC resolver`,
        evidence: [
          `resolver rule ${describeRule(winner.rule)} is associated with ${vpcId}${winner.association.Id ? ` (${winner.association.Id})` : ''}`,
          `${name} is ${normalizeName(winner.rule.DomainName) === name ? 'the rule domain' : `under the rule domain ${winner.rule.DomainName}`}, and no more specific rule is associated, so queries go to ${describeTargets(winner.rule)} instead of the endpoint's private zone`,
          ...outranked.map((c) => `also matches, less specific: ${describeRule(c.rule)}`),
        ],
        fix: sameDomain
          ? {
              // AWS refuses a second rule for the same domain on one VPC ("Cannot associate rules
              // with same domain name with same VPC"): a SYSTEM carve-out only works for a
              // subdomain. docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-rules-managing.html
              summary: `Disassociate ${winner.rule.Id} from ${vpcId}: it forwards exactly ${name}, so no other rule can be associated for that name; the VPC resolver then answers from the endpoint's private zone.`,
              commands: [disassociateResolverRule(vpcId, winner.rule.Id, region)],
            }
          : {
              // The forward is usually deliberate (on-premises names): carve out only this name.
              summary: `Add a SYSTEM rule for ${name} and associate it with ${vpcId}, so the VPC resolver answers this name from the endpoint's private zone while ${winner.rule.Id} keeps forwarding the rest of ${winner.rule.DomainName}.`,
              commands: systemRuleForName(vpcId, name, region),
              alternatives: [
                {
                  summary: `Disassociate ${winner.rule.Id} from ${vpcId} (everything under ${winner.rule.DomainName} then resolves in the VPC).`,
                  commands: [disassociateResolverRule(vpcId, winner.rule.Id, region)],
                },
              ],
            },
      })
    : null;
  return { matched: true, hostname: name, vpcId, winner, outranked, forwards, finding };
}
