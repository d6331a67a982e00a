// The policy module through the real engine, over fixture accounts: each scenario names the
// policy that says no, quotes the deciding statement and ships a corrected document.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { IDS } from '../../support/fixtures/world.js';
import {
  BUCKET,
  DENIED_ANSWERS,
  denyOutsideOffice,
  denyUnlessVpce,
  doc,
  endpointAllowList,
  OTHER_VPCE,
  policyAccount,
  ROLE_ARN,
} from '../../support/fixtures/policy-world.js';
import { policyScenarios } from '../../recordings/scenarios/policy.js';
import { reportOf, walk } from '../../support/diagnose.js';

const denied: Answers = DENIED_ANSWERS;

/** Like the CLI with --answers: every answer is seeded (target.action/target.principal are never asked). */
async function diagnose(
  account: Account,
  answers: Answers = denied,
  how: 'seeded' | 'presets' = 'seeded',
): Promise<{ report: Report; calls: string[] }> {
  const probes = fixtureProbes(account);
  const state = await walk(answers, probes, { how });
  return { report: reportOf(state), calls: probes.calls };
}

const ids = (r: Report): string[] => r.findings.map((f) => f.id);
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

/** A policy document as the command carries it: compact JSON, one argument. */
const inline = (json: string): string => JSON.stringify(JSON.parse(json));

describe('policy recordings scenarios produce what they are named for', () => {
  for (const s of policyScenarios) {
    it(s.name, async () => {
      const { report } = await diagnose(s.account, s.answers, 'presets'); // as test/recordings/record.ts drives them
      expect(ids(report)).toEqual(s.expect.findings);
      expect(report.verdict).toBe(s.expect.verdict);
    });
  }
});

describe('policy module', () => {
  it('bucket policy denies outside another endpoint (key spelled aws:sourceVpce) → bucket-sourcevpce-mismatch quoting the statement; the fix adds this endpoint and keeps the rest', async () => {
    const { report } = await diagnose(
      policyAccount({ endpointPolicy: endpointAllowList(BUCKET), bucketPolicy: denyUnlessVpce(OTHER_VPCE) }),
    );
    expect(ids(report)).toEqual(['policy.bucket-sourcevpce-mismatch']);
    const f = report.findings[0]!;
    expect(f.evidence.join('\n')).toContain(
      `statement "DenyOutsideVpce" (#1, Deny): StringNotEquals aws:sourceVpce expected [${OTHER_VPCE}] and this path sends ${IDS.s3Gateway}`,
    );
    expect(f.evidence[0]).toContain(
      `through ${IDS.s3Gateway} (aws:SourceVpce ${IDS.s3Gateway}, aws:SourceVpc ${IDS.vpc}, aws:VpcSourceIp 10.0.1.25, no aws:SourceIp)`,
    );
    // The whole corrected document travels inline (never a file:// that --save may not have written).
    expect(f.fix.commands.map((c) => c.argv)).toEqual([
      [
        'aws',
        's3api',
        'put-bucket-policy',
        '--bucket',
        BUCKET,
        '--policy',
        inline(f.fix.files![0]!.contents),
        '--region',
        'us-east-1',
      ],
    ]);
    expect(f.fix.commands[0]?.line).not.toContain('file://');
    expect(f.fix.files?.map((x) => x.path)).toEqual(['bucket-policy.json']);
    const fixed = JSON.parse(f.fix.files![0]!.contents) as {
      Statement: { Sid: string; Condition?: Record<string, Record<string, unknown>> }[];
    };
    expect(fixed.Statement.map((s) => s.Sid)).toEqual(['AllowPlatformRead', 'DenyOutsideVpce']);
    expect(fixed.Statement[1]!.Condition).toEqual({
      StringNotEquals: { 'aws:sourceVpce': [OTHER_VPCE, IDS.s3Gateway] },
    });
  });

  it('bucket policy lists this endpoint among others → no policy finding, the check passes', async () => {
    const { report } = await diagnose(
      policyAccount({
        endpointPolicy: endpointAllowList(BUCKET),
        bucketPolicy: denyUnlessVpce([OTHER_VPCE, IDS.s3Gateway]),
      }),
      { ...denied, symptom: 'unknown' },
    );
    expect(report.findings).toEqual([]);
    expect(check(report, 'policy.bucket-policy')?.status).toBe('pass');
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('pass');
    expect(report.verdict).toBe('healthy');
  });

  it('aws:SourceVpc pin naming another VPC → bucket-sourcevpce-mismatch', async () => {
    const policy = doc({
      Sid: 'OnlyFromHubVpc',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-0ffee0000000000aa' } },
    });
    const { report } = await diagnose(
      policyAccount({ endpointPolicy: endpointAllowList(BUCKET), bucketPolicy: policy }),
    );
    expect(ids(report)).toEqual(['policy.bucket-sourcevpce-mismatch']);
    expect(report.findings[0]!.evidence.join('\n')).toContain(
      `StringNotEquals aws:SourceVpc expected [vpc-0ffee0000000000aa] and this path sends ${IDS.vpc}`,
    );
    expect(
      JSON.parse(report.findings[0]!.fix.files![0]!.contents).Statement[0].Condition.StringNotEquals['aws:SourceVpc'],
    ).toEqual(['vpc-0ffee0000000000aa', IDS.vpc]);
  });

  it('NotIpAddress aws:SourceIp with public CIDRs → sourceip-through-endpoint; the fix exempts the endpoint and keeps the IP rule', async () => {
    const { report } = await diagnose(
      policyAccount({ endpointPolicy: endpointAllowList(BUCKET), bucketPolicy: denyOutsideOffice() }),
    );
    expect(ids(report)).toEqual(['policy.sourceip-through-endpoint']);
    const f = report.findings[0]!;
    expect(f.evidence.join('\n')).toContain(
      'statement "DenyOutsideOffice" (#0, Deny): NotIpAddress aws:SourceIp expected [203.0.113.0/24, 198.51.100.14/32] and this path sends nothing (the key is absent)',
    );
    const fixed = JSON.parse(f.fix.files![0]!.contents) as {
      Statement: { Condition: Record<string, Record<string, unknown>> }[];
    };
    expect(fixed.Statement[0]!.Condition).toEqual({
      NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.14/32'] },
      StringNotEquals: { 'aws:SourceVpce': IDS.s3Gateway },
    });
  });

  it('endpoint allow-list misses the bucket → endpoint-denies naming the Resource; the fix appends one Allow for the object reads under the key prefix (not only the probed key) and keeps the list', async () => {
    const { report } = await diagnose(policyAccount({ endpointPolicy: endpointAllowList('acme-logs') }));
    expect(ids(report)).toEqual(['policy.endpoint-denies']);
    const f = report.findings[0]!;
    expect(f.evidence.join('\n')).toContain(
      `statement AllowListedBuckets (Allow): Resource [arn:aws:s3:::acme-logs, arn:aws:s3:::acme-logs/*] does not cover arn:aws:s3:::${BUCKET}/releases/app-1.4.2.tar.gz`,
    );
    expect(f.fix.commands.map((c) => c.argv)).toEqual([
      [
        'aws',
        'ec2',
        'modify-vpc-endpoint',
        '--vpc-endpoint-id',
        IDS.s3Gateway,
        '--policy-document',
        inline(f.fix.files![0]!.contents),
        '--region',
        'us-east-1',
      ],
    ]);
    const fixed = JSON.parse(f.fix.files![0]!.contents) as { Statement: Record<string, unknown>[] };
    expect(fixed.Statement).toHaveLength(2);
    expect(fixed.Statement[1]).toEqual({
      Sid: 'VpceDoctorAllowS3GetObject',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: `arn:aws:s3:::${BUCKET}/releases/*`,
    });
  });

  it('ECR pulls: an endpoint allow-list without the service-owned layer bucket → endpoint-denies for that bucket', async () => {
    const layer = 'prod-us-east-1-starport-layer-bucket';
    const account = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
    account.buckets!.push({ name: layer, locationConstraint: null });
    const { report } = await diagnose(account, {
      ...denied,
      'target.bucket': layer,
      'target.key': 'sha256:0a1b/layer',
    });
    expect(ids(report)).toEqual(['policy.endpoint-denies']);
    expect(report.findings[0]!.fix.summary).toContain(`arn:aws:s3:::${layer}/sha256:0a1b/layer`);
  });

  it("endpoint policy with an explicit Deny (NotAction, no condition) → endpoint-denies; the fix adds the request to the Deny's exceptions (an Allow cannot outvote it) and prints the whole document", async () => {
    const policy = JSON.stringify(
      doc(
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Sid: 'ReadOnly', Effect: 'Deny', Principal: '*', NotAction: ['s3:PutObject'], Resource: '*' },
      ),
    );
    const { report } = await diagnose(policyAccount({ endpointPolicy: policy }));
    expect(ids(report)).toEqual(['policy.endpoint-denies']);
    const f = report.findings[0]!;
    expect(f.evidence.join('\n')).toContain('statement ReadOnly (Deny): Action, Resource and Principal match');
    expect(f.fix.commands.map((c) => c.argv.slice(1, 3).join(' '))).toEqual(['ec2 modify-vpc-endpoint']);
    expect(f.fix.summary).toContain('added s3:GetObject, s3:GetObjectVersion to its NotAction');
    const fixed = JSON.parse(f.fix.commands[0]!.argv[6]!) as { Statement: Record<string, unknown>[] };
    expect(fixed.Statement).toEqual([
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
      {
        Sid: 'ReadOnly',
        Effect: 'Deny',
        Principal: '*',
        NotAction: ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion'],
        Resource: '*',
      },
    ]);
  });

  it('endpoint policy conditioned on aws:PrincipalOrgID, organization unreadable (DescribeOrganization denied) → not reported as a denial; skipped naming the key and organizations:DescribeOrganization, incomplete, never healthy', async () => {
    const policy = JSON.stringify(
      doc({
        Sid: 'OrgOnly',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }),
    );
    const account = policyAccount({ endpointPolicy: policy });
    account.denied = { 'organizations.describe-organization': 'organizations:DescribeOrganization' };
    const { report } = await diagnose(account, { ...denied, symptom: 'unknown' });
    // The one finding is the data-perimeter warning: unsigned reads of AWS-owned buckets carry no org id.
    expect(report.findings.map((f) => [f.id, f.severity])).toEqual([['policy.data-perimeter-aws-owned', 'warning']]);
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('aws:PrincipalOrgID');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('needs organizations:DescribeOrganization');
    expect(report.verdict).toBe('incomplete');
  });

  it('endpoint policy allows, but a Deny on aws:PrincipalOrgID might apply and the organization cannot be read → skipped naming the key, incomplete, never healthy', async () => {
    const policy = JSON.stringify(
      doc(
        { Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        {
          Sid: 'DenyPartnerOrg',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-partner0001' } },
        },
      ),
    );
    const account = policyAccount({ endpointPolicy: policy });
    account.failing = { 'organizations.describe-organization': 'connect ETIMEDOUT' };
    const { report } = await diagnose(account, { ...denied, symptom: 'unknown' });
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('DenyPartnerOrg');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain(
      'the organization could not be read: connect ETIMEDOUT',
    );
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('aws:PrincipalOrgID');
    expect(report.verdict).toBe('incomplete');
  });

  it('endpoint policy whose only Allow rests on a Date operator the evaluator does not evaluate → skipped naming the operator, incomplete', async () => {
    const policy = JSON.stringify(
      doc({
        Sid: 'UntilEndOfYear',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
      }),
    );
    const { report } = await diagnose(policyAccount({ endpointPolicy: policy }), { ...denied, symptom: 'unknown' });
    expect(report.findings).toEqual([]);
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('DateLessThan');
    expect(report.verdict).toBe('incomplete');
  });

  it('endpoint policy that allows only a public CIDR by aws:SourceIp → sourceip-through-endpoint; the fix adds the same Allow for this endpoint', async () => {
    const policy = JSON.stringify(
      doc({
        Sid: 'OfficeOnly',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      }),
    );
    const { report } = await diagnose(policyAccount({ endpointPolicy: policy }), { ...denied, symptom: 'unknown' });
    expect(ids(report)).toEqual(['policy.sourceip-through-endpoint']);
    const f = report.findings[0]!;
    expect(f.evidence.join('\n')).toContain(
      'statement "OfficeOnly" (#0, Allow): IpAddress aws:SourceIp expected [203.0.113.0/24] but this path sends nothing (the key is absent)',
    );
    expect(f.fix.commands[0]?.argv).toContain(inline(f.fix.files![0]!.contents));
    expect(f.fix.commands[0]?.line).toContain(`--vpc-endpoint-id ${IDS.s3Gateway} --policy-document '{`);
    const fixed = JSON.parse(f.fix.files![0]!.contents) as { Statement: { Sid: string; Condition: unknown }[] };
    expect(fixed.Statement.map((x) => x.Sid)).toEqual(['OfficeOnly', 'OfficeOnlyViaVpce']);
    expect(fixed.Statement[1]!.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': IDS.s3Gateway } });
  });

  it('bucket in eu-west-1 (LocationConstraint "EU") → client.region-mismatch; the bucket policy is read in its own Region', async () => {
    const { report, calls } = await diagnose(
      policyAccount({ endpointPolicy: endpointAllowList(BUCKET), locationConstraint: 'EU' }),
    );
    expect(ids(report)).toEqual(['client.region-mismatch']);
    expect(report.findings[0]!.evidence[0]).toBe(`GetBucketLocation ${BUCKET}: LocationConstraint EU → eu-west-1`);
    expect(calls).toContain('s3.bucket-policy');
  });

  it('IAM simulation implicitDeny → identity-denies (advisory) with an inline-policy fix for the role behind the session', async () => {
    const account = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
    account.simulations = { [ROLE_ARN]: { decision: 'implicitDeny' } };
    const { report } = await diagnose(account);
    expect(ids(report)).toEqual(['policy.identity-denies']);
    const f = report.findings[0]!;
    expect(f.title).toContain('advisory');
    expect(f.evidence[1]).toContain(`advisory — IAM SimulatePrincipalPolicy for ${ROLE_ARN}, s3:GetObject`);
    expect(f.fix.commands.map((c) => c.argv.slice(0, 8))).toEqual([
      [
        'aws',
        'iam',
        'put-role-policy',
        '--role-name',
        'PlatformOps',
        '--policy-name',
        'vpce-doctor-s3-GetObject',
        '--policy-document',
      ],
    ]);
    expect(f.fix.commands[0]?.argv[8]).toBe(inline(f.fix.files![0]!.contents));
  });

  it('IAM implicitDeny but the bucket policy grants the role → no identity finding (same-account resource grant)', async () => {
    const account = policyAccount({
      endpointPolicy: endpointAllowList(BUCKET),
      bucketPolicy: denyUnlessVpce(IDS.s3Gateway),
    });
    account.simulations = { [ROLE_ARN]: { decision: 'implicitDeny' } };
    const { report } = await diagnose(account);
    expect(ids(report)).toEqual(['policy.org-guardrail']);
    expect(check(report, 'policy.identity')?.status).toBe('pass');
  });

  it('403 and an endpoint policy that turns on aws:PrincipalTag (a key vpce-doctor cannot see) → endpoint-policy skipped, incomplete, and no org-guardrail advisory claiming nothing readable denies', async () => {
    const account = policyAccount({
      endpointPolicy: JSON.stringify(
        doc({
          Sid: 'TeamOnly',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'orders' } },
        }),
      ),
    });
    const { report } = await diagnose(account);
    expect(check(report, 'policy.endpoint-policy')?.status).toBe('skipped');
    expect(check(report, 'policy.endpoint-policy')?.detail).toContain('aws:PrincipalTag/team');
    expect(ids(report)).not.toContain('policy.org-guardrail');
    expect(report.verdict).toBe('incomplete');
  });

  it('simulation denied → identity check skipped naming iam:SimulatePrincipalPolicy, never a pass; verdict incomplete', async () => {
    const account = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
    account.denied = { 'iam.simulate-principal-policy': 'iam:SimulatePrincipalPolicy' };
    const { report } = await diagnose(account);
    expect(check(report, 'policy.identity')).toMatchObject({ status: 'skipped' });
    expect(check(report, 'policy.identity')?.detail).toContain('iam:SimulatePrincipalPolicy');
    expect(report.verdict).toBe('incomplete');
  });

  it('GetBucketPolicy denied → the bucket-policy check is skipped naming s3:GetBucketPolicy', async () => {
    const account = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
    account.denied = { 's3.bucket-policy': 's3:GetBucketPolicy' };
    const { report } = await diagnose(account, { ...denied, symptom: 'unknown' });
    expect(check(report, 'policy.bucket-policy')).toMatchObject({ status: 'skipped' });
    expect(check(report, 'policy.bucket-policy')?.detail).toContain('s3:GetBucketPolicy');
    expect(report.verdict).toBe('incomplete');
  });

  it('a timeout run without a target asks no policy probe and reports nothing of this layer', async () => {
    const { report, calls } = await diagnose(policyAccount(), {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'timeout',
    });
    expect(report.findings).toEqual([]);
    expect(report.checks.filter((c) => c.id.startsWith('policy.'))).toEqual([]);
    expect(calls.filter((c) => c.startsWith('s3.') || c.startsWith('iam.'))).toEqual([]);
  });

  it('target.principal is judged instead of the caller; an account Principal on a gateway endpoint covers only the root user', async () => {
    const policy = JSON.stringify(
      doc({ Sid: 'AccountOnly', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:*', Resource: '*' }),
    );
    const role = 'arn:aws:iam::123456789012:role/app/batch-worker';
    const { report } = await diagnose(policyAccount({ endpointPolicy: policy }), {
      ...denied,
      symptom: 'unknown',
      'target.principal': role,
    });
    expect(ids(report)).toEqual(['policy.endpoint-denies']);
    expect(report.findings[0]!.evidence[0]).toContain(`${role} (target.principal) calling s3:GetObject`);
  });

  it('DynamoDB: target.table becomes the table ARN and dynamodb:GetItem is judged', async () => {
    const account = policyAccount();
    const ddb = {
      ...account.endpoints[0]!,
      VpcEndpointId: 'vpce-0dd0dd0dd0dd0dd01',
      ServiceName: 'com.amazonaws.us-east-1.dynamodb',
      PolicyDocument: JSON.stringify(
        doc({
          Sid: 'OrdersOnly',
          Effect: 'Allow',
          Principal: '*',
          Action: 'dynamodb:*',
          Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
        }),
      ),
    };
    account.endpoints = [ddb];
    for (const t of account.routeTables)
      t.Routes.push({
        DestinationPrefixListId: 'pl-02cd2c6b',
        GatewayId: ddb.VpcEndpointId,
        Origin: 'CreateRoute',
        State: 'active',
      });
    const { report } = await diagnose(account, {
      region: 'us-east-1',
      service: 'dynamodb',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'access-denied',
      'target.table': 'payments',
    });
    expect(ids(report)).toEqual(['policy.endpoint-denies']);
    expect(report.findings[0]!.evidence.join('\n')).toContain(
      'does not cover arn:aws:dynamodb:us-east-1:123456789012:table/payments',
    );
  });
});
