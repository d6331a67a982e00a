// The wizard's pick lists and answer checks over a probe source (stubbed: DescribeNetworkInterfaces
// by address and ListFunctions shaped like real AWS output), and the config that remembers them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecsTaskInterfaces, lambdaInterfaces, serviceItems, wizardChoices } from '../../src/cli/wizard-choices.js';
import type { ProbeOutcome, ProbeSource } from '../../src/probes/contract.js';

type Table = Record<string, (input: Record<string, unknown>) => unknown>;

function stub(table: Table): ProbeSource {
  return {
    run: async (request) => {
      const handler = table[request.key];
      if (handler === undefined) return { status: 'error', message: `no ${request.key}` } as ProbeOutcome<never>;
      return { status: 'ok', value: handler(request.input as Record<string, unknown>) } as ProbeOutcome<never>;
    },
  };
}

const instanceEni = {
  NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718',
  InterfaceType: 'interface',
  SubnetId: 'subnet-0aa11bb22cc33dd44',
  VpcId: 'vpc-0a1b2c3d4e5f60718',
  PrivateIpAddress: '10.0.1.25',
  PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.25', Primary: true }],
  Attachment: { InstanceId: 'i-0abc1234def567890', DeviceIndex: 0, Status: 'attached' },
  Groups: [{ GroupId: 'sg-0a1b2c3d4e5f67890' }],
  TagSet: [],
  Ipv6Addresses: [],
};
const lambdaEni = {
  NetworkInterfaceId: 'eni-0f1e2d3c4b5a69788',
  InterfaceType: 'lambda',
  Description: 'AWS Lambda VPC ENI-orders-api-6b1f2a47-1f0e-4c39-9f4f-0a1b2c3d4e5f',
  RequesterId: 'AROAEXAMPLE:orders-api',
  RequesterManaged: true,
  SubnetId: 'subnet-0aa11bb22cc33dd44',
  VpcId: 'vpc-0a1b2c3d4e5f60718',
  AvailabilityZone: 'us-east-1a',
  PrivateIpAddress: '10.0.1.77',
  PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.77', Primary: true }],
  Groups: [{ GroupId: 'sg-0bbbbbbbbbbbbbbbb' }, { GroupId: 'sg-0aaaaaaaaaaaaaaaa' }],
  TagSet: [],
  Ipv6Addresses: [],
};
const ordersApi = {
  FunctionName: 'orders-api',
  VpcConfig: {
    VpcId: 'vpc-0a1b2c3d4e5f60718',
    SubnetIds: ['subnet-0aa11bb22cc33dd44'],
    SecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa', 'sg-0bbbbbbbbbbbbbbbb'],
  },
};

const byAddress: Table = {
  'ec2.interfaces-by-address': (i) => [instanceEni, lambdaEni].filter((e) => e.PrivateIpAddress === i.address),
  'ec2.interface': (i) => [instanceEni, lambdaEni].find((e) => e.NetworkInterfaceId === i.networkInterfaceId) ?? null,
};

describe('where does the traffic start? an IP or eni-… is looked up the way whois does', () => {
  const { verify } = wizardChoices(stub(byAddress));
  it("an instance's address → instance, with its id as the next answer", async () => {
    expect(await verify('source.kind', '10.0.1.25', { region: 'us-east-1' })).toMatchObject({
      ok: true,
      value: 'instance',
      then: { 'source.id': 'i-0abc1234def567890' },
    });
  });
  it("a Lambda function's address → that network interface", async () => {
    expect(await verify('source.kind', '10.0.1.77', { region: 'us-east-1' })).toMatchObject({
      ok: true,
      value: 'eni',
      then: { 'source.id': 'eni-0f1e2d3c4b5a69788' },
    });
  });
  it('an address no interface holds is refused, naming the Region and whois', async () => {
    expect(await verify('source.kind', '10.0.9.9', { region: 'us-east-1' })).toEqual({
      ok: false,
      error: 'no network interface in us-east-1 holds 10.0.9.9 (vpce-doctor whois 10.0.9.9 says more)',
    });
  });
  it('a listed kind passes through; anything else is refused with what to type', async () => {
    expect(await verify('source.kind', 'subnet', {})).toEqual({ ok: true, value: 'subnet' });
    expect(await verify('source.kind', 'lambda', {})).toMatchObject({ ok: false });
  });
});

describe('pick lists', () => {
  it('Lambda functions in a VPC lead to their interfaces (its subnets, exactly its groups), listed first', async () => {
    expect(lambdaInterfaces(ordersApi, [instanceEni, lambdaEni] as never).map((e) => e.NetworkInterfaceId)).toEqual([
      'eni-0f1e2d3c4b5a69788',
    ]);
    const { choices } = wizardChoices(
      stub({ 'ec2.interfaces-list': () => [instanceEni, lambdaEni], 'lambda.functions-list': () => [ordersApi] }),
    );
    const items = await choices('source.id', { region: 'us-east-1', 'source.kind': 'eni' });
    expect(items?.[0]).toMatchObject({ value: 'eni-0f1e2d3c4b5a69788', label: 'Lambda orders-api' });
    expect(items?.map((i) => i.value)).toEqual(['eni-0f1e2d3c4b5a69788', 'eni-0a1b2c3d4e5f60718']);
  });
  it('instances show Name, id, private IP, AZ and state; a recent source comes first', async () => {
    const { choices } = wizardChoices(
      stub({
        'ec2.instances-list': () => [
          { InstanceId: 'i-0aaa1111bbbb22223', State: { Name: 'running' }, Tags: [] },
          {
            InstanceId: 'i-0abc1234def567890',
            State: { Name: 'running' },
            PrivateIpAddress: '10.0.1.25',
            Placement: { AvailabilityZone: 'us-east-1a' },
            Tags: [{ Key: 'Name', Value: 'web-1' }],
          },
        ],
      }),
      { sources: [{ kind: 'instance', id: 'i-0abc1234def567890' }] },
    );
    const items = await choices('source.id', { region: 'us-east-1', 'source.kind': 'instance' });
    expect(items?.[0]).toEqual({
      value: 'i-0abc1234def567890',
      label: 'web-1',
      detail: 'i-0abc1234def567890 · 10.0.1.25 · us-east-1a · running · recent',
    });
  });
  it('EKS nodes come from the instance list (no EKS call): labelled with their cluster and node group, grouped after the other instances', async () => {
    const calls: string[] = [];
    const instances = [
      {
        InstanceId: 'i-0000000000000000b',
        Tags: [
          { Key: 'eks:cluster-name', Value: 'prod' },
          { Key: 'eks:nodegroup-name', Value: 'general' },
        ],
      },
      { InstanceId: 'i-0000000000000000a', Tags: [{ Key: 'Name', Value: 'bastion' }] },
      { InstanceId: 'i-0000000000000000c', Tags: [{ Key: 'kubernetes.io/cluster/batch', Value: 'owned' }] },
      // "shared" marks subnets and groups a cluster uses, not its nodes.
      { InstanceId: 'i-0000000000000000d', Tags: [{ Key: 'kubernetes.io/cluster/batch', Value: 'shared' }] },
    ];
    const listed = stub({ 'ec2.instances-list': () => instances });
    const probes: ProbeSource = {
      run: (request) => {
        calls.push(request.key);
        return listed.run(request);
      },
    };
    const items = await wizardChoices(probes).choices('source.id', { region: 'us-east-1', 'source.kind': 'instance' });
    expect(items?.map((i) => [i.value, i.detail])).toEqual([
      ['i-0000000000000000a', 'i-0000000000000000a'],
      ['i-0000000000000000d', ''],
      ['i-0000000000000000c', 'EKS node of batch'],
      ['i-0000000000000000b', 'EKS node of prod (node group general)'],
    ]);
    expect(calls).toEqual(['ec2.instances-list']);
  });

  it('ECS tasks name their interfaces (service, or family for a standalone task); ECS denied leaves the interface list as it was', async () => {
    expect(
      ecsTaskInterfaces([
        {
          taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/prod/0abc',
          clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
          group: 'family:nightly-export',
          attachments: [
            {
              type: 'ElasticNetworkInterface',
              details: [{ name: 'networkInterfaceId', value: 'eni-0a1b2c3d4e5f60718' }],
            },
          ],
        },
        // bridge or host networking: no interface of its own.
        { taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/prod/0def', group: 'service:web', attachments: [] },
      ]),
    ).toEqual([{ eni: 'eni-0a1b2c3d4e5f60718', label: 'ECS task nightly-export · cluster prod' }]);
    const denied: ProbeSource = {
      run: async (request) =>
        request.key === 'ec2.interfaces-list'
          ? ({ status: 'ok', value: [instanceEni] } as ProbeOutcome<never>)
          : ({ status: 'denied', action: 'ecs:ListClusters', message: 'denied' } as ProbeOutcome<never>),
    };
    const items = await wizardChoices(denied).choices('source.id', { region: 'us-east-1', 'source.kind': 'eni' });
    expect(items?.map((i) => i.value)).toEqual([instanceEni.NetworkInterfaceId]);
  });

  it('services: the popular ones first, a service with gateway and interface once, short names', () => {
    const items = serviceItems(
      [
        'com.amazonaws.us-east-1.athena',
        'com.amazonaws.us-east-1.s3',
        'com.amazonaws.us-east-1.s3',
        'com.amazonaws.us-east-1.sqs',
      ],
      'us-east-1',
    );
    expect(items.map((i) => i.value)).toEqual(['s3', 'sqs', 'athena']);
  });
  it('a typed service the Region does not offer is refused with "did you mean"', async () => {
    const { verify } = wizardChoices(
      stub({ 'ec2.endpoint-services-list': () => ['com.amazonaws.us-east-1.s3', 'com.amazonaws.us-east-1.sqs'] }),
    );
    expect(await verify('service', 'sqss', { region: 'us-east-1' })).toEqual({
      ok: false,
      error: 'us-east-1 offers no endpoint service com.amazonaws.us-east-1.sqss (did you mean sqs?)',
    });
    expect(await verify('service', 'sqs', { region: 'us-east-1' })).toEqual({ ok: true, value: 'sqs' });
  });
  it('the Region list is the packaged one, the last used first; a typo is refused with "did you mean"', async () => {
    const { choices, verify } = wizardChoices(stub({}), { region: 'eu-west-1' });
    const regions = await choices('region', {});
    expect(regions?.[0]).toEqual({ value: 'eu-west-1', label: 'eu-west-1', detail: 'last used' });
    expect(regions?.some((r) => r.value === 'us-east-1')).toBe(true);
    expect(await verify('region', 'us-east-9', {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('us-east-1'),
    });
  });
  it('a well-formed id that does not exist is refused', async () => {
    const { verify } = wizardChoices(stub({ 'ec2.source': () => null, 'ec2.vpc': () => null }));
    expect(
      await verify('source.id', 'i-0123456789abcdef0', { region: 'us-east-1', 'source.kind': 'instance' }),
    ).toEqual({
      ok: false,
      error: 'instance i-0123456789abcdef0 does not exist in us-east-1',
    });
    expect(await verify('vpc', 'vpc-0123456789abcdef0', { region: 'us-east-1' })).toMatchObject({ ok: false });
  });
});

describe('config remembers per account, and --no-config ignores it', () => {
  it('profile, Region and recent sources come back for the same account only', async () => {
    process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'vpce-doctor-conf-'));
    const { recallAccount, rememberRun } = await import('../../src/cli/config.js');
    rememberRun(
      '111122223333',
      { profile: 'prod', region: 'eu-west-1', source: { kind: 'instance', id: 'i-1' } },
      true,
    );
    rememberRun('111122223333', { region: 'eu-west-1', source: { kind: 'eni', id: 'eni-2' } }, true);
    expect(recallAccount('111122223333', true)).toEqual({
      lastProfile: 'prod',
      profile: 'prod',
      region: 'eu-west-1',
      sources: [
        { kind: 'eni', id: 'eni-2' },
        { kind: 'instance', id: 'i-1' },
      ],
    });
    expect(recallAccount('444455556666', true).sources).toEqual([]);
    expect(recallAccount('111122223333', false)).toEqual({ sources: [] });
    rememberRun('999', { region: 'us-east-1' }, false);
    expect(recallAccount('999', true).region).toBeUndefined();
  });
});
