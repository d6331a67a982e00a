// The DNS chain's live probes against mocked EC2, Route 53 and Route 53 Resolver (responses
// shaped like real AWS output): both DNS attributes, DHCP option sets, InvalidServiceName as
// "not offered", Resolver rules/associations/endpoints with their filters, private zones by VPC,
// and IAM denial as `denied` naming the action.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeDhcpOptionsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { ListHostedZonesByVPCCommand, Route53Client } from '@aws-sdk/client-route-53';
import {
  GetResolverRuleCommand,
  ListResolverEndpointsCommand,
  ListResolverRuleAssociationsCommand,
  Route53ResolverClient,
} from '@aws-sdk/client-route53resolver';
import { LiveProbes } from '../../src/probes/live/aws.js';

const ec2 = mockClient(EC2Client);
const route53 = mockClient(Route53Client);
// client-route53resolver 3.654 is typed against its own, older @smithy/types: aws-sdk-client-mock
// (built against the current one) accepts neither its client nor its commands. The stub works at
// run time; this one cast gives it a loose type. Test-only.
interface LooseBehavior {
  resolves(output: object): LooseBehavior;
  rejects(error: Error): LooseBehavior;
  on(command: unknown, input?: object): LooseBehavior;
}
interface LooseStub {
  on(command: unknown, input?: object): LooseBehavior;
  reset(): void;
}
const resolver = mockClient(Route53ResolverClient as never) as unknown as LooseStub;
afterEach(() => {
  ec2.reset();
  route53.reset();
  resolver.reset();
});

const probes = (): LiveProbes => new LiveProbes({ region: () => 'us-east-1' });
const VPC = 'vpc-0a1b2c3d4e5f60718';

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

describe('EC2', () => {
  it('DescribeVpcAttribute: one call per attribute, both values', async () => {
    ec2
      .on(DescribeVpcAttributeCommand, { VpcId: VPC, Attribute: 'enableDnsSupport' })
      .resolves({ VpcId: VPC, EnableDnsSupport: { Value: true } })
      .on(DescribeVpcAttributeCommand, { VpcId: VPC, Attribute: 'enableDnsHostnames' })
      .resolves({ VpcId: VPC, EnableDnsHostnames: { Value: false } });
    expect(await probes().run({ key: 'ec2.vpc-dns-attributes', input: { vpcId: VPC } })).toEqual({
      status: 'ok',
      value: { EnableDnsSupport: true, EnableDnsHostnames: false },
    });
    expect(ec2.commandCalls(DescribeVpcAttributeCommand)).toHaveLength(2);
  });

  it('DescribeVpcAttribute of a VPC that does not exist → null; denied → the action', async () => {
    ec2
      .on(DescribeVpcAttributeCommand)
      .rejects(awsError('InvalidVpcID.NotFound', `The vpc ID '${VPC}' does not exist`));
    expect(await probes().run({ key: 'ec2.vpc-dns-attributes', input: { vpcId: VPC } })).toEqual({
      status: 'ok',
      value: null,
    });
    ec2.reset();
    ec2
      .on(DescribeVpcAttributeCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    expect(await probes().run({ key: 'ec2.vpc-dns-attributes', input: { vpcId: VPC } })).toMatchObject({
      status: 'denied',
      action: 'ec2:DescribeVpcAttribute',
    });
  });

  it('DescribeDhcpOptions by id → the option set as AWS returns it', async () => {
    ec2.on(DescribeDhcpOptionsCommand, { DhcpOptionsIds: ['dopt-0a1b2c3d4e5f60718'] }).resolves({
      DhcpOptions: [
        {
          DhcpOptionsId: 'dopt-0a1b2c3d4e5f60718',
          OwnerId: '123456789012',
          DhcpConfigurations: [
            { Key: 'domain-name', Values: [{ Value: 'corp.example.com' }] },
            { Key: 'domain-name-servers', Values: [{ Value: '10.20.0.10' }, { Value: '10.20.0.11' }] },
          ],
          Tags: [],
        },
      ],
    });
    const out = await probes().run({ key: 'ec2.dhcp-options', input: { dhcpOptionsId: 'dopt-0a1b2c3d4e5f60718' } });
    expect(out).toMatchObject({
      status: 'ok',
      value: {
        DhcpOptionsId: 'dopt-0a1b2c3d4e5f60718',
        DhcpConfigurations: [{}, { Values: [{ Value: '10.20.0.10' }, { Value: '10.20.0.11' }] }],
      },
    });
  });

  it('DescribeVpcEndpointServices: the service detail; InvalidServiceName → null (not offered here)', async () => {
    ec2.on(DescribeVpcEndpointServicesCommand, { ServiceNames: ['com.amazonaws.us-east-1.sqs'] }).resolves({
      ServiceNames: ['com.amazonaws.us-east-1.sqs'],
      ServiceDetails: [
        {
          ServiceName: 'com.amazonaws.us-east-1.sqs',
          ServiceId: 'vpce-svc-0a1b2c3d4e5f60718',
          ServiceType: [{ ServiceType: 'Interface' }],
          AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
          Owner: 'amazon',
          BaseEndpointDnsNames: ['sqs.us-east-1.vpce.amazonaws.com'],
          PrivateDnsName: 'sqs.us-east-1.amazonaws.com',
          PrivateDnsNames: [{ PrivateDnsName: 'sqs.us-east-1.amazonaws.com' }],
          VpcEndpointPolicySupported: true,
          AcceptanceRequired: false,
          ManagesVpcEndpoints: false,
          PrivateDnsNameVerificationState: 'verified',
        },
      ],
    });
    expect(
      await probes().run({ key: 'ec2.vpc-endpoint-service', input: { serviceName: 'com.amazonaws.us-east-1.sqs' } }),
    ).toMatchObject({
      status: 'ok',
      value: {
        PrivateDnsName: 'sqs.us-east-1.amazonaws.com',
        AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      },
    });
    ec2
      .on(DescribeVpcEndpointServicesCommand, { ServiceNames: ['com.amazonaws.us-east-1.nope'] })
      .rejects(
        awsError('InvalidServiceName', "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist"),
      );
    expect(
      await probes().run({ key: 'ec2.vpc-endpoint-service', input: { serviceName: 'com.amazonaws.us-east-1.nope' } }),
    ).toEqual({ status: 'ok', value: null });
  });
});

describe('Route 53 Resolver (client 3.654, lazily loaded)', () => {
  it('ListResolverRuleAssociations filtered by VPCId, all pages', async () => {
    resolver
      .on(ListResolverRuleAssociationsCommand, { Filters: [{ Name: 'VPCId', Values: [VPC] }], NextToken: undefined })
      .resolves({
        ResolverRuleAssociations: [
          { Id: 'rslvr-rrassoc-1', ResolverRuleId: 'rslvr-rr-1', VPCId: VPC, Status: 'COMPLETE', Name: 'a' },
        ],
        NextToken: 't2',
      })
      .on(ListResolverRuleAssociationsCommand, { Filters: [{ Name: 'VPCId', Values: [VPC] }], NextToken: 't2' })
      .resolves({
        ResolverRuleAssociations: [
          {
            Id: 'rslvr-rrassoc-2',
            ResolverRuleId: 'rslvr-autodefined-rr-internet-resolver',
            VPCId: VPC,
            Status: 'COMPLETE',
          },
        ],
      });
    const out = await probes().run({ key: 'route53resolver.rule-associations', input: { vpcId: VPC } });
    expect(out.status === 'ok' && out.value.map((a) => a.ResolverRuleId)).toEqual([
      'rslvr-rr-1',
      'rslvr-autodefined-rr-internet-resolver',
    ]);
  });

  it('GetResolverRule: the rule with its trailing-dot domain; ResourceNotFoundException → null', async () => {
    resolver.on(GetResolverRuleCommand, { ResolverRuleId: 'rslvr-rr-1' }).resolves({
      ResolverRule: {
        Id: 'rslvr-rr-1',
        CreatorRequestId: 'x',
        Arn: 'arn:aws:route53resolver:us-east-1:123456789012:resolver-rule/rslvr-rr-1',
        DomainName: 'amazonaws.com.',
        Status: 'COMPLETE',
        RuleType: 'FORWARD',
        Name: 'corp',
        TargetIps: [{ Ip: '192.168.10.53', Port: 53 }],
        ResolverEndpointId: 'rslvr-out-1',
        OwnerId: '123456789012',
        ShareStatus: 'NOT_SHARED',
      },
    });
    expect(await probes().run({ key: 'route53resolver.rule', input: { resolverRuleId: 'rslvr-rr-1' } })).toMatchObject({
      status: 'ok',
      value: {
        Id: 'rslvr-rr-1',
        DomainName: 'amazonaws.com.',
        RuleType: 'FORWARD',
        TargetIps: [{ Ip: '192.168.10.53', Port: 53 }],
      },
    });
    resolver
      .on(GetResolverRuleCommand, { ResolverRuleId: 'rslvr-rr-gone' })
      .rejects(awsError('ResourceNotFoundException', "Resolver rule with ID 'rslvr-rr-gone' does not exist."));
    expect(await probes().run({ key: 'route53resolver.rule', input: { resolverRuleId: 'rslvr-rr-gone' } })).toEqual({
      status: 'ok',
      value: null,
    });
  });

  it('ListResolverEndpoints filtered by HostVPCId; AccessDeniedException → denied naming the action', async () => {
    resolver.on(ListResolverEndpointsCommand, { Filters: [{ Name: 'HostVPCId', Values: [VPC] }] }).resolves({
      ResolverEndpoints: [
        {
          Id: 'rslvr-in-1',
          Direction: 'INBOUND',
          HostVPCId: VPC,
          IpAddressCount: 2,
          Status: 'OPERATIONAL',
          SecurityGroupIds: ['sg-1'],
        },
      ],
    });
    expect(await probes().run({ key: 'route53resolver.endpoints', input: { vpcId: VPC } })).toMatchObject({
      status: 'ok',
      value: [{ Id: 'rslvr-in-1', Direction: 'INBOUND' }],
    });
    resolver.reset();
    resolver
      .on(ListResolverEndpointsCommand)
      .rejects(
        awsError('AccessDeniedException', 'User is not authorized to perform: route53resolver:ListResolverEndpoints'),
      );
    expect(await probes().run({ key: 'route53resolver.endpoints', input: { vpcId: VPC } })).toMatchObject({
      status: 'denied',
      action: 'route53resolver:ListResolverEndpoints',
    });
  });
});

describe('Route 53', () => {
  it('ListHostedZonesByVPC with the VPC Region → the private zones', async () => {
    route53.on(ListHostedZonesByVPCCommand, { VPCId: VPC, VPCRegion: 'us-east-1' }).resolves({
      HostedZoneSummaries: [
        {
          HostedZoneId: 'Z0E1A2B3C4D5E6F7A8B9C',
          Name: 'us-east-1.amazonaws.com.',
          Owner: { OwningAccount: '123456789012' },
        },
        { HostedZoneId: 'Z0CLOUDMAP', Name: 'svc.local.', Owner: { OwningService: 'servicediscovery.amazonaws.com' } },
      ],
      MaxItems: 100,
    });
    const out = await probes().run({ key: 'route53.hosted-zones-by-vpc', input: { vpcId: VPC, region: 'us-east-1' } });
    expect(out.status === 'ok' && out.value.map((z) => z.Name)).toEqual(['us-east-1.amazonaws.com.', 'svc.local.']);
  });
});
