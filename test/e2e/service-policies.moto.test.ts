// Every service, every policy on the path, against the AWS API emulator (the slow tier: 32 tests,
// ~55 CLI runs). For SQS, SNS, KMS, Secrets Manager, ECR (ecr.api and ecr.dkr), API Gateway
// (execute-api), DynamoDB and S3, an endpoint built in moto with a policy that admits only another
// role → the built CLI with --answers … --json reports policy.endpoint-denies (error) naming the
// deciding statement; its printed modify-vpc-endpoint is applied verbatim with the AWS CLI
// against moto and the next run is healthy, exit 0, the corrected policy allowing the request.
// A policy on the path vpce-doctor cannot judge (a condition on the caller's tags, which it
// cannot see) leaves that one check skipped and the run `incomplete` (exit 3), never `healthy`.
// The other common shape, "Deny every caller but this role" (ArnNotEquals aws:PrincipalArn), gets
// the caller added to its list: in the endpoint policy (Secrets Manager, DynamoDB), the secret's
// policy and the bucket policy. Resource policies fill what
// test/integration/resource-policies.moto.test.ts leaves out: the DynamoDB table policy and the
// API Gateway REST API policy (deny → fix → healthy), and for every service a resource policy
// that cannot be judged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateVpcEndpointCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateRepositoryCommand, ECRClient, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import {
  APIGatewayClient,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateTableCommand,
  DynamoDBClient,
  PutResourcePolicyCommand as PutTablePolicyCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { motoEnv, runAnswers } from '../support/cli.js';
import { basicVpc, ec2, REGION, routeTableFor } from '../support/moto-scenarios.js';
import { allOut, https, instanceIn, securityGroup } from '../support/network-moto.js';

const url = inject('motoUrl');
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-lambda`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-ecs-task`;
const OLD_VPCE = 'vpce-001d0e0d0e0d0e0d1';
const AWS_V2 = '/usr/bin/aws';

interface Finding {
  id: string;
  severity: string;
  title: string;
  evidence: string[];
  fix: { commands: { argv: string[]; line: string }[]; files?: { path: string; contents: string }[] };
}
interface Report {
  verdict: string;
  findings: Finding[];
  checks: { id: string; status: string; detail: string }[];
}

const DENIALS = [
  'policy.endpoint-denies',
  'policy.resource-policy-denies',
  'policy.bucket-sourcevpce-mismatch',
  'policy.sourceip-through-endpoint',
  'policy.kms-key-denies',
];
const denials = (r: Report) => r.findings.map((f) => f.id).filter((id) => DENIALS.includes(id));
const policyChecks = (r: Report) => r.checks.filter((c) => c.id.startsWith('policy.'));
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

const sdk = () => ({
  region: REGION,
  endpoint: url,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

/**
 * Applies a printed fix against the emulator, command by command, with the AWS CLI v2 (only
 * --endpoint-url added: CLI 2.9 ignores AWS_ENDPOINT_URL). Debian's AWS CLI 2.9.19 predates
 * `dynamodb put-resource-policy` (DynamoDB resource policies came in 2024): that command goes
 * through the SDK instead, its arguments parsed strictly against the CLI reference's synopsis
 * (docs.aws.amazon.com/cli/latest/reference/dynamodb/put-resource-policy.html).
 */
async function applyFix(fix: Finding['fix']): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-doctor-fix-'));
  for (const f of fix.files ?? []) writeFileSync(join(dir, f.path), f.contents);
  expect(fix.commands.length).toBeGreaterThan(0);
  for (const command of fix.commands) {
    const [, ...args] = command.argv;
    if (args[0] === 'dynamodb' && args[1] === 'put-resource-policy') {
      const flags = new Map<string, string>();
      for (let i = 2; i < args.length; i += 2) flags.set(args[i]!, args[i + 1]!);
      expect([...flags.keys()].sort()).toEqual(['--policy', '--region', '--resource-arn']);
      JSON.parse(flags.get('--policy')!);
      await new DynamoDBClient({ ...sdk(), region: flags.get('--region')! }).send(
        new PutTablePolicyCommand({ ResourceArn: flags.get('--resource-arn')!, Policy: flags.get('--policy')! }),
      );
      continue;
    }
    execFileSync(AWS_V2, [...args, '--endpoint-url', url], {
      cwd: dir,
      env: { ...process.env, ...motoEnv(url), AWS_PAGER: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
}

/** One Allow for the whole service, only for the ECS task role: the Lambda role (the caller) is left out. */
const onlyOtherRole = (prefix: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OnlyOrdersTask',
      Effect: 'Allow',
      Principal: '*',
      Action: `${prefix}:*`,
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': OTHER_ROLE } },
    },
  ],
});

/** Everything allowed, then a Deny for every caller but the ECS task role: the other common way to write it. */
const denyAllButOtherRole = (prefix: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: `${prefix}:*`, Resource: '*' },
    {
      Sid: 'OnlyOrdersTask',
      Effect: 'Deny',
      Principal: '*',
      Action: `${prefix}:*`,
      Resource: '*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': OTHER_ROLE } },
    },
  ],
});

/** An Allow on the caller's tags: vpce-doctor cannot see a principal's tags, so it cannot judge it. */
const onlyTaggedCallers = (prefix: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OnlyOrdersTeam',
      Effect: 'Allow',
      Principal: '*',
      Action: `${prefix}:*`,
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'orders' } },
    },
  ],
});

interface Service {
  /** The `service` answer (the endpoint's short name). */
  service: string;
  /** Action prefix in policies. */
  prefix: string;
  gateway?: true;
  /** Endpoints the service needs beside its own (ECR pulls go through ecr.api, ecr.dkr and S3). */
  companions?: { service: string; gateway?: true }[];
  /**
   * Creates the resource the request acts on and returns the answers naming it; `policy` (built
   * from the resource its statements name) becomes its resource policy.
   */
  target(vpce: string, policy?: (resource: string) => unknown): Promise<Record<string, string>>;
}

let serial = 0;
const unique = (stem: string) => `${stem}-${Date.now().toString(36)}-${++serial}`;

const SERVICES: Service[] = [
  {
    service: 'sqs',
    prefix: 'sqs',
    async target(_vpce, policy) {
      const name = unique('orders');
      const arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
      await new SQSClient(sdk()).send(
        new CreateQueueCommand({
          QueueName: name,
          ...(policy ? { Attributes: { Policy: JSON.stringify(policy(arn)) } } : {}),
        }),
      );
      return { 'target.resource': arn };
    },
  },
  {
    service: 'sns',
    prefix: 'sns',
    async target(_vpce, policy) {
      const sns = new SNSClient(sdk());
      const arn = (await sns.send(new CreateTopicCommand({ Name: unique('orders-events') }))).TopicArn!;
      if (policy)
        await sns.send(
          new SetTopicAttributesCommand({
            TopicArn: arn,
            AttributeName: 'Policy',
            AttributeValue: JSON.stringify(policy(arn)),
          }),
        );
      return { 'target.resource': arn };
    },
  },
  {
    service: 'kms',
    prefix: 'kms',
    async target(_vpce, policy) {
      // Without a policy moto gives the key the default one (the account's IAM policies decide).
      const key = await new KMSClient(sdk()).send(
        new CreateKeyCommand(policy ? { Policy: JSON.stringify(policy('*')) } : {}),
      );
      return { 'target.resource': key.KeyMetadata!.Arn! };
    },
  },
  {
    service: 'secretsmanager',
    prefix: 'secretsmanager',
    async target(_vpce, policy) {
      const sm = new SecretsManagerClient(sdk());
      const arn = (await sm.send(new CreateSecretCommand({ Name: unique('orders/db'), SecretString: 'x' }))).ARN!;
      if (policy)
        await sm.send(new PutResourcePolicyCommand({ SecretId: arn, ResourcePolicy: JSON.stringify(policy('*')) }));
      return { 'target.resource': arn };
    },
  },
  {
    service: 'ecr.dkr',
    prefix: 'ecr',
    companions: [{ service: 'ecr.api' }, { service: 's3', gateway: true }],
    async target(_vpce, policy) {
      const ecr = new ECRClient(sdk());
      const name = unique('orders-api');
      const repo = (await ecr.send(new CreateRepositoryCommand({ repositoryName: name }))).repository!;
      if (policy) {
        // A repository policy's statements name no Resource (ECR User Guide, repository policies).
        const doc = policy('*') as { Statement: Record<string, unknown>[] };
        const statements = doc.Statement.map(({ Resource: _r, ...rest }) => rest);
        await ecr.send(
          new SetRepositoryPolicyCommand({
            repositoryName: name,
            policyText: JSON.stringify({ ...doc, Statement: statements }),
          }),
        );
      }
      // A pull names the registry; moto lists only the wildcard private DNS name, not the bare dkr.ecr one.
      return {
        'target.resource': repo.repositoryArn!,
        'target.hostname': `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`,
      };
    },
  },
  {
    // ecr:GetAuthorizationToken acts on no repository: nothing to name.
    service: 'ecr.api',
    prefix: 'ecr',
    companions: [{ service: 'ecr.dkr' }, { service: 's3', gateway: true }],
    target: () => Promise.resolve({}),
  },
  {
    service: 'execute-api',
    prefix: 'execute-api',
    async target(vpce, policy) {
      const apigw = new APIGatewayClient(sdk());
      const api = await apigw.send(
        new CreateRestApiCommand({
          name: unique('orders-private'),
          endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [vpce] },
          // A private API answers only what its resource policy allows: by default, through this endpoint.
          policy: JSON.stringify(policy ? policy('execute-api:/*') : allowInvokeThrough(vpce)),
        }),
      );
      // GET /orders (a mock integration): an API without methods cannot be deployed, and the fix redeploys.
      const resources = await apigw.send(new GetResourcesCommand({ restApiId: api.id! }));
      const orders = await apigw.send(
        new CreateResourceCommand({ restApiId: api.id!, parentId: resources.items![0]!.id!, pathPart: 'orders' }),
      );
      const method = { restApiId: api.id!, resourceId: orders.id!, httpMethod: 'GET' };
      await apigw.send(new PutMethodCommand({ ...method, authorizationType: 'AWS_IAM' }));
      await apigw.send(new PutIntegrationCommand({ ...method, type: 'MOCK' }));
      return { 'target.resource': `arn:aws:execute-api:${REGION}:${ACCOUNT}:${api.id!}/prod/GET/orders` };
    },
  },
  {
    service: 'dynamodb',
    prefix: 'dynamodb',
    gateway: true,
    async target(_vpce, policy) {
      const name = unique('orders');
      const ddb = new DynamoDBClient(sdk());
      const table = await ddb.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      const arn = table.TableDescription!.TableArn!;
      if (policy) await ddb.send(new PutTablePolicyCommand({ ResourceArn: arn, Policy: JSON.stringify(policy(arn)) }));
      return { 'target.table': name };
    },
  },
  {
    service: 's3',
    prefix: 's3',
    gateway: true,
    async target(_vpce, policy) {
      const bucket = unique('orders-releases');
      const s3 = new S3Client({ ...sdk(), forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      if (policy)
        await s3.send(
          new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy(`arn:aws:s3:::${bucket}/*`)) }),
        );
      return { 'target.bucket': bucket, 'target.key': 'releases/app.tar.gz' };
    },
  },
];

/** A resource policy that lets the caller in but denies everyone unless the request comes through an old endpoint. */
const denyUnlessOldEndpoint = (prefix: string) => (resource: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowOrdersLambda', Effect: 'Allow', Principal: { AWS: ROLE }, Action: `${prefix}:*`, Resource: resource },
    {
      Sid: 'OnlyThroughOldEndpoint',
      Effect: 'Deny',
      Principal: '*',
      Action: `${prefix}:*`,
      Resource: resource,
      Condition: { StringNotEquals: { 'aws:SourceVpce': OLD_VPCE } },
    },
  ],
});

/**
 * A resource policy that denies callers tagged team=contractors: vpce-doctor cannot see a principal's tags;
 * where the resource policy itself must allow (KMS, private APIs) it lets the caller in first.
 */
const denyContractors = (prefix: string, allowCaller: boolean) => (resource: string) => ({
  Version: '2012-10-17',
  Statement: [
    ...(allowCaller
      ? [
          {
            Sid: 'AllowOrdersLambda',
            Effect: 'Allow',
            Principal: { AWS: ROLE },
            Action: `${prefix}:*`,
            Resource: resource,
          },
        ]
      : []),
    {
      Sid: 'DenyContractors',
      Effect: 'Deny',
      Principal: '*',
      Action: `${prefix}:*`,
      Resource: resource,
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'contractors' } },
    },
  ],
});

/** A private API's resource policy: execute-api:Invoke for anyone through this endpoint (the documented shape). */
function allowInvokeThrough(vpce: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'InvokeThroughEndpoint',
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringEquals: { 'aws:SourceVpce': vpce } },
      },
    ],
  };
}

describe.skipIf(!url)('endpoint and resource policies of every service, against moto', () => {
  let client: EC2Client;
  beforeAll(() => {
    client = ec2(url);
  });

  /**
   * A VPC whose instance reaches the service's endpoint (carrying `policy`; none: the default full
   * access) and its companions with nothing else in the way: the endpoint's group admits HTTPS from
   * the VPC, the instance's group lets everything out, a gateway sits on the subnet's route table.
   */
  async function pathThrough(s: Service, policy?: unknown): Promise<{ instanceId: string; vpce: string }> {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const endpointGroup = await securityGroup(client, v.vpcId, { ingress: [https({ cidr: v.vpcCidr })] });
    const { instanceId } = await instanceIn(client, v.subnetId, [
      await securityGroup(client, v.vpcId, { egress: [allOut] }),
    ]);
    const endpoint = async (service: string, gateway: boolean, document?: unknown) => {
      const common = {
        VpcId: v.vpcId,
        ServiceName: `com.amazonaws.${REGION}.${service}`,
        ...(document !== undefined ? { PolicyDocument: JSON.stringify(document) } : {}),
      };
      const out = await client.send(
        new CreateVpcEndpointCommand(
          gateway
            ? { ...common, VpcEndpointType: 'Gateway', RouteTableIds: [rtb] }
            : {
                ...common,
                VpcEndpointType: 'Interface',
                SubnetIds: [v.subnetId],
                SecurityGroupIds: [endpointGroup],
                PrivateDnsEnabled: true,
              },
        ),
      );
      return out.VpcEndpoint!.VpcEndpointId!;
    };
    const vpce = await endpoint(s.service, s.gateway === true, policy);
    for (const c of s.companions ?? []) await endpoint(c.service, c.gateway === true);
    return { instanceId, vpce };
  }

  /**
   * The built CLI with --answers … --json. `symptom` access-denied (the incident) also runs IAM's
   * policy simulation, which moto answers with HTTP 500: its check is an error and the run
   * incomplete whatever the policies say. A run that must show the policies alone decide the
   * verdict says `unknown` (the policies are judged all the same: a target is named).
   */
  function diagnose(s: Service, instanceId: string, target: Record<string, string>, symptom = 'access-denied') {
    return runAnswers<Report>(url, {
      region: REGION,
      service: s.service,
      'source.kind': 'instance',
      'source.id': instanceId,
      symptom,
      'target.principal': ROLE,
      ...target,
    });
  }

  /** The run after the fix: no finding above info (e.g. a companion endpoint's default policy), healthy, exit 0. */
  function expectHealthy(run: { code: number | null; report: Report }) {
    const loud = run.report.findings.filter((x) => x.severity !== 'info');
    expect(loud, JSON.stringify([loud, run.report.checks.filter((c) => c.status !== 'pass')])).toEqual([]);
    expect(run.report.verdict).toBe('healthy');
    expect(run.code).toBe(0);
  }

  /** Everything but `id` is judged and fine: `id` alone could not be judged, and the run is incomplete (exit 3). */
  function expectOnlyUnjudged(run: { code: number | null; report: Report }, id: string) {
    const report = run.report;
    expect(denials(report)).toEqual([]);
    const unsettled = report.checks.filter((c) => c.status !== 'pass' && c.status !== 'warn');
    expect(
      unsettled.map((c) => [c.id, c.status]),
      JSON.stringify(unsettled),
    ).toEqual([[id, 'skipped']]);
    expect(unsettled[0]!.detail).toContain('aws:PrincipalTag/team');
    expect(report.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(report.verdict).toBe('incomplete');
    expect(run.code).toBe(3);
  }

  for (const s of SERVICES) {
    it(`${s.service}: endpoint policy admits only another role (aws:PrincipalArn) → endpoint-denies naming OnlyOrdersTask; modify-vpc-endpoint from the fix, applied with the AWS CLI → the next run is healthy, its policy allowing`, async () => {
      const { instanceId, vpce } = await pathThrough(s, onlyOtherRole(s.prefix));
      const target = await s.target(vpce);
      const first = await diagnose(s, instanceId, target);
      expect(denials(first.report), JSON.stringify(policyChecks(first.report))).toEqual(['policy.endpoint-denies']);
      const f = first.report.findings.find((x) => x.id === 'policy.endpoint-denies')!;
      expect(f.severity).toBe('error');
      expect(f.evidence.join('\n')).toContain(
        `statement "OnlyOrdersTask" (#0, Allow): ArnEquals aws:PrincipalArn expected [${OTHER_ROLE}] but this path sends ${ROLE}`,
      );
      expect(first.report.verdict).toBe('problems');
      expect(first.code).toBe(1);
      expect(f.fix.commands.map((c) => c.argv.slice(0, 5))).toEqual([
        ['aws', 'ec2', 'modify-vpc-endpoint', '--vpc-endpoint-id', vpce],
      ]);
      await applyFix(f.fix);
      const again = await diagnose(s, instanceId, target, 'unknown');
      expectHealthy(again);
      expect(check(again.report, 'policy.endpoint-policy')?.status).toBe('pass');
      expect(check(again.report, 'policy.endpoint-policy')?.detail).toContain('OnlyOrdersTask');
    });

    it(`${s.service}: endpoint policy conditioned on the caller's tags (aws:PrincipalTag/team, unseen) → the endpoint-policy check skipped naming the key, incomplete (exit 3), never healthy`, async () => {
      const { instanceId, vpce } = await pathThrough(s, onlyTaggedCallers(s.prefix));
      expectOnlyUnjudged(await diagnose(s, instanceId, await s.target(vpce), 'unknown'), 'policy.endpoint-policy');
    });
  }

  for (const s of SERVICES.filter((x) => x.service === 'secretsmanager' || x.service === 'dynamodb')) {
    it(`${s.service}: endpoint policy denies every caller but another role (Deny, ArnNotEquals aws:PrincipalArn) → endpoint-denies naming OnlyOrdersTask; the fix adds the caller to that list, applied with the AWS CLI → healthy`, async () => {
      const { instanceId, vpce } = await pathThrough(s, denyAllButOtherRole(s.prefix));
      const target = await s.target(vpce);
      const first = await diagnose(s, instanceId, target);
      expect(denials(first.report), JSON.stringify(policyChecks(first.report))).toEqual(['policy.endpoint-denies']);
      const f = first.report.findings.find((x) => x.id === 'policy.endpoint-denies')!;
      expect(f.evidence.join('\n')).toContain(
        `statement "OnlyOrdersTask" (#1, Deny): ArnNotEquals aws:PrincipalArn expected [${OTHER_ROLE}] and this path sends ${ROLE}`,
      );
      const fixed = JSON.parse(f.fix.files![0]!.contents) as { Statement: { Condition?: unknown }[] };
      expect(fixed.Statement[1]!.Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [OTHER_ROLE, ROLE] } });
      await applyFix(f.fix);
      expectHealthy(await diagnose(s, instanceId, target, 'unknown'));
    });
  }

  it('secretsmanager: incident shape on the resource side — the secret policy denies every caller but the ECS task role (Deny, ArnNotEquals aws:PrincipalArn) → resource-policy-denies naming OnlyOrdersTask; put-resource-policy adding the caller → healthy', async () => {
    const s = SERVICES.find((x) => x.service === 'secretsmanager')!;
    const { instanceId, vpce } = await pathThrough(s);
    // Only the Deny: a same-account caller needs no Allow in a secret's policy.
    const onlyTheDeny = denyAllButOtherRole('secretsmanager').Statement.slice(1);
    const policy = () => ({ Version: '2012-10-17', Statement: onlyTheDeny });
    const target = await s.target(vpce, policy);
    const first = await diagnose(s, instanceId, target);
    expect(denials(first.report), JSON.stringify(policyChecks(first.report))).toEqual([
      'policy.resource-policy-denies',
    ]);
    const f = first.report.findings.find((x) => x.id === 'policy.resource-policy-denies')!;
    expect(f.evidence.join('\n')).toContain(
      `statement "OnlyOrdersTask" (#0, Deny): ArnNotEquals aws:PrincipalArn expected [${OTHER_ROLE}] and this path sends ${ROLE}`,
    );
    expect(f.fix.commands.map((c) => c.argv.slice(1, 3).join(' '))).toEqual(['secretsmanager put-resource-policy']);
    await applyFix(f.fix);
    expectHealthy(await diagnose(s, instanceId, target, 'unknown'));
  });

  it('s3: the bucket policy denies every caller but the ECS task role (Deny, ArnNotEquals aws:PrincipalArn) → resource-policy-denies naming OnlyOrdersTask; put-bucket-policy adding the caller → healthy', async () => {
    const s = SERVICES.find((x) => x.service === 's3')!;
    const { instanceId, vpce } = await pathThrough(s);
    const deny = denyAllButOtherRole('s3').Statement[1]!;
    const target = await s.target(vpce, (resource) => ({
      Version: '2012-10-17',
      Statement: [{ ...deny, Resource: resource }],
    }));
    const first = await diagnose(s, instanceId, target);
    expect(denials(first.report), JSON.stringify(policyChecks(first.report))).toEqual([
      'policy.resource-policy-denies',
    ]);
    const f = first.report.findings.find((x) => x.id === 'policy.resource-policy-denies')!;
    expect(f.title).toBe(`The bucket policy of ${target['target.bucket']} does not allow this request`);
    expect(f.evidence.join('\n')).toContain(
      `statement "OnlyOrdersTask" (#0, Deny): ArnNotEquals aws:PrincipalArn expected [${OTHER_ROLE}] and this path sends ${ROLE}`,
    );
    expect(f.fix.commands.map((c) => c.argv.slice(1, 3).join(' '))).toEqual(['s3api put-bucket-policy']);
    await applyFix(f.fix);
    expectHealthy(await diagnose(s, instanceId, target, 'unknown'));
  });

  // The resource policies test/integration/resource-policies.moto.test.ts does not take through the fix.
  const fixable: { service: string; label: string; cli: string }[] = [
    {
      service: 'dynamodb',
      label: 'DynamoDB table',
      cli: 'dynamodb put-resource-policy (through the SDK: see applyFix)',
    },
    { service: 'execute-api', label: 'REST API', cli: 'apigateway update-rest-api and create-deployment' },
  ];
  for (const r of fixable) {
    const s = SERVICES.find((x) => x.service === r.service)!;
    it(`${r.service}: ${r.label} resource policy denies unless an old endpoint (aws:SourceVpce) → resource-policy-denies naming OnlyThroughOldEndpoint; the printed ${r.cli} → the next run is healthy`, async () => {
      const { instanceId, vpce } = await pathThrough(s);
      const target = await s.target(vpce, denyUnlessOldEndpoint(s.prefix));
      const first = await diagnose(s, instanceId, target);
      expect(denials(first.report), JSON.stringify(policyChecks(first.report))).toEqual([
        'policy.resource-policy-denies',
      ]);
      const f = first.report.findings.find((x) => x.id === 'policy.resource-policy-denies')!;
      expect(f.severity).toBe('error');
      expect(f.title).toContain(r.label);
      expect(f.evidence.join('\n')).toContain(
        `statement "OnlyThroughOldEndpoint" (#1, Deny): StringNotEquals aws:SourceVpce expected [${OLD_VPCE}] and this path sends ${vpce}`,
      );
      expect(first.code).toBe(1);
      await applyFix(f.fix);
      const again = await diagnose(s, instanceId, target, 'unknown');
      expectHealthy(again);
      expect(check(again.report, 'policy.resource-policy')?.status).toBe('pass');
      expect(check(again.report, 'policy.resource-policy')?.detail).toContain('AllowOrdersLambda');
    });
  }

  for (const s of SERVICES.filter((x) => x.service !== 'ecr.api')) {
    const mustAllow = s.service === 'kms' || s.service === 'execute-api';
    const layer = s.service === 's3' ? 'policy.bucket-policy' : 'policy.resource-policy';
    it(`${s.service}: resource policy denies callers tagged team=contractors (aws:PrincipalTag/team, unseen)${mustAllow ? ' after allowing the caller' : ''} → ${layer} skipped naming the key, incomplete (exit 3), never healthy`, async () => {
      const { instanceId, vpce } = await pathThrough(s);
      const target = await s.target(vpce, denyContractors(s.prefix, mustAllow));
      expectOnlyUnjudged(await diagnose(s, instanceId, target, 'unknown'), layer);
    });
  }
});
