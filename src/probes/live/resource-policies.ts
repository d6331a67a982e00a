// Live readers of the resource policies on an interface endpoint's path: one read-only call (two
// for SQS, which needs the queue URL) per resource, in the Region the resource's ARN names.
// "Does not exist" answers null; "has no policy" answers Policy null; a denial names the action.
import type { AwsClients, ClientConfig, LiveHandlers } from './clients.js';
import { call, errorCode } from './errors.js';
import type { RESOURCE_POLICY_PROBES } from '../specs/resource-policies.js';

/** A client for `region`, destroyed after `use`: these reads are one or two calls per run. */
async function inRegion<C extends { destroy(): void }, T>(
  clients: AwsClients,
  region: string,
  make: (config: ClientConfig) => C,
  use: (client: C) => Promise<T>,
): Promise<T> {
  const client = make({ ...clients.config(), region });
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

/** Null when the error says the resource does not exist; rethrows anything else. */
function absentOn(err: unknown, codes: readonly string[]): null {
  if (codes.includes(errorCode(err) ?? '')) return null;
  throw err;
}

/**
 * API Gateway returns a REST API's policy with its quotes escaped (`{\"Version\":…}`): the
 * document is the unescaped text.
 */
export function unescapePolicy(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  try {
    JSON.parse(text);
    return text;
  } catch {
    try {
      const unescaped: unknown = JSON.parse(`"${text}"`);
      return typeof unescaped === 'string' ? unescaped : text;
    } catch {
      return text;
    }
  }
}

export function resourcePolicyHandlers(clients: AwsClients): LiveHandlers<keyof typeof RESOURCE_POLICY_PROBES> {
  return {
    'sqs.queue-policy': async ({ queueName, account, region }) => {
      const sdk = await import('@aws-sdk/client-sqs');
      return inRegion(
        clients,
        region,
        (c) => new sdk.SQSClient(c),
        async (client) => {
          let url: string | undefined;
          try {
            url = (
              await call('sqs:GetQueueUrl', () =>
                client.send(new sdk.GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: account })),
              )
            ).QueueUrl;
          } catch (err) {
            return absentOn(err, ['AWS.SimpleQueueService.NonExistentQueue', 'QueueDoesNotExist']);
          }
          if (url === undefined) return null;
          const out = await call('sqs:GetQueueAttributes', () =>
            client.send(new sdk.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] })),
          );
          return {
            Resource: `arn:${region.startsWith('cn-') ? 'aws-cn' : 'aws'}:sqs:${region}:${account}:${queueName}`,
            QueueUrl: url,
            Policy: out.Attributes?.Policy ?? null,
          };
        },
      );
    },
    'sns.topic-policy': async ({ topicArn, region }) => {
      const sdk = await import('@aws-sdk/client-sns');
      return inRegion(
        clients,
        region,
        (c) => new sdk.SNSClient(c),
        async (client) => {
          try {
            const out = await call('sns:GetTopicAttributes', () =>
              client.send(new sdk.GetTopicAttributesCommand({ TopicArn: topicArn })),
            );
            return { Resource: topicArn, Policy: out.Attributes?.Policy ?? null };
          } catch (err) {
            return absentOn(err, ['NotFound', 'NotFoundException']);
          }
        },
      );
    },
    'kms.key-policy': async ({ keyArn, region }) => {
      const sdk = await import('@aws-sdk/client-kms');
      return inRegion(
        clients,
        region,
        (c) => new sdk.KMSClient(c),
        async (client) => {
          try {
            const out = await call('kms:GetKeyPolicy', () =>
              client.send(new sdk.GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' })),
            );
            return { Resource: keyArn, Policy: out.Policy ?? null };
          } catch (err) {
            return absentOn(err, ['NotFoundException']);
          }
        },
      );
    },
    'secretsmanager.resource-policy': async ({ secretArn, region }) => {
      const sdk = await import('@aws-sdk/client-secrets-manager');
      return inRegion(
        clients,
        region,
        (c) => new sdk.SecretsManagerClient(c),
        async (client) => {
          try {
            const out = await call('secretsmanager:GetResourcePolicy', () =>
              client.send(new sdk.GetResourcePolicyCommand({ SecretId: secretArn })),
            );
            return { Resource: out.ARN ?? secretArn, Policy: out.ResourcePolicy ?? null };
          } catch (err) {
            return absentOn(err, ['ResourceNotFoundException']);
          }
        },
      );
    },
    'dynamodb.resource-policy': async ({ tableArn, region }) => {
      const sdk = await import('@aws-sdk/client-dynamodb');
      return inRegion(
        clients,
        region,
        (c) => new sdk.DynamoDBClient(c),
        async (client) => {
          try {
            const out = await call('dynamodb:GetResourcePolicy', () =>
              client.send(new sdk.GetResourcePolicyCommand({ ResourceArn: tableArn })),
            );
            return { Resource: tableArn, Policy: out.Policy ?? null };
          } catch (err) {
            if (errorCode(err) === 'PolicyNotFoundException') return { Resource: tableArn, Policy: null };
            return absentOn(err, ['ResourceNotFoundException']);
          }
        },
      );
    },
    'ecr.repository-policy': async ({ repositoryName, registryId, region }) => {
      const sdk = await import('@aws-sdk/client-ecr');
      return inRegion(
        clients,
        region,
        (c) => new sdk.ECRClient(c),
        async (client) => {
          const arn = `arn:aws:ecr:${region}:${registryId}:repository/${repositoryName}`;
          try {
            const out = await call('ecr:GetRepositoryPolicy', () =>
              client.send(new sdk.GetRepositoryPolicyCommand({ repositoryName, registryId })),
            );
            return { Resource: arn, Policy: out.policyText ?? null };
          } catch (err) {
            if (errorCode(err) === 'RepositoryPolicyNotFoundException') return { Resource: arn, Policy: null };
            return absentOn(err, ['RepositoryNotFoundException']);
          }
        },
      );
    },
    'apigateway.rest-api': async ({ restApiId, region }) => {
      const sdk = await import('@aws-sdk/client-api-gateway');
      return inRegion(
        clients,
        region,
        (c) => new sdk.APIGatewayClient(c),
        async (client) => {
          try {
            // GetRestApi is authorised as apigateway:GET on the API (API Gateway permissions reference).
            const out = await call('apigateway:GET', () => client.send(new sdk.GetRestApiCommand({ restApiId })));
            return {
              Resource: restApiId,
              ...(out.name !== undefined ? { Name: out.name } : {}),
              Policy: unescapePolicy(out.policy),
              EndpointTypes: out.endpointConfiguration?.types ?? [],
              VpcEndpointIds: out.endpointConfiguration?.vpcEndpointIds ?? [],
            };
          } catch (err) {
            return absentOn(err, ['NotFoundException']);
          }
        },
      );
    },
  };
}
