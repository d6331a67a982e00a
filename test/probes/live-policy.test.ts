// The policy layer's live probes against mocked S3/IAM (responses shaped like real AWS output):
// GetBucketLocation's null/"EU" conventions, NoSuchBucketPolicy as "no policy", the bucket's own
// Region for GetBucketPolicy, IAM denial as `denied` naming the action, and the advisory
// simulation resolving a role's path.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetBucketLocationCommand, GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { LiveProbes } from '../../src/probes/live/aws.js';
import { regionOfLocation } from '../../src/probes/live/policy.js';

const s3 = mockClient(S3Client);
const iam = mockClient(IAMClient);
afterEach(() => {
  s3.reset();
  iam.reset();
});

const probes = (): LiveProbes => new LiveProbes({ region: () => 'us-east-1' });

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

const POLICY =
  '{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideVpce","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::acme-app-artifacts/*","Condition":{"StringNotEquals":{"aws:sourceVpce":"vpce-0d4c3b2a190817263"}}}]}';

describe('GetBucketLocation', () => {
  it.each([
    [undefined, 'us-east-1'],
    ['', 'us-east-1'],
    ['EU', 'eu-west-1'],
    ['eu-central-1', 'eu-central-1'],
  ])('LocationConstraint %j → %s', (constraint, region) => {
    expect(regionOfLocation(constraint)).toBe(region);
  });

  it('a us-east-1 bucket (no LocationConstraint in the response) → Region us-east-1, constraint null', async () => {
    s3.on(GetBucketLocationCommand, { Bucket: 'acme-app-artifacts' }).resolves({});
    const out = await probes().run({ key: 's3.bucket-location', input: { bucket: 'acme-app-artifacts' } });
    expect(out).toEqual({
      status: 'ok',
      value: { Bucket: 'acme-app-artifacts', LocationConstraint: null, Region: 'us-east-1' },
    });
  });

  it('"EU" → eu-west-1', async () => {
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'EU' });
    const out = await probes().run({ key: 's3.bucket-location', input: { bucket: 'legacy-eu-bucket' } });
    expect(out).toEqual({
      status: 'ok',
      value: { Bucket: 'legacy-eu-bucket', LocationConstraint: 'EU', Region: 'eu-west-1' },
    });
  });

  it('NoSuchBucket → null', async () => {
    s3.on(GetBucketLocationCommand).rejects(awsError('NoSuchBucket', 'The specified bucket does not exist'));
    expect(await probes().run({ key: 's3.bucket-location', input: { bucket: 'gone-bucket' } })).toEqual({
      status: 'ok',
      value: null,
    });
  });

  it('AccessDenied → denied naming s3:GetBucketLocation', async () => {
    s3.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const out = await probes().run({ key: 's3.bucket-location', input: { bucket: 'acme-app-artifacts' } });
    expect(out).toMatchObject({ status: 'denied', action: 's3:GetBucketLocation' });
  });
});

describe('GetBucketPolicy', () => {
  it('returns the policy text', async () => {
    s3.on(GetBucketPolicyCommand, { Bucket: 'acme-app-artifacts' }).resolves({ Policy: POLICY });
    const out = await probes().run({
      key: 's3.bucket-policy',
      input: { bucket: 'acme-app-artifacts', region: 'us-east-1' },
    });
    expect(out).toEqual({ status: 'ok', value: { Bucket: 'acme-app-artifacts', Policy: POLICY } });
  });

  it('NoSuchBucketPolicy → Policy null (no policy is not an error)', async () => {
    s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist'));
    const out = await probes().run({
      key: 's3.bucket-policy',
      input: { bucket: 'acme-app-artifacts', region: 'us-east-1' },
    });
    expect(out).toEqual({ status: 'ok', value: { Bucket: 'acme-app-artifacts', Policy: null } });
  });

  it('is asked in the bucket Region, not the run Region', async () => {
    s3.on(GetBucketPolicyCommand).resolves({ Policy: POLICY });
    await probes().run({ key: 's3.bucket-policy', input: { bucket: 'legacy-eu-bucket', region: 'eu-west-1' } });
    const client = s3.call(0).thisValue as S3Client;
    expect(await client.config.region()).toBe('eu-west-1');
  });

  it('AccessDenied → denied naming s3:GetBucketPolicy', async () => {
    s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const out = await probes().run({
      key: 's3.bucket-policy',
      input: { bucket: 'acme-app-artifacts', region: 'us-east-1' },
    });
    expect(out).toMatchObject({ status: 'denied', action: 's3:GetBucketPolicy' });
  });
});

describe('SimulatePrincipalPolicy (advisory)', () => {
  const input = {
    policySourceArn: 'arn:aws:iam::123456789012:role/PlatformOps',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::acme-app-artifacts/releases/app.tar.gz',
    context: [
      { key: 'aws:SourceVpce', type: 'string' as const, values: ['vpce-0123456789abcdef0'] },
      { key: 'aws:VpcSourceIp', type: 'ip' as const, values: ['10.0.1.25'] },
    ],
  };
  const result = {
    EvalActionName: 's3:GetObject',
    EvalResourceName: input.resource,
    EvalDecision: 'implicitDeny' as const,
    MatchedStatements: [],
    MissingContextValues: [],
    OrganizationsDecisionDetail: { AllowedByOrganizations: true },
  };

  it('sends the action, resource and this path context; maps the decision', async () => {
    iam.on(SimulatePrincipalPolicyCommand).resolves({ EvaluationResults: [result], IsTruncated: false });
    const out = await probes().run({ key: 'iam.simulate-principal-policy', input });
    expect(out).toEqual({
      status: 'ok',
      value: {
        PolicySourceArn: input.policySourceArn,
        EvalActionName: 's3:GetObject',
        EvalResourceName: input.resource,
        EvalDecision: 'implicitDeny',
        MatchedStatements: [],
        MissingContextValues: [],
        AllowedByOrganizations: true,
      },
    });
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)[0]?.args[0].input).toEqual({
      PolicySourceArn: input.policySourceArn,
      ActionNames: ['s3:GetObject'],
      ResourceArns: [input.resource],
      ContextEntries: [
        { ContextKeyName: 'aws:SourceVpce', ContextKeyType: 'string', ContextKeyValues: ['vpce-0123456789abcdef0'] },
        { ContextKeyName: 'aws:VpcSourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.0.1.25'] },
      ],
    });
  });

  it('a role with a path (the session ARN dropped it): NoSuchEntity → GetRole → simulate the real ARN', async () => {
    const real = 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_PlatformOps_0a1b2c3d';
    const asked = { ...input, policySourceArn: 'arn:aws:iam::123456789012:role/AWSReservedSSO_PlatformOps_0a1b2c3d' };
    iam
      .on(SimulatePrincipalPolicyCommand, { PolicySourceArn: asked.policySourceArn })
      .rejects(awsError('NoSuchEntity', 'The role with name … cannot be found'));
    iam.on(GetRoleCommand, { RoleName: 'AWSReservedSSO_PlatformOps_0a1b2c3d' }).resolves({
      Role: {
        RoleName: 'AWSReservedSSO_PlatformOps_0a1b2c3d',
        Arn: real,
        Path: '/aws-reserved/sso.amazonaws.com/',
        RoleId: 'AROAEXAMPLE',
        CreateDate: new Date('2026-01-01T00:00:00Z'),
      },
    });
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: real }).resolves({
      EvaluationResults: [
        {
          ...result,
          EvalDecision: 'allowed',
          MatchedStatements: [{ SourcePolicyId: 'AdministratorAccess', SourcePolicyType: 'aws-managed' }],
        },
      ],
    });
    const out = await probes().run({ key: 'iam.simulate-principal-policy', input: asked });
    expect(out).toMatchObject({
      status: 'ok',
      value: {
        PolicySourceArn: real,
        EvalDecision: 'allowed',
        MatchedStatements: [{ SourcePolicyId: 'AdministratorAccess', SourcePolicyType: 'aws-managed' }],
      },
    });
  });

  it('AccessDenied → denied naming iam:SimulatePrincipalPolicy', async () => {
    iam
      .on(SimulatePrincipalPolicyCommand)
      .rejects(awsError('AccessDenied', 'User is not authorized to perform: iam:SimulatePrincipalPolicy'));
    const out = await probes().run({ key: 'iam.simulate-principal-policy', input });
    expect(out).toMatchObject({ status: 'denied', action: 'iam:SimulatePrincipalPolicy' });
  });

  it('GetRole denied while resolving the path → denied naming iam:GetRole', async () => {
    iam.on(SimulatePrincipalPolicyCommand).rejects(awsError('NoSuchEntity', 'cannot be found'));
    iam.on(GetRoleCommand).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetRole'));
    const out = await probes().run({ key: 'iam.simulate-principal-policy', input });
    expect(out).toMatchObject({ status: 'denied', action: 'iam:GetRole' });
  });

  it('an empty evaluation → error, never ok', async () => {
    iam.on(SimulatePrincipalPolicyCommand).resolves({ EvaluationResults: [] });
    const out = await probes().run({ key: 'iam.simulate-principal-policy', input });
    expect(out.status).toBe('error');
  });
});
