// The commands and files that fix a bucket's Region mismatch or its bucket policy, from the verdicts.
import type { Fix } from '../../../findings/types.js';
import { awsCommand } from '../../../findings/command.js';
import { fileFix, inlineDocument, notRepaired } from '../file-fix.js';
import { repairResourcePolicy, repairSourceIp } from '../repair.js';
import type { BucketPolicyVerdict, BucketRegionVerdict } from './verdict.js';

const BUCKET_FILE = 'bucket-policy.json';

export function callInItsRegion(v: Extract<BucketRegionVerdict, { kind: 'other-region' }>, endpointId: string): Fix {
  const { bucket: name, region } = v;
  return {
    summary:
      `Call ${name} in its own Region (${region}: --region ${region} or AWS_REGION=${region} in the client). ` +
      `Traffic to ${region} cannot use ${endpointId}: reach it through an S3 interface endpoint in ${region} over VPC peering or a transit gateway, or by NAT; or keep the data in a bucket in ${v.pathRegion}.`,
    commands: [],
  };
}

/**
 * One corrected document for every fixable statement, shared by the findings it fixes: the fix
 * for a finding is that file, or (nothing repairable) `what` plus the problems met.
 */
export function bucketPolicyFix(v: Extract<BucketPolicyVerdict, { kind: 'denies' }>): (what: string) => Fix {
  const name = v.bucket;
  let doc = v.document;
  const changes: string[] = [];
  const problems: string[] = [];
  if (v.sourceIp.length > 0 && v.endpoint !== undefined) {
    const r = repairSourceIp(doc, v.endpoint.VpcEndpointId);
    if (r.kind === 'repaired') {
      doc = r.json;
      changes.push(...r.changes);
    } else problems.push(notRepaired(r, 'the bucket policy'));
  }
  // A Deny on the path (aws:SourceVpce / aws:SourceVpc) or on a list of principals that leaves this caller out.
  if (v.vpc.length > 0 || v.other.length > 0) {
    const r = repairResourcePolicy(doc, v.judged.request);
    if (r.kind === 'repaired') {
      doc = r.json;
      changes.push(...r.changes);
    } else problems.push(notRepaired(r, 'the bucket policy'));
  }
  // put-bucket-policy replaces the whole policy: the file is the user's policy with only these edits.
  // awscli.amazonaws.com/v2/documentation/api/latest/reference/s3api/put-bucket-policy.html (--policy takes the JSON inline)
  const command = awsCommand('s3api', 'put-bucket-policy', ['--bucket', name, '--policy', inlineDocument(doc)], {
    region: v.region,
  });
  return (what: string): Fix =>
    changes.length > 0
      ? fileFix(
          `Replace the bucket policy of ${name} with the corrected document (${BUCKET_FILE}): ${changes.join('; ')}. Every other statement stays as it is.${problems.length > 0 ? ` Still to do by hand: ${problems.join(' ')}` : ''}`,
          command,
          BUCKET_FILE,
          doc,
        )
      : { summary: `${what} ${problems.join(' ')}`, commands: [] };
}
