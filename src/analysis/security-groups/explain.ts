// The security-group checks and findings, in words, from their verdicts.
import { finding } from '../../findings/catalogue.js';
import type { Check, CheckStatus } from '../../findings/types.js';
import type { CheckId } from '../../findings/checks.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { describeSgDecision, type SgDecision } from '../net/security-groups.js';
import { outsideNote, sourceLabel } from '../network-path/path.js';
import { egressFix, ingressFix } from './fixes.js';
import type { EgressVerdict, IngressVerdict } from './verdict.js';

export const CHECK_EGRESS = 'sg.source-egress';
export const CHECK_INGRESS = 'sg.endpoint-ingress';

const none = (): ModuleResult => ({ checks: [], findings: [] });

function check(id: CheckId, status: CheckStatus, detail: string): Check {
  return { id, layer: 'security-group', status, detail };
}

function missingNote(missing: readonly string[]): string {
  return missing.length > 0 ? ` (${missing.join(', ')} not found)` : '';
}

function decisionText(d: SgDecision): string {
  return describeSgDecision(d).join('; ');
}

export function explainEgress(v: EgressVerdict, region: string): ModuleResult {
  switch (v.kind) {
    case 'not-judged':
      return none();
    case 'other-family':
      return {
        checks: [
          check(
            CHECK_EGRESS,
            'pass',
            `not applicable: ${v.how}, so no IPv4 traffic goes to the ${v.prefixListName} prefix list; its IPv6 traffic is judged by family.gateway-ipv6-filters when the route table sends it to the endpoint`,
          ),
        ],
        findings: [],
      };
    case 'no-groups': {
      const d = v.destination;
      const toWhat =
        d.kind === 'gateway' ? `the ${d.prefixListName} prefix list` : `the network interfaces of ${d.endpointId}`;
      // EC2 gives every instance at least one group (the VPC's default when none is named):
      // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
      // An empty list is a description short of it (emulators leave it empty): say so, judge nothing.
      if (v.sourceKind === 'instance')
        return {
          checks: [
            check(
              CHECK_EGRESS,
              'warn',
              `not judged: the description of ${v.sourceId} lists no security groups, though EC2 gives every instance at least one; whatever groups it has must allow outbound tcp/443 to ${toWhat}`,
            ),
          ],
          findings: [],
        };
      // Some AWS-managed interfaces (NAT gateways, transit gateway attachments) carry no groups.
      if (v.sourceKind === 'eni')
        return {
          checks: [
            check(
              CHECK_EGRESS,
              'warn',
              `not applicable: ${v.sourceId} has no security groups (an AWS-managed interface such as a NAT gateway's or a transit gateway attachment's), so none filters its outbound tcp/443 to ${toWhat}`,
            ),
          ],
          findings: [],
        };
      return {
        checks: [
          check(
            CHECK_EGRESS,
            'warn',
            `not applicable: ${v.sourceId} is a subnet and has no security groups; whatever runs in it needs a group allowing outbound tcp/443 to ${toWhat}`,
          ),
        ],
        findings: [],
      };
    }
    case 'unknown':
      return { checks: [couldNotCheck(CHECK_EGRESS, 'security-group', v.what, v.outcome)], findings: [] };
    case 'allowed':
      return {
        checks: [
          check(
            CHECK_EGRESS,
            'pass',
            `${v.sourceId}: ${[...new Set(v.decisions.map((x) => decisionText(x.decision)))].join('; ')}${missingNote(v.missing)}`,
          ),
        ],
        findings: [],
      };
    case 'denied': {
      const viaInterface = v.destination.kind === 'interface';
      return {
        checks: [
          check(
            CHECK_EGRESS,
            'fail',
            `${v.sourceId}: ${v.denied.map((x) => `${x.label}: ${decisionText(x.decision)}`).join('; ')}${missingNote(v.missing)}`,
          ),
        ],
        findings: [
          finding('sg.source-egress-missing', {
            evidence: [
              `${v.sourceId} has security groups ${v.groupIds.join(', ')}${missingNote(v.missing)}`,
              ...v.denied.flatMap((x) =>
                describeSgDecision(x.decision).map((line) => (viaInterface ? `${line} (${x.label})` : line)),
              ),
            ],
            fix: egressFix(v, region),
          }),
        ],
      };
    }
    default: {
      const never: never = v;
      return never;
    }
  }
}

export function explainIngress(v: IngressVerdict, region: string): ModuleResult {
  switch (v.kind) {
    case 'no-groups':
      return { checks: [check(CHECK_INGRESS, 'error', `${v.endpointId} lists no security groups`)], findings: [] };
    case 'unknown':
      return { checks: [couldNotCheck(CHECK_INGRESS, 'security-group', v.what, v.outcome)], findings: [] };
    case 'allowed':
    case 'denied': {
      const note = outsideNote(v.src);
      const tail = `${missingNote(v.missing)}${note !== '' ? `.${note}` : ''}`;
      if (v.kind === 'allowed')
        return {
          checks: [check(CHECK_INGRESS, 'pass', `${v.endpointId}: ${decisionText(v.decision)}${tail}`)],
          findings: [],
        };
      const tgw =
        v.tgwIgnores !== undefined
          ? `${v.endpointId} is reached over a transit gateway: rules naming ${v.tgwIgnores.join(', ')} do not match, only CIDR rules do`
          : undefined;
      const src = v.src;
      return {
        checks: [
          check(
            CHECK_INGRESS,
            'fail',
            `${v.endpointId}: ${decisionText(v.decision)}${tgw !== undefined ? ` (${tgw})` : ''}${tail}`,
          ),
        ],
        findings: [
          finding('sg.endpoint-ingress-missing', {
            evidence: [
              `${v.endpointId} has security groups ${v.groupIds.join(', ')} (DescribeVpcEndpoints Groups)${missingNote(v.missing)}`,
              `the source is ${sourceLabel(src)}${src.kind === 'inside' && src.groupIds.length > 0 ? ` with security groups ${src.groupIds.join(', ')}` : ''}`,
              ...describeSgDecision(v.decision),
              ...(tgw !== undefined ? [tgw] : []),
            ],
            fix: ingressFix(v, region),
          }),
        ],
      };
    }
    default: {
      const never: never = v;
      return never;
    }
  }
}
