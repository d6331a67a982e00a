// Interface endpoints beyond DNS: is there an endpoint ENI in the source's AZ (a warning, cross-AZ
// works), does the workload have every companion endpoint it needs (ECR, ECS, SSM), does the
// client call the global STS name a regional endpoint does not serve, and does S3/DynamoDB traffic
// pay for an interface endpoint where a gateway endpoint is free. The checks live in
// src/analysis/interface/, their rules in placement/, companions/ and client/.
import type { CheckModule, ModuleResult } from '../check-module.js';
import { endpointInVpc } from '../dns/endpoint-facts.js';
import { interfaceIn, interfaceRequests } from '../interface/facts.js';
import { azCoverageCheck, serviceAzCheck } from '../interface/placement-checks.js';
import { companionCheck, costCheck, stsCheck } from '../interface/workload-checks.js';
import { gatewayMeant } from './endpoint-type.js';

export const interfaceModule: CheckModule = {
  id: 'interface',
  layer: 'endpoint',
  requires: interfaceRequests,
  evaluate(ctx): ModuleResult {
    const vpcId = ctx.vpcId;
    const e = endpointInVpc(ctx);
    if (vpcId === undefined || e === undefined) return { checks: [], findings: [] };
    const parts: ModuleResult[] = [companionCheck(ctx, e, vpcId)];
    const interfaceEp = interfaceIn(ctx);
    if (interfaceEp !== undefined)
      parts.push(
        serviceAzCheck(ctx, interfaceEp, vpcId),
        azCoverageCheck(ctx, interfaceEp, vpcId),
        stsCheck(ctx, interfaceEp),
        costCheck(ctx, interfaceEp, vpcId, () => gatewayMeant(ctx) !== undefined),
      );
    return { checks: parts.flatMap((p) => p.checks), findings: parts.flatMap((p) => p.findings) };
  },
};
