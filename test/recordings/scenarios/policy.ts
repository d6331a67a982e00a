// The policy layer's recordings: the network is healthy and the answer is 403 — each shows the
// policy that says no, with the statement that decides.
import type { RecordingScenario } from '../scenario.js';
import { baseAccount, DEFAULT_POLICY } from '../../support/fixtures/world.js';
import { addInterfaceEndpoint } from './dns.js';
import { IDS } from '../../support/fixtures/world.js';
import { BUCKET, DENIED_ANSWERS, denyOutsideOffice, denyUnlessVpce, endpointAllowList, OTHER_VPCE, policyAccount, ROLE_ARN } from '../../support/fixtures/policy-world.js';

const denied = DENIED_ANSWERS;

/** Issue 11's second incident: a DynamoDB table whose resource policy admits only an old endpoint. */
function tablePinnedToOldEndpoint() {
  const account = policyAccount();
  const ddb = { ...account.endpoints[0]!, VpcEndpointId: 'vpce-0dd0dd0dd0dd0dd01', ServiceName: 'com.amazonaws.us-east-1.dynamodb', PolicyDocument: DEFAULT_POLICY };
  account.endpoints = [ddb];
  for (const t of account.routeTables) t.Routes.push({ DestinationPrefixListId: 'pl-02cd2c6b', GatewayId: ddb.VpcEndpointId, Origin: 'CreateRoute', State: 'active' });
  const table = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
  account.resources = {
    [table]: {
      policy: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'OnlyThroughOldEndpoint', Effect: 'Deny', Principal: '*', Action: 'dynamodb:*', Resource: table, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-001d0e0d0e0d0e0d1' } } }],
      },
    },
  };
  return account;
}

export const policyScenarios: RecordingScenario[] = [
  {
    // Every visible policy allows: the advisory points at organization guardrails; not an error.
    name: 'healthy.s3-access-denied-policies-allow',
    account: policyAccount({ endpointPolicy: endpointAllowList(BUCKET), bucketPolicy: denyUnlessVpce(IDS.s3Gateway) }),
    answers: denied,
    expect: { verdict: 'healthy', findings: ['policy.org-guardrail'] },
  },
  {
    name: 'healthy.s3-bucket-target',
    account: policyAccount({ endpointPolicy: endpointAllowList(BUCKET), bucketPolicy: denyUnlessVpce([OTHER_VPCE, IDS.s3Gateway]) }),
    answers: { ...denied, symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    name: 'policy.endpoint-denies',
    account: policyAccount({ endpointPolicy: endpointAllowList('acme-logs', 'prod-us-east-1-starport-layer-bucket') }),
    answers: denied,
    expect: { verdict: 'problems', findings: ['policy.endpoint-denies'] },
  },
  {
    name: 'policy.bucket-sourcevpce-mismatch',
    account: policyAccount({ bucketPolicy: denyUnlessVpce(OTHER_VPCE) }),
    answers: denied,
    expect: { verdict: 'problems', findings: ['policy.endpoint-full-access', 'policy.bucket-sourcevpce-mismatch'] },
  },
  {
    name: 'policy.sourceip-through-endpoint',
    account: policyAccount({ endpointPolicy: endpointAllowList(BUCKET), bucketPolicy: denyOutsideOffice() }),
    answers: denied,
    expect: { verdict: 'problems', findings: ['policy.sourceip-through-endpoint'] },
  },
  {
    name: 'client.region-mismatch',
    account: policyAccount({ endpointPolicy: endpointAllowList(BUCKET), locationConstraint: 'EU' }),
    answers: denied,
    expect: { verdict: 'problems', findings: ['client.region-mismatch'] },
  },
  {
    name: 'policy.identity-denies',
    account: (() => {
      const a = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
      a.simulations = { [ROLE_ARN]: { decision: 'implicitDeny' } };
      return a;
    })(),
    answers: denied,
    expect: { verdict: 'problems', findings: ['policy.identity-denies'] },
  },
  {
    name: 'policy.endpoint-full-access',
    account: policyAccount(),
    answers: { ...denied, symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: ['policy.endpoint-full-access'] },
  },
  {
    name: 'policy.org-guardrail',
    account: (() => {
      const a = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
      a.simulations = { [ROLE_ARN]: { decision: 'explicitDeny', allowedByOrganizations: false } };
      return a;
    })(),
    answers: denied,
    expect: { verdict: 'problems', findings: ['policy.org-guardrail'] },
  },
  {
    // The advisory IAM simulation is refused: the identity layer went unchecked, so not healthy.
    name: 'incomplete.policy-simulation-denied',
    account: (() => {
      const a = policyAccount({ endpointPolicy: endpointAllowList(BUCKET), bucketPolicy: denyUnlessVpce(IDS.s3Gateway) });
      a.denied = { 'iam.simulate-principal-policy': 'iam:SimulatePrincipalPolicy' };
      return a;
    })(),
    answers: denied,
    expect: { verdict: 'incomplete', findings: ['policy.org-guardrail'] },
  },
  {
    name: 'policy.resource-policy-denies',
    account: tablePinnedToOldEndpoint(),
    answers: { region: 'us-east-1', service: 'dynamodb', 'source.kind': 'instance', 'source.id': IDS.instance, symptom: 'access-denied', 'target.table': 'orders' },
    expect: { verdict: 'problems', findings: ['policy.endpoint-full-access', 'policy.resource-policy-denies'] },
  },
];

/** An execute-api interface endpoint (private DNS on or off) and REST API a1b2c3d4e5 of the given type. */
function apiAccount(types: string[], privateDns: boolean) {
  const a = baseAccount();
  addInterfaceEndpoint(a, 'execute-api', { privateDns });
  a.resources = { a1b2c3d4e5: { endpointTypes: types } };
  return a;
}
const apiAnswers = {
  region: 'us-east-1',
  service: 'execute-api',
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'unknown',
  'target.hostname': 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
} as const;

policyScenarios.push(
  {
    // KC api-gateway-vpc-connections: a Regional API's default name captured by the endpoint's private DNS.
    name: 'apigw.public-api-private-dns',
    account: apiAccount(['REGIONAL'], true),
    answers: apiAnswers,
    expect: { verdict: 'problems', findings: ['apigw.public-api-private-dns'] },
  },
  {
    name: 'apigw.private-api-hostname',
    account: apiAccount(['PRIVATE'], false),
    answers: apiAnswers,
    expect: { verdict: 'problems', findings: ['dns.private-dns-disabled', 'apigw.private-api-hostname'] },
  },
);
