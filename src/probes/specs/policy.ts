// The policy layer's probes: where a bucket lives, its bucket policy, and (advisory) what
// IAM's own simulator says about the caller's identity policies. The endpoint policy needs no
// probe of its own: DescribeVpcEndpoints already returns it as PolicyDocument.
import { z } from 'zod';

export const BucketLocationSchema = z.looseObject({
  Bucket: z.string(),
  /** GetBucketLocation's LocationConstraint as AWS sent it: null/"" for us-east-1, "EU" for eu-west-1. */
  LocationConstraint: z.string().nullable(),
  /** The Region the constraint names. */
  Region: z.string(),
});
export type BucketLocation = z.infer<typeof BucketLocationSchema>;

export const BucketPolicySchema = z.looseObject({
  Bucket: z.string(),
  /** The policy JSON text; null when the bucket has none (NoSuchBucketPolicy). */
  Policy: z.string().nullable(),
});
export type BucketPolicy = z.infer<typeof BucketPolicySchema>;

export const SimulationContextEntrySchema = z.strictObject({
  key: z.string(),
  type: z.enum(['string', 'ip']),
  values: z.array(z.string()),
});

export const SimulationSchema = z.looseObject({
  /** The principal actually simulated (a role ARN with its path, resolved when the session ARN lost it). */
  PolicySourceArn: z.string(),
  EvalActionName: z.string(),
  EvalResourceName: z.string().optional(),
  EvalDecision: z.string(), // allowed | explicitDeny | implicitDeny
  MatchedStatements: z
    .array(z.looseObject({ SourcePolicyId: z.string().optional(), SourcePolicyType: z.string().optional() }))
    .default([]),
  MissingContextValues: z.array(z.string()).default([]),
  /** false: an SCP of the organization denies (IAM reports it when the account is in an organization). */
  AllowedByOrganizations: z.boolean().optional(),
  AllowedByPermissionsBoundary: z.boolean().optional(),
});
export type Simulation = z.infer<typeof SimulationSchema>;

export const POLICY_PROBES = {
  /** s3:GetBucketLocation; null when the bucket does not exist (NoSuchBucket). */
  's3.bucket-location': {
    iam: ['s3:GetBucketLocation'],
    input: z.strictObject({ bucket: z.string() }),
    output: BucketLocationSchema.nullable(),
  },
  /** s3:GetBucketPolicy, asked in the bucket's own Region; Policy null when there is none (NoSuchBucketPolicy). */
  's3.bucket-policy': {
    iam: ['s3:GetBucketPolicy'],
    input: z.strictObject({ bucket: z.string(), region: z.string() }),
    output: BucketPolicySchema,
  },
  /** iam:SimulatePrincipalPolicy for one action on one resource with this path's context (advisory). */
  'iam.simulate-principal-policy': {
    iam: ['iam:SimulatePrincipalPolicy', 'iam:GetRole'],
    input: z.strictObject({
      policySourceArn: z.string(),
      action: z.string(),
      resource: z.string(),
      context: z.array(SimulationContextEntrySchema),
    }),
    output: SimulationSchema,
  },
} as const;
