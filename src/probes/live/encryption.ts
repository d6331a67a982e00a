// Live readers of the encryption on the S3 path — GetBucketEncryption (in the bucket's Region)
// and DescribeKey for the key it names — and of the caller's organization. Read-only calls.
import type { AwsClients, LiveHandlers } from './clients.js';
import { call, errorCode } from './errors.js';
import type { ENCRYPTION_PROBES, ORGANIZATION_PROBES } from '../specs/encryption.js';

export function encryptionHandlers(clients: AwsClients): LiveHandlers<keyof typeof ENCRYPTION_PROBES> {
  return {
    's3.bucket-encryption': async ({ bucket, region }) => {
      const { client: home, sdk } = await clients.getS3();
      // A bucket answers only in its own Region (elsewhere: a 301 PermanentRedirect).
      const client =
        region === clients.config().region
          ? home
          : new sdk.S3Client({ ...clients.config(), region, forcePathStyle: home.config.forcePathStyle ?? false });
      try {
        // GetBucketEncryption is authorised as s3:GetEncryptionConfiguration (S3 API reference).
        const out = await call('s3:GetEncryptionConfiguration', () =>
          client.send(new sdk.GetBucketEncryptionCommand({ Bucket: bucket })),
        );
        const rules = (out.ServerSideEncryptionConfiguration?.Rules ?? []).flatMap((r) => {
          const d = r.ApplyServerSideEncryptionByDefault;
          if (d?.SSEAlgorithm === undefined) return [];
          return [
            {
              SSEAlgorithm: d.SSEAlgorithm,
              ...(d.KMSMasterKeyID !== undefined ? { KMSMasterKeyID: d.KMSMasterKeyID } : {}),
              ...(r.BucketKeyEnabled !== undefined ? { BucketKeyEnabled: r.BucketKeyEnabled } : {}),
            },
          ];
        });
        return { Bucket: bucket, Rules: rules };
      } catch (err) {
        if (errorCode(err) === 'ServerSideEncryptionConfigurationNotFoundError') return { Bucket: bucket, Rules: [] };
        throw err;
      } finally {
        if (client !== home) client.destroy();
      }
    },
    'kms.describe-key': async ({ keyId, region }) => {
      const sdk = await import('@aws-sdk/client-kms');
      const client = new sdk.KMSClient({ ...clients.config(), region });
      try {
        const out = await call('kms:DescribeKey', () => client.send(new sdk.DescribeKeyCommand({ KeyId: keyId })));
        const m = out.KeyMetadata;
        if (m?.KeyId === undefined || m.Arn === undefined) return null;
        return {
          KeyId: m.KeyId,
          Arn: m.Arn,
          KeyManager: m.KeyManager ?? 'CUSTOMER',
          ...(m.KeyState !== undefined ? { KeyState: m.KeyState } : {}),
        };
      } catch (err) {
        if (errorCode(err) === 'NotFoundException') return null;
        throw err;
      } finally {
        client.destroy();
      }
    },
  };
}

/** DescribeOrganization: the caller account's organization (its id), or null outside any. */
export function organizationHandlers(clients: AwsClients): LiveHandlers<keyof typeof ORGANIZATION_PROBES> {
  return {
    'organizations.describe-organization': async () => {
      const sdk = await import('@aws-sdk/client-organizations');
      const client = new sdk.OrganizationsClient({ ...clients.config(), region: organizationsRegion(clients) });
      try {
        const out = await call('organizations:DescribeOrganization', () =>
          client.send(new sdk.DescribeOrganizationCommand({})),
        );
        const o = out.Organization;
        if (o?.Id === undefined) return null;
        return { Id: o.Id, ...(o.MasterAccountId !== undefined ? { MasterAccountId: o.MasterAccountId } : {}) };
      } catch (err) {
        if (errorCode(err) === 'AWSOrganizationsNotInUseException') return null;
        throw err;
      } finally {
        client.destroy();
      }
    },
    'organizations.account-parents': async ({ accountId }) => {
      const sdk = await import('@aws-sdk/client-organizations');
      const client = new sdk.OrganizationsClient({ ...clients.config(), region: organizationsRegion(clients) });
      try {
        // Each account and OU has exactly one parent; OUs nest at most five deep under the root (Organizations quotas).
        const parents: string[] = [];
        let child = accountId;
        for (let depth = 0; depth < 8; depth++) {
          const out = await call('organizations:ListParents', () =>
            client.send(new sdk.ListParentsCommand({ ChildId: child })),
          );
          const parent = out.Parents?.[0];
          if (parent?.Id === undefined) throw new Error(`ListParents gave no parent for ${child}`);
          parents.unshift(parent.Id);
          if (parent.Type === 'ROOT') return { Parents: parents };
          child = parent.Id;
        }
        throw new Error(`ListParents did not reach the root from ${accountId}`);
      } catch (err) {
        const code = errorCode(err);
        if (code === 'AccountNotFoundException' || code === 'ChildNotFoundException') return null;
        throw err;
      } finally {
        client.destroy();
      }
    },
  };
}

/** Organizations has one endpoint per partition, in us-east-1 for the aws partition (Organizations API reference, endpoints). */
function organizationsRegion(clients: AwsClients): string {
  const region = clients.config().region;
  return region.startsWith('cn-') ? 'cn-northwest-1' : region.startsWith('us-gov-') ? 'us-gov-west-1' : 'us-east-1';
}
