// The bucket-region and bucket-policy checks and findings, in words, from the verdicts.
import { finding } from '../../../findings/catalogue.js';
import type { Check } from '../../../findings/types.js';
import { couldNotCheck } from '../../check-module.js';
import { noOutcome, type PolicyOutcome } from '../outcome.js';
import { denialEvidence, sourceIpThroughEndpoint } from '../denial-evidence.js';
import { caveatsOf, label, quote, uncertainDetail } from '../statements.js';
import { bucketPolicyFix, callInItsRegion } from './fixes.js';
import { FROM_NAME, type BucketPolicyVerdict, type BucketRegionVerdict } from './verdict.js';
import { GROUP_LABEL } from '../perimeter/aws-owned.js';

function regionCheck(status: Check['status'], detail: string): Check {
  return { id: 'policy.bucket-region', layer: 'client', status, detail };
}

function policyCheck(status: Check['status'], detail: string): Check {
  return { id: 'policy.bucket-policy', layer: 'resource-policy', status, detail };
}

export function explainBucketRegion(v: BucketRegionVerdict): PolicyOutcome {
  const out = noOutcome();
  const name = v.bucket;
  switch (v.kind) {
    case 'unknown':
      out.checks.push(couldNotCheck('policy.bucket-region', 'client', `the Region of bucket ${name}`, v.outcome));
      return out;
    case 'aws-owned-unknown':
      out.checks.push(
        regionCheck(
          'skipped',
          `could not check the Region of bucket ${name}: it is AWS-owned (${GROUP_LABEL[v.owned.group]}) and its name carries no Region; GetBucketLocation answers only the bucket's owner, so it was not called`,
        ),
      );
      return out;
    case 'no-such-bucket':
      out.checks.push(regionCheck('warn', `bucket ${name} does not exist (NoSuchBucket): check target.bucket`));
      return out;
    case 'same-region':
      if (v.owned !== undefined) {
        out.checks.push(
          regionCheck(
            'pass',
            `bucket ${name} is AWS-owned (${GROUP_LABEL[v.owned.group]}); its name puts it in ${v.region}, the endpoint's Region (GetBucketLocation not called: S3 answers it only for the bucket's owner)`,
          ),
        );
        return out;
      }
      out.checks.push(
        regionCheck(
          'pass',
          `bucket ${name} is in ${v.region} (LocationConstraint ${v.constraint}), the endpoint's Region`,
        ),
      );
      return out;
    case 'other-region': {
      const endpoint = v.endpoint;
      if (endpoint === undefined) {
        out.checks.push(
          regionCheck(
            'warn',
            `bucket ${name} is in ${v.region}, not ${v.pathRegion}; no endpoint of this VPC carries the request`,
          ),
        );
        return out;
      }
      out.denied = true;
      out.checks.push(
        regionCheck('fail', `bucket ${name} is in ${v.region}, ${endpoint.VpcEndpointId} serves ${v.pathRegion}`),
      );
      out.findings.push(
        finding('client.region-mismatch', {
          evidence: [
            v.constraint === FROM_NAME
              ? `bucket ${name} is AWS-owned and its name puts it in ${v.region} (GetBucketLocation not called: S3 answers it only for the bucket's owner)`
              : `GetBucketLocation ${name}: LocationConstraint ${v.constraint} → ${v.region}`,
            `${endpoint.VpcEndpointId} (${endpoint.VpcEndpointType}) serves ${endpoint.ServiceName} in ${v.pathRegion}`,
          ],
          fix: callInItsRegion(v, endpoint.VpcEndpointId),
        }),
      );
      return out;
    }
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
}

export function explainBucketPolicy(v: BucketPolicyVerdict): PolicyOutcome {
  const out = noOutcome();
  switch (v.kind) {
    case 'aws-owned':
      // The documented way to reach these buckets from a VPC is your endpoint policy and your identity policy (aws-owned.ts sources).
      out.checks.push(
        policyCheck(
          'pass',
          `bucket ${v.bucket} is AWS-owned (${GROUP_LABEL[v.owned.group]}): its bucket policy is AWS's — not readable from your account and not yours to change; AWS serves it to every customer, so what can refuse the request is the endpoint policy and your identity policies (judged beside this)`,
        ),
      );
      return out;
    case 'not-evaluated':
      out.checks.push(policyCheck('skipped', `could not judge the bucket policy of ${v.bucket}: ${v.reason}`));
      return out;
    case 'unknown':
      out.checks.push(
        couldNotCheck('policy.bucket-policy', 'resource-policy', `the bucket policy of ${v.bucket}`, v.outcome),
      );
      return out;
    case 'no-policy':
      out.checks.push(
        policyCheck('pass', `bucket ${v.bucket} has no bucket policy (NoSuchBucketPolicy): it denies nothing`),
      );
      return out;
    case 'unreadable':
      out.checks.push(policyCheck('error', `could not read the bucket policy of ${v.bucket}: ${v.error}`));
      return out;
    case 'allows':
      out.checks.push(
        policyCheck(
          'pass',
          `the bucket policy of ${v.bucket} allows the request: ${v.statements.map((s) => label(s)).join(', ')}${caveatsOf(v.caveats)}`,
        ),
      );
      return out;
    case 'uncertain':
      out.checks.push(
        policyCheck(
          'skipped',
          `could not judge: ${uncertainDetail(`the bucket policy of ${v.bucket}`, v.judgement)}${caveatsOf(v.caveats)}`,
        ),
      );
      return out;
    case 'leaves-to-iam':
      out.checks.push(
        policyCheck(
          'pass',
          `the bucket policy of ${v.bucket} does not deny the request; no statement allows it either, so access rests on the principal's IAM policies (${v.deciding.map((d) => quote(d.outcome)).join('; ') || 'no Allow statements'})`,
        ),
      );
      return out;
    case 'denies':
      break;
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
  const name = v.bucket;
  const endpoint = v.endpoint;
  out.denied = true;
  out.checks.push(
    policyCheck(
      'fail',
      `the bucket policy of ${name} ${v.explicit ? 'denies' : 'does not allow'} the request: ${v.deciding.map((d) => quote(d.outcome)).join('; ')}`,
    ),
  );
  const fix = bucketPolicyFix(v);
  if (v.vpc.length > 0) {
    out.findings.push(
      finding('policy.bucket-sourcevpce-mismatch', {
        evidence: denialEvidence(
          v.judged,
          `the bucket policy of ${name} denies it`,
          v.vpc.map((d) => quote(d.outcome)),
        ),
        fix: fix(
          endpoint !== undefined
            ? `Add ${endpoint.VpcEndpointId} to the condition, or send the traffic through the endpoint the policy names.`
            : 'Send the traffic through the endpoint or VPC the policy names.',
        ),
      }),
    );
  }
  if (v.sourceIp.length > 0 && endpoint !== undefined) {
    out.findings.push(
      finding('policy.sourceip-through-endpoint', {
        evidence: denialEvidence(
          v.judged,
          `the bucket policy of ${name} ${v.explicit ? 'denies it' : 'does not allow it'}`,
          [...v.sourceIp.map((d) => quote(d.outcome)), sourceIpThroughEndpoint(endpoint.VpcEndpointId)],
        ),
        fix: fix(
          `Condition the statement on aws:SourceVpce (${endpoint.VpcEndpointId}) or aws:VpcSourceIp instead of aws:SourceIp.`,
        ),
      }),
    );
  }
  if (v.other.length > 0 && v.vpc.length === 0 && v.sourceIp.length === 0) {
    // A Deny on something else (a principal, aws:SecureTransport …): the check names it, and the
    // finding is the one every other resource policy gives, with the corrected policy where the
    // Deny lists principals (the caller joins the list).
    const statements = v.other.map((d) => label(d.outcome)).join(', ');
    out.checks.push({
      id: 'policy.bucket-policy-other-deny',
      layer: 'resource-policy',
      status: 'fail',
      detail: `edit ${statements} of the bucket policy of ${name}`,
    });
    out.findings.push(
      finding('policy.resource-policy-denies', {
        title: `The bucket policy of ${name} does not allow this request`,
        evidence: denialEvidence(
          v.judged,
          `the bucket policy of ${name} denies it`,
          v.other.map((d) => quote(d.outcome)),
        ),
        fix: fix(`Edit ${statements} of the bucket policy of ${name} so that it no longer denies this request.`),
      }),
    );
  }
  return out;
}
