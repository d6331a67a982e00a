// Findings of policies beyond the endpoint and the target's own policy: a data perimeter that
// refuses AWS-owned buckets, the KMS key S3 uses for the caller on an encrypted bucket, and an
// execute-api endpoint policy that refuses the unsigned calls of methods without authorization.
import type { CatalogueEntry } from '../catalogue-entry.js';
import { DOCS } from '../docs.js';

export const PERIMETER_FINDINGS = {
  'policy.data-perimeter-aws-owned': {
    severity: 'error',
    layer: 'endpoint-policy',
    title: "The S3 endpoint's data perimeter refuses AWS-owned buckets the workload needs",
    why: "ECR image layers, the Amazon Linux repositories and Systems Manager's files live in S3 buckets owned by AWS, outside your organization, and are read unsigned or by a pre-signed URL: an endpoint policy that allows only your organization's resources or principals (aws:ResourceOrgID, aws:ResourceAccount, aws:PrincipalOrgID) refuses them with 403 unless it names them as an exception.",
    remedy:
      'Add the documented exception to the endpoint policy: Allow s3:GetObject on arn:aws:s3:::<bucket>/* for each AWS-owned bucket, with no organization condition (aws ec2 modify-vpc-endpoint --policy-document).',
    docs: [DOCS.dataPerimeters, DOCS.ecrS3Permissions, DOCS.ssmAgentBuckets, DOCS.endpointPolicies],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].PolicyDocument' --output text",
    ],
  },
  'policy.kms-key-denies': {
    severity: 'error',
    layer: 'resource-policy',
    title: "The KMS key that encrypts the bucket's objects does not let S3 use it for the caller",
    why: "An object encrypted with a customer managed key (SSE-KMS) is read only if S3 may call kms:Decrypt on the key for the caller; that call comes from S3, not through the VPC's endpoints, so a key policy that leaves the caller out, or requires aws:SourceVpce / aws:SourceVpc, refuses it and the GetObject answers 403.",
    remedy:
      'Allow the caller kms:Decrypt (kms:GenerateDataKey to write) in the key policy, and exempt calls AWS services make for it (aws:ViaAWSService) from VPC conditions (aws kms put-key-policy).',
    docs: [DOCS.forwardAccessSessions, DOCS.kmsVpceConditions],
    confirm: [
      'aws s3api get-bucket-encryption --bucket $BUCKET',
      'aws kms get-key-policy --key-id $KEY_ARN --policy-name default --output text',
    ],
  },
  'apigw.unsigned-method-endpoint-policy': {
    severity: 'error',
    layer: 'endpoint-policy',
    title: 'The execute-api endpoint policy names principals, but the method takes unsigned calls',
    why: 'A method whose authorization type is NONE is called without a SigV4 signature, and the endpoint policy judges a request without one as an anonymous caller: a policy that allows only named principals (or an organization) refuses it with 403 whoever the client runs as.',
    remedy:
      'Allow execute-api:Invoke by any principal on those methods in the endpoint policy (the API resource policy still decides), or set the methods to AWS_IAM authorization and sign the calls.',
    docs: [DOCS.apiGatewayEndpointPolicies, DOCS.endpointPolicies],
    confirm: [
      'aws apigateway get-resources --rest-api-id $API_ID --embed methods',
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].PolicyDocument' --output text",
    ],
  },
} as const satisfies Record<string, CatalogueEntry>;
