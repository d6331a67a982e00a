// Workloads that need several endpoints at once. ECR pulls need ecr.api, ecr.dkr and S3 (image
// layers; a gateway endpoint); ECS needs ecs, ecs-agent, ecs-telemetry; Session Manager needs
// ssm, ssmmessages, ec2messages. (ECR, ECS and Systems Manager guides: VPC endpoints.)
import type { Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { createGatewayEndpoint, createInterfaceEndpoint } from '../dns/fixes.js';
import { serviceNameFor, shortServiceName } from '../dns/names.js';

export type CompanionGroup = 'ecr' | 'ecs' | 'ssm';

interface Member {
  service: string;
  type: 'Interface' | 'Gateway';
}

const GROUPS: Record<CompanionGroup, readonly Member[]> = {
  ecr: [
    { service: 'ecr.api', type: 'Interface' },
    { service: 'ecr.dkr', type: 'Interface' },
    { service: 's3', type: 'Gateway' },
  ],
  ecs: [
    { service: 'ecs', type: 'Interface' },
    { service: 'ecs-agent', type: 'Interface' },
    { service: 'ecs-telemetry', type: 'Interface' },
  ],
  ssm: [
    { service: 'ssm', type: 'Interface' },
    { service: 'ssmmessages', type: 'Interface' },
    { service: 'ec2messages', type: 'Interface' },
  ],
};

/** Endpoint states that will never carry traffic. */
const DEAD_STATES = new Set(['deleted', 'deleting', 'failed', 'rejected', 'expired']);

export function groupFor(service: string): CompanionGroup | null {
  const svc = shortServiceName(service);
  for (const [group, members] of Object.entries(GROUPS) as [CompanionGroup, readonly Member[]][]) {
    // S3 serves far more than ECR layers: an S3 question does not make the workload an ECR pull.
    if (members.some((m) => m.service === svc && m.type === 'Interface')) return group;
  }
  return null;
}

export interface CompanionCheck {
  group: CompanionGroup | null;
  required: { serviceName: string; type: 'Interface' | 'Gateway' }[];
  present: { serviceName: string; vpcEndpointId: string }[];
  missing: { serviceName: string; type: 'Interface' | 'Gateway' }[];
  finding: Finding | null;
}

export function companionEndpoints(
  service: string,
  endpointsInVpc: readonly VpcEndpoint[],
  region: string,
  context: {
    vpcId?: string;
    subnetIds?: readonly string[];
    securityGroupIds?: readonly string[];
    routeTableIds?: readonly string[];
  } = {},
): CompanionCheck {
  const group = groupFor(service);
  if (!group) return { group, required: [], present: [], missing: [], finding: null };
  const live = endpointsInVpc.filter((e) => !DEAD_STATES.has(e.State.toLowerCase()));
  const required = GROUPS[group].map((m) => ({ serviceName: serviceNameFor(m.service, region), type: m.type }));
  const present: CompanionCheck['present'] = [];
  const missing: CompanionCheck['missing'] = [];
  for (const need of required) {
    // S3 of either type carries ECR's layer downloads; the suggestion is the free gateway.
    const found = live.find((e) => e.ServiceName.toLowerCase() === need.serviceName);
    if (found) present.push({ serviceName: need.serviceName, vpcEndpointId: found.VpcEndpointId });
    else missing.push(need);
  }
  if (missing.length === 0) return { group, required, present, missing, finding: null };
  const knownVpc = context.vpcId ?? endpointsInVpc[0]?.VpcId;
  const vpcId = knownVpc ?? 'the VPC';
  const subnetIds = context.subnetIds ?? [];
  const groupIds = context.securityGroupIds ?? [];
  // An interface companion reuses this endpoint's subnets and groups (they already admit the
  // source); a gateway companion goes on the source subnet's route table.
  const buildable = (m: { type: string }): boolean =>
    knownVpc !== undefined && m.type === 'Gateway'
      ? (context.routeTableIds ?? []).length > 0
      : subnetIds.length > 0 && groupIds.length > 0;
  const unbuilt = missing.filter((m) => !buildable(m));
  const finding = catalogueFinding('client.companion-endpoints', {
    title: `${group.toUpperCase()} needs ${missing.map((m) => shortServiceName(m.serviceName)).join(', ')} endpoint${missing.length > 1 ? 's' : ''} too`,
    evidence: [
      `${group.toUpperCase()} from a private subnet needs ${required.map((r) => `${shortServiceName(r.serviceName)} (${r.type.toLowerCase()})`).join(', ')}`,
      present.length > 0
        ? `present in ${vpcId}: ${present.map((p) => `${p.vpcEndpointId} ${p.serviceName}`).join(', ')}`
        : `none of them exists in ${vpcId}`,
      `missing: ${missing.map((m) => m.serviceName).join(', ')}`,
    ],
    fix: {
      summary:
        `Create the missing endpoint${missing.length > 1 ? 's' : ''} in ${vpcId}` +
        (unbuilt.length > 0
          ? `; for ${unbuilt.map((m) => m.serviceName).join(', ')} choose ${unbuilt.some((m) => m.type === 'Gateway') ? "the source subnet's route table" : 'subnets and a security group admitting TCP 443 from the clients'} (not known here).`
          : '.'),
      commands: missing.filter(buildable).map((m) =>
        m.type === 'Gateway'
          ? createGatewayEndpoint({
              region,
              vpcId,
              serviceName: m.serviceName,
              routeTableIds: context.routeTableIds ?? [],
            })
          : createInterfaceEndpoint({
              region,
              vpcId,
              serviceName: m.serviceName,
              subnetIds,
              securityGroupIds: groupIds,
            }),
      ),
    },
  });
  return { group, required, present, missing, finding };
}
