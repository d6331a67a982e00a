// Data perimeters on the S3 endpoint against the AWS-owned buckets workloads read, through the
// real engine over fixture accounts: the ECR layer bucket named as the target or needed by an
// image pull (error), a perimeter vpce-doctor cannot tie to a workload (warning naming the
// buckets), the documented exception (no finding), and a fix that, applied, clears it.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { IDS } from '../../support/fixtures/world.js';
import { BUCKET, DENIED_ANSWERS, endpointAllowList, policyAccount } from '../../support/fixtures/policy-world.js';
import { allowOnlyOrg, awsOwnedException, denyOutsideOrg } from '../../support/fixtures/perimeter.js';
import { addInterfaceEndpoint } from '../../recordings/scenarios/dns.js';
import { reportOf, walk } from '../../support/diagnose.js';

const LAYERS = 'prod-us-east-1-starport-layer-bucket';

async function diagnose(account: Account, answers: Answers): Promise<Report> {
  return reportOf(await walk(answers, fixtureProbes(account)));
}

const layerPull: Answers = { ...DENIED_ANSWERS, 'target.bucket': LAYERS, 'target.key': 'sha256/abc' };

/** The corrected document the fix carries, put on the endpoint as the printed command would. */
function applyFix(account: Account, report: Report): void {
  const f = report.findings.find((x) => x.id === 'policy.data-perimeter-aws-owned');
  const argv = f?.fix.commands[0]?.argv ?? [];
  expect(argv.slice(0, 3)).toEqual(['aws', 'ec2', 'modify-vpc-endpoint']);
  const policy = argv[argv.indexOf('--policy-document') + 1];
  const endpoint = account.endpoints.find((e) => e.VpcEndpointId === argv[argv.indexOf('--vpc-endpoint-id') + 1]);
  expect(endpoint).toBeDefined();
  endpoint!.PolicyDocument = policy;
}

describe('data perimeter on the S3 endpoint vs AWS-owned buckets', () => {
  it('organization-only endpoint policy, target the ECR layer bucket → error naming the bucket and the exception; the printed document clears it', async () => {
    const account = policyAccount({ endpointPolicy: allowOnlyOrg() });
    const report = await diagnose(account, layerPull);
    const f = report.findings.find((x) => x.id === 'policy.data-perimeter-aws-owned');
    expect(f?.severity).toBe('error');
    expect(f?.evidence.join('\n')).toContain(`arn:aws:s3:::${LAYERS}/*`);
    expect(f?.evidence.join('\n')).toContain('AllowRequestsByOrgsIdentitiesToOrgsResources');
    expect(f?.fix.commands[0]?.line).toContain('AllowRequestsToAWSOwnedResources');
    expect(f?.fix.commands[0]?.line).toContain('--region us-east-1');
    expect(report.verdict).toBe('problems');
    applyFix(account, report);
    const after = await diagnose(account, layerPull);
    expect(after.findings.map((x) => x.id)).not.toContain('policy.data-perimeter-aws-owned');
    expect(after.checks.find((c) => c.id === 'policy.aws-owned-buckets')?.status).toBe('pass');
  });

  it('deny-style perimeter (Deny s3:* on resources outside the org) → the Deny becomes NotResource of the bucket; re-judged, it passes', async () => {
    const account = policyAccount({ endpointPolicy: denyOutsideOrg() });
    const report = await diagnose(account, layerPull);
    const f = report.findings.find((x) => x.id === 'policy.data-perimeter-aws-owned');
    expect(f?.evidence.join('\n')).toContain('DenyResourcesOutsideOrg');
    expect(f?.fix.summary).toContain('NotResource');
    applyFix(account, report);
    const after = await diagnose(account, layerPull);
    expect(after.findings.map((x) => x.id)).not.toContain('policy.data-perimeter-aws-owned');
  });

  it('perimeter on a 403 for an own bucket → a warning that names every AWS-owned bucket it refuses (Amazon Linux, SSM, ECR), not an error', async () => {
    const account = policyAccount({ endpointPolicy: allowOnlyOrg() });
    const report = await diagnose(account, DENIED_ANSWERS);
    const f = report.findings.find((x) => x.id === 'policy.data-perimeter-aws-owned');
    expect(f?.severity).toBe('warning');
    const text = f?.evidence.join('\n') ?? '';
    for (const b of [
      LAYERS,
      'al2023-repos-us-east-1-de612dc2',
      'amazonlinux-2-repos-us-east-1',
      'amazon-ssm-us-east-1',
    ])
      expect(text).toContain(b);
    expect(f?.evidence.join('\n')).toContain('cannot tell which');
  });

  it('perimeter with the documented exception for every AWS-owned bucket → no finding, the check passes', async () => {
    const all = [LAYERS, 'al2023-repos-us-east-1-de612dc2', 'amazonlinux-2-repos-us-east-1'];
    const { awsOwnedBuckets } = await import('../../../src/analysis/policy/perimeter/aws-owned.js');
    const account = policyAccount({
      endpointPolicy: allowOnlyOrg(awsOwnedException(...awsOwnedBuckets('us-east-1').map((b) => b.name))),
    });
    const report = await diagnose(account, { ...layerPull });
    expect(report.findings.map((x) => x.id)).not.toContain('policy.data-perimeter-aws-owned');
    const check = report.checks.find((c) => c.id === 'policy.aws-owned-buckets');
    expect(check?.status).toBe('pass');
    expect(check?.detail).toContain(all[0]);
  });

  it('a bucket allow-list without organization conditions → no perimeter check at all (policy.endpoint-denies is its finding)', async () => {
    const account = policyAccount({ endpointPolicy: endpointAllowList(BUCKET) });
    const report = await diagnose(account, layerPull);
    expect(report.checks.some((c) => c.id === 'policy.aws-owned-buckets')).toBe(false);
    expect(report.findings.map((x) => x.id)).toContain('policy.endpoint-denies');
  });

  it('ECR pull (service ecr.dkr) in a VPC whose S3 gateway has an organization-only policy → error: the layers cannot come through', async () => {
    const account = policyAccount({ endpointPolicy: allowOnlyOrg() });
    account.buckets = [];
    addInterfaceEndpoint(account, 'ecr.dkr');
    addInterfaceEndpoint(account, 'ecr.api');
    const report = await diagnose(account, {
      region: 'us-east-1',
      service: 'ecr.dkr',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'unknown',
    });
    const f = report.findings.find((x) => x.id === 'policy.data-perimeter-aws-owned');
    expect(f?.severity).toBe('error');
    expect(f?.evidence.join('\n')).toContain(`image pull through ecr.dkr`);
    expect(f?.fix.commands[0]?.argv).toContain(IDS.s3Gateway);
  });

  it("ECR pull where the VPC's S3 endpoints cannot be listed (DescribeVpcEndpoints denied for S3) → skipped naming the action, never healthy", async () => {
    const account = policyAccount({ endpointPolicy: allowOnlyOrg() });
    addInterfaceEndpoint(account, 'ecr.dkr');
    addInterfaceEndpoint(account, 'ecr.api');
    const probes = fixtureProbes(account);
    const original = probes.run.bind(probes);
    probes.run = (async (request: { key: string; input: { serviceName?: string } }) =>
      request.key === 'ec2.vpc-endpoints' && request.input.serviceName === 'com.amazonaws.us-east-1.s3'
        ? { status: 'denied', action: 'ec2:DescribeVpcEndpoints', message: 'not authorized' }
        : original(request as never)) as typeof probes.run;
    const report = reportOf(
      await walk(
        {
          region: 'us-east-1',
          service: 'ecr.dkr',
          'source.kind': 'instance',
          'source.id': IDS.instance,
          symptom: 'unknown',
        },
        probes,
      ),
    );
    const check = report.checks.find((c) => c.id === 'policy.aws-owned-buckets');
    expect(check?.status).toBe('skipped');
    expect(check?.detail).toContain('ec2:DescribeVpcEndpoints');
    expect(report.verdict).not.toBe('healthy');
  });
});
