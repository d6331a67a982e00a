// The AWS-owned S3 buckets workloads in a VPC read through its S3 endpoint. They live in accounts
// outside any customer's organization, so an endpoint policy that keeps requests inside the
// organization (aws:ResourceOrgID, aws:ResourceAccount, aws:PrincipalOrgID) refuses them unless it
// names them as an exception. Lists from the documented exception statement
// "AllowRequestsToAWSOwnedResources" (aws-samples/data-perimeter-policy-examples,
// vpc_endpoint_policies/s3_endpoint_policy.json, which the IAM User Guide points to:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_data-perimeters.html).

/** What the evidence says the resource keys hold for an AWS-owned bucket. */
export const AWS_OWNED_VALUE = 'an AWS-owned account, outside your organization';

export type AwsOwnedGroup = 'ecr' | 'amazon-linux' | 'ssm' | 'cloudwatch-agent';

export interface AwsOwnedBucket {
  group: AwsOwnedGroup;
  name: string;
}

/** What each group serves, as the evidence names it. */
export const GROUP_LABEL: Record<AwsOwnedGroup, string> = {
  ecr: 'ECR image layers',
  'amazon-linux': 'Amazon Linux package repositories (dnf/yum)',
  ssm: 'Systems Manager (SSM Agent documents, patching, distributor packages)',
  'cloudwatch-agent': 'the CloudWatch agent package',
};

/** The buckets of each group in `region`. */
export function awsOwnedBuckets(region: string): AwsOwnedBucket[] {
  const of = (group: AwsOwnedGroup, names: string[]) => names.map((name) => ({ group, name }));
  return [
    // "Minimum Amazon S3 bucket permissions for Amazon ECR": s3:GetObject on prod-<region>-starport-layer-bucket/*
    // (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms).
    ...of('ecr', [`prod-${region}-starport-layer-bucket`]),
    // Amazon Linux 2023 / Amazon Linux 2 / Amazon Linux AMI repositories, read by dnf/yum without a signature
    // (https://docs.aws.amazon.com/linux/al2023/ug/managing-repos-os-updates.html).
    ...of('amazon-linux', [
      `al2023-repos-${region}-de612dc2`,
      `amazonlinux-2-repos-${region}`,
      `amazonlinux.${region}.amazonaws.com`,
      `packages.${region}.amazonaws.com`,
      `repo.${region}.amazonaws.com`,
    ]),
    // "SSM Agent communications with AWS managed S3 buckets"
    // (https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-technical-details.html#ssm-agent-minimum-s3-permissions).
    ...of('ssm', [
      `aws-windows-downloads-${region}`,
      `amazon-ssm-${region}`,
      `amazon-ssm-packages-${region}`,
      `${region}-birdwatcher-prod`,
      `aws-ssm-distributor-file-${region}`,
      `aws-ssm-document-attachments-${region}`,
      `patch-baseline-snapshot-${region}`,
      `aws-ssm-${region}`,
    ]),
    // CloudWatch agent download links (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/download-CloudWatch-Agent-on-EC2-Instance-commandline-first.html).
    ...of('cloudwatch-agent', [`amazoncloudwatch-agent-${region}`, 'amazoncloudwatch-agent']),
  ];
}

/** The AWS-owned bucket a bucket name is, if it is one. */
export function awsOwnedBucket(name: string, region: string): AwsOwnedBucket | undefined {
  return awsOwnedBuckets(region).find((b) => b.name === name);
}

/** Interface services whose workload reads a group of these buckets through the VPC's S3 endpoint. */
export function groupOfService(short: string): AwsOwnedGroup | undefined {
  // An image pull takes the layers from the starport bucket through S3 (ECR guide, vpc-endpoints).
  if (short === 'ecr.dkr' || short === 'ecr.api') return 'ecr';
  if (short === 'ssm' || short === 'ssmmessages' || short === 'ec2messages') return 'ssm';
  return undefined;
}

/** Regions as they appear inside bucket names (us-east-1, us-gov-west-1, cn-north-1 …). */
const REGION_IN_NAME = /[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d/g;

/**
 * The AWS-owned bucket a bucket name is, with the Region its name carries, for any Region: the
 * names put the Region in them (above), so no GetBucketLocation is needed — and none would
 * answer, since S3 refuses GetBucketLocation to anyone but the bucket owner's account
 * (S3 API reference, GetBucketLocation). `region` is undefined for the one name without a Region.
 */
export function awsOwnedByName(name: string): (AwsOwnedBucket & { region: string | undefined }) | undefined {
  for (const m of name.matchAll(REGION_IN_NAME)) {
    const owned = awsOwnedBucket(name, m[0]);
    if (owned !== undefined) return { ...owned, region: m[0] };
  }
  // The CloudWatch agent's global download bucket carries no Region.
  if (name === 'amazoncloudwatch-agent') return { group: 'cloudwatch-agent', name, region: undefined };
  return undefined;
}
