// Data-perimeter recordings: an organization-only S3 endpoint policy in front of the ECR layer
// bucket, an AWS-owned bucket outside every customer organization.
import type { RecordingScenario } from '../scenario.js';
import { DENIED_ANSWERS, policyAccount } from '../../support/fixtures/policy-world.js';
import { allowOnlyOrg } from '../../support/fixtures/perimeter.js';

export const perimeterScenarios: RecordingScenario[] = [
  {
    // An image pull's layer download refused with 403 through the S3 gateway endpoint. The bucket
    // is AWS's: GetBucketLocation is refused as it would be in a real account.
    name: 'policy.data-perimeter-aws-owned',
    account: (() => {
      const a = policyAccount({ endpointPolicy: allowOnlyOrg() });
      a.buckets = [];
      a.denied = { 's3.bucket-location': 's3:GetBucketLocation' };
      return a;
    })(),
    answers: {
      ...DENIED_ANSWERS,
      'target.bucket': 'prod-us-east-1-starport-layer-bucket',
      'target.key': 'sha256/4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1',
    },
    expect: { verdict: 'problems', findings: ['policy.data-perimeter-aws-owned'] },
  },
];
