// The resource policies on an interface endpoint's path, read read-only: the queue, topic, key,
// secret, table, repository or API the request acts on may refuse it whatever the endpoint
// policy allows. Each reader returns the policy text (null when the resource has none) and is
// asked in the resource's own Region (the one its ARN names).
import { z } from 'zod';

export const ResourcePolicySchema = z.looseObject({
  /** The resource as the reader named it (ARN, or the API id). */
  Resource: z.string(),
  /** The policy JSON text; null when the resource has no policy. */
  Policy: z.string().nullable(),
});
export type ResourcePolicyFact = z.infer<typeof ResourcePolicySchema>;

export const QueuePolicySchema = ResourcePolicySchema.extend({
  /** The queue URL set-queue-attributes takes. */
  QueueUrl: z.string(),
});

export const RestApiSchema = ResourcePolicySchema.extend({
  Name: z.string().optional(),
  /** endpointConfiguration.types: PRIVATE, REGIONAL or EDGE. */
  EndpointTypes: z.array(z.string()).default([]),
  /** endpointConfiguration.vpcEndpointIds: the endpoints associated with a private API. */
  VpcEndpointIds: z.array(z.string()).default([]),
});
export type RestApi = z.infer<typeof RestApiSchema>;

const regional = { region: z.string() };

export const RESOURCE_POLICY_PROBES = {
  /** sqs:GetQueueUrl then GetQueueAttributes(Policy); null when the queue does not exist. */
  'sqs.queue-policy': {
    iam: ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
    input: z.strictObject({ queueName: z.string(), account: z.string(), ...regional }),
    output: QueuePolicySchema.nullable(),
  },
  /** sns:GetTopicAttributes(Policy); null when the topic does not exist. */
  'sns.topic-policy': {
    iam: ['sns:GetTopicAttributes'],
    input: z.strictObject({ topicArn: z.string(), ...regional }),
    output: ResourcePolicySchema.nullable(),
  },
  /** kms:GetKeyPolicy (the "default" policy, the only one a key has); null when the key does not exist. */
  'kms.key-policy': {
    iam: ['kms:GetKeyPolicy'],
    input: z.strictObject({ keyArn: z.string(), ...regional }),
    output: ResourcePolicySchema.nullable(),
  },
  /** secretsmanager:GetResourcePolicy; Policy null when the secret has none; null when it does not exist. */
  'secretsmanager.resource-policy': {
    iam: ['secretsmanager:GetResourcePolicy'],
    input: z.strictObject({ secretArn: z.string(), ...regional }),
    output: ResourcePolicySchema.nullable(),
  },
  /** dynamodb:GetResourcePolicy on the table; Policy null on PolicyNotFoundException; null when the table does not exist. */
  'dynamodb.resource-policy': {
    iam: ['dynamodb:GetResourcePolicy'],
    input: z.strictObject({ tableArn: z.string(), ...regional }),
    output: ResourcePolicySchema.nullable(),
  },
  /** ecr:GetRepositoryPolicy; Policy null when the repository has none; null when it does not exist. */
  'ecr.repository-policy': {
    iam: ['ecr:GetRepositoryPolicy'],
    input: z.strictObject({ repositoryName: z.string(), registryId: z.string(), ...regional }),
    output: ResourcePolicySchema.nullable(),
  },
  /** GetRestApi (IAM action apigateway:GET): policy, endpoint types, associated endpoints; null when there is no such API. */
  'apigateway.rest-api': {
    iam: ['apigateway:GET'],
    input: z.strictObject({ restApiId: z.string(), ...regional }),
    output: RestApiSchema.nullable(),
  },
} as const;
