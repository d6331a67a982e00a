// Encryption on the S3 path: the bucket's default encryption and the KMS key it names; and the
// organization of the account vpce-doctor runs in (aws:PrincipalOrgID / aws:ResourceOrgID). Both are
// configuration reads (GetBucketEncryption, DescribeKey); the object's own SSE header would need
// HeadObject, which IAM authorises as s3:GetObject — a data-read permission vpce-doctor does not ask for.
import { z } from 'zod';

export const BucketEncryptionSchema = z.looseObject({
  Bucket: z.string(),
  /** ServerSideEncryptionConfiguration.Rules[].ApplyServerSideEncryptionByDefault; empty when none is set. */
  Rules: z
    .array(
      z.looseObject({
        /** AES256, aws:kms or aws:kms:dsse. */
        SSEAlgorithm: z.string(),
        /** Key id, key ARN, alias name or alias ARN, as configured; absent: the AWS managed key aws/s3. */
        KMSMasterKeyID: z.string().optional(),
        BucketKeyEnabled: z.boolean().optional(),
      }),
    )
    .default([]),
});
export type BucketEncryption = z.infer<typeof BucketEncryptionSchema>;

export const KmsKeySchema = z.looseObject({
  KeyId: z.string(),
  Arn: z.string(),
  /** AWS (an AWS managed key such as aws/s3) or CUSTOMER. */
  KeyManager: z.string(),
  KeyState: z.string().optional(),
});
export type KmsKey = z.infer<typeof KmsKeySchema>;

export const ENCRYPTION_PROBES = {
  /** s3:GetEncryptionConfiguration (GetBucketEncryption) in the bucket's Region; Rules [] when none is set. */
  's3.bucket-encryption': {
    iam: ['s3:GetEncryptionConfiguration'],
    input: z.strictObject({ bucket: z.string(), region: z.string() }),
    output: BucketEncryptionSchema,
  },
  /** kms:DescribeKey (takes a key id, key ARN or alias): the key's ARN and manager; null when there is no such key. */
  'kms.describe-key': {
    iam: ['kms:DescribeKey'],
    input: z.strictObject({ keyId: z.string(), region: z.string() }),
    output: KmsKeySchema.nullable(),
  },
} as const;

export const OrganizationSchema = z.looseObject({
  /** The organization id, o-…: the value of aws:PrincipalOrgID / aws:ResourceOrgID for its accounts. */
  Id: z.string(),
  MasterAccountId: z.string().optional(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const ORGANIZATION_PROBES = {
  /**
   * organizations:DescribeOrganization (any member account may call it): the organization of the
   * account vpce-doctor runs in; null when the account is in none (AWSOrganizationsNotInUseException).
   */
  'organizations.describe-organization': {
    iam: ['organizations:DescribeOrganization'],
    input: z.strictObject({}),
    output: OrganizationSchema.nullable(),
  },
  /**
   * organizations:ListParents, walked from the account up to the root: the account's place in
   * the organization (aws:PrincipalOrgPaths / aws:ResourceOrgPaths are
   * `<org id>/<root id>/<ou id>/…/`). Only the management account or a delegated administrator may
   * call it (Organizations API reference, ListParents); null when the account is not in the
   * caller's organization (AccountNotFoundException / ChildNotFoundException).
   */
  'organizations.account-parents': {
    iam: ['organizations:ListParents'],
    input: z.strictObject({ accountId: z.string() }),
    output: z
      .looseObject({
        /** The root first, then each OU down to the one holding the account. */
        Parents: z.array(z.string()),
      })
      .nullable(),
  },
} as const;
