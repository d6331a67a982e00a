// organizations:ListParents walked from an account to the root, against a mocked Organizations
// client (moto has no member accounts whose call AWS refuses): nested OUs root first, an account
// outside the organization as null, a member account's AccessDeniedException as `denied`.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ListParentsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { LiveProbes } from '../../src/probes/live/aws.js';

const orgs = mockClient(OrganizationsClient);
afterEach(() => orgs.reset());

const probes = (region = 'eu-west-1'): LiveProbes => new LiveProbes({ region: () => region });
const run = (accountId: string, region?: string) =>
  probes(region).run({ key: 'organizations.account-parents', input: { accountId } });

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

describe('organizations.account-parents (ListParents to the root)', () => {
  it('account two OUs deep → the root first, then each OU down to the account; asked in us-east-1', async () => {
    orgs
      .on(ListParentsCommand, { ChildId: '123456789012' })
      .resolves({ Parents: [{ Id: 'ou-ab12-22222222', Type: 'ORGANIZATIONAL_UNIT' }] })
      .on(ListParentsCommand, { ChildId: 'ou-ab12-22222222' })
      .resolves({ Parents: [{ Id: 'ou-ab12-11111111', Type: 'ORGANIZATIONAL_UNIT' }] })
      .on(ListParentsCommand, { ChildId: 'ou-ab12-11111111' })
      .resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
    expect(await run('123456789012')).toEqual({
      status: 'ok',
      value: { Parents: ['r-ab12', 'ou-ab12-11111111', 'ou-ab12-22222222'] },
    });
    const client = orgs.call(0).thisValue as OrganizationsClient;
    expect(await client.config.region()).toBe('us-east-1');
  });

  it('a member account: AccessDeniedException → denied naming organizations:ListParents', async () => {
    orgs
      .on(ListParentsCommand)
      .rejects(awsError('AccessDeniedException', 'You don’t have permissions to access this resource.'));
    expect(await run('123456789012')).toMatchObject({ status: 'denied', action: 'organizations:ListParents' });
  });

  it('an account of another organization: ChildNotFoundException → null', async () => {
    orgs
      .on(ListParentsCommand)
      .rejects(
        awsError(
          'ChildNotFoundException',
          'We can’t find an organizational unit (OU) or AWS account with the ChildId that you specified.',
        ),
      );
    expect(await run('210987654321')).toEqual({ status: 'ok', value: null });
  });

  it('a parent chain that never reaches a root → an error, never a made-up path', async () => {
    orgs.on(ListParentsCommand).resolves({ Parents: [{ Id: 'ou-ab12-11111111', Type: 'ORGANIZATIONAL_UNIT' }] });
    expect(await run('123456789012')).toMatchObject({ status: 'error' });
  });
});
