// The organization keys through the real engine over fixture accounts (DescribeOrganization
// answered by the fixture: moto's Organizations is exercised in
// test/integration/perimeter-kms.moto.test.ts): an endpoint policy that admits only the
// organization, judged with the caller account's organization id.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { DENIED_ANSWERS, doc, policyAccount } from '../../support/fixtures/policy-world.js';
import { ACCOUNT_ID } from '../../support/fixtures/world.js';
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

// aws:PrincipalOrgPaths / aws:ResourceOrgPaths: the account's path in the organization, read with
// organizations:ListParents (management account or delegated administrator only) or answered.
const PATH_ORG = 'o-a1b2c3d4e5';
const IN_OU = ['r-ab12', 'ou-ab12-11111111'];
const orgPathOnly = (key: 'aws:PrincipalOrgPaths' | 'aws:ResourceOrgPaths') =>
  JSON.stringify(
    doc({
      Sid: 'WorkloadsOu',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { [key]: `${PATH_ORG}/r-ab12/ou-ab12-11111111/*` } },
    }),
  );

async function diagnoseCounting(account: Account, answers: Answers = DENIED_ANSWERS) {
  const probes = fixtureProbes(account);
  const report = reportOf(await walk(answers, probes));
  return { report, calls: probes.calls };
}

describe('aws:PrincipalOrgPaths from organizations:ListParents or target.principal-org-path', () => {
  it('caller account under the OU the policy names (ListParents answers) → the endpoint policy allows, statement WorkloadsOu', async () => {
    const account = policyAccount({ endpointPolicy: orgPathOnly('aws:PrincipalOrgPaths') });
    account.organization = { Id: PATH_ORG, parents: { [ACCOUNT_ID]: IN_OU } };
    const { report, calls } = await diagnoseCounting(account);
    expect(calls).toContain('organizations.account-parents');
    expect(endpointCheck(report)?.status).toBe('pass');
    expect(endpointCheck(report)?.detail).toContain('WorkloadsOu');
  });

  it('caller account in another OU → policy.endpoint-denies quoting the path the request carries', async () => {
    const account = policyAccount({ endpointPolicy: orgPathOnly('aws:PrincipalOrgPaths') });
    account.organization = { Id: PATH_ORG, parents: { [ACCOUNT_ID]: ['r-ab12', 'ou-ab12-99999999'] } };
    const { report } = await diagnoseCounting(account);
    const f = report.findings.find((x) => x.id === 'policy.endpoint-denies');
    expect(f?.evidence.join('\n')).toContain(`[${PATH_ORG}/r-ab12/ou-ab12-99999999/]`);
  });

  it('member account: ListParents denied → the endpoint check is skipped naming organizations:ListParents and target.principal-org-path; incomplete, no guessed denial', async () => {
    const account = policyAccount({ endpointPolicy: orgPathOnly('aws:PrincipalOrgPaths') });
    account.organization = { Id: PATH_ORG };
    account.denied = { 'organizations.account-parents': 'organizations:ListParents' };
    const { report } = await diagnoseCounting(account);
    expect(endpointCheck(report)?.status).toBe('skipped');
    expect(endpointCheck(report)?.detail).toContain('aws:PrincipalOrgPaths');
    expect(endpointCheck(report)?.detail).toContain('organizations:ListParents');
    expect(endpointCheck(report)?.detail).toContain('target.principal-org-path');
    expect(endpointCheck(report)?.detail).toContain('vpce-doctor cannot see the value this path sends');
    expect(endpointCheck(report)?.detail).not.toContain('the key is absent');
    expect(report.findings.map((x) => x.id)).not.toContain('policy.endpoint-denies');
    expect(report.verdict).toBe('incomplete');
  });

  it('member account with target.principal-org-path answered → judged from the answer (allow), ListParents never called', async () => {
    const account = policyAccount({ endpointPolicy: orgPathOnly('aws:PrincipalOrgPaths') });
    account.organization = { Id: PATH_ORG };
    account.denied = { 'organizations.account-parents': 'organizations:ListParents' };
    const { report, calls } = await diagnoseCounting(account, {
      ...DENIED_ANSWERS,
      'target.principal-org-path': `${PATH_ORG}/r-ab12/ou-ab12-11111111/ou-ab12-22222222/`,
    });
    expect(calls).not.toContain('organizations.account-parents');
    expect(endpointCheck(report)?.status).toBe('pass');
  });

  it('a policy that names no OrgPaths key → ListParents is never called (no AccessDenied noise from member accounts)', async () => {
    const account = policyAccount({ endpointPolicy: orgOnly });
    account.organization = { Id: ORG };
    const { calls } = await diagnoseCounting(account);
    expect(calls).toContain('organizations.describe-organization');
    expect(calls).not.toContain('organizations.account-parents');
  });

  it('account in no organization → aws:PrincipalOrgPaths is absent: ForAnyValue fails, policy.endpoint-denies', async () => {
    const { report, calls } = await diagnoseCounting(
      policyAccount({ endpointPolicy: orgPathOnly('aws:PrincipalOrgPaths') }),
    );
    expect(calls).not.toContain('organizations.account-parents');
    expect(report.findings.map((x) => x.id)).toContain('policy.endpoint-denies');
  });
});

describe('aws:ResourceOrgPaths for an S3 bucket (the owner is not in the ARN)', () => {
  it('unanswered → the endpoint check is skipped naming aws:ResourceOrgPaths and target.resource-org-path; never healthy', async () => {
    const account = policyAccount({ endpointPolicy: orgPathOnly('aws:ResourceOrgPaths') });
    account.organization = { Id: PATH_ORG, parents: { [ACCOUNT_ID]: IN_OU } };
    const { report } = await diagnoseCounting(account);
    expect(endpointCheck(report)?.status).toBe('skipped');
    expect(endpointCheck(report)?.detail).toContain('target.resource-org-path');
    expect(report.verdict).not.toBe('healthy');
  });

  it('target.resource-org-path in another OU → policy.endpoint-denies; in the named OU → pass', async () => {
    const account = policyAccount({ endpointPolicy: orgPathOnly('aws:ResourceOrgPaths') });
    const other = await diagnoseCounting(account, {
      ...DENIED_ANSWERS,
      'target.resource-org-path': `${PATH_ORG}/r-ab12/ou-ab12-99999999/`,
    });
    expect(other.report.findings.map((x) => x.id)).toContain('policy.endpoint-denies');
    const same = await diagnoseCounting(account, {
      ...DENIED_ANSWERS,
      'target.resource-org-path': `${PATH_ORG}/r-ab12/ou-ab12-11111111/`,
    });
    expect(endpointCheck(same.report)?.status).toBe('pass');
  });
});

describe('an Allow that matches only because an unseen key is missing is not a pass', () => {
  it('Allow with StringNotLike aws:PrincipalOrgPaths (true when the key is absent), path unreadable → skipped, not pass', async () => {
    const account = policyAccount({
      endpointPolicy: JSON.stringify(
        doc({
          Sid: 'NotSandbox',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotLike: { 'aws:PrincipalOrgPaths': `${PATH_ORG}/r-ab12/ou-ab12-sandbox1/*` } },
        }),
      ),
    });
    account.organization = { Id: PATH_ORG };
    account.denied = { 'organizations.account-parents': 'organizations:ListParents' };
    const { report } = await diagnoseCounting(account);
    expect(endpointCheck(report)?.status).toBe('skipped');
    expect(report.verdict).not.toBe('healthy');
  });
});

describe('aws:PrincipalOrgID of another account of the organization (target.principal)', () => {
  const partner = { ...DENIED_ANSWERS, 'target.principal': 'arn:aws:iam::210987654321:role/partner' };

  it('ListParents places the account in the caller’s organization → its org id is known: the OrgOnly policy allows', async () => {
    const account = policyAccount({ endpointPolicy: orgOnly });
    account.organization = { Id: ORG, parents: { '210987654321': ['r-ab12'] } };
    const { report, calls } = await diagnoseCounting(account, partner);
    expect(calls).toContain('organizations.account-parents');
    expect(endpointCheck(report)?.status).toBe('pass');
  });

  it('ListParents refused (a member account) → skipped, naming organizations:ListParents and target.principal-org-path', async () => {
    const account = policyAccount({ endpointPolicy: orgOnly });
    account.organization = { Id: ORG };
    account.denied = { 'organizations.account-parents': 'organizations:ListParents' };
    const { report } = await diagnoseCounting(account, partner);
    expect(endpointCheck(report)?.status).toBe('skipped');
    expect(endpointCheck(report)?.detail).toContain('organizations:ListParents');
    expect(endpointCheck(report)?.detail).toContain('target.principal-org-path');
    expect(report.verdict).toBe('incomplete');
  });
});
