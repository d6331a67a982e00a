// Which resource policy stands on this request's path, from the resource ARN: the queue, topic,
// key, secret, table, repository or REST API, and the read that fetches its policy. S3 buckets
// have their own layer (../bucket).
import type { ProbeInput } from '../../../probes/contract.js';
import type { RESOURCE_POLICY_PROBES } from '../../../probes/specs/resource-policies.js';
import type { PolicyRequest } from '../evaluate.js';

export type PolicyReadKey = keyof typeof RESOURCE_POLICY_PROBES;
export type PolicyRead = { [K in PolicyReadKey]: { key: K; input: ProbeInput<K> } }[PolicyReadKey];

export type ResourceType = 'sqs' | 'sns' | 'kms' | 'secretsmanager' | 'dynamodb' | 'ecr' | 'execute-api';

export interface PolicyTarget {
  type: ResourceType;
  /** "SQS queue orders", as a title and the evidence name it. */
  label: string;
  /** The resource ARN whose policy is judged (a table for an index ARN, the API for a method ARN). */
  arn: string;
  region: string;
  account: string;
  /** The read that fetches the policy. */
  read: PolicyRead;
  /** A resource policy must allow the request even in its own account (KMS key policies; private APIs). */
  mustAllow: boolean;
  /** REST API: the stage the ARN names, when it names one. */
  stage?: string;
}

/** Services whose resources carry a policy vpce-doctor reads; the short names an endpoint serves. */
export const RESOURCE_POLICY_SERVICES: ReadonlySet<string> = new Set([
  'sqs',
  'sns',
  'kms',
  'secretsmanager',
  'dynamodb',
  'ecr.api',
  'ecr.dkr',
  'execute-api',
]);

/**
 * Services whose resources carry a policy that can refuse a request and that vpce-doctor does not
 * read: a request to them that acts on a resource is not judged (never a pass).
 * IAM User Guide, roles terms ("trust policy": who may assume the role);
 * docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html (a function policy may
 * allow or deny, with any global condition key); Kinesis Data Streams Developer Guide,
 * "Controlling access … with resource-based policies".
 */
export const UNREAD_RESOURCE_POLICIES: Readonly<Record<string, string>> = {
  sts: "the role's trust policy",
  lambda: "the function's resource-based policy",
  'kinesis-streams': "the stream's resource-based policy",
};

const ARN = /^arn:([\w-]+):([\w.-]+):([\w-]*):(\d{12}):(.+)$/;

/** The resource policy a request's resource carries, or why it cannot be named. */
export function policyTarget(request: PolicyRequest): PolicyTarget | { reason: string } | undefined {
  const m = ARN.exec(request.resource);
  if (m === null) return undefined;
  const [, partition = 'aws', service = '', region = '', account = '', rest = ''] = m;
  const base = { region, account };
  switch (service) {
    case 'sqs':
      return {
        ...base,
        type: 'sqs',
        label: `SQS queue ${rest}`,
        arn: request.resource,
        mustAllow: false,
        read: { key: 'sqs.queue-policy', input: { queueName: rest, account, region } },
      };
    case 'sns':
      return {
        ...base,
        type: 'sns',
        label: `SNS topic ${rest}`,
        arn: request.resource,
        mustAllow: false,
        read: { key: 'sns.topic-policy', input: { topicArn: request.resource, region } },
      };
    case 'kms':
      // A key policy is read by key; an alias names no policy of its own.
      if (!rest.startsWith('key/'))
        return { reason: `${request.resource} is not a key ARN (GetKeyPolicy takes a key)` };
      return {
        ...base,
        type: 'kms',
        label: `KMS key ${rest.slice(4)}`,
        arn: request.resource,
        // "Every KMS key must have exactly one key policy" and no principal gets access without it (KMS guide, key policies).
        mustAllow: true,
        read: { key: 'kms.key-policy', input: { keyArn: request.resource, region } },
      };
    case 'secretsmanager':
      return {
        ...base,
        type: 'secretsmanager',
        label: `secret ${rest.replace(/^secret:/, '')}`,
        arn: request.resource,
        mustAllow: false,
        read: { key: 'secretsmanager.resource-policy', input: { secretArn: request.resource, region } },
      };
    case 'dynamodb': {
      const table = /^table\/([^/]+)/.exec(rest)?.[1];
      if (table === undefined) return undefined;
      const arn = `arn:${partition}:dynamodb:${region}:${account}:table/${table}`;
      return {
        ...base,
        type: 'dynamodb',
        label: `DynamoDB table ${table}`,
        arn,
        mustAllow: false,
        read: { key: 'dynamodb.resource-policy', input: { tableArn: arn, region } },
      };
    }
    case 'ecr': {
      const repo = /^repository\/(.+)$/.exec(rest)?.[1];
      if (repo === undefined) return undefined;
      return {
        ...base,
        type: 'ecr',
        label: `ECR repository ${repo}`,
        arn: request.resource,
        mustAllow: false,
        read: { key: 'ecr.repository-policy', input: { repositoryName: repo, registryId: account, region } },
      };
    }
    case 'execute-api': {
      const [apiId = '', stage] = rest.split('/');
      if (!/^[a-z0-9]{10}$/.test(apiId)) return undefined;
      return {
        ...base,
        type: 'execute-api',
        label: `REST API ${apiId}`,
        arn: request.resource,
        // A private API answers only what its resource policy allows (API Gateway guide, private APIs).
        mustAllow: true,
        read: { key: 'apigateway.rest-api', input: { restApiId: apiId, region } },
        ...(stage !== undefined && stage !== '' && stage !== '*' ? { stage } : {}),
      };
    }
    default:
      return undefined;
  }
}
