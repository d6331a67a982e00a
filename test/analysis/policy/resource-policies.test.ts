// Resource policies on the path, through the real engine over fixture accounts (the readers'
// answers are fixtures; the same shapes against moto, fixes applied: ../../e2e/service-policies.moto.test.ts): a Deny on
// an old endpoint, a key policy that leaves the caller out, a read IAM refuses — each named,
// never a pass.
import { shellQuote } from '../../../src/findings/command.js';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { baseAccount, DEFAULT_POLICY, IDS } from '../../support/fixtures/world.js';
import { BUCKET, DENIED_ANSWERS, doc, policyAccount } from '../../support/fixtures/policy-world.js';
import { addInterfaceEndpoint } from '../../recordings/scenarios/dns.js';
import { reportOf, walk } from '../../support/diagnose.js';

const ACCOUNT = '123456789012';
const OLD_VPCE = 'vpce-001d0e0d0e0d0e0d1';
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:orders/db-AbCdEf`;
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-app`;

const denyUnlessOldVpce = (resource: string, action: string) =>
  doc({
    Sid: 'OnlyThroughOldEndpoint',
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resource,
    Condition: { StringNotEquals: { 'aws:SourceVpce': OLD_VPCE } },
  });

function interfaceAccount(service: string): { account: Account; endpointId: string } {
  const a = baseAccount();
  const e = addInterfaceEndpoint(a, service);
  return { account: a, endpointId: e.VpcEndpointId };
}

/** The DynamoDB gateway endpoint on the app's route tables (the S3 fixture's shape, for DynamoDB). */
function dynamodbAccount(): { account: Account; endpointId: string } {
  const account = policyAccount();
  const ddb = {
    ...account.endpoints[0]!,
    VpcEndpointId: 'vpce-0dd0dd0dd0dd0dd01',
    ServiceName: 'com.amazonaws.us-east-1.dynamodb',
    PolicyDocument: DEFAULT_POLICY,
  };
  account.endpoints = [ddb];
  for (const t of account.routeTables)
    t.Routes.push({
      DestinationPrefixListId: 'pl-02cd2c6b',
      GatewayId: ddb.VpcEndpointId,
      Origin: 'CreateRoute',
      State: 'active',
    });
  return { account, endpointId: ddb.VpcEndpointId };
}

const base = (service: string, extra: Answers): Answers => ({
  region: 'us-east-1',
  service,
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'access-denied',
  'target.principal': APP_ROLE,
  ...extra,
});

async function diagnose(account: Account, answers: Answers): Promise<Report> {
  return reportOf(await walk(answers, fixtureProbes(account), { how: 'seeded' }));
}
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);
const resourceFinding = (r: Report) => r.findings.find((f) => f.id === 'policy.resource-policy-denies');

/** The corrected document as the command carries it: one compact JSON argument, single-quoted. */
function inlineDoc(f: { fix: { files?: { contents: string }[] } }): string {
  return shellQuote(JSON.stringify(JSON.parse(f.fix.files![0]!.contents)));
}

describe('resource policies on the path', () => {
  it('incident (fixture reader): the table policy denies unless aws:SourceVpce is an old endpoint → resource-policy-denies quoting it; the fix adds this endpoint with dynamodb put-resource-policy', async () => {
    const { account, endpointId } = dynamodbAccount();
    account.resources = { [TABLE]: { policy: denyUnlessOldVpce(TABLE, 'dynamodb:*') } };
    const report = await diagnose(account, base('dynamodb', { 'target.table': 'orders' }));
    expect(report.verdict).toBe('problems');
    const f = resourceFinding(report)!;
    expect(f.title).toBe('The resource policy of DynamoDB table orders does not allow this request');
    expect(f.evidence.join('\n')).toContain(
      `statement "OnlyThroughOldEndpoint" (#0, Deny): StringNotEquals aws:SourceVpce expected [${OLD_VPCE}] and this path sends ${endpointId}`,
    );
    expect(f.fix.commands.map((c) => c.line.replace(inlineDoc(f), 'DOC'))).toEqual([
      `aws dynamodb put-resource-policy --resource-arn ${TABLE} --policy DOC --region us-east-1`,
    ]);
    const fixed = JSON.parse(f.fix.files![0]!.contents) as { Statement: { Condition: unknown }[] };
    expect(fixed.Statement[0]!.Condition).toEqual({ StringNotEquals: { 'aws:SourceVpce': [OLD_VPCE, endpointId] } });
  });

  it('the table policy names this endpoint → the check passes, no policy finding', async () => {
    const { account, endpointId } = dynamodbAccount();
    account.resources = { [TABLE]: { policy: denyUnlessOldVpce(TABLE, 'dynamodb:*') } };
    (account.resources[TABLE]!.policy as { Statement: { Condition: unknown }[] }).Statement[0]!.Condition = {
      StringNotEquals: { 'aws:SourceVpce': [OLD_VPCE, endpointId] },
    };
    const report = await diagnose(account, base('dynamodb', { 'target.table': 'orders', symptom: 'unknown' }));
    expect(resourceFinding(report)).toBeUndefined();
    expect(check(report, 'policy.resource-policy')?.status).toBe('pass');
  });

  it('SQS queue policy denies outside an old endpoint → resource-policy-denies; the fix is set-queue-attributes with the queue URL and the policy as the Policy attribute', async () => {
    const { account, endpointId } = interfaceAccount('sqs');
    account.resources = { [QUEUE]: { policy: denyUnlessOldVpce(QUEUE, 'sqs:*') } };
    const report = await diagnose(account, base('sqs', { 'target.resource': QUEUE }));
    const f = resourceFinding(report)!;
    expect(f.title).toContain('SQS queue orders');
    expect(f.fix.commands.map((c) => c.line.replace(inlineDoc(f), 'DOC'))).toEqual([
      `aws sqs set-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/orders --attributes DOC --region us-east-1`,
    ]);
    const attributes = JSON.parse(f.fix.files![0]!.contents) as { Policy: string };
    const fixed = JSON.parse(attributes.Policy) as { Statement: { Condition: unknown }[] };
    expect(fixed.Statement[0]!.Condition).toEqual({ StringNotEquals: { 'aws:SourceVpce': [OLD_VPCE, endpointId] } });
  });

  // SNS gives every topic this policy (Allow on AWS:SourceOwner, a key vpce-doctor cannot see).
  const snsDefault = (topic: string) =>
    doc({
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:Publish', 'SNS:Subscribe', 'SNS:GetTopicAttributes'],
      Resource: topic,
      Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
    });
  const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:orders-events`;

  it("SNS's default topic policy (Allow on AWS:SourceOwner, unseen), same-account caller → the check passes, leaving it to IAM: an Allow only adds a way in", async () => {
    const { account } = interfaceAccount('sns');
    account.resources = { [TOPIC]: { policy: snsDefault(TOPIC) } };
    const report = await diagnose(account, base('sns', { 'target.resource': TOPIC }));
    expect(check(report, 'policy.resource-policy')?.status).toBe('pass');
    expect(resourceFinding(report)).toBeUndefined();
  });

  it("SNS's default topic policy, caller in another account → could not judge (the Allow must apply and hinges on AWS:SourceOwner), never a pass", async () => {
    const { account } = interfaceAccount('sns');
    account.resources = { [TOPIC]: { policy: snsDefault(TOPIC) } };
    const report = await diagnose(
      account,
      base('sns', { 'target.resource': TOPIC, 'target.principal': 'arn:aws:iam::210987654321:role/billing' }),
    );
    expect(check(report, 'policy.resource-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.resource-policy')?.detail).toContain('AWS:SourceOwner');
    expect(report.verdict).not.toBe('healthy');
  });

  it("queue policy with only a Deny on the caller's tags (aws:PrincipalTag/team = contractors, unseen), same-account caller → could not judge naming the key, incomplete, never healthy (it was a pass)", async () => {
    const { account } = interfaceAccount('sqs');
    account.resources = {
      [QUEUE]: {
        policy: doc({
          Sid: 'DenyContractors',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Resource: QUEUE,
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'contractors' } },
        }),
      },
    };
    const report = await diagnose(account, base('sqs', { 'target.resource': QUEUE }));
    expect(check(report, 'policy.resource-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.resource-policy')?.detail).toContain('DenyContractors');
    expect(check(report, 'policy.resource-policy')?.detail).toContain('aws:PrincipalTag/team');
    expect(report.verdict).toBe('incomplete');
  });

  it('bucket policy denying every caller but another role (ArnNotEquals aws:PrincipalArn) → resource-policy-denies naming the statement; put-bucket-policy adds the caller to the list', async () => {
    const ecs = `arn:aws:iam::${ACCOUNT}:role/orders-ecs-task`;
    const deny = {
      Sid: 'OnlyOrdersTask',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': ecs } },
    };
    const report = await diagnose(policyAccount({ bucketPolicy: doc(deny) }), {
      ...DENIED_ANSWERS,
      'target.principal': APP_ROLE,
    });
    const f = resourceFinding(report)!;
    expect(f.title).toBe(`The bucket policy of ${BUCKET} does not allow this request`);
    expect(f.evidence.join('\n')).toContain('statement "OnlyOrdersTask" (#0, Deny): ArnNotEquals aws:PrincipalArn');
    expect(f.fix.commands.map((c) => c.argv.slice(0, 5))).toEqual([
      ['aws', 's3api', 'put-bucket-policy', '--bucket', BUCKET],
    ]);
    const fixed = JSON.parse(f.fix.files![0]!.contents) as { Statement: { Condition: unknown }[] };
    expect(fixed.Statement[0]!.Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [ecs, APP_ROLE] } });
  });

  it('KMS key policy that names only another role → resource-policy-denies (a key policy must allow); the fix appends an Allow for this role only', async () => {
    const { account } = interfaceAccount('kms');
    account.resources = {
      [KEY]: {
        policy: doc({
          Sid: 'BatchOnly',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/batch` },
          Action: 'kms:Decrypt',
          Resource: '*',
        }),
      },
    };
    const report = await diagnose(account, base('kms', { 'target.resource': KEY }));
    const f = resourceFinding(report)!;
    expect(f.evidence.join('\n')).toContain('this policy must allow it');
    expect(f.fix.commands[0]?.line.replace(inlineDoc(f), 'DOC')).toBe(
      `aws kms put-key-policy --key-id ${KEY} --policy-name default --policy DOC --region us-east-1`,
    );
    const fixed = JSON.parse(f.fix.files![0]!.contents) as { Statement: { Sid: string; Principal: unknown }[] };
    expect(fixed.Statement.map((s) => s.Sid)).toEqual(['BatchOnly', 'VpceDoctorAllowKmsDecrypt']);
    expect(fixed.Statement[1]!.Principal).toEqual({ AWS: APP_ROLE });
  });

  it('KMS key policy that delegates to IAM (the account root) → the check passes', async () => {
    const { account } = interfaceAccount('kms');
    account.resources = {
      [KEY]: {
        policy: doc({
          Sid: 'EnableIAM',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'kms:*',
          Resource: '*',
        }),
      },
    };
    const report = await diagnose(account, base('kms', { 'target.resource': KEY, symptom: 'unknown' }));
    expect(resourceFinding(report)).toBeUndefined();
    expect(check(report, 'policy.resource-policy')?.status).toBe('pass');
  });

  it('Secrets Manager: GetResourcePolicy denied → the check is skipped naming secretsmanager:GetResourcePolicy, the run incomplete, never healthy', async () => {
    const { account } = interfaceAccount('secretsmanager');
    account.resources = { [SECRET]: {} };
    account.denied = { 'secretsmanager.resource-policy': 'secretsmanager:GetResourcePolicy' };
    const report = await diagnose(account, base('secretsmanager', { 'target.resource': SECRET, symptom: 'unknown' }));
    expect(check(report, 'policy.resource-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.resource-policy')?.detail).toContain('secretsmanager:GetResourcePolicy');
    expect(report.verdict).toBe('incomplete');
  });

  it('an SQS 403 without target.resource → the resource-policy check is skipped naming target.resource; incomplete', async () => {
    const { account } = interfaceAccount('sqs');
    const report = await diagnose(account, base('sqs', { 'target.resource': '' }));
    expect(check(report, 'policy.resource-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.resource-policy')?.detail).toContain('target.resource');
    expect(report.verdict).toBe('incomplete');
  });

  it('private REST API whose policy admits another endpoint → resource-policy-denies; the fix patches /policy and redeploys the stage the ARN names', async () => {
    const { account, endpointId } = interfaceAccount('execute-api');
    const api = 'a1b2c3d4e5';
    const method = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${api}/prod/GET/orders`;
    account.resources = {
      [api]: {
        policy: doc(
          { Sid: 'Invoke', Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
          {
            Sid: 'OnlyOldEndpoint',
            Effect: 'Deny',
            Principal: '*',
            Action: 'execute-api:Invoke',
            Resource: 'execute-api:/*',
            Condition: { StringNotEquals: { 'aws:SourceVpce': OLD_VPCE } },
          },
        ),
        vpcEndpointIds: [OLD_VPCE],
      },
    };
    const report = await diagnose(account, base('execute-api', { 'target.resource': method }));
    const f = resourceFinding(report)!;
    expect(f.evidence.join('\n')).toContain(`expected [${OLD_VPCE}] and this path sends ${endpointId}`);
    expect(f.fix.commands.map((c) => c.line.replace(inlineDoc(f), 'DOC'))).toEqual([
      `aws apigateway update-rest-api --rest-api-id ${api} --patch-operations DOC --region us-east-1`,
      `aws apigateway create-deployment --rest-api-id ${api} --stage-name prod --region us-east-1`,
    ]);
    const patch = JSON.parse(f.fix.files![0]!.contents) as { op: string; path: string; value: string }[];
    expect(patch[0]).toMatchObject({ op: 'replace', path: '/policy' });
    expect(JSON.parse(patch[0]!.value).Statement[1].Condition).toEqual({
      StringNotEquals: { 'aws:SourceVpce': [OLD_VPCE, endpointId] },
    });
  });
});
