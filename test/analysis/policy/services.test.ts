// The endpoint policy judged for every service, through the real engine over fixture accounts:
// the incident shapes of issue 11 (a Secrets Manager endpoint that admits only the ECS task
// role; policies vpce-doctor cannot judge) end as errors or `incomplete`, never `healthy`.
import { shellQuote } from '../../../src/findings/command.js';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { baseAccount, IDS } from '../../support/fixtures/world.js';
import { doc } from '../../support/fixtures/policy-world.js';
import { addInterfaceEndpoint } from '../../recordings/scenarios/dns.js';
import { reportOf, walk } from '../../support/diagnose.js';

const ACCOUNT = '123456789012';
const ECS_ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-ecs-task`;
const LAMBDA_ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-lambda`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:orders/db-AbCdEf`;

function withEndpoint(service: string, policy: unknown): Account {
  const a = baseAccount();
  const e = addInterfaceEndpoint(a, service);
  e.PolicyDocument = JSON.stringify(policy);
  return a;
}

const onlyEcsTask = doc({
  Sid: 'OnlyOrdersTask',
  Effect: 'Allow',
  Principal: '*',
  Action: 'secretsmanager:GetSecretValue',
  Resource: '*',
  Condition: { ArnEquals: { 'aws:PrincipalArn': ECS_ROLE } },
});

function answers(service: string, extra: Answers = {}): Answers {
  return {
    region: 'us-east-1',
    service,
    'source.kind': 'instance',
    'source.id': IDS.instance,
    symptom: 'access-denied',
    'target.resource': '',
    ...extra,
  };
}

async function diagnose(account: Account, a: Answers) {
  return reportOf(await walk(a, fixtureProbes(account), { how: 'seeded' }));
}

const check = (r: Awaited<ReturnType<typeof diagnose>>, id: string) => r.checks.find((c) => c.id === id);

describe('endpoint policy, every service', () => {
  it('incident: Secrets Manager endpoint admits only the ECS task role (aws:PrincipalArn); the Lambda role as target.principal → endpoint-denies naming the statement; the fix adds the Lambda role to the condition', async () => {
    const report = await diagnose(
      withEndpoint('secretsmanager', onlyEcsTask),
      answers('secretsmanager', { 'target.principal': LAMBDA_ROLE }),
    );
    expect(report.verdict).toBe('problems');
    const f = report.findings.find((x) => x.id === 'policy.endpoint-denies');
    expect(f).toBeDefined();
    expect(f!.evidence.join('\n')).toContain(
      `statement "OnlyOrdersTask" (#0, Allow): ArnEquals aws:PrincipalArn expected [${ECS_ROLE}] but this path sends ${LAMBDA_ROLE}`,
    );
    const doc = shellQuote(JSON.stringify(JSON.parse(f!.fix.files![0]!.contents)));
    expect(f!.fix.commands[0]?.line.replace(doc, 'DOC')).toBe(
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a5d5e0d1c2b3a4ff --policy-document DOC --region us-east-1',
    );
    const fixed = JSON.parse(f!.fix.files![0]!.contents) as { Statement: { Condition: unknown }[] };
    expect(fixed.Statement).toHaveLength(1);
    expect(fixed.Statement[0]!.Condition).toEqual({ ArnEquals: { 'aws:PrincipalArn': [ECS_ROLE, LAMBDA_ROLE] } });
  });

  it('the same policy for the ECS task role, the secret without a resource policy → the checks pass, healthy', async () => {
    const account = withEndpoint('secretsmanager', onlyEcsTask);
    account.resources = { [SECRET]: {} };
    const report = await diagnose(
      account,
      answers('secretsmanager', { 'target.principal': ECS_ROLE, symptom: 'unknown', 'target.resource': SECRET }),
    );
    expect(check(report, 'policy.resource-policy')?.status).toBe('pass');
    expect(report.findings.filter((f) => f.layer === 'endpoint-policy')).toEqual([]);
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('pass');
    expect(report.verdict).toBe('healthy');
  });

  it('incident: a Secrets Manager endpoint policy scoped to secret ARNs, no target.resource → skipped naming target.resource, incomplete, never healthy', async () => {
    const scoped = doc({
      Sid: 'OrdersSecrets',
      Effect: 'Allow',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:orders/*`,
    });
    const report = await diagnose(
      withEndpoint('secretsmanager', scoped),
      answers('secretsmanager', { 'target.principal': LAMBDA_ROLE }),
    );
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('target.resource');
    expect(report.verdict).toBe('incomplete');
  });

  it('with target.resource the scoped policy is judged: a secret outside it → endpoint-denies, the fix appends one Allow for that secret', async () => {
    const scoped = doc({
      Sid: 'OrdersSecrets',
      Effect: 'Allow',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:billing/*`,
    });
    const report = await diagnose(
      withEndpoint('secretsmanager', scoped),
      answers('secretsmanager', { 'target.principal': LAMBDA_ROLE, 'target.resource': SECRET }),
    );
    const f = report.findings.find((x) => x.id === 'policy.endpoint-denies');
    expect(f!.evidence.join('\n')).toContain(`does not cover ${SECRET}`);
    const fixed = JSON.parse(f!.fix.files![0]!.contents) as { Statement: { Sid: string; Resource: unknown }[] };
    expect(fixed.Statement.map((s) => s.Sid)).toEqual(['OrdersSecrets', 'VpceDoctorAllowSecretsmanagerGetSecretValue']);
    expect(fixed.Statement[1]!.Resource).toBe(SECRET);
  });

  it('SQS: the producer and the consumer are both judged; a policy that admits ReceiveMessage only → endpoint-denies for sqs:SendMessage', async () => {
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`;
    const consumeOnly = doc({
      Sid: 'Consume',
      Effect: 'Allow',
      Principal: '*',
      Action: 'sqs:ReceiveMessage',
      Resource: '*',
    });
    const report = await diagnose(withEndpoint('sqs', consumeOnly), answers('sqs', { 'target.resource': queue }));
    const f = report.findings.find((x) => x.id === 'policy.endpoint-denies');
    expect(f!.evidence[0]).toContain('calling sqs:SendMessage');
    expect(f!.evidence.join('\n')).toContain('Action [sqs:ReceiveMessage] does not cover sqs:SendMessage');
  });

  it('ecr.api: its usual call (ecr:GetAuthorizationToken) acts on no resource → target.resource is never asked (an answers file without it runs); the endpoint policy is judged on Resource "*"', async () => {
    const { 'target.resource': _unasked, ...rest } = answers('ecr.api', { 'target.principal': LAMBDA_ROLE });
    const policy = doc({
      Sid: 'OnlyOrdersTask',
      Effect: 'Allow',
      Principal: '*',
      Action: 'ecr:*',
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': ECS_ROLE } },
    });
    const report = await diagnose(withEndpoint('ecr.api', policy), rest);
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('fail');
    expect(report.findings.map((f) => f.id)).toContain('policy.endpoint-denies');
  });

  it('a service vpce-doctor knows no usual call for, no target.action → skipped naming target.action, incomplete', async () => {
    const narrow = doc({ Sid: 'Narrow', Effect: 'Allow', Principal: '*', Action: 'glue:GetTable', Resource: '*' });
    const report = await diagnose(withEndpoint('glue', narrow), answers('glue'));
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('target.action');
    expect(report.verdict).toBe('incomplete');
  });

  const fullAccess = doc({ Sid: 'All', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' });
  const noReader = (r: Awaited<ReturnType<typeof diagnose>>) => check(r, 'policy.resource-policy');

  it("STS: AssumeRole on a role → the role's trust policy, which vpce-doctor does not read, is a skipped check naming it; incomplete, never healthy", async () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/orders-deploy`;
    const report = await diagnose(
      withEndpoint('sts', fullAccess),
      answers('sts', { 'target.principal': LAMBDA_ROLE, 'target.resource': role }),
    );
    expect(noReader(report)?.status).toBe('skipped');
    expect(noReader(report)?.detail).toContain(`the role's trust policy (${role})`);
    expect(noReader(report)?.detail).toContain(`lets ${LAMBDA_ROLE} call sts:AssumeRole`);
    expect(report.verdict).toBe('incomplete');
  });

  it('STS: GetCallerIdentity acts on no resource → no trust policy on the path, no resource-policy check', async () => {
    const report = await diagnose(
      withEndpoint('sts', fullAccess),
      answers('sts', { 'target.principal': LAMBDA_ROLE, 'target.action': 'sts:GetCallerIdentity' }),
    );
    expect(noReader(report)).toBeUndefined();
  });

  it('Lambda: InvokeFunction on a function → its resource-based policy (it may deny; unread) is a skipped check naming it; incomplete', async () => {
    const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders`;
    const report = await diagnose(
      withEndpoint('lambda', fullAccess),
      answers('lambda', { 'target.principal': LAMBDA_ROLE, 'target.resource': fn }),
    );
    expect(noReader(report)?.status).toBe('skipped');
    expect(noReader(report)?.detail).toContain(`the function's resource-based policy (${fn})`);
    expect(report.verdict).toBe('incomplete');
  });
});
