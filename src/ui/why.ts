// What `?` says under each question: why vpce-doctor needs the answer.
import type { QuestionId } from '../path/answers.js';

export const WHY: Record<QuestionId, string> = {
  region: 'Endpoints, route tables and security groups live in one Region; every read goes there.',
  service:
    'Each service has its own endpoint service name, prefix list and DNS names: the checks follow the one your workload calls.',
  'source.kind':
    'The path starts where the request leaves: its subnet decides the route table and network ACL, its interface the security groups.',
  'source.id':
    'vpce-doctor reads this resource to find its subnet, VPC and security groups: the first hops of the path.',
  'source.ip':
    'Traffic from outside the VPC is matched by its address: security group and ACL rules are checked against it.',
  vpc: 'Traffic from outside enters one VPC; its endpoints, routes and DNS settings are checked.',
  endpoint:
    'Several endpoints serve this service in the VPC; the checks follow the one your traffic takes (or pick it from the routes and DNS).',
  symptom: 'What the workload sees narrows the likely causes; "not sure" checks everything.',
  'target.bucket':
    'Bucket policies can deny requests that come through an endpoint; naming the bucket lets vpce-doctor read its policy.',
  'target.key': 'Policies may allow some keys only; the object key makes the policy check exact.',
  'target.table': 'Endpoint policies can name tables; the table makes the policy check exact.',
  'target.resource':
    'Endpoint and resource policies name resources by ARN: the queue, key, secret or API your workload calls makes the policy check exact.',
  'target.action': 'Policies allow actions one by one; the failing action makes the policy check exact.',
  'target.principal': 'Identity policies belong to the role or user that sends the request.',
  'target.hostname':
    'Clients may call a different name (a global endpoint, a custom name): DNS is checked for that name.',
  'target.kms-key':
    'An object may be encrypted with another key than the bucket default; S3 names that key in its AccessDenied message, and its key policy decides.',
  'target.principal-org-path':
    'Policies can admit accounts by their place in the organization (aws:PrincipalOrgPaths); only the management account can read it.',
  'target.resource-org-path':
    "Policies can admit resources by their owner's place in the organization (aws:ResourceOrgPaths); only the management account can read it.",
};
