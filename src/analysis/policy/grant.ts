// What a policy fix grants: not the one request that was probed (the next object, or the delete
// after a receive, would be denied again) but the narrowest thing the workload still works with —
// the calls that go together with the probed one (its action family) on the key prefix it reads.
import type { PolicyRequest } from './evaluate.js';

/**
 * Calls a workload makes together with the probed one, from the Service Authorization Reference
 * (docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
 * and each service's guide. Only same-resource siblings: a family never reaches another resource type.
 */
const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  // Reading objects: a versioned read is the same object (S3 User Guide, "Policy actions for Amazon S3").
  's3:getobject': ['s3:GetObject', 's3:GetObjectVersion'],
  // Uploads: the CLI and SDKs switch to multipart above a size; PutObject covers Create/Upload/Complete,
  // AbortMultipartUpload is its own action (S3 User Guide, "Multipart upload API and permissions").
  's3:putobject': ['s3:PutObject', 's3:AbortMultipartUpload'],
  // A consumer receives, then deletes or extends the visibility timeout (SQS Developer Guide, API permissions).
  'sqs:receivemessage': [
    'sqs:ReceiveMessage',
    'sqs:DeleteMessage',
    'sqs:ChangeMessageVisibility',
    'sqs:GetQueueAttributes',
  ],
  'sqs:sendmessage': ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
  // Reads of one table's items.
  'dynamodb:getitem': ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  // A pull of an image: manifest, layer URLs, layer check (ECR User Guide, "Private repository policies").
  'ecr:batchgetimage': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
  'ecr:getdownloadurlforlayer': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
  // Agents create their stream before writing to it (CloudWatch Logs, "CloudWatch agent" permissions).
  'logs:putlogevents': ['logs:CreateLogStream', 'logs:PutLogEvents'],
  'ssm:getparameter': ['ssm:GetParameter', 'ssm:GetParameters'],
};

export interface Grant {
  actions: string[];
  resources: string[];
  /** The grant in words, for the fix summary. */
  words: string;
}

const S3_OBJECT = /^(arn:[\w-]+:s3:::)([^/]+)\/(.+)$/;

/**
 * An S3 object ARN widened to the key prefix the workload uses: the probed key's top-level prefix
 * (`releases/app.tar.gz` → `releases/*`, a repository's whole tree rather than one file); a key
 * without a prefix, or `*`, gives the bucket's objects. Other ARNs stay as they are.
 */
export function grantedResource(arn: string): string {
  const m = S3_OBJECT.exec(arn);
  if (m === null) return arn;
  const [, head, bucket, key] = m as unknown as [string, string, string, string];
  const slash = key.indexOf('/');
  const prefix = slash > 0 && !key.slice(0, slash).includes('*') ? `${key.slice(0, slash)}/*` : '*';
  return `${head}${bucket}/${prefix}`;
}

export function grantFor(request: PolicyRequest): Grant {
  const actions = [...(FAMILIES[request.action.toLowerCase()] ?? [request.action])];
  const resource = grantedResource(request.resource);
  const widened = resource !== request.resource ? ` (the prefix the workload uses, not only ${request.resource})` : '';
  return {
    actions,
    resources: [resource],
    words: `${actions.join(', ')} on ${resource}${widened}`,
  };
}

/** A policy's Action / Resource value: a single string stays a string. */
export const policyValue = (values: readonly string[]): string | string[] =>
  values.length === 1 ? values[0]! : [...values];
