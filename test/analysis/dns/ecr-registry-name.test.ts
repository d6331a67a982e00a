// ECR's registry name: Docker and every ECR client call `<account>.dkr.ecr.<region>.amazonaws.com`
// (the private registry URI); an ecr.dkr endpoint whose service lists only the wildcard private
// name `*.dkr.ecr.<region>.amazonaws.com` (as DescribeVpcEndpointServices does in the emulator)
// covers that name, not the bare `dkr.ecr.…` one no client calls.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { ACCOUNT_ID, baseAccount, IDS } from '../../support/fixtures/world.js';
import { awsEndpointService } from '../../support/fixtures/dns.js';
import { addInterfaceEndpoint } from '../../recordings/scenarios/dns.js';
import { reportOf, walk } from '../../support/diagnose.js';

const WILDCARD = '*.dkr.ecr.us-east-1.amazonaws.com';

function ecrAccount(): Account {
  const account = baseAccount();
  addInterfaceEndpoint(account, 'ecr.dkr');
  const services = ['ecr.dkr', 'ecr.api', 's3', 'sts', 'sqs'].map((s) =>
    awsEndpointService(`com.amazonaws.us-east-1.${s}`)!,
  );
  const dkr = services[0]!;
  dkr.PrivateDnsName = WILDCARD;
  dkr.PrivateDnsNames = [{ PrivateDnsName: WILDCARD }];
  account.endpointServices = services;
  return account;
}

const pull = (extra: Answers = {}): Answers => ({
  region: 'us-east-1',
  service: 'ecr.dkr',
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'timeout',
  ...extra,
});

describe('ECR registry name', () => {
  it("ecr.dkr whose service lists only the wildcard private name → the caller's registry name is judged and private DNS covers it", async () => {
    const report = reportOf(await walk(pull(), fixtureProbes(ecrAccount())));
    const dns = report.checks.find((c) => c.id === 'dns.private-dns');
    expect(dns?.status, dns?.detail).toBe('pass');
    expect(dns?.detail).toContain(`${ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com`);
  });

  it("target.resource names another account's repository → that account's registry name", async () => {
    const report = reportOf(
      await walk(
        pull({ 'target.resource': 'arn:aws:ecr:us-east-1:210987654321:repository/orders-api' }),
        fixtureProbes(ecrAccount()),
      ),
    );
    expect(report.checks.find((c) => c.id === 'dns.private-dns')?.detail).toContain(
      '210987654321.dkr.ecr.us-east-1.amazonaws.com',
    );
  });
});
