// The whois live probes against mocked clients (responses shaped like real AWS output): the
// server-side filter each call uses, every page read, IAM denial as `denied` naming the action,
// and "no such thing" (each service's own error name) as null.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeNatGatewaysCommand, DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LiveProbes } from '../../src/probes/live/aws.js';

const ec2 = mockClient(EC2Client);
const elb = mockClient(ElasticLoadBalancingV2Client);
const lambda = mockClient(LambdaClient);
afterEach(() => {
  ec2.reset();
  elb.reset();
  lambda.reset();
});

const probes = (): LiveProbes => new LiveProbes({ region: () => 'us-east-1' });

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

describe('ec2.interfaces-by-address', () => {
  it('filters by the address filter asked for and reads every page', async () => {
    ec2
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({
        NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0aaaaaaaaaaaaaaaa', VpcId: 'vpc-0aaaaaaaaaaaaaaaa' }],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0bbbbbbbbbbbbbbbb', VpcId: 'vpc-0bbbbbbbbbbbbbbbb' }],
      });
    const out = await probes().run({
      key: 'ec2.interfaces-by-address',
      input: { filter: 'association.public-ip', address: '54.10.20.30' },
    });
    expect(out.status).toBe('ok');
    expect(out.status === 'ok' && out.value.map((e) => e.NetworkInterfaceId)).toEqual([
      'eni-0aaaaaaaaaaaaaaaa',
      'eni-0bbbbbbbbbbbbbbbb',
    ]);
    const calls = ec2.commandCalls(DescribeNetworkInterfacesCommand);
    expect(calls[0]?.args[0].input).toEqual({
      Filters: [{ Name: 'association.public-ip', Values: ['54.10.20.30'] }],
      NextToken: undefined,
    });
    expect(calls[1]?.args[0].input.NextToken).toBe('page-2');
  });

  it('denied → denied naming ec2:DescribeNetworkInterfaces', async () => {
    ec2.on(DescribeNetworkInterfacesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized'));
    const out = await probes().run({
      key: 'ec2.interfaces-by-address',
      input: { filter: 'addresses.private-ip-address', address: '10.0.1.25' },
    });
    expect(out).toMatchObject({ status: 'denied', action: 'ec2:DescribeNetworkInterfaces' });
  });
});

describe('owner lookups', () => {
  it('ec2.interface: an id that does not exist → null', async () => {
    ec2
      .on(DescribeNetworkInterfacesCommand)
      .rejects(awsError('InvalidNetworkInterfaceID.NotFound', "The networkInterface ID 'eni-0…' does not exist"));
    expect(
      await probes().run({ key: 'ec2.interface', input: { networkInterfaceId: 'eni-0123456789abcdef0' } }),
    ).toEqual({ status: 'ok', value: null });
  });

  it('ec2.nat-gateways-of-vpc filters by vpc-id (DescribeNatGateways names its filter list "Filter")', async () => {
    ec2.on(DescribeNatGatewaysCommand).resolves({
      NatGateways: [
        {
          NatGatewayId: 'nat-0123456789abcdef0',
          NatGatewayAddresses: [{ NetworkInterfaceId: 'eni-0aaaaaaaaaaaaaaaa' }],
        },
      ],
    });
    const out = await probes().run({ key: 'ec2.nat-gateways-of-vpc', input: { vpcId: 'vpc-0aaaaaaaaaaaaaaaa' } });
    expect(out.status).toBe('ok');
    expect(ec2.commandCalls(DescribeNatGatewaysCommand)[0]?.args[0].input.Filter).toEqual([
      { Name: 'vpc-id', Values: ['vpc-0aaaaaaaaaaaaaaaa'] },
    ]);
  });

  it('ec2.nat-gateway: NatGatewayNotFound → null', async () => {
    ec2.on(DescribeNatGatewaysCommand).rejects(awsError('NatGatewayNotFound', 'NAT gateway nat-0… was not found'));
    expect(await probes().run({ key: 'ec2.nat-gateway', input: { natGatewayId: 'nat-0123456789abcdef0' } })).toEqual({
      status: 'ok',
      value: null,
    });
  });

  it('elbv2.load-balancer by name; LoadBalancerNotFound → null; denied names elasticloadbalancing:DescribeLoadBalancers', async () => {
    elb.on(DescribeLoadBalancersCommand, { Names: ['web-prod'] }).resolves({
      LoadBalancers: [
        {
          LoadBalancerArn:
            'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-prod/50dc6c495c0c9188',
          LoadBalancerName: 'web-prod',
          Type: 'application',
          Scheme: 'internal',
          State: { Code: 'active' },
          VpcId: 'vpc-0aaaaaaaaaaaaaaaa',
        },
      ],
    });
    elb
      .on(DescribeLoadBalancersCommand, { Names: ['gone'] })
      .rejects(awsError('LoadBalancerNotFoundException', 'One or more load balancers not found'));
    const p = probes();
    expect(await p.run({ key: 'elbv2.load-balancer', input: { name: 'web-prod' } })).toMatchObject({
      status: 'ok',
      value: { LoadBalancerName: 'web-prod', Type: 'application', State: { Code: 'active' } },
    });
    expect(await p.run({ key: 'elbv2.load-balancer', input: { name: 'gone' } })).toEqual({ status: 'ok', value: null });

    elb.reset();
    elb.on(DescribeLoadBalancersCommand).rejects(awsError('AccessDenied', 'User is not authorized'));
    expect(await probes().run({ key: 'elbv2.load-balancer', input: { name: 'web-prod' } })).toMatchObject({
      status: 'denied',
      action: 'elasticloadbalancing:DescribeLoadBalancers',
    });
  });

  it('lambda.function: the configuration only (no code location); ResourceNotFoundException → null', async () => {
    lambda.on(GetFunctionConfigurationCommand, { FunctionName: 'orders-api-worker' }).resolves({
      FunctionName: 'orders-api-worker',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api-worker',
      State: 'Active',
      Runtime: 'nodejs20.x',
      VpcConfig: { VpcId: 'vpc-0aaaaaaaaaaaaaaaa', SubnetIds: ['subnet-0aaaaaaaaaaaaaaaa'], SecurityGroupIds: [] },
    });
    lambda
      .on(GetFunctionConfigurationCommand, { FunctionName: 'gone' })
      .rejects(awsError('ResourceNotFoundException', 'Function not found'));
    const p = probes();
    expect(await p.run({ key: 'lambda.function', input: { functionName: 'orders-api-worker' } })).toMatchObject({
      status: 'ok',
      value: { FunctionName: 'orders-api-worker', State: 'Active', Runtime: 'nodejs20.x' },
    });
    expect(await p.run({ key: 'lambda.function', input: { functionName: 'gone' } })).toEqual({
      status: 'ok',
      value: null,
    });
  });
});
