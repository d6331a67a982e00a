// The network path's live probes against a mocked EC2 (responses shaped like real AWS output):
// the service prefix list by name then its entries, server-side filters on every call, IAM
// denial as `denied` naming the action, not-found as null.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeManagedPrefixListsCommand,
  DescribeNetworkAclsCommand,
  DescribePrefixListsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { LiveProbes } from '../../src/probes/live/aws.js';

const ec2 = mockClient(EC2Client);
afterEach(() => ec2.reset());

const probes = (): LiveProbes => new LiveProbes({ region: () => 'us-east-1' });

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

const denied = (action: string) =>
  awsError(
    'UnauthorizedOperation',
    `You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/ReadOnly/jdoe is not authorized to perform: ${action}`,
  );

describe('ec2.service-prefix-list', () => {
  it('finds the list by name, then reads every page of its entries', async () => {
    ec2.on(DescribePrefixListsCommand).resolves({
      PrefixLists: [
        {
          PrefixListId: 'pl-63a5400a',
          PrefixListName: 'com.amazonaws.us-east-1.s3',
          Cidrs: ['52.216.0.0/15', '3.5.0.0/19'],
        },
      ],
    });
    ec2
      .on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-63a5400a', NextToken: undefined })
      .resolves({ Entries: [{ Cidr: '52.216.0.0/15' }, { Cidr: '3.5.0.0/19' }], NextToken: 'page2' })
      .on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-63a5400a', NextToken: 'page2' })
      .resolves({ Entries: [{ Cidr: '54.231.0.0/16' }] });
    const out = await probes().run({
      key: 'ec2.service-prefix-list',
      input: { prefixListName: 'com.amazonaws.us-east-1.s3' },
    });
    expect(out).toEqual({
      status: 'ok',
      value: {
        PrefixListId: 'pl-63a5400a',
        PrefixListName: 'com.amazonaws.us-east-1.s3',
        Entries: [{ Cidr: '52.216.0.0/15' }, { Cidr: '3.5.0.0/19' }, { Cidr: '54.231.0.0/16' }],
      },
    });
    const describe = ec2.commandCalls(DescribePrefixListsCommand)[0]?.args[0].input;
    expect(describe?.Filters).toEqual([{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }]);
  });

  it('no list of that name in the Region → null', async () => {
    ec2.on(DescribePrefixListsCommand).resolves({ PrefixLists: [] });
    expect(
      await probes().run({ key: 'ec2.service-prefix-list', input: { prefixListName: 'com.amazonaws.us-east-1.s3' } }),
    ).toEqual({ status: 'ok', value: null });
  });

  it('entries denied but DescribePrefixLists named the CIDRs → those CIDRs', async () => {
    ec2.on(DescribePrefixListsCommand).resolves({
      PrefixLists: [
        { PrefixListId: 'pl-02cd2c6b', PrefixListName: 'com.amazonaws.us-east-1.dynamodb', Cidrs: ['52.94.0.0/22'] },
      ],
    });
    ec2.on(GetManagedPrefixListEntriesCommand).rejects(denied('ec2:GetManagedPrefixListEntries'));
    const out = await probes().run({
      key: 'ec2.service-prefix-list',
      input: { prefixListName: 'com.amazonaws.us-east-1.dynamodb' },
    });
    expect(out).toEqual({
      status: 'ok',
      value: {
        PrefixListId: 'pl-02cd2c6b',
        PrefixListName: 'com.amazonaws.us-east-1.dynamodb',
        Entries: [{ Cidr: '52.94.0.0/22' }],
      },
    });
  });

  it('entries denied and no CIDRs to fall back on → denied naming ec2:GetManagedPrefixListEntries', async () => {
    ec2.on(DescribePrefixListsCommand).resolves({
      PrefixLists: [{ PrefixListId: 'pl-ec8bb0685480ac1a9', PrefixListName: 'com.amazonaws.us-east-1.s3' }],
    });
    ec2.on(GetManagedPrefixListEntriesCommand).rejects(denied('ec2:GetManagedPrefixListEntries'));
    const out = await probes().run({
      key: 'ec2.service-prefix-list',
      input: { prefixListName: 'com.amazonaws.us-east-1.s3' },
    });
    expect(out).toMatchObject({ status: 'denied', action: 'ec2:GetManagedPrefixListEntries' });
  });

  it('DescribePrefixLists denied → denied naming ec2:DescribePrefixLists', async () => {
    ec2.on(DescribePrefixListsCommand).rejects(denied('ec2:DescribePrefixLists'));
    const out = await probes().run({
      key: 'ec2.service-prefix-list',
      input: { prefixListName: 'com.amazonaws.us-east-1.s3' },
    });
    expect(out).toMatchObject({ status: 'denied', action: 'ec2:DescribePrefixLists' });
  });
});

describe('ec2.managed-prefix-list', () => {
  it('a customer list by id with its entries', async () => {
    ec2.on(DescribeManagedPrefixListsCommand, { PrefixListIds: ['pl-0corp1234567890ab'] }).resolves({
      PrefixLists: [
        {
          PrefixListId: 'pl-0corp1234567890ab',
          PrefixListName: 'corp-ranges',
          AddressFamily: 'IPv4',
          State: 'create-complete',
          OwnerId: '123456789012',
        },
      ],
    });
    ec2.on(GetManagedPrefixListEntriesCommand).resolves({ Entries: [{ Cidr: '10.20.0.0/16', Description: 'office' }] });
    const out = await probes().run({ key: 'ec2.managed-prefix-list', input: { prefixListId: 'pl-0corp1234567890ab' } });
    expect(out).toEqual({
      status: 'ok',
      value: {
        PrefixListId: 'pl-0corp1234567890ab',
        PrefixListName: 'corp-ranges',
        AddressFamily: 'IPv4',
        Entries: [{ Cidr: '10.20.0.0/16', Description: 'office' }],
      },
    });
  });

  it('InvalidPrefixListID.NotFound → null', async () => {
    ec2
      .on(DescribeManagedPrefixListsCommand)
      .rejects(awsError('InvalidPrefixListID.NotFound', "The prefix list ID 'pl-0dead' does not exist"));
    expect(await probes().run({ key: 'ec2.managed-prefix-list', input: { prefixListId: 'pl-0dead' } })).toEqual({
      status: 'ok',
      value: null,
    });
  });
});

describe('ec2.security-groups', () => {
  const group = {
    GroupId: 'sg-0a1b2c3d4e5f67890',
    GroupName: 'app-workers',
    Description: 'app workers',
    OwnerId: '123456789012',
    VpcId: 'vpc-0a1b2c3d4e5f60718',
    IpPermissions: [
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        UserIdGroupPairs: [{ GroupId: 'sg-0e1f2a3b4c5d6e7f8', UserId: '123456789012' }],
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
    ],
    IpPermissionsEgress: [
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ],
  };

  it('filters by group-id server-side and returns the groups as AWS shows them', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [group] });
    const out = await probes().run({
      key: 'ec2.security-groups',
      input: { groupIds: ['sg-0a1b2c3d4e5f67890', 'sg-0deleted00000000'] },
    });
    expect(out.status).toBe('ok');
    expect(out.status === 'ok' ? out.value.map((g) => g.GroupId) : []).toEqual(['sg-0a1b2c3d4e5f67890']);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input).toEqual({
      Filters: [{ Name: 'group-id', Values: ['sg-0a1b2c3d4e5f67890', 'sg-0deleted00000000'] }],
      NextToken: undefined,
    });
  });

  it('no ids → no call, empty list', async () => {
    expect(await probes().run({ key: 'ec2.security-groups', input: { groupIds: [] } })).toEqual({
      status: 'ok',
      value: [],
    });
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)).toHaveLength(0);
  });

  it('denied → denied naming ec2:DescribeSecurityGroups', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(denied('ec2:DescribeSecurityGroups'));
    expect(
      await probes().run({ key: 'ec2.security-groups', input: { groupIds: ['sg-0a1b2c3d4e5f67890'] } }),
    ).toMatchObject({
      status: 'denied',
      action: 'ec2:DescribeSecurityGroups',
    });
  });
});

describe('ec2.subnet-network-acl', () => {
  it('the ACL associated with the subnet, filtered by association.subnet-id', async () => {
    ec2.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [
        {
          NetworkAclId: 'acl-0a1b2c3d4e5f60711',
          VpcId: 'vpc-0a1b2c3d4e5f60718',
          IsDefault: false,
          OwnerId: '123456789012',
          Entries: [
            {
              RuleNumber: 90,
              Protocol: '6',
              RuleAction: 'deny',
              Egress: false,
              CidrBlock: '10.1.0.0/16',
              PortRange: { From: 443, To: 443 },
            },
            { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
          ],
          Associations: [
            {
              NetworkAclAssociationId: 'aclassoc-0a1b2c3d4e5f60711',
              NetworkAclId: 'acl-0a1b2c3d4e5f60711',
              SubnetId: 'subnet-0aa11bb22cc33dd44',
            },
          ],
          Tags: [],
        },
      ],
    });
    const out = await probes().run({ key: 'ec2.subnet-network-acl', input: { subnetId: 'subnet-0aa11bb22cc33dd44' } });
    expect(out.status === 'ok' ? out.value?.Entries[0] : undefined).toMatchObject({
      RuleNumber: 90,
      RuleAction: 'deny',
      PortRange: { From: 443, To: 443 },
    });
    expect(ec2.commandCalls(DescribeNetworkAclsCommand)[0]?.args[0].input).toEqual({
      Filters: [{ Name: 'association.subnet-id', Values: ['subnet-0aa11bb22cc33dd44'] }],
    });
  });

  it('no ACL found → null', async () => {
    ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [] });
    expect(
      await probes().run({ key: 'ec2.subnet-network-acl', input: { subnetId: 'subnet-0aa11bb22cc33dd44' } }),
    ).toEqual({ status: 'ok', value: null });
  });

  it('denied → denied naming ec2:DescribeNetworkAcls', async () => {
    ec2.on(DescribeNetworkAclsCommand).rejects(denied('ec2:DescribeNetworkAcls'));
    expect(
      await probes().run({ key: 'ec2.subnet-network-acl', input: { subnetId: 'subnet-0aa11bb22cc33dd44' } }),
    ).toMatchObject({
      status: 'denied',
      action: 'ec2:DescribeNetworkAcls',
    });
  });
});
