// The data-perimeter check and finding, in words, from the verdict.
import { finding } from '../../../findings/catalogue.js';
import type { Check, Finding } from '../../../findings/types.js';
import { couldNotCheck } from '../../check-module.js';
import type { PathContext } from '../../../path/context.js';
import { quote } from '../statements.js';
import { GROUP_LABEL } from './aws-owned.js';
import { perimeterFix } from './fixes.js';
import { AWS_OWNED_VALUE, type PerimeterVerdict } from './verdict.js';

const ID = 'policy.aws-owned-buckets';

function check(status: Check['status'], detail: string): Check {
  return { id: ID, layer: 'endpoint-policy', status, detail };
}

export function explainPerimeter(ctx: PathContext, v: PerimeterVerdict): { checks: Check[]; findings: Finding[] } {
  switch (v.kind) {
    case 'not-applicable':
      return { checks: [], findings: [] };
    case 'unknown':
      return {
        checks: [
          couldNotCheck(ID, 'endpoint-policy', "the VPC's S3 endpoint policy for the AWS-owned buckets", v.outcome),
        ],
        findings: [],
      };
    case 'unreadable':
      return { checks: [check('error', `could not read the policy of ${v.endpointId}: ${v.error}`)], findings: [] };
    case 'lets-through':
      return {
        checks: [
          check(
            'pass',
            `the data perimeter of ${v.endpointId} refuses none of the AWS-owned buckets (${v.buckets.map((b) => b.name).join(', ')})`,
          ),
        ],
        findings: [],
      };
    case 'uncertain':
      return {
        checks: [
          check(
            v.certain ? 'skipped' : 'warn',
            `could not judge whether the data perimeter of ${v.endpointId} lets the AWS-owned buckets through: ${v.caveats.join('; ')}`,
          ),
        ],
        findings: [],
      };
    case 'blocks':
      break;
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
  const id = v.endpoint.VpcEndpointId;
  const names = v.blocked.map((b) => b.bucket.name);
  const groups = [...new Set(v.blocked.map((b) => GROUP_LABEL[b.bucket.group]))];
  const quoted = [...new Map(v.blocked.flatMap((b) => b.quoted).map((q) => [q.index, q])).values()];
  return {
    checks: [
      check(
        v.certain ? 'fail' : 'warn',
        `the data perimeter of ${id} refuses the AWS-owned bucket${names.length > 1 ? 's' : ''} ${names.join(', ')}`,
      ),
    ],
    findings: [
      finding('policy.data-perimeter-aws-owned', {
        ...(v.certain ? {} : { severity: 'warning' as const }),
        title: `The data perimeter of ${id} refuses AWS-owned buckets (${groups.join('; ')})`,
        evidence: [
          `${id} (${v.endpoint.ServiceName}) policy conditions on the organization or account of the principal or resource`,
          `request: s3:GetObject on ${names.map((n) => `arn:aws:s3:::${n}/*`).join(', ')} through ${id}: aws:ResourceOrgID and aws:ResourceAccount are ${AWS_OWNED_VALUE}; the request carries no principal of your organization (unsigned, or a pre-signed URL from the service)`,
          `refused by: ${quoted.map(quote).join('; ')}`,
          `why it matters here: ${v.basis}`,
        ],
        fix: perimeterFix(ctx, v),
      }),
    ],
  };
}
