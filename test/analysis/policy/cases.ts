// Hand-written, real-world policy shapes with the decision each request must get. Shared by the
// unit tests and the differential test against the oracle.

import type { Decision, PolicyRequest } from '../../../src/analysis/policy/evaluate.js';

export const ACCOUNT = '111122223333';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-task`;
export const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app-task/i-0abc`;
export const BUCKET = 'arn:aws:s3:::acme-data';
export const OBJECT = `${BUCKET}/reports/2024.csv`;
export const ECR_LAYER_OBJECT = 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/sha256-deadbeef';

export interface PolicyCase {
  name: string;
  policy: Record<string, unknown>;
  request: PolicyRequest;
  expected: Decision;
  /** The Sid (or index) of the statement expected among `deciding`, when it matters. */
  decidingSid?: string;
}

export function request(overrides: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    principal: { arn: SESSION, accountId: ACCOUNT },
    action: 's3:GetObject',
    resource: OBJECT,
    context: {},
    ...overrides,
  };
}

const doc = (...Statement: Record<string, unknown>[]): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement,
});

const denyOtherVpce = (key: string, values: string | string[]): Record<string, unknown> =>
  doc(
    { Sid: 'AllowApp', Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] },
    {
      Sid: 'DenyOtherVpce',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { StringNotEquals: { [key]: values } },
    },
  );

export const RESOURCE_CASES: PolicyCase[] = [
  {
    name: 'Deny StringNotEquals aws:sourceVpce (lowercase key), request through another endpoint → explicit deny',
    policy: denyOtherVpce('aws:sourceVpce', 'vpce-1a2b'),
    request: request({ context: { 'aws:SourceVpce': 'vpce-9f8e' } }),
    expected: 'explicit-deny',
    decidingSid: 'DenyOtherVpce',
  },
  {
    name: 'Deny StringNotEquals aws:sourceVpce, request through the named endpoint → allowed by AllowApp',
    policy: denyOtherVpce('aws:sourceVpce', 'vpce-1a2b'),
    request: request({ context: { 'aws:SourceVpce': 'vpce-1a2b' } }),
    expected: 'allow',
    decidingSid: 'AllowApp',
  },
  {
    name: 'Deny StringNotEquals aws:SourceVpce, request over NAT (no endpoint key) → explicit deny (negated operator, key absent)',
    policy: denyOtherVpce('aws:SourceVpce', 'vpce-1a2b'),
    request: request({ context: { 'aws:SourceIp': '203.0.113.7' } }),
    expected: 'explicit-deny',
  },
  {
    name: 'Deny with a list of endpoints, request through the second → allow',
    policy: denyOtherVpce('aws:SourceVpce', ['vpce-1a2b', 'vpce-3c4d', 'vpce-5e6f']),
    request: request({ context: { 'aws:SourceVpce': 'vpce-3c4d' } }),
    expected: 'allow',
  },
  {
    name: 'Deny with a list of endpoints, request through none of them → explicit deny',
    policy: denyOtherVpce('aws:SourceVpce', ['vpce-1a2b', 'vpce-3c4d']),
    request: request({ context: { 'aws:SourceVpce': 'vpce-7777' } }),
    expected: 'explicit-deny',
  },
  {
    name: 'Deny StringNotEquals aws:SourceVpc, request from the named VPC → allow',
    policy: denyOtherVpce('aws:SourceVpc', 'vpc-0aa1'),
    request: request({ context: { 'aws:SourceVpc': 'vpc-0aa1', 'aws:SourceVpce': 'vpce-9f8e' } }),
    expected: 'allow',
  },
  {
    name: 'Deny StringNotEquals aws:SourceVpc, request from another VPC → explicit deny',
    policy: denyOtherVpce('aws:SourceVpc', 'vpc-0aa1'),
    request: request({ context: { 'aws:SourceVpc': 'vpc-0bb2', 'aws:SourceVpce': 'vpce-9f8e' } }),
    expected: 'explicit-deny',
  },
  {
    name: 'Allow only from office public CIDRs, request through an endpoint (no aws:SourceIp) → implicit deny',
    policy: doc({
      Sid: 'OfficeOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.0/24'] } },
    }),
    request: request({ context: { 'aws:SourceVpce': 'vpce-1a2b', 'aws:VpcSourceIp': '10.0.1.15' } }),
    expected: 'implicit-deny',
  },
  {
    name: 'Allow only from office public CIDRs, request from the office → allow',
    policy: doc({
      Sid: 'OfficeOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.0/24'] } },
    }),
    request: request({ context: { 'aws:SourceIp': '203.0.113.77' } }),
    expected: 'allow',
  },
  {
    name: 'Deny NotIpAddress aws:SourceIp, request through an endpoint → explicit deny',
    policy: doc({
      Sid: 'DenyOutsideOffice',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } },
    }),
    request: request({ context: { 'aws:SourceVpce': 'vpce-1a2b' } }),
    expected: 'explicit-deny',
    decidingSid: 'DenyOutsideOffice',
  },
  {
    name: 'Deny with NotAction s3:GetObject does not catch GetObject → implicit deny (no allow either)',
    policy: doc({
      Sid: 'DenyWrites',
      Effect: 'Deny',
      Principal: '*',
      NotAction: ['s3:GetObject', 's3:List*'],
      Resource: '*',
    }),
    request: request(),
    expected: 'implicit-deny',
  },
  {
    name: 'Deny with NotAction catches PutObject',
    policy: doc({
      Sid: 'DenyWrites',
      Effect: 'Deny',
      Principal: '*',
      NotAction: ['s3:GetObject', 's3:List*'],
      Resource: '*',
    }),
    request: request({ action: 's3:PutObject' }),
    expected: 'explicit-deny',
  },
  {
    name: 'Allow with NotResource excluding another bucket → allow',
    policy: doc({
      Effect: 'Allow',
      Principal: { AWS: ACCOUNT },
      Action: 's3:GetObject',
      NotResource: 'arn:aws:s3:::secret-bucket/*',
    }),
    request: request(),
    expected: 'allow',
  },
  {
    name: 'Allow with NotResource excluding this bucket → implicit deny',
    policy: doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:GetObject', NotResource: `${BUCKET}/*` }),
    request: request(),
    expected: 'implicit-deny',
  },
  {
    name: 'Deny NotPrincipal the app role: the role session is exempt',
    policy: doc(
      { Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      {
        Sid: 'DenyEveryoneElse',
        Effect: 'Deny',
        NotPrincipal: { AWS: [ROLE, `arn:aws:iam::${ACCOUNT}:root`] },
        Action: 's3:*',
        Resource: '*',
      },
    ),
    request: request(),
    expected: 'allow',
  },
  {
    name: 'Deny NotPrincipal the app role: another account is denied',
    policy: doc(
      { Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      { Sid: 'DenyEveryoneElse', Effect: 'Deny', NotPrincipal: { AWS: [ROLE] }, Action: 's3:*', Resource: '*' },
    ),
    request: request({ principal: { arn: 'arn:aws:iam::444455556666:user/mallory', accountId: '444455556666' } }),
    expected: 'explicit-deny',
    decidingSid: 'DenyEveryoneElse',
  },
  {
    name: 'Principal role ARN covers an assumed-role session of that role',
    policy: doc({ Effect: 'Allow', Principal: { AWS: [ROLE] }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    request: request(),
    expected: 'allow',
  },
  {
    name: 'Principal role ARN of another role does not cover this session',
    policy: doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/other` },
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
    }),
    request: request(),
    expected: 'implicit-deny',
  },
  {
    name: 'StringNotEqualsIfExists aws:SourceVpce: absent key → the Deny still applies (IfExists is true when absent)',
    policy: doc(
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
      {
        Sid: 'DenyIfOtherVpce',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b' } },
      },
    ),
    request: request({ context: { 'aws:SourceIp': '203.0.113.7' } }),
    expected: 'explicit-deny',
  },
  {
    name: 'StringEqualsIfExists aws:SourceVpce in an Allow: absent key → allow',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b' } },
    }),
    request: request({ context: { 'aws:SourceIp': '203.0.113.7' } }),
    expected: 'allow',
  },
  {
    name: 'StringEqualsIfExists aws:SourceVpce in an Allow: another endpoint → implicit deny',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b' } },
    }),
    request: request({ context: { 'aws:SourceVpce': 'vpce-9f8e' } }),
    expected: 'implicit-deny',
  },
  {
    name: 'StringNotEqualsIfExists aws:SourceVpce: present and different → deny',
    policy: doc(
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
      {
        Sid: 'DenyIfOtherVpce',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b' } },
      },
    ),
    request: request({ context: { 'aws:SourceVpce': 'vpce-9f8e' } }),
    expected: 'explicit-deny',
  },
  {
    name: 'ForAnyValue:StringLike on aws:PrincipalOrgPaths matches one path',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc123/r-ab12/ou-ab12-11111111/*' } },
    }),
    request: request({ context: { 'aws:PrincipalOrgPaths': ['o-abc123/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'] } }),
    expected: 'allow',
  },
  // The organization path keys, as the IAM User Guide documents them
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths):
  // a list holding the account's path `o-…/r-…/ou-…/…/`, compared with ForAnyValue.
  {
    name: 'ForAnyValue:StringEquals on aws:PrincipalOrgPaths: an account directly under the root matches the root path exactly',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/' } },
    }),
    request: request({ context: { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/'] } }),
    expected: 'allow',
  },
  {
    name: 'ForAnyValue:StringLike on aws:ResourceOrgPaths: the resource owner in a child OU of the one named',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } },
    }),
    request: request({
      context: { 'aws:ResourceOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'] },
    }),
    expected: 'allow',
  },
  {
    name: 'Deny with ForAnyValue:StringNotLike on aws:ResourceOrgPaths: a resource outside the OU is refused',
    policy: doc(
      { Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      {
        Sid: 'DenyOutsideOu',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          'ForAnyValue:StringNotLike': { 'aws:ResourceOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' },
        },
      },
    ),
    request: request({ context: { 'aws:ResourceOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-99999999/'] } }),
    expected: 'explicit-deny',
    decidingSid: 'DenyOutsideOu',
  },
  {
    name: 'Single-valued StringLike on aws:PrincipalOrgPaths (a list) without a set qualifier never matches',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringLike: { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } },
    }),
    request: request({ context: { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/'] } }),
    expected: 'implicit-deny',
  },
  {
    name: 'ForAnyValue with the key absent → false',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } },
    }),
    request: request(),
    expected: 'implicit-deny',
  },
  {
    name: 'ForAllValues with the key absent → true',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
    }),
    request: request(),
    expected: 'allow',
  },
  {
    name: 'ForAllValues with one value outside the list → false',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
    }),
    request: request({ context: { 'aws:TagKeys': ['team', 'cost-center'] } }),
    expected: 'implicit-deny',
  },
  {
    name: 'Null aws:SourceVpce "true" in a Deny: request without an endpoint is denied',
    policy: doc(
      { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      {
        Sid: 'DenyNoEndpoint',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { Null: { 'aws:SourceVpce': 'true' } },
      },
    ),
    request: request({ context: { 'aws:SourceIp': '203.0.113.7' } }),
    expected: 'explicit-deny',
  },
  {
    name: 'Null aws:SourceVpce "true" in a Deny: request through an endpoint passes',
    policy: doc(
      { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      {
        Sid: 'DenyNoEndpoint',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { Null: { 'aws:SourceVpce': 'true' } },
      },
    ),
    request: request({ context: { 'aws:SourceVpce': 'vpce-1a2b' } }),
    expected: 'allow',
  },
  {
    name: 'Bool aws:SecureTransport false (JSON boolean) denies plain HTTP',
    policy: doc(
      { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      {
        Sid: 'DenyInsecure',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': false } },
      },
    ),
    request: request({ context: { 'aws:SecureTransport': 'false' } }),
    expected: 'explicit-deny',
  },
  {
    name: 'Bool aws:SecureTransport false: HTTPS request passes',
    policy: doc(
      { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      {
        Sid: 'DenyInsecure',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ),
    request: request({ context: { 'aws:SecureTransport': 'true' } }),
    expected: 'allow',
  },
  {
    name: 'ArnLike aws:PrincipalArn with a wildcard role name',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app-*` } },
    }),
    request: request({ context: { 'aws:PrincipalArn': ROLE } }),
    expected: 'allow',
  },
  {
    name: 'ArnNotEquals aws:PrincipalArn: Deny everyone but the app role',
    policy: doc(
      { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      {
        Sid: 'OnlyApp',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': ROLE } },
      },
    ),
    request: request({ context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ops` } }),
    expected: 'explicit-deny',
  },
  {
    name: 'StringEqualsIgnoreCase on aws:PrincipalTag',
    policy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'DATA' } },
    }),
    request: request({ context: { 'aws:PrincipalTag/team': 'data' } }),
    expected: 'allow',
  },
  {
    name: 'Action matching is case-insensitive with ? wildcard',
    policy: doc({ Effect: 'Allow', Principal: '*', Action: 'S3:get?bject', Resource: `${BUCKET}/*` }),
    request: request(),
    expected: 'allow',
  },
  {
    name: 'Resource matching is case-sensitive',
    policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::ACME-DATA/*' }),
    request: request(),
    expected: 'implicit-deny',
  },
  {
    name: 'Single statement object (not an array) with a Principal account id',
    policy: {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: ['s3:GetObject'], Resource: `${BUCKET}/*` },
    },
    request: request(),
    expected: 'allow',
  },
];

const allowList = doc(
  {
    Sid: 'AppBucket',
    Effect: 'Allow',
    Principal: '*',
    Action: ['s3:GetObject', 's3:PutObject'],
    Resource: `${BUCKET}/*`,
  },
  {
    Sid: 'AppRepo',
    Effect: 'Allow',
    Principal: '*',
    Action: 'ecr:*',
    Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`,
  },
);

export const ENDPOINT_CASES: PolicyCase[] = [
  {
    name: 'S3 gateway allow-list without the ECR layer bucket → implicit deny of the image pull',
    policy: allowList,
    request: request({ resource: ECR_LAYER_OBJECT }),
    expected: 'implicit-deny',
  },
  {
    name: 'S3 gateway allow-list, the app bucket → allow',
    policy: allowList,
    request: request(),
    expected: 'allow',
    decidingSid: 'AppBucket',
  },
  {
    name: 'Endpoint default full access',
    policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
    request: request({ resource: ECR_LAYER_OBJECT }),
    expected: 'allow',
  },
  {
    name: 'Endpoint policy restricted to the org by aws:PrincipalOrgID, caller in another org',
    policy: doc({
      Sid: 'OrgOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    }),
    request: request({ context: { 'aws:PrincipalOrgID': 'o-zzz999' } }),
    expected: 'implicit-deny',
  },
  {
    name: 'Endpoint policy with an explicit Deny for PutObject',
    policy: doc(
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
      { Sid: 'NoWrites', Effect: 'Deny', Principal: '*', Action: 's3:Put*', Resource: '*' },
    ),
    request: request({ action: 's3:PutObject' }),
    expected: 'explicit-deny',
    decidingSid: 'NoWrites',
  },
];
