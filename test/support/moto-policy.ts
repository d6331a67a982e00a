// Policy scenarios in the emulator: buckets with objects and bucket policies, gateway endpoints
// with an endpoint policy. moto stores endpoint policies without evaluating them and enforces
// bucket-policy denies on object calls, so objects are written before the policy.
import { CreateVpcEndpointCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { REGION } from './moto-scenarios.js';

export function s3(url: string, region: string = REGION): S3Client {
  return new S3Client({
    region,
    endpoint: url,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
}

let bucketCounter = 0;
export function bucketName(stem: string): string {
  return `${stem}-${process.pid}-${bucketCounter++}`;
}

/** A bucket with one object, then (optionally) its policy. */
export async function bucketWith(
  client: S3Client,
  name: string,
  opts: { region?: string; key?: string; policy?: Record<string, unknown> } = {},
): Promise<void> {
  const region = opts.region ?? REGION;
  await client.send(
    new CreateBucketCommand({
      Bucket: name,
      ...(region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region as 'eu-west-1' } } : {}),
    }),
  );
  await client.send(new PutObjectCommand({ Bucket: name, Key: opts.key ?? 'releases/app.tar.gz', Body: 'payload' }));
  if (opts.policy) await client.send(new PutBucketPolicyCommand({ Bucket: name, Policy: JSON.stringify(opts.policy) }));
}

/** A gateway endpoint with a given endpoint policy (JSON text); moto keeps it as PolicyDocument. */
export async function gatewayWithPolicy(
  client: EC2Client,
  vpcId: string,
  routeTableIds: string[],
  policy?: string,
): Promise<string> {
  const ep = await client.send(
    new CreateVpcEndpointCommand({
      VpcId: vpcId,
      ServiceName: `com.amazonaws.${REGION}.s3`,
      VpcEndpointType: 'Gateway',
      RouteTableIds: routeTableIds,
      ...(policy ? { PolicyDocument: policy } : {}),
    }),
  );
  return ep.VpcEndpoint!.VpcEndpointId!;
}

export const statementsFor = (bucket: string) => [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`];

export function denyUnlessVpce(bucket: string, vpce: string | string[]): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideVpce',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: statementsFor(bucket),
        Condition: { StringNotEquals: { 'aws:sourceVpce': vpce } },
      },
    ],
  };
}

export function denyOutsideOffice(bucket: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideOffice',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: statementsFor(bucket),
        Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      },
    ],
  };
}

export function endpointAllowList(...buckets: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowListedBuckets',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: buckets.flatMap(statementsFor),
      },
    ],
  });
}
