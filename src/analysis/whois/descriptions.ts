// What the Description AWS writes on the interfaces it creates says about the owner. Each pattern
// matches the whole description, so a description a person typed that merely mentions a service
// is not taken for the service's own. Shapes from the EC2 user guide ("Requester-managed network
// interfaces"), the Directory Service admin guide, and describe output of real accounts.
import type { OwnerHint } from './owner.js';

interface DescriptionPattern {
  pattern: RegExp;
  hint: (m: RegExpExecArray) => OwnerHint;
}

const LB_KIND: Record<string, string> = {
  app: 'Application Load Balancer',
  net: 'Network Load Balancer',
  gwy: 'Gateway Load Balancer',
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const PATTERNS: readonly DescriptionPattern[] = [
  {
    pattern: /^VPC Endpoint Interface:? (vpce-[0-9a-f]+)$/,
    hint: (m) => ({
      kind: 'vpc-endpoint',
      label: `VPC endpoint ${m[1]}`,
      resource: m[1],
      lookup: { kind: 'vpc-endpoint', vpcEndpointId: m[1] as string },
    }),
  },
  {
    // "ELB app/NAME/ID", "ELB net/NAME/ID", "ELB gwy/NAME/ID": the last two parts of the load balancer ARN.
    pattern: /^ELB (app|net|gwy)\/([A-Za-z0-9-]{1,32})\/([0-9a-f]+)$/,
    hint: (m) => ({
      kind: 'load-balancer',
      label: `${LB_KIND[m[1] as string]} ${m[2]}`,
      resource: `${m[1]}/${m[2]}/${m[3]}`,
      lookup: { kind: 'load-balancer', name: m[2] as string },
    }),
  },
  {
    // A Classic Load Balancer: "ELB NAME" (its API is not read by whois).
    pattern: /^ELB ([A-Za-z0-9-]{1,32})$/,
    hint: (m) => ({ kind: 'load-balancer', label: `Classic Load Balancer ${m[1]}`, resource: m[1] }),
  },
  {
    pattern: /^Interface for NAT Gateway (nat-[0-9a-f]+)$/,
    hint: (m) => ({
      kind: 'nat-gateway',
      label: `NAT gateway ${m[1]}`,
      resource: m[1],
      lookup: { kind: 'nat-gateway', natGatewayId: m[1] as string },
    }),
  },
  {
    // "AWS Lambda VPC ENI-FUNCTION-UUID": the function that created it (others with the same subnet and groups share it).
    pattern: new RegExp(`^AWS Lambda VPC ENI-(.+)-(${UUID})$`),
    hint: (m) => ({
      kind: 'lambda',
      label: `Lambda function ${m[1]}`,
      resource: m[1],
      lookup: { kind: 'lambda', functionName: m[1] as string },
      note: 'Lambda shares one interface among functions that use the same subnet and security groups',
    }),
  },
  {
    pattern: /^AWS Lambda VPC ENI/,
    hint: () => ({ kind: 'lambda', label: 'Lambda function (VPC access)' }),
  },
  {
    pattern: /^EFS mount target for (fs-[0-9a-f]+) \((fsmt-[0-9a-f]+)\)$/,
    hint: (m) => ({
      kind: 'efs',
      label: `EFS mount target ${m[2]} of file system ${m[1]}`,
      resource: m[1],
    }),
  },
  { pattern: /^RDSNetworkInterface$/, hint: () => ({ kind: 'rds', label: 'RDS database instance' }) },
  {
    pattern: /^Network interface for DBProxy (.+)$/,
    hint: (m) => ({ kind: 'rds', label: `RDS Proxy ${m[1]}`, resource: m[1] }),
  },
  {
    pattern: /^(arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:attachment\/[0-9a-f-]+)$/,
    hint: (m) => ({ kind: 'ecs-task', label: 'ECS task (awsvpc network mode)', resource: m[1] }),
  },
  {
    pattern: /^Amazon EKS (\S+)$/,
    hint: (m) => ({ kind: 'eks', label: `EKS cluster ${m[1]} (control plane)`, resource: m[1] }),
  },
  {
    pattern: /^aws-K8S-(i-[0-9a-f]+)$/,
    hint: (m) => ({
      kind: 'eks',
      label: `EKS node ${m[1]} (VPC CNI pod interface)`,
      resource: m[1],
    }),
  },
  { pattern: /^aws-k8s-branch-eni$/, hint: () => ({ kind: 'eks', label: 'EKS pod with its own security groups' }) },
  {
    pattern: /^Route 53 Resolver: (rslvr-(in|out)-[0-9a-f]+):(rni-[0-9a-f]+)$/,
    hint: (m) => ({
      kind: 'resolver-endpoint',
      label: `Route 53 Resolver ${m[2] === 'in' ? 'inbound' : 'outbound'} endpoint ${m[1]}`,
      resource: m[1],
      lookup: { kind: 'resolver-endpoint', resolverEndpointId: m[1] as string },
    }),
  },
  {
    pattern: /^AWS created network interface for directory (d-[0-9a-f]+)$/,
    hint: (m) => ({ kind: 'directory', label: `Directory Service directory ${m[1]}`, resource: m[1] }),
  },
  {
    pattern: /^Network Interface for Transit Gateway Attachment (tgw-attach-[0-9a-f]+)$/,
    hint: (m) => ({ kind: 'transit-gateway', label: `transit gateway attachment ${m[1]}`, resource: m[1] }),
  },
  {
    pattern: /^ClientVPN Endpoint resource/,
    hint: (m) => {
      const id = /cvpn-endpoint-[0-9a-f]+/.exec(m.input)?.[0];
      return {
        kind: 'client-vpn',
        label: id === undefined ? 'Client VPN endpoint' : `Client VPN endpoint ${id}`,
        ...(id !== undefined ? { resource: id } : {}),
      };
    },
  },
  { pattern: /^ENI managed by APIGateway$/, hint: () => ({ kind: 'api-gateway', label: 'API Gateway VPC link' }) },
  {
    pattern: /^ElastiCache (\S+)$/,
    hint: (m) => ({ kind: 'elasticache', label: `ElastiCache node ${m[1]}`, resource: m[1] }),
  },
  { pattern: /^RedshiftNetworkInterface$/, hint: () => ({ kind: 'redshift', label: 'Redshift cluster' }) },
  { pattern: /^DMSNetworkInterface$/, hint: () => ({ kind: 'dms', label: 'DMS replication instance' }) },
  {
    pattern: /^AWS CodeStar Connections/,
    hint: () => ({ kind: 'codestar-connections', label: 'CodeStar Connections (VPC)' }),
  },
];

export function ownerFromDescription(description: string | undefined): OwnerHint | undefined {
  if (description === undefined || description === '') return undefined;
  for (const { pattern, hint } of PATTERNS) {
    const m = pattern.exec(description);
    if (m !== null) return hint(m);
  }
  return undefined;
}
