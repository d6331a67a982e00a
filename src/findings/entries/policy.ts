// The policy layer's findings: the network works and the answer is 403 — which policy said no.
import type { CatalogueEntry } from '../catalogue-entry.js';
import { DOCS } from '../docs.js';

export const POLICY_FINDINGS = {
  'policy.endpoint-denies': {
    severity: 'error',
    layer: 'endpoint-policy',
    title: 'The VPC endpoint policy does not allow this request',
    why: 'Every request through an endpoint is checked against its policy first; a request the policy does not allow is refused with 403 whatever the IAM and bucket policies say.',
    remedy:
      'Allow the principal, action and resource in the endpoint policy (aws ec2 modify-vpc-endpoint --policy-document file://policy.json).',
    docs: [DOCS.endpointPolicies],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].PolicyDocument' --output text",
    ],
  },
  'policy.bucket-sourcevpce-mismatch': {
    severity: 'error',
    layer: 'resource-policy',
    title: 'The bucket policy denies requests that do not come through the endpoint or VPC it names',
    why: 'A Deny on aws:SourceVpce or aws:SourceVpc applies to every request whose path carries another endpoint or VPC, or none (NAT, internet, console).',
    remedy:
      'Add the endpoint (or VPC) the request really comes through to the condition, or send the traffic through the one the policy names.',
    docs: [DOCS.conditionKeys, DOCS.gatewayS3],
    confirm: ['aws s3api get-bucket-policy --bucket $BUCKET --query Policy --output text'],
  },
  'policy.sourceip-through-endpoint': {
    severity: 'error',
    layer: 'resource-policy',
    title: 'A policy relies on aws:SourceIp, which a request through a VPC endpoint never carries',
    why: 'Through a VPC endpoint AWS sees the private address (aws:VpcSourceIp) and the endpoint (aws:SourceVpce), not a public source IP, so an IpAddress allow never matches and a NotIpAddress deny always does.',
    remedy: 'Condition on aws:VpcSourceIp or aws:SourceVpce instead of aws:SourceIp for requests through the endpoint.',
    docs: [DOCS.conditionKeys],
    confirm: [
      'aws s3api get-bucket-policy --bucket $BUCKET --query Policy --output text',
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].PolicyDocument' --output text",
    ],
  },
  'policy.resource-policy-denies': {
    severity: 'error',
    layer: 'resource-policy',
    title: 'The resource policy of the target does not allow this request',
    why: "The queue, topic, key, secret, table, repository, API or bucket the request acts on has its own policy: an explicit Deny there (often on aws:SourceVpce, aws:SourceVpc or aws:PrincipalArn) refuses the request whatever the endpoint and IAM policies say, and a KMS key, a private API or another account's resource refuses what its policy does not allow.",
    remedy:
      'Add the endpoint, VPC or principal the request really comes from to the statement that refuses it, or allow the request in the policy (the report names the statement and the command for the resource type).',
    docs: [DOCS.conditionKeys, DOCS.policyEvaluation],
    confirm: [
      'aws sqs get-queue-attributes --queue-url $QUEUE_URL --attribute-names Policy',
      'aws kms get-key-policy --key-id $KEY_ARN --policy-name default --output text',
      'aws secretsmanager get-resource-policy --secret-id $SECRET_ARN',
    ],
  },
  'apigw.public-api-private-dns': {
    severity: 'error',
    layer: 'dns',
    title: 'A public API is called through the execute-api endpoint, which carries only private APIs',
    why: "With private DNS on, the endpoint answers for *.execute-api.<region>.amazonaws.com inside the VPC, so a public (Regional or edge-optimized) API's default name resolves to the endpoint, and a VPC endpoint routes only to private APIs: the call gets 403 Forbidden (Knowledge Center, api-gateway-vpc-connections).",
    remedy:
      "Call the public API by a custom domain name, which private DNS does not capture; or turn the endpoint's private DNS off if no private API is called by its default name.",
    docs: [DOCS.apiGatewayPrivateApis],
    confirm: [
      'aws apigateway get-rest-api --rest-api-id $API_ID --query endpointConfiguration',
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].PrivateDnsEnabled'",
    ],
  },
  'apigw.private-api-hostname': {
    severity: 'error',
    layer: 'dns',
    title: "A private API is called by its default name, but the endpoint's private DNS is off",
    why: 'Without private DNS the default name {api-id}.execute-api.<region>.amazonaws.com resolves to public addresses, where a private API does not answer; from the VPC it is reached by the endpoint-specific name {api-id}-{vpce-id}, once the endpoint is associated with the API.',
    remedy:
      'Associate the endpoint with the API and call {api-id}-{vpce-id}.execute-api.<region>.amazonaws.com, or turn private DNS on for the endpoint.',
    docs: [DOCS.apiGatewayPrivateInvoke],
    confirm: [
      'aws apigateway get-rest-api --rest-api-id $API_ID --query endpointConfiguration',
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].PrivateDnsEnabled'",
    ],
  },
  'client.region-mismatch': {
    severity: 'error',
    layer: 'client',
    title: 'The bucket is in another Region than the VPC endpoint',
    why: "A gateway endpoint and its prefix list carry traffic only to the service in the endpoint's own Region; requests for a bucket elsewhere leave by the internet or NAT gateway, or time out.",
    remedy:
      'Call the bucket in its own Region (--region), or reach that Region through an interface endpoint over peering or a transit gateway.',
    docs: [DOCS.gatewayS3],
    confirm: ['aws s3api get-bucket-location --bucket $BUCKET'],
  },
  'policy.identity-denies': {
    severity: 'error',
    layer: 'identity',
    title: "IAM policy simulation (advisory): the caller's IAM policies do not allow this action",
    why: "Without an allow in the principal's identity policies (and inside its permissions boundary), AWS refuses the request unless a resource policy grants it; this is IAM's own simulator, run with this path's context, not the live request.",
    remedy: 'Grant the action to the principal in its IAM policies (within its permissions boundary).',
    docs: [DOCS.policyEvaluation],
    confirm: [
      'aws iam simulate-principal-policy --policy-source-arn $PRINCIPAL_ARN --action-names $ACTION --resource-arns $RESOURCE_ARN',
    ],
  },
  'policy.endpoint-full-access': {
    severity: 'info',
    layer: 'endpoint-policy',
    title: 'The endpoint keeps the default full-access policy',
    why: 'The default policy allows any principal, action and resource through the endpoint; a data perimeter would narrow it to your organization and your resources.',
    remedy:
      'Narrow the endpoint policy to your organization and resources (a data perimeter) if you need one; nothing is broken.',
    docs: [DOCS.endpointPolicies],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].PolicyDocument' --output text",
    ],
  },
  'policy.org-guardrail': {
    severity: 'warning',
    layer: 'identity',
    title: 'Advisory: nothing vpce-doctor can read denies this request — check organization guardrails (SCP/RCP)',
    why: 'Service control and resource control policies can deny on VPC conditions and override every allow; member accounts usually cannot read them, and the AccessDenied message names the policy type that denied.',
    remedy: 'Ask the organization administrator which SCP or RCP denies the request, naming the condition to check.',
    docs: [DOCS.serviceControlPolicies, DOCS.policyEvaluation],
    confirm: [
      'aws sts get-caller-identity',
      'aws organizations list-policies-for-target --target-id $ACCOUNT_ID --filter SERVICE_CONTROL_POLICY   # from the management account',
    ],
  },
} as const satisfies Record<string, CatalogueEntry>;
