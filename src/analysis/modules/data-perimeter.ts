// Data perimeters on the VPC's S3 endpoint: an endpoint policy that keeps requests inside the
// organization (aws:ResourceOrgID / aws:ResourceAccount / aws:PrincipalOrgID) also refuses the
// AWS-owned buckets ECR pulls, dnf/yum and SSM Agent read through it, unless it names them.
// Verdict, words and fix in ../policy/perimeter/.
import type { CheckModule, ModuleResult } from '../check-module.js';
import { perimeterReads, perimeterVerdict } from '../policy/perimeter/verdict.js';
import { explainPerimeter } from '../policy/perimeter/explain.js';

export const dataPerimeterModule: CheckModule = {
  id: 'data-perimeter',
  layer: 'endpoint-policy',
  requires(ctx) {
    const read = perimeterReads(ctx);
    return read === undefined ? [] : [{ key: 'ec2.vpc-endpoints', input: read }];
  },
  evaluate(ctx): ModuleResult {
    return explainPerimeter(ctx, perimeterVerdict(ctx));
  },
};
