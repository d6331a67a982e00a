// The AWS-owned S3 buckets workloads in a VPC read through its S3 endpoint. They live in accounts
// outside any customer's organization, so an endpoint policy that keeps requests inside the
// organization (aws:ResourceOrgID, aws:ResourceAccount, aws:PrincipalOrgID) refuses them unless it
// names them as an exception. Lists from the documented exception statement
// "AllowRequestsToAWSOwnedResources" (aws-samples/data-perimeter-policy-examples,
// vpc_endpoint_policies/s3_endpoint_policy.json, which the IAM User Guide points to:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_data-perimeters.html).

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
