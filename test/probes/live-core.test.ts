// The spine's live probes against a mocked EC2/STS (responses shaped like real AWS output):
// mapping to the session shapes, not-found as null, IAM denial as `denied` naming the action,
// the main route table fallback, pagination.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { LiveProbes } from '../../src/probes/live/aws.js';

const ec2 = mockClient(EC2Client);
const sts = mockClient(STSClient);
afterEach(() => {
  ec2.reset();
  sts.reset();
});

const probes = (): LiveProbes => new LiveProbes({ region: () => 'us-east-1' });

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

describe('live core probes', () => {
  it('an instance becomes a Source with subnet, VPC, AZ, IP, groups and ENIs', async () => {
    ec2.on(DescribeInstancesCommand, { InstanceIds: ['i-0abc1234def567890'] }).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-0abc1234def567890',
              SubnetId: 'subnet-0aa11bb22cc33dd44',
              VpcId: 'vpc-0a1b2c3d4e5f60718',
              Placement: { AvailabilityZone: 'us-east-1a' },
              PrivateIpAddress: '10.0.1.25',
              SecurityGroups: [{ GroupId: 'sg-0a1b2c3d4e5f67890', GroupName: 'app' }],
              NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0a1b2c3d4e5f6a7b8', Ipv6Addresses: [] }],
              LaunchTime: new Date('2026-11-01T00:00:00Z'),
            },
          ],
        },
      ],
    });
    const out = await probes().run({ key: 'ec2.source', input: { kind: 'instance', id: 'i-0abc1234def567890' } });
    expect(out).toEqual({
      status: 'ok',
      value: expect.objectContaining({
        Kind: 'instance',
        SubnetId: 'subnet-0aa11bb22cc33dd44',
        VpcId: 'vpc-0a1b2c3d4e5f60718',
        AvailabilityZone: 'us-east-1a',
        PrivateIpAddress: '10.0.1.25',
        Groups: [{ GroupId: 'sg-0a1b2c3d4e5f67890', GroupName: 'app' }],
        NetworkInterfaceIds: ['eni-0a1b2c3d4e5f6a7b8'],
      }),
    });
  });

  it('InvalidInstanceID.NotFound means the instance does not exist: null, not an error', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .rejects(awsError('InvalidInstanceID.NotFound', "The instance ID 'i-0000000000000dead' does not exist"));
    expect(await probes().run({ key: 'ec2.source', input: { kind: 'instance', id: 'i-0000000000000dead' } })).toEqual({
      status: 'ok',
      value: null,
    });
  });

  it('UnauthorizedOperation is `denied` naming the IAM action', async () => {
    ec2
      .on(DescribeNetworkInterfacesCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const out = await probes().run({ key: 'ec2.source', input: { kind: 'eni', id: 'eni-0a1b2c3d4e5f6a7b8' } });
    expect(out).toMatchObject({ status: 'denied', action: 'ec2:DescribeNetworkInterfaces' });
  });

  it('a subnet without an explicit association gets the VPC main table, from one call filtered by vpc-id; another subnet of that VPC costs no call', async () => {
    ec2.on(DescribeRouteTablesCommand, { Filters: [{ Name: 'vpc-id', Values: ['vpc-0a1b2c3d4e5f60718'] }] }).resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-0f9e8d7c6b5a49382',
          VpcId: 'vpc-0a1b2c3d4e5f60718',
          Associations: [{ Main: true }],
          Routes: [],
        },
        {
          RouteTableId: 'rtb-0aa11bb22cc33dd44',
          VpcId: 'vpc-0a1b2c3d4e5f60718',
          Associations: [{ Main: false, SubnetId: 'subnet-0cc33dd44ee55ff66' }],
          Routes: [],
        },
      ],
    });
    const live = probes();
    const out = await live.run({
      key: 'ec2.route-table',
      input: { subnetId: 'subnet-0bb22cc33dd44ee55', vpcId: 'vpc-0a1b2c3d4e5f60718' },
    });
    expect(out).toMatchObject({
      status: 'ok',
      value: { Association: 'main', RouteTable: { RouteTableId: 'rtb-0f9e8d7c6b5a49382' } },
    });
    const other = await live.run({
      key: 'ec2.route-table',
      input: { subnetId: 'subnet-0cc33dd44ee55ff66', vpcId: 'vpc-0a1b2c3d4e5f60718' },
    });
    expect(other).toMatchObject({
      status: 'ok',
      value: { Association: 'explicit', RouteTable: { RouteTableId: 'rtb-0aa11bb22cc33dd44' } },
    });
    expect(ec2.commandCalls(DescribeRouteTablesCommand)).toHaveLength(1);
  });

  it("endpoints are listed filtered by vpc-id across pages, the service's kept; a companion service costs no call", async () => {
    const ep = (id: string, service = 's3') => ({
      VpcEndpointId: id,
      VpcEndpointType: 'Gateway' as const,
      VpcId: 'vpc-1',
      ServiceName: `com.amazonaws.us-east-1.${service}`,
      State: 'available' as 'Available',
    });
    ec2
      .on(DescribeVpcEndpointsCommand)
      .resolvesOnce({ VpcEndpoints: [ep('vpce-01'), ep('vpce-03', 'dynamodb')], NextToken: 't1' })
      .resolvesOnce({ VpcEndpoints: [ep('vpce-02')] });
    const live = probes();
    const out = await live.run({
      key: 'ec2.vpc-endpoints',
      input: { vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.s3' },
    });
    expect(out.status === 'ok' && out.value.map((e) => e.VpcEndpointId)).toEqual(['vpce-01', 'vpce-02']);
    const first = ec2.commandCalls(DescribeVpcEndpointsCommand)[0]?.args[0].input;
    expect(first?.Filters).toEqual([{ Name: 'vpc-id', Values: ['vpc-1'] }]);
    const companion = await live.run({
      key: 'ec2.vpc-endpoints',
      input: { vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.dynamodb' },
    });
    expect(companion.status === 'ok' && companion.value.map((e) => e.VpcEndpointId)).toEqual(['vpce-03']);
    expect(ec2.commandCalls(DescribeVpcEndpointsCommand)).toHaveLength(2);
  });

  it('the same probe call asked twice in a run (or hinted, then asked) is sent once', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] });
    const live = probes();
    live.prefetch([{ key: 'ec2.vpc', input: { vpcId: 'vpc-1' } }]);
    const [a, b] = await Promise.all([
      live.run({ key: 'ec2.vpc', input: { vpcId: 'vpc-1' } }),
      live.run({ key: 'ec2.vpc', input: { vpcId: 'vpc-1' } }),
    ]);
    expect(a).toEqual(b);
    expect(ec2.commandCalls(DescribeVpcsCommand)).toHaveLength(1);
  });

  it('after a fix, the wizard re-runs (r): a new run asks AWS again and sees the changed account, never the answer of the last run', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] });
    const live = probes();
    await live.run({ key: 'ec2.vpc', input: { vpcId: 'vpc-1' } });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.9.0.0/16' }] });
    live.newRun();
    const again = await live.run({ key: 'ec2.vpc', input: { vpcId: 'vpc-1' } });
    expect(again.status === 'ok' && again.value?.CidrBlock).toBe('10.9.0.0/16');
    expect(ec2.commandCalls(DescribeVpcsCommand)).toHaveLength(2);
  });

  it('a response missing required fields is an error, not a crash', async () => {
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [{ VpcEndpointId: 'vpce-01', ServiceName: 's' }] });
    const out = await probes().run({ key: 'ec2.vpc-endpoints', input: { vpcId: 'vpc-1', serviceName: 's' } });
    expect(out.status).toBe('error');
  });

  it('caller identity', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ci', UserId: 'AIDA' });
    expect(await probes().run({ key: 'sts.caller-identity', input: {} })).toEqual({
      status: 'ok',
      value: { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ci', UserId: 'AIDA' },
    });
  });
});
