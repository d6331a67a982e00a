// What a request through each service's endpoint usually calls, and which calls take no
// resource: data shared by the policy layer and the decision tree (which skips asking for a
// resource ARN when the request acts on none).

/**
 * What a workload usually calls through each service's endpoint, judged when the user names no
 * action; the first is the request the report leads with, every one is judged against the
 * endpoint and resource policies (a policy that lets a queue's consumer in but not its producer
 * still breaks the workload).
 */
export const DEFAULT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  s3: ['s3:GetObject'],
  dynamodb: ['dynamodb:GetItem'],
  sqs: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
  sns: ['sns:Publish'],
  kms: ['kms:Decrypt'],
  secretsmanager: ['secretsmanager:GetSecretValue'],
  ssm: ['ssm:GetParameter'],
  logs: ['logs:PutLogEvents'],
  // A pull: the token from ecr.api, the manifest and layer URLs from ecr.dkr (ECR User Guide, interface VPC endpoints).
  'ecr.api': ['ecr:GetAuthorizationToken'],
  'ecr.dkr': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
  'execute-api': ['execute-api:Invoke'],
  lambda: ['lambda:InvokeFunction'],
  sts: ['sts:AssumeRole'],
};

/** Actions that take no resource ARN: they are authorised on Resource "*" (Service Authorization Reference). */
export const RESOURCELESS = new Set([
  'ecr:getauthorizationtoken',
  'sts:getcalleridentity',
  'kms:listkeys',
  'sqs:listqueues',
]);

/**
 * The service's request acts on no resource: every action judged (the given one, else the usual
 * calls) takes none, e.g. ecr.api's GetAuthorizationToken. No resource ARN is worth asking for.
 */
export function actsOnNoResource(short: string, action = ''): boolean {
  const actions = action !== '' ? [action] : (DEFAULT_ACTIONS[short] ?? []);
  return actions.length > 0 && actions.every((a) => RESOURCELESS.has(a.toLowerCase()));
}
