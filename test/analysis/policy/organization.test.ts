// The organization keys through the real engine over fixture accounts (DescribeOrganization
// answered by the fixture: moto's Organizations is exercised in
// test/integration/perimeter-kms.moto.test.ts): an endpoint policy that admits only the
// organization, judged with the caller account's organization id.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { DENIED_ANSWERS, doc, policyAccount } from '../../support/fixtures/policy-world.js';
import { reportOf, walk } from '../../support/diagnose.js';
import type { Answers } from '../../../src/path/answers.js';

const ORG = 'o-a1b2c3d4e5';
const orgOnly = JSON.stringify(
  doc({
    Sid: 'OrgOnly',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
  }),
);

async function diagnose(account: Account, answers: Answers = DENIED_ANSWERS): Promise<Report> {
  return reportOf(await walk(answers, fixtureProbes(account)));
}
const endpointCheck = (r: Report) => r.checks.find((c) => c.id === 'policy.endpoint-policy');

describe('aws:PrincipalOrgID from the caller account’s organization', () => {
  it('account in the organization the policy names → the endpoint policy allows (statement OrgOnly), no endpoint finding', async () => {
    const account = policyAccount({ endpointPolicy: orgOnly });
    account.organization = { Id: ORG };
    const report = await diagnose(account);
    expect(endpointCheck(report)?.status).toBe('pass');
    expect(endpointCheck(report)?.detail).toContain('OrgOnly');
    expect(report.findings.map((f) => f.id)).not.toContain('policy.endpoint-denies');
  });

  it('account in another organization → policy.endpoint-denies quoting the org id the path carries', async () => {
    const account = policyAccount({ endpointPolicy: orgOnly });
    account.organization = { Id: 'o-zzzzzzzzzz' };
    const report = await diagnose(account);
    const f = report.findings.find((x) => x.id === 'policy.endpoint-denies');
    expect(f?.evidence.join('\n')).toContain(`aws:PrincipalOrgID expected [${ORG}] but this path sends o-zzzzzzzzzz`);
  });

  it('account in no organization (AWSOrganizationsNotInUse) → the key is absent: policy.endpoint-denies', async () => {
    const report = await diagnose(policyAccount({ endpointPolicy: orgOnly }));
    expect(report.findings.find((x) => x.id === 'policy.endpoint-denies')?.evidence.join('\n')).toContain(
      'aws:PrincipalOrgID expected',
    );
  });

  it('principal in another account (target.principal) → its organization is not the one read: skipped, never a pass', async () => {
    const account = policyAccount({ endpointPolicy: orgOnly });
    account.organization = { Id: ORG };
    const report = await diagnose(account, {
      ...DENIED_ANSWERS,
      'target.principal': 'arn:aws:iam::210987654321:role/partner',
    });
    expect(endpointCheck(report)?.status).toBe('skipped');
    expect(report.verdict).not.toBe('healthy');
  });
});
