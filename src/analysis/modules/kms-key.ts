// KMS on the S3 path: the bucket's default encryption key and its key policy against the call
// S3 makes for the caller (verdict, words and fix in ../policy/kms/). Runs with the policy layer.
import type { CheckModule, ModuleResult } from '../check-module.js';
import { kmsReads, kmsVerdict } from '../policy/kms/verdict.js';
import { explainKms } from '../policy/kms/explain.js';
import { organizationPathReads } from '../policy/scope.js';
import { noteOrganizationRead, ORGANIZATION_TOLERATED } from '../policy/organization.js';

export const kmsKeyModule: CheckModule = {
  id: 'kms-key',
  layer: 'resource-policy',
  requires(ctx) {
    const reads = kmsReads(ctx);
    return [...reads, ...organizationPathReads(ctx, reads)];
  },
  // The policy layer reads these too and reports them (policy.bucket-region, policy.request);
  // without them there is no KMS request to judge and this module adds no check.
  tolerates: [
    {
      key: 's3.bucket-location',
      reason: 'the policy layer names a bucket whose Region is unknown (policy.bucket-region)',
    },
    { key: 'sts.caller-identity', reason: 'the policy layer names an unknown caller (policy.request)' },
    ...ORGANIZATION_TOLERATED,
  ],
  evaluate(ctx): ModuleResult {
    const { checks, findings } = explainKms(kmsVerdict(ctx));
    return { checks: noteOrganizationRead(ctx, checks), findings };
  },
};
