// Resource policies against the AWS API emulator: an SQS queue, an SNS topic, a KMS key, a
// secret and an ECR repository, each with a policy that denies unless aws:SourceVpce is an old
// endpoint, built with the SDK; the built CLI runs with --answers (target.resource) and must
// report policy.resource-policy-denies naming the statement; the fix it prints is then applied
// with the AWS CLI against the emulator and the next run has no resource-policy finding.
// (DynamoDB table and API Gateway REST API policies, deny → fix → healthy: ../e2e/service-policies.moto.test.ts, the slow tier.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateRepositoryCommand, ECRClient, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { motoEnv, runAnswers } from '../support/cli.js';
import { basicVpc, ec2, REGION } from '../support/moto-scenarios.js';
import { interfaceEndpoint } from '../support/network-moto.js';

const url = inject('motoUrl');
const ACCOUNT = '123456789012';
const OLD_VPCE = 'vpce-001d0e0d0e0d0e0d1';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-app`;

interface Report {
  verdict: string;
  findings: {
    id: string;
    title: string;
    evidence: string[];
    fix: { commands: { argv: string[]; line: string }[]; files?: { path: string; contents: string }[] };
  }[];
  checks: { id: string; status: string; detail: string }[];
}

const denyUnlessOld = (action: string, resource: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowApp', Effect: 'Allow', Principal: { AWS: ROLE }, Action: action, Resource: resource },
    {
      Sid: 'OnlyThroughOldEndpoint',
      Effect: 'Deny',
      Principal: '*',
      Action: action,
      Resource: resource,
      Condition: { StringNotEquals: { 'aws:SourceVpce': OLD_VPCE } },
    },
  ],
});

const config = () => ({
  region: REGION,
  endpoint: url,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

/** Applies a printed fix with the AWS CLI v2 against the emulator, its files written beside it. */
function apply(fix: Report['findings'][number]['fix']): void {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-doctor-fix-'));
  for (const f of fix.files ?? []) writeFileSync(join(dir, f.path), f.contents);
  for (const command of fix.commands) {
    const [, ...args] = command.argv;
    execFileSync('/usr/bin/aws', [...args, '--endpoint-url', url ?? ''], {
      cwd: dir,
      env: { ...process.env, ...motoEnv(url ?? ''), AWS_PAGER: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
}

describe.skipIf(!url)('resource policies against moto', () => {
  let client: EC2Client;
  let instanceId: string;
  const endpoints: Record<string, string> = {};

  beforeAll(async () => {
    client = ec2(url!);
    const vpc = await basicVpc(client);
    instanceId = vpc.instanceId;
    for (const service of ['sqs', 'sns', 'kms', 'secretsmanager', 'ecr.dkr'])
      endpoints[service] = await interfaceEndpoint(client, vpc.vpcId, service, [vpc.subnetId], []);
  }, 60_000);

  async function diagnose(service: string, resource: string) {
    return runAnswers<Report>(url!, {
      region: REGION,
      service,
      'source.kind': 'instance',
      'source.id': instanceId,
      symptom: 'access-denied',
      'target.resource': resource,
      'target.principal': ROLE,
    });
  }

  async function deniesThenFixed(service: string, resource: string, title: string) {
    const { report } = await diagnose(service, resource);
    const f = report.findings.find((x) => x.id === 'policy.resource-policy-denies');
    expect(f, JSON.stringify(report.checks.filter((c) => c.id.startsWith('policy.')))).toBeDefined();
    expect(f!.title).toContain(title);
    expect(f!.evidence.join('\n')).toContain(
      `statement "OnlyThroughOldEndpoint" (#1, Deny): StringNotEquals aws:SourceVpce expected [${OLD_VPCE}] and this path sends ${endpoints[service]}`,
    );
    apply(f!.fix);
    const again = await diagnose(service, resource);
    expect(again.report.findings.map((x) => x.id)).not.toContain('policy.resource-policy-denies');
    expect(again.report.checks.find((c) => c.id === 'policy.resource-policy')?.status).toBe('pass');
  }

  it('SQS queue policy → resource-policy-denies; set-queue-attributes applies the corrected policy', async () => {
    const sqs = new SQSClient(config());
    const arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-moto`;
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'orders-moto',
        Attributes: { Policy: JSON.stringify(denyUnlessOld('sqs:*', arn)) },
      }),
    );
    await deniesThenFixed('sqs', arn, 'SQS queue orders-moto');
  });

  it('SNS topic policy → resource-policy-denies; set-topic-attributes applies it', async () => {
    const sns = new SNSClient(config());
    const topic = (await sns.send(new CreateTopicCommand({ Name: 'orders-events' }))).TopicArn!;
    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn: topic,
        AttributeName: 'Policy',
        AttributeValue: JSON.stringify(denyUnlessOld('sns:Publish', topic)),
      }),
    );
    await deniesThenFixed('sns', topic, 'SNS topic orders-events');
  });

  it('KMS key policy → resource-policy-denies; put-key-policy applies it', async () => {
    const kms = new KMSClient(config());
    const created = await kms.send(new CreateKeyCommand({ Policy: JSON.stringify(denyUnlessOld('kms:*', '*')) }));
    await deniesThenFixed('kms', created.KeyMetadata!.Arn!, 'KMS key');
  });

  it('Secrets Manager resource policy → resource-policy-denies; put-resource-policy applies it', async () => {
    const sm = new SecretsManagerClient(config());
    const secret = (await sm.send(new CreateSecretCommand({ Name: 'orders/db', SecretString: 'x' }))).ARN!;
    await sm.send(
      new PutResourcePolicyCommand({
        SecretId: secret,
        ResourcePolicy: JSON.stringify(denyUnlessOld('secretsmanager:GetSecretValue', '*')),
      }),
    );
    await deniesThenFixed('secretsmanager', secret, 'secret orders/db');
  });

  it('ECR repository policy → resource-policy-denies; set-repository-policy applies it', async () => {
    const ecr = new ECRClient(config());
    const repo = (await ecr.send(new CreateRepositoryCommand({ repositoryName: 'orders-api' }))).repository!;
    await ecr.send(
      new SetRepositoryPolicyCommand({
        repositoryName: 'orders-api',
        policyText: JSON.stringify({
          Version: '2012-10-17',
          Statement: denyUnlessOld('ecr:BatchGetImage', '*').Statement.map((s) => {
            const { Resource: _r, ...rest } = s;
            return rest;
          }),
        }),
      }),
    );
    await deniesThenFixed('ecr.dkr', repo.repositoryArn!, 'ECR repository orders-api');
  });
});
