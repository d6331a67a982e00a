// The policy layer: the network works and the answer is 403. Evaluates, for the request being
// judged (src/analysis/policy/request.ts), the endpoint policy of the endpoint the path takes,
// the bucket's Region and policy, the resource policy of the queue, topic, key, secret, table,
// repository or REST API it acts on, and (advisory) IAM's own simulation of the caller's identity
// policies; names the statement that decides. When it runs at all: src/analysis/policy/scope.ts.
//
// The advisory IAM simulation is asked only when the symptom is access-denied. When IAM refuses
// it (iam:SimulatePrincipalPolicy) the identity check is `skipped`, naming the permission: a
// layer that may be the cause went unchecked, so a run without other errors is `incomplete`,
// never healthy.
import type { Check, Finding } from '../../findings/types.js';
import { endpointsUnknown, type CheckModule, type ModuleResult } from '../check-module.js';
import { bucketPolicyVerdict, bucketRegionVerdict } from '../policy/bucket/verdict.js';
import { explainBucketPolicy, explainBucketRegion } from '../policy/bucket/explain.js';
import { endpointPolicyVerdict } from '../policy/endpoint-policy/verdict.js';
import { explainEndpointPolicy } from '../policy/endpoint-policy/explain.js';
import { identityVerdict, simulationOf, type IdentityVerdict } from '../policy/identity/verdict.js';
import { explainIdentity } from '../policy/identity/explain.js';
import { orgGuardrailVerdict } from '../policy/org-guardrail/verdict.js';
import { explainOrgGuardrail } from '../policy/org-guardrail/explain.js';
import type { PolicyOutcome } from '../policy/outcome.js';
import { resourcePolicyRead, resourcePolicyVerdict } from '../policy/resource/verdict.js';
import { explainResourcePolicy } from '../policy/resource/explain.js';
import { organizationPathReads, policyRequests, policyScope } from '../policy/scope.js';
import { callerIdentity } from '../../path/identity.js';
import { perimeterVerdict } from '../policy/perimeter/verdict.js';
import { kmsVerdict } from '../policy/kms/verdict.js';
import { unsignedVerdict } from '../api-gateway/unsigned-verdict.js';
import { noteOrganizationRead, ORGANIZATION_TOLERATED } from '../policy/organization.js';

/** The checks that judge a policy document on the path (IAM's own simulation is not one). */
const DOCUMENT_CHECKS: ReadonlySet<string> = new Set([
  'policy.endpoint-policy',
  'policy.bucket-policy',
  'policy.bucket-policy-other-deny',
  'policy.resource-policy',
  'policy.kms-key',
]);
export const policyModule: CheckModule = {
  id: 'policy',
  layer: 'endpoint-policy',
  tolerates: [...ORGANIZATION_TOLERATED],
  requires(ctx) {
    const scope = policyScope(ctx);
    if (scope === undefined) return [];
    const reads = [...policyRequests(scope), ...(scope.judged.ok ? resourcePolicyRead(ctx, scope.judged.value) : [])];
    return [...reads, ...organizationPathReads(ctx, reads)];
  },
  evaluate(ctx): ModuleResult {
    const checks: Check[] = [];
    const findings: Finding[] = [];
    const scope = policyScope(ctx);
    if (scope === undefined) return { checks, findings };
    // Which endpoint (if any) carries the request decides aws:SourceVpce: unknown is not "none".
    const unlisted =
      ctx.endpoint === undefined
        ? endpointsUnknown(
            ctx,
            'policy.request',
            'endpoint-policy',
            'the policies for this request: which endpoint carries it',
          )
        : undefined;
    if (unlisted !== undefined) return { checks: [unlisted], findings };
    const judged = scope.judged.ok ? scope.judged.value : undefined;
    if (!scope.judged.ok)
      checks.push({
        id: 'policy.request',
        layer: 'endpoint-policy',
        status: 'warn',
        detail: `policies not evaluated for a request: ${scope.judged.reason}`,
      });
    const endpoint = scope.path.endpoint;

    const perimeter = perimeterVerdict(ctx);
    const endpointPart = explainEndpointPolicy(endpointPolicyVerdict(endpoint, scope.judged), ctx.region);
    // An AWS-owned target the data perimeter refuses is policy.data-perimeter-aws-owned's finding
    // (modules/data-perimeter.ts), with the documented exception: not a second one here.
    if (scope.bucket?.awsOwned !== undefined && perimeter.kind === 'blocks' && perimeter.certain) {
      endpointPart.findings = endpointPart.findings.filter((f) => f.id !== 'policy.endpoint-denies');
      endpointPart.checks = endpointPart.checks.map((c) =>
        c.status === 'fail'
          ? { ...c, detail: `${c.detail} (the data perimeter: see policy.data-perimeter-aws-owned)` }
          : c,
      );
    }
    const parts: PolicyOutcome[] = [endpointPart];
    let bucketAllows = false;
    if (scope.bucket !== undefined) {
      const owned = scope.bucket.awsOwned;
      const region = bucketRegionVerdict(
        ctx,
        scope.bucket.name,
        endpoint,
        owned !== undefined ? { bucket: owned, region: scope.bucket.region } : undefined,
      );
      parts.push(explainBucketRegion(region));
      if (region.kind === 'same-region' || region.kind === 'other-region') {
        const policy = bucketPolicyVerdict(ctx, scope.bucket.name, region.region, scope.judged, endpoint, owned);
        bucketAllows = policy.kind === 'allows';
        parts.push(explainBucketPolicy(policy));
      }
    }
    // The queue, topic, key, secret, table, repository or API the request acts on.
    if (judged !== undefined) parts.push(explainResourcePolicy(resourcePolicyVerdict(ctx, judged)));
    let identity: IdentityVerdict | undefined;
    if (judged !== undefined && scope.simulates) {
      identity = identityVerdict(ctx, judged, bucketAllows);
      parts.push(explainIdentity(identity, ctx.region));
    }
    for (const p of parts) {
      checks.push(...p.checks);
      findings.push(...p.findings);
    }

    // A data perimeter that refuses the AWS-owned target (modules/data-perimeter.ts) or a key policy that
    // refuses S3's KMS call (modules/kms-key.ts) or unsigned API calls (modules/api-gateway-auth.ts)
    // is a visible denial too.
    const deniedElsewhere =
      (perimeter.kind === 'blocks' && perimeter.certain) ||
      kmsVerdict(ctx).kind === 'denies' ||
      unsignedVerdict(ctx).kind === 'refuses';
    // A policy document on the path that could not be read or judged is the likelier cause than a
    // guardrail: its skipped check already names what is missing, and the advisory would claim
    // that nothing readable denies.
    const unjudged = checks.some((c) => DOCUMENT_CHECKS.has(c.id) && c.status !== 'pass' && c.status !== 'warn');
    if (scope.simulates && !parts.some((p) => p.denied) && !deniedElsewhere && !unjudged) {
      const verdict = orgGuardrailVerdict({
        judged,
        callerAccount: callerIdentity(ctx.probe)?.Account,
        endpoint,
        checks,
        simulation: identity !== undefined ? simulationOf(identity) : undefined,
      });
      findings.push(explainOrgGuardrail(verdict, ctx.region));
    }
    return { checks: noteOrganizationRead(ctx, checks), findings };
  },
};
