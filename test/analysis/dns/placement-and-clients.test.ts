// AZ coverage, on-premises resolution, companion endpoints, the global STS name, and cost.
import { describe, expect, it } from 'vitest';
import { azCoverage } from '../../../src/analysis/placement/az-coverage.js';
import { companionEndpoints } from '../../../src/analysis/companions/companions.js';
import { interfaceWhereGatewayFree } from '../../../src/analysis/placement/cost.js';
import { onPremNeedsInbound } from '../../../src/analysis/dns/onprem.js';
import { stsGlobal } from '../../../src/analysis/client/sts.js';
import type { ResolverEndpoint } from '../../../src/analysis/dns/types.js';
import type { SourceKind } from '../../../src/path/source-kinds.js';
import { endpoint, REGION, subnet, VPC } from './fixtures.js';

describe('azCoverage', () => {
  const sqs = endpoint({
    VpcEndpointId: 'vpce-0sqs',
    ServiceName: `com.amazonaws.${REGION}.sqs`,
    SubnetIds: ['subnet-a', 'subnet-b'],
  });
  const endpointSubnets = [subnet('subnet-a', 'us-east-1a'), subnet('subnet-b', 'us-east-1b')];

  it('source AZ covered → no finding', () => {
    expect(azCoverage('us-east-1b', endpointSubnets, { endpoint: sqs, region: REGION }).finding).toBeNull();
  });

  it('endpoint ENIs in other AZs → warning only, suggesting the VPC subnet in the source AZ', () => {
    const result = azCoverage('us-east-1c', endpointSubnets, {
      endpoint: sqs,
      region: REGION,
      vpcSubnets: [
        ...endpointSubnets,
        subnet('subnet-c2', 'us-east-1c'),
        subnet('subnet-c1', 'us-east-1c'),
        subnet('subnet-x', 'us-east-1c', 'vpc-other'),
      ],
    });
    expect(result.finding).toMatchObject({ id: 'interface.az-not-covered', severity: 'warning' });
    expect(result.suggestedSubnet?.SubnetId).toBe('subnet-c1');
    expect(result.finding?.fix.commands.map((c) => c.line)).toEqual([
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0sqs --add-subnet-ids subnet-c1 --region us-east-1',
    ]);
  });

  it('no subnet known in the source AZ → no command (never a placeholder); the summary says to create one there', () => {
    const result = azCoverage('us-east-1c', endpointSubnets, { endpoint: sqs, region: REGION });
    expect(result.finding?.fix.commands).toEqual([]);
    expect(result.finding?.fix.summary).toContain('Create a subnet of the VPC in us-east-1c');
  });

  it('service not offered in the source AZ → still a warning, no command', () => {
    const result = azCoverage('us-east-1e', endpointSubnets, {
      endpoint: sqs,
      region: REGION,
      serviceAzs: ['us-east-1a', 'us-east-1b'],
      vpcSubnets: [subnet('subnet-e', 'us-east-1e')],
    });
    expect(result.serviceOfferedInAz).toBe(false);
    expect(result.finding?.severity).toBe('warning');
    expect(result.finding?.fix.commands.map((c) => c.line)).toEqual([]);
  });
});

describe('onPremNeedsInbound', () => {
  const inbound: ResolverEndpoint = {
    Id: 'rslvr-in-0001',
    Direction: 'INBOUND',
    HostVPCId: VPC,
    IpAddressCount: 2,
    Status: 'OPERATIONAL',
  };
  const outbound: ResolverEndpoint = {
    Id: 'rslvr-out-0001',
    Direction: 'OUTBOUND',
    HostVPCId: VPC,
    Status: 'OPERATIONAL',
  };

  it.each<[SourceKind, ResolverEndpoint[], string | null]>([
    ['on-premises', [outbound], 'dns.onprem-no-inbound-resolver'],
    ['vpn', [], 'dns.onprem-no-inbound-resolver'],
    ['direct-connect', [{ ...inbound, HostVPCId: 'vpc-other' }], 'dns.onprem-no-inbound-resolver'],
    ['direct-connect', [{ ...inbound, Status: 'ACTION_NEEDED' }], 'dns.onprem-no-inbound-resolver'],
    ['on-premises', [inbound], null],
    ['instance', [], null],
  ])('%s with %j → %s', (kind, endpoints, id) => {
    expect(onPremNeedsInbound(kind, endpoints, VPC, { region: REGION }).finding?.id ?? null).toBe(id);
  });

  it('the fix creates an INBOUND endpoint in two subnets', () => {
    const result = onPremNeedsInbound('vpn', [], VPC, {
      region: REGION,
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupIds: ['sg-0dns'],
    });
    expect(result.finding?.fix.commands.map((c) => c.line)).toEqual([
      `aws route53resolver create-resolver-endpoint --creator-request-id vpce-doctor-inbound-${VPC} --name inbound-${VPC} --direction INBOUND --security-group-ids sg-0dns --ip-addresses SubnetId=subnet-a SubnetId=subnet-b --region us-east-1`,
    ]);
    expect(result.finding?.fix.summary).toContain('us-east-1.amazonaws.com');
  });
});

describe('companionEndpoints', () => {
  const ecrApi = endpoint({ VpcEndpointId: 'vpce-0api', ServiceName: `com.amazonaws.${REGION}.ecr.api` });
  const ecrDkr = endpoint({ VpcEndpointId: 'vpce-0dkr', ServiceName: `com.amazonaws.${REGION}.ecr.dkr` });
  const s3gw = endpoint({
    VpcEndpointId: 'vpce-0s3',
    ServiceName: `com.amazonaws.${REGION}.s3`,
    VpcEndpointType: 'Gateway',
  });

  it("ECR with ecr.api only → missing ecr.dkr (interface, in ecr.api's subnets and group) and s3 (gateway), with create commands", () => {
    const result = companionEndpoints('ecr.api', [ecrApi], REGION, {
      vpcId: VPC,
      routeTableIds: ['rtb-0priv'],
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupIds: ['sg-0api'],
    });
    expect(result.missing.map((m) => m.serviceName)).toEqual([
      'com.amazonaws.us-east-1.ecr.dkr',
      'com.amazonaws.us-east-1.s3',
    ]);
    expect(result.finding?.id).toBe('client.companion-endpoints');
    expect(result.finding?.fix.commands[1]?.line).toBe(
      `aws ec2 create-vpc-endpoint --vpc-id ${VPC} --vpc-endpoint-type Gateway --service-name com.amazonaws.us-east-1.s3 --route-table-ids rtb-0priv --region us-east-1`,
    );
    expect(result.finding?.fix.commands[0]?.line).toBe(
      `aws ec2 create-vpc-endpoint --vpc-id ${VPC} --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.ecr.dkr --subnet-ids subnet-a subnet-b --security-group-ids sg-0api --private-dns-enabled --region us-east-1`,
    );
  });

  it('ECR with ecr.api only but no subnets or group known → the gateway command only, the summary says what the interface one needs', () => {
    const result = companionEndpoints('ecr.api', [ecrApi], REGION, { vpcId: VPC, routeTableIds: ['rtb-0priv'] });
    expect(result.finding?.fix.commands.map((c) => c.argv[2])).toEqual(['create-vpc-endpoint']);
    expect(result.finding?.fix.summary).toContain('choose subnets and a security group admitting TCP 443');
  });

  it('ECR complete → nothing', () => {
    expect(companionEndpoints('com.amazonaws.us-east-1.ecr.dkr', [ecrApi, ecrDkr, s3gw], REGION).finding).toBeNull();
  });

  it('SSM without ec2messages → missing exactly that', () => {
    const ssm = endpoint({ VpcEndpointId: 'vpce-0ssm', ServiceName: `com.amazonaws.${REGION}.ssm` });
    const msgs = endpoint({ VpcEndpointId: 'vpce-0msg', ServiceName: `com.amazonaws.${REGION}.ssmmessages` });
    expect(companionEndpoints('ssm', [ssm, msgs], REGION).missing.map((m) => m.serviceName)).toEqual([
      'com.amazonaws.us-east-1.ec2messages',
    ]);
  });

  it('ECS with a deleted ecs-agent endpoint → it counts as missing', () => {
    const ecs = endpoint({ VpcEndpointId: 'vpce-0ecs', ServiceName: `com.amazonaws.${REGION}.ecs` });
    const agent = endpoint({
      VpcEndpointId: 'vpce-0agt',
      ServiceName: `com.amazonaws.${REGION}.ecs-agent`,
      State: 'deleted',
    });
    const tele = endpoint({ VpcEndpointId: 'vpce-0tel', ServiceName: `com.amazonaws.${REGION}.ecs-telemetry` });
    expect(companionEndpoints('ecs', [ecs, agent, tele], REGION).missing.map((m) => m.serviceName)).toEqual([
      'com.amazonaws.us-east-1.ecs-agent',
    ]);
  });

  it('a service outside any group → not applicable', () => {
    expect(companionEndpoints('sqs', [], REGION)).toMatchObject({ group: null, finding: null });
  });
});

describe('stsGlobal', () => {
  const sts = endpoint({ VpcEndpointId: 'vpce-0sts', ServiceName: `com.amazonaws.${REGION}.sts` });

  it('client on sts.amazonaws.com, regional STS endpoint with private DNS → client.sts-global-endpoint', () => {
    const result = stsGlobal('sts.amazonaws.com', [sts]);
    expect(result.finding?.id).toBe('client.sts-global-endpoint');
    expect(result.finding?.fix.commands.map((c) => c.line)).toEqual([
      'aws configure set sts_regional_endpoints regional',
    ]);
    expect(result.finding?.fix.summary).toContain('AWS_STS_REGIONAL_ENDPOINTS=regional');
  });

  it.each([
    ['client already regional', 'sts.us-east-1.amazonaws.com', [sts]],
    ['endpoint without private DNS', 'sts.amazonaws.com', [{ ...sts, PrivateDnsEnabled: false }]],
    ['no STS endpoint', 'sts.amazonaws.com', []],
  ])('%s → nothing', (_label, host, endpoints) => {
    expect(stsGlobal(host, endpoints).finding).toBeNull();
  });
});

describe('interfaceWhereGatewayFree', () => {
  const s3Interface = endpoint({
    VpcEndpointId: 'vpce-0s3if',
    ServiceName: `com.amazonaws.${REGION}.s3`,
    SubnetIds: ['subnet-a', 'subnet-b'],
  });

  it('S3 interface endpoint used from inside the VPC, no gateway → info, create the gateway', () => {
    const result = interfaceWhereGatewayFree('s3', s3Interface, true, { region: REGION, routeTableIds: ['rtb-0priv'] });
    expect(result.finding).toMatchObject({ id: 'cost.interface-where-gateway-free', severity: 'info', layer: 'cost' });
    expect(result.finding?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${VPC} --vpc-endpoint-type Gateway --service-name com.amazonaws.us-east-1.s3 --route-table-ids rtb-0priv --region us-east-1`,
    ]);
  });

  it('S3 with both types → keep in-VPC traffic on the gateway (inbound-only private DNS)', () => {
    const gateway = endpoint({
      VpcEndpointId: 'vpce-0s3gw',
      ServiceName: `com.amazonaws.${REGION}.s3`,
      VpcEndpointType: 'Gateway',
    });
    const result = interfaceWhereGatewayFree('s3', s3Interface, true, { region: REGION, gatewayEndpoint: gateway });
    expect(result.finding?.fix.commands.map((c) => c.line)).toEqual([
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0s3if --dns-options PrivateDnsOnlyForInboundResolverEndpoint=true --region us-east-1',
    ]);
  });

  it.each([
    ['source outside the VPC (on-premises)', 's3', s3Interface, false],
    ['a gateway endpoint', 's3', { ...s3Interface, VpcEndpointType: 'Gateway' }, true],
    ['a service without gateway endpoints', 'sqs', endpoint({ ServiceName: `com.amazonaws.${REGION}.sqs` }), true],
  ])('%s → not applicable', (_label, service, ep, inside) => {
    expect(interfaceWhereGatewayFree(service, ep, inside, { region: REGION })).toEqual({
      applies: false,
      finding: null,
    });
  });

  it('DynamoDB interface endpoint from inside → applies', () => {
    const ddb = endpoint({ ServiceName: `com.amazonaws.${REGION}.dynamodb` });
    expect(interfaceWhereGatewayFree('dynamodb', ddb, true, { region: REGION }).applies).toBe(true);
  });
});
