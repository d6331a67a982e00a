// Live probes of the policy layer: GetBucketLocation, GetBucketPolicy (read-only S3 calls) and
// the advisory IAM SimulatePrincipalPolicy. Each returns the facts in the spec's shape.
import { plain, type AwsClients, type LiveHandlers } from './clients.js';
import { call, errorCode } from './errors.js';
import type { POLICY_PROBES } from '../specs/policy.js';

/**
 * GetBucketLocation's answer as a Region: "a null value … for buckets in us-east-1" and the
 * legacy "EU" for eu-west-1 (S3 API reference, GetBucketLocation).
 */
export function regionOfLocation(constraint: string | null | undefined): string {
  if (constraint === undefined || constraint === null || constraint === '') return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

const ROLE_WITHOUT_PATH = /^arn:[\w-]+:iam::\d{12}:role\/([^/]+)$/;

export function policyHandlers(clients: AwsClients): LiveHandlers<keyof typeof POLICY_PROBES> {
  return {
    's3.bucket-location': async ({ bucket }) => {
      const { client, sdk } = await clients.getS3();
      try {
        const out = await call('s3:GetBucketLocation', () =>
          client.send(new sdk.GetBucketLocationCommand({ Bucket: bucket })),
        );
        const constraint = (out.LocationConstraint as string | undefined) ?? null;
        return { Bucket: bucket, LocationConstraint: constraint, Region: regionOfLocation(constraint) };
      } catch (err) {
        if (errorCode(err) === 'NoSuchBucket') return null;
        throw err;
      }
    },
    's3.bucket-policy': async ({ bucket, region }) => {
      const { client: home, sdk } = await clients.getS3();
      // A bucket answers GetBucketPolicy only in its own Region (elsewhere: a 301 PermanentRedirect).
      const client =
        region === clients.config().region
          ? home
          : new sdk.S3Client({ ...clients.config(), region, forcePathStyle: home.config.forcePathStyle ?? false });
      try {
        const out = await call('s3:GetBucketPolicy', () =>
          client.send(new sdk.GetBucketPolicyCommand({ Bucket: bucket })),
        );
        return { Bucket: bucket, Policy: out.Policy ?? null };
      } catch (err) {
        if (errorCode(err) === 'NoSuchBucketPolicy') return { Bucket: bucket, Policy: null };
        throw err;
      } finally {
        if (client !== home) client.destroy();
      }
    },
    'iam.simulate-principal-policy': async ({ policySourceArn, action, resource, context }) => {
      const { client, sdk } = await clients.getIam();
      const simulate = (arn: string) =>
        call('iam:SimulatePrincipalPolicy', () =>
          client.send(
            new sdk.SimulatePrincipalPolicyCommand({
              PolicySourceArn: arn,
              ActionNames: [action],
              ResourceArns: [resource],
              ContextEntries: context.map((c) => ({
                ContextKeyName: c.key,
                ContextKeyType: c.type,
                ContextKeyValues: c.values,
              })),
            }),
          ),
        );
      let arn = policySourceArn;
      let out;
      try {
        out = await simulate(arn);
      } catch (err) {
        const role = ROLE_WITHOUT_PATH.exec(arn);
        if (errorCode(err) !== 'NoSuchEntity' || role === null) throw err;
        // A session ARN (assumed-role/Name/session) drops the role's path, e.g. /aws-reserved/sso.amazonaws.com/: look it up.
        const got = await call('iam:GetRole', () => client.send(new sdk.GetRoleCommand({ RoleName: role[1] })));
        if (got.Role?.Arn === undefined || got.Role.Arn === arn) throw err;
        arn = got.Role.Arn;
        out = await simulate(arn);
      }
      const result = out.EvaluationResults?.[0];
      if (result === undefined) throw new Error('SimulatePrincipalPolicy returned no evaluation result');
      return plain({
        PolicySourceArn: arn,
        EvalActionName: result.EvalActionName,
        EvalResourceName: result.EvalResourceName,
        EvalDecision: result.EvalDecision,
        MatchedStatements: (result.MatchedStatements ?? []).map((s) => ({
          SourcePolicyId: s.SourcePolicyId,
          SourcePolicyType: s.SourcePolicyType,
        })),
        MissingContextValues: result.MissingContextValues ?? [],
        AllowedByOrganizations: result.OrganizationsDecisionDetail?.AllowedByOrganizations,
        AllowedByPermissionsBoundary: result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
      });
    },
  };
}
