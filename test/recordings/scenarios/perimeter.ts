// Recordings of the policies beside the endpoint's and the target's own: an organization-only S3
// endpoint policy in front of the ECR layer bucket (AWS-owned, outside every organization), and
// the KMS key of an SSE-KMS bucket pinned to the endpoint, which S3's own call never passes.
import type { RecordingScenario } from '../scenario.js';
import { BUCKET, DENIED_ANSWERS, doc, endpointAllowList, policyAccount } from '../../support/fixtures/policy-world.js';
import { addInterfaceEndpoint } from './dns.js';
import { allowOnlyOrg, KEY_ARN, keyPinnedToEndpoint, ORG_ID } from '../../support/fixtures/perimeter.js';
import { baseAccount, IDS } from '../../support/fixtures/world.js';

export const perimeterScenarios: RecordingScenario[] = [
  {
    // An image pull's layer download refused with 403 through the S3 gateway endpoint. The bucket
    // is AWS's: GetBucketLocation is refused as it would be in a real account.
    name: 'policy.data-perimeter-aws-owned',
    account: (() => {
      const a = policyAccount({ endpointPolicy: allowOnlyOrg() });
      a.buckets = [];
      a.denied = { 's3.bucket-location': 's3:GetBucketLocation' };
      a.organization = { Id: ORG_ID };
      return a;
    })(),
    answers: {
      ...DENIED_ANSWERS,
      'target.bucket': 'prod-us-east-1-starport-layer-bucket',
      'target.key': 'sha256/4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1',
    },
    expect: { verdict: 'problems', findings: ['policy.data-perimeter-aws-owned'] },
  },
  {
    // The artifacts bucket encrypts with a customer managed key whose policy denies use outside
    // the S3 gateway endpoint: the GetObject gets 403 although every other policy allows it.
    name: 'policy.kms-key-denies',
    account: (() => {
      const a = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
      a.encryption = { [BUCKET]: { algorithm: 'aws:kms', keyId: KEY_ARN } };
      a.keys = { [KEY_ARN]: { arn: KEY_ARN } };
      a.resources = { [KEY_ARN]: { policy: keyPinnedToEndpoint(IDS.s3Gateway) } };
      return a;
    })(),
    answers: DENIED_ANSWERS,
    expect: { verdict: 'problems', findings: ['policy.kms-key-denies'] },
  },
  {
    // A private API's GET /orders takes unsigned calls (authorization NONE); the execute-api endpoint
    // policy admits only the orders role, and an unsigned call is an anonymous caller to it.
    name: 'apigw.unsigned-method-endpoint-policy',
    account: (() => {
      const a = baseAccount();
      const e = addInterfaceEndpoint(a, 'execute-api', { privateDns: true });
      e.PolicyDocument = JSON.stringify(
        doc({
          Sid: 'OnlyTheOrdersRole',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/orders-app' },
          Action: 'execute-api:Invoke',
          Resource: '*',
        }),
      );
      a.resources = { a1b2c3d4e5: { endpointTypes: ['PRIVATE'], vpcEndpointIds: [e.VpcEndpointId] } };
      a.apiMethods = {
        a1b2c3d4e5: [{ ResourceId: 'r1abcd', Path: '/orders', HttpMethod: 'GET', AuthorizationType: 'NONE' }],
      };
      return a;
    })(),
    answers: {
      region: 'us-east-1',
      service: 'execute-api',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'access-denied',
      'target.hostname': 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      'target.principal': 'arn:aws:iam::123456789012:role/orders-app',
      'target.resource': 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/orders',
    },
    expect: { verdict: 'problems', findings: ['apigw.unsigned-method-endpoint-policy'] },
  },
];
