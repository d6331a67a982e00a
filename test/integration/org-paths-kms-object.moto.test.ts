// Through the built CLI with --answers against the AWS API emulator:
// - aws:PrincipalOrgPaths read with organizations:ListParents: moto's organization, an OU holding
//   the account vpce-doctor runs as (the management account, which may call ListParents), and an
//   S3 gateway policy that admits one OU's principals;
// - the object's own KMS key (target.kms-key), judged instead of the bucket default: moto holds
//   the bucket's default encryption and both key policies.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  ListParentsCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { PutBucketEncryptionCommand, type S3Client } from '@aws-sdk/client-s3';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { basicVpc, ec2, REGION, routeTableFor } from '../support/moto-scenarios.js';
import { bucketName, bucketWith, endpointAllowList, gatewayWithPolicy, s3 } from '../support/moto-policy.js';
import { keyPinnedToEndpoint } from '../support/fixtures/perimeter.js';
import { doc } from '../support/fixtures/policy-world.js';

const url = inject('motoUrl');
const ACCOUNT = '123456789012';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

interface Report {
  verdict: string;
  findings: {
    id: string;
    severity: string;
    evidence: string[];
    fix: { commands: { argv: string[]; line: string }[] };
  }[];
  checks: { id: string; status: string; detail: string }[];
}

/** The organization, with the caller's account moved into an OU of its own; its org path. */
async function accountInOu(orgs: OrganizationsClient): Promise<{ path: string; org: string; root: string }> {
  try {
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  } catch (err) {
    if ((err as { name?: string }).name !== 'AlreadyInOrganizationException') throw err;
  }
  const org = (await orgs.send(new DescribeOrganizationCommand({}))).Organization!.Id!;
  const root = (await orgs.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const parent = (await orgs.send(new ListParentsCommand({ ChildId: ACCOUNT }))).Parents![0]!;
  if (parent.Type === 'ORGANIZATIONAL_UNIT') return { path: `${org}/${root}/${parent.Id}/`, org, root };
  const ou = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'workloads' })))
    .OrganizationalUnit!.Id!;
  await orgs.send(new MoveAccountCommand({ AccountId: ACCOUNT, SourceParentId: root, DestinationParentId: ou }));
  return { path: `${org}/${root}/${ou}/`, org, root };
}

const orgPathPolicy = (pattern: string) =>
  JSON.stringify(
    doc({
      Sid: 'WorkloadsOu',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': pattern } },
    }),
  );

describe.skipIf(!url)('organization paths and the object’s KMS key against moto', () => {
  let client: EC2Client;
  let storage: S3Client;
  beforeAll(() => {
    client = ec2(url!);
    storage = s3(url!);
  });

  async function diagnose(endpointPolicy: string, extra: Record<string, string> = {}) {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const bucket = bucketName('org-path');
    await gatewayWithPolicy(client, v.vpcId, [rtb], endpointPolicy);
    await bucketWith(storage, bucket);
    return runAnswers<Report>(url!, {
      region: REGION,
      service: 's3',
      'source.kind': 'instance',
      'source.id': v.instanceId,
      symptom: 'access-denied',
      'target.bucket': bucket,
      'target.key': 'releases/app.tar.gz',
      ...extra,
    });
  }

  it('gateway policy admitting the OU that holds the account (aws:PrincipalOrgPaths, ListParents from the management account) → the endpoint policy allows', async () => {
    const orgs = new OrganizationsClient({ region: REGION, endpoint: url!, credentials });
    const { path } = await accountInOu(orgs);
    const { report } = await diagnose(orgPathPolicy(`${path}*`));
    const check = report.checks.find((c) => c.id === 'policy.endpoint-policy');
    expect(check?.status, check?.detail).toBe('pass');
    expect(check?.detail).toContain('WorkloadsOu');
  });

  it('gateway policy admitting another OU → policy.endpoint-denies quoting the account’s real path', async () => {
    const orgs = new OrganizationsClient({ region: REGION, endpoint: url!, credentials });
    const { path, org, root } = await accountInOu(orgs);
    const { report } = await diagnose(orgPathPolicy(`${org}/${root}/ou-zzzz-99999999/*`));
    const f = report.findings.find((x) => x.id === 'policy.endpoint-denies');
    expect(f, JSON.stringify(report.checks.filter((c) => c.id.startsWith('policy.')))).toBeDefined();
    expect(f!.evidence.join('\n')).toContain(path);
  });

  it('target.kms-key naming the object’s key, whose policy denies outside the endpoint, while the bucket default is SSE-S3 → policy.kms-key-denies on that key, fixed by kms put-key-policy', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const bucket = bucketName('kms-object');
    const gateway = await gatewayWithPolicy(client, v.vpcId, [rtb], endpointAllowList(bucket));
    await bucketWith(storage, bucket);
    await storage.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    );
    const kms = new KMSClient({ region: REGION, endpoint: url!, credentials });
    const key = (await kms.send(new CreateKeyCommand({ Policy: JSON.stringify(keyPinnedToEndpoint(gateway)) })))
      .KeyMetadata!.Arn!;
    const answers = {
      region: REGION,
      service: 's3',
      'source.kind': 'instance',
      'source.id': v.instanceId,
      symptom: 'access-denied',
      'target.bucket': bucket,
      'target.key': 'releases/app.tar.gz',
    };
    const before = await runAnswers<Report>(url!, answers);
    const kmsBefore = before.report.checks.find((c) => c.id === 'policy.kms-key');
    expect(kmsBefore?.status, kmsBefore?.detail).toBe('pass'); // SSE-S3 default: no key judged
    const { report } = await runAnswers<Report>(url!, { ...answers, 'target.kms-key': key });
    const f = report.findings.find((x) => x.id === 'policy.kms-key-denies');
    expect(f, JSON.stringify(report.checks.filter((c) => c.id.startsWith('policy.')))).toBeDefined();
    expect(f!.evidence.join('\n')).toContain(`is encrypted with ${key} (target.kms-key`);
    expect(f!.evidence.join('\n')).toContain('OnlyThroughTheEndpoint');
    expect(f!.fix.commands[0]?.argv.slice(0, 3)).toEqual(['aws', 'kms', 'put-key-policy']);
    expect(f!.fix.commands[0]?.argv).toContain(key);
  });
});
