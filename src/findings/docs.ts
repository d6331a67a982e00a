// The AWS documentation pages findings link to, each checked against the page itself (title
// and address) on 2026-12-02. A finding names the pages that state the facts it relies on.

export interface DocLink {
  readonly title: string;
  readonly url: string;
}

export const DOCS = {
  gatewayEndpoints: {
    title: 'Gateway endpoints (AWS PrivateLink guide)',
    url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
  },
  gatewayS3: {
    title: 'Gateway endpoints for Amazon S3',
    url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html',
  },
  gatewayDynamoDb: {
    title: 'Gateway endpoints for Amazon DynamoDB',
    url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html',
  },
  accessServices: {
    title: 'Access AWS services through AWS PrivateLink',
    url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html',
  },
  endpointPolicies: {
    title: 'Control access to VPC endpoints using endpoint policies',
    url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
  },
  s3PrivateLink: {
    title: 'AWS PrivateLink for Amazon S3',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html',
  },
  vpcDns: {
    title: 'DNS attributes for your VPC',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html',
  },
  dhcpOptions: {
    title: 'DHCP option sets in Amazon VPC',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_DHCP_Options.html',
  },
  routePriority: {
    title: 'How route priority works',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html',
  },
  resolverOutbound: {
    title: 'Forwarding outbound DNS queries to your network (Route 53 Resolver)',
    url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries.html',
  },
  resolverInbound: {
    title: 'Forwarding inbound DNS queries to your VPCs (Route 53 Resolver)',
    url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html',
  },
  privateHostedZones: {
    title: 'Considerations when working with a private hosted zone',
    url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html',
  },
  securityGroups: {
    title: 'Control traffic to resources using security groups',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html',
  },
  networkAcls: {
    title: 'Control subnet traffic with network access control lists',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
  },
  conditionKeys: {
    title: 'AWS global condition context keys',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  },
  policyEvaluation: {
    title: 'Policy evaluation logic (IAM)',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  },
  serviceControlPolicies: {
    title: 'Service control policies (AWS Organizations)',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scp.html',
  },
  stsRegional: {
    title: 'AWS STS Regional endpoints (SDKs and Tools reference)',
    url: 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html',
  },
  ecrEndpoints: {
    title: 'Amazon ECR interface VPC endpoints (AWS PrivateLink)',
    url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
  },
  cliProxy: {
    title: 'Using an HTTP proxy (AWS CLI)',
    url: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-proxy.html',
  },
  // States that with private DNS on, public APIs' default names are not reachable from the VPC
  // (also Knowledge Center "api-gateway-vpc-connections").
  apiGatewayPrivateApis: {
    title: 'Private REST APIs in API Gateway (API Gateway Developer Guide)',
    url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html',
  },
  apiGatewayPrivateInvoke: {
    title: 'Invoke a private API (API Gateway Developer Guide)',
    url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html',
  },
  // Trusted resources "owned by your AWS accounts or by AWS services acting on your behalf"; points to the
  // aws-samples/data-perimeter-policy-examples statements for AWS-owned resources.
  dataPerimeters: {
    title: 'Establish permissions guardrails using data perimeters (IAM User Guide)',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_data-perimeters.html',
  },
  // "Minimum Amazon S3 bucket permissions for Amazon ECR": the S3 endpoint policy allows prod-<region>-starport-layer-bucket.
  ecrS3Permissions: {
    title: 'Minimum Amazon S3 bucket permissions for Amazon ECR (Amazon ECR interface VPC endpoints)',
    url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
  },
  // The buckets SSM Agent reads, and that a VPC endpoint path must allow.
  ssmAgentBuckets: {
    title: 'SSM Agent communications with AWS managed S3 buckets (Systems Manager User Guide)',
    url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-technical-details.html',
  },
  // S3 calls KMS for the caller with a forward access session (the SSE-KMS GetObject example).
  forwardAccessSessions: {
    title: 'Forward access sessions (IAM User Guide)',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_forward_access_sessions.html',
  },
  // "requests from integrated AWS services that use an AWS KMS resource on your behalf might fail".
  kmsVpceConditions: {
    title: 'Use VPC endpoints to control access to AWS KMS resources (KMS Developer Guide)',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/vpce-policy-condition.html',
  },
  // "No content" in the Authorization header: "The invoker is evaluated as an anonymous user".
  apiGatewayEndpointPolicies: {
    title: 'Use VPC endpoint policies for private APIs in API Gateway',
    url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html',
  },
} as const satisfies Record<string, DocLink>;
