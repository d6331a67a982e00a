// Identification from describe output shaped like real AWS output: one row per owner type, each
// with the fields AWS sets on the interfaces it creates (InterfaceType, Description,
// RequesterId/RequesterManaged, Attachment, Operator). Unknown stays unknown, with the reason.
import { describe, expect, it } from 'vitest';
import { identifyOwner } from '../../../src/analysis/whois/identify.js';
import { WhoisInterfaceSchema, type WhoisInterface } from '../../../src/probes/specs/whois.js';

const ACCOUNT = '123456789012';

/** A DescribeNetworkInterfaces item as AWS returns it, with the fields of one row replaced. */
function eni(fields: Record<string, unknown>): WhoisInterface {
  return WhoisInterfaceSchema.parse({
    NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718',
    SubnetId: 'subnet-0123456789abcdef0',
    VpcId: 'vpc-0123456789abcdef0',
    AvailabilityZone: 'us-east-1a',
    OwnerId: ACCOUNT,
    Status: 'in-use',
    MacAddress: '0a:1b:2c:3d:4e:5f',
    PrivateIpAddress: '10.0.1.25',
    PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.25', Primary: true }],
    SourceDestCheck: true,
    Groups: [{ GroupId: 'sg-0123456789abcdef0', GroupName: 'default' }],
    TagSet: [],
    ...fields,
  });
}

const managed = (requester: string, instanceOwner: string) => ({
  RequesterManaged: true,
  RequesterId: requester,
  Attachment: {
    AttachmentId: 'ela-attach-0a1b2c3d',
    InstanceOwnerId: instanceOwner,
    Status: 'attached',
    DeviceIndex: 1,
  },
});

const ROWS: {
  scenario: string;
  fields: Record<string, unknown>;
  kind: string;
  label: RegExp;
  resource?: string;
  lookup?: unknown;
}[] = [
  {
    scenario: 'an instance primary interface',
    fields: {
      InterfaceType: 'interface',
      Description: '',
      RequesterManaged: false,
      RequesterId: 'AIDAEXAMPLE',
      Attachment: { InstanceId: 'i-0abcdef1234567890', InstanceOwnerId: ACCOUNT, DeviceIndex: 0, Status: 'attached' },
    },
    kind: 'instance',
    label: /^EC2 instance i-0abcdef1234567890$/,
    resource: 'i-0abcdef1234567890',
  },
  {
    scenario: 'an interface endpoint (vpc_endpoint type)',
    fields: {
      InterfaceType: 'vpc_endpoint',
      Description: 'VPC Endpoint Interface vpce-078221a1e27d1ea5b',
      ...managed('727180483921', 'amazon-aws'),
    },
    kind: 'vpc-endpoint',
    label: /^VPC endpoint vpce-078221a1e27d1ea5b$/,
    resource: 'vpce-078221a1e27d1ea5b',
    lookup: { kind: 'vpc-endpoint', vpcEndpointId: 'vpce-078221a1e27d1ea5b' },
  },
  {
    scenario: 'an older interface endpoint (type interface, "Interface:" description)',
    fields: {
      InterfaceType: 'interface',
      Description: 'VPC Endpoint Interface: vpce-0f00567fa8477a1e6',
      ...managed('727180483921', 'amazon-aws'),
    },
    kind: 'vpc-endpoint',
    label: /vpce-0f00567fa8477a1e6/,
    lookup: { kind: 'vpc-endpoint', vpcEndpointId: 'vpce-0f00567fa8477a1e6' },
  },
  {
    scenario: 'a Gateway Load Balancer endpoint: the type decides the kind, the description the id',
    fields: {
      InterfaceType: 'gateway_load_balancer_endpoint',
      Description: 'VPC Endpoint Interface vpce-0d8ddce4be80e4474',
      ...managed('727180483921', 'amazon-aws'),
    },
    kind: 'gateway-load-balancer-endpoint',
    label: /^Gateway Load Balancer endpoint \(vpce-0d8ddce4be80e4474\)$/,
    lookup: { kind: 'vpc-endpoint', vpcEndpointId: 'vpce-0d8ddce4be80e4474' },
  },
  {
    scenario: 'an Application Load Balancer node',
    fields: {
      InterfaceType: 'interface',
      Description: 'ELB app/web-prod/50dc6c495c0c9188',
      ...managed('amazon-elb', 'amazon-elb'),
    },
    kind: 'load-balancer',
    label: /^Application Load Balancer web-prod$/,
    lookup: { kind: 'load-balancer', name: 'web-prod' },
  },
  {
    scenario: 'a Network Load Balancer node',
    fields: {
      InterfaceType: 'network_load_balancer',
      Description: 'ELB net/api-nlb/6e1f5d7a9c2b3a4d',
      ...managed('amazon-elb', 'amazon-elb'),
    },
    kind: 'load-balancer',
    label: /^Network Load Balancer api-nlb$/,
    lookup: { kind: 'load-balancer', name: 'api-nlb' },
  },
  {
    scenario: 'a Gateway Load Balancer node',
    fields: {
      InterfaceType: 'gateway_load_balancer',
      Description: 'ELB gwy/fw-gwlb/0123456789abcdef',
      ...managed('amazon-elb', 'amazon-elb'),
    },
    kind: 'load-balancer',
    label: /^Gateway Load Balancer fw-gwlb$/,
    lookup: { kind: 'load-balancer', name: 'fw-gwlb' },
  },
  {
    scenario: 'a Classic Load Balancer (named, not looked up)',
    fields: { InterfaceType: 'interface', Description: 'ELB legacy-web', ...managed('amazon-elb', 'amazon-elb') },
    kind: 'load-balancer',
    label: /^Classic Load Balancer legacy-web$/,
  },
  {
    scenario: 'a NAT gateway as describe output spells its type (nat_gateway)',
    fields: {
      InterfaceType: 'nat_gateway',
      Description: 'Interface for NAT Gateway nat-02d216882c09db8e6',
      SourceDestCheck: false,
      ...managed('AIDAEXAMPLENATGW', 'amazon-aws'),
    },
    kind: 'nat-gateway',
    label: /^NAT gateway nat-02d216882c09db8e6$/,
    lookup: { kind: 'nat-gateway', natGatewayId: 'nat-02d216882c09db8e6' },
  },
  {
    scenario: 'a NAT gateway as the SDK enum spells its type (natGateway)',
    fields: { InterfaceType: 'natGateway', Description: '', ...managed('AIDAEXAMPLENATGW', 'amazon-aws') },
    kind: 'nat-gateway',
    label: /^NAT gateway$/,
  },
  {
    scenario: 'a Lambda function (Hyperplane interface)',
    fields: {
      InterfaceType: 'lambda',
      Description: 'AWS Lambda VPC ENI-orders-api-worker-8d0c2b7e-1f2a-4b3c-9d8e-0a1b2c3d4e5f',
      ...managed('AROAEXAMPLELAMBDA:orders-api-worker', 'amazon-aws'),
    },
    kind: 'lambda',
    label: /^Lambda function orders-api-worker$/,
    lookup: { kind: 'lambda', functionName: 'orders-api-worker' },
  },
  {
    scenario: 'an EFS mount target',
    fields: {
      InterfaceType: 'efs',
      Description: 'EFS mount target for fs-0dcdbf56073416b82 (fsmt-0852ce334db888836)',
      ...managed('641247547298', 'amazon-aws'),
    },
    kind: 'efs',
    label: /^EFS mount target fsmt-0852ce334db888836 of file system fs-0dcdbf56073416b82$/,
    resource: 'fs-0dcdbf56073416b82',
  },
  {
    scenario: 'an RDS database instance',
    fields: { InterfaceType: 'interface', Description: 'RDSNetworkInterface', ...managed('amazon-rds', 'amazon-rds') },
    kind: 'rds',
    label: /^RDS database instance$/,
  },
  {
    scenario: 'an ECS task in awsvpc mode',
    fields: {
      InterfaceType: 'interface',
      Description: 'arn:aws:ecs:us-east-1:123456789012:attachment/2f6c3a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      ...managed('578734482556', 'amazon-aws'),
    },
    kind: 'ecs-task',
    label: /^ECS task/,
  },
  {
    scenario: 'an EKS control-plane interface',
    fields: {
      InterfaceType: 'interface',
      Description: 'Amazon EKS prod-cluster',
      ...managed('AROAEKS:eks', 'amazon-aws'),
    },
    kind: 'eks',
    label: /^EKS cluster prod-cluster/,
  },
  {
    scenario: 'a Route 53 Resolver inbound endpoint',
    fields: {
      InterfaceType: 'interface',
      Description: 'Route 53 Resolver: rslvr-in-55829d25693e4b729:rni-9494385465134fa5a',
      ...managed('AROARESOLVER:route53resolver', 'amazon-aws'),
    },
    kind: 'resolver-endpoint',
    label: /^Route 53 Resolver inbound endpoint rslvr-in-55829d25693e4b729$/,
    lookup: { kind: 'resolver-endpoint', resolverEndpointId: 'rslvr-in-55829d25693e4b729' },
  },
  {
    scenario: 'a Directory Service domain controller',
    fields: {
      InterfaceType: 'interface',
      Description: 'AWS created network interface for directory d-9067a1b2c3',
      ...managed('AROADS:ds', 'amazon-aws'),
    },
    kind: 'directory',
    label: /d-9067a1b2c3/,
  },
  {
    scenario: 'a transit gateway attachment',
    fields: {
      InterfaceType: 'transit_gateway',
      Description: 'Network Interface for Transit Gateway Attachment tgw-attach-06bf47fa39e5d1578',
      ...managed('AIDATGW', 'amazon-aws'),
    },
    kind: 'transit-gateway',
    label: /^transit gateway attachment tgw-attach-06bf47fa39e5d1578$/,
  },
  {
    scenario: 'a Client VPN endpoint association',
    fields: {
      InterfaceType: 'interface',
      Description: 'ClientVPN Endpoint resource cvpn-endpoint-0123456789abcdef0',
      ...managed('AIDACVPN', 'amazon-aws'),
    },
    kind: 'client-vpn',
    label: /^Client VPN endpoint cvpn-endpoint-0123456789abcdef0$/,
  },
  {
    scenario: 'an API Gateway VPC link',
    fields: {
      InterfaceType: 'api_gateway_managed',
      Description: 'ENI managed by APIGateway',
      ...managed('AROAAPIGW', 'amazon-aws'),
    },
    kind: 'api-gateway',
    label: /^API Gateway VPC link$/,
  },
  {
    scenario: 'an EC2 Instance Connect Endpoint',
    fields: { InterfaceType: 'ec2_instance_connect_endpoint', Description: '', ...managed('AIDAEICE', 'amazon-aws') },
    kind: 'instance-connect-endpoint',
    label: /^EC2 Instance Connect Endpoint$/,
  },
  {
    scenario: 'an interface an AWS service operates but does not describe (Operator only)',
    fields: {
      InterfaceType: 'interface',
      Description: '',
      RequesterManaged: false,
      Operator: { Managed: true, Principal: 'eks.amazonaws.com' },
      Attachment: { InstanceOwnerId: ACCOUNT, Status: 'attached' },
    },
    kind: 'service-managed',
    label: /^managed by eks\.amazonaws\.com/,
  },
  {
    scenario: 'a requester-managed interface with an unfamiliar description',
    fields: { InterfaceType: 'interface', Description: 'Something new', ...managed('AIDANEWSERVICE', 'amazon-aws') },
    kind: 'service-managed',
    label: /^managed by AIDANEWSERVICE/,
  },
  {
    scenario: 'a detached interface someone created',
    fields: { InterfaceType: 'interface', Description: 'spare', Status: 'available', RequesterManaged: false },
    kind: 'unattached',
    label: /^not attached/,
  },
  {
    scenario: 'an in-use interface no field explains',
    fields: {
      InterfaceType: 'interface',
      Description: 'ELB app/not a real name/xyz',
      RequesterManaged: false,
      Attachment: { InstanceOwnerId: '999999999999', Status: 'attached' },
    },
    kind: 'unknown',
    label: /^unknown/,
  },
];

describe('identifyOwner: one row per owner type, from realistic describe output', () => {
  it.each(ROWS)('$scenario → $kind', ({ fields, kind, label, resource, lookup }) => {
    const owner = identifyOwner(eni(fields));
    expect(owner.kind).toBe(kind);
    expect(owner.label).toMatch(label);
    if (resource !== undefined) expect(owner.resource).toBe(resource);
    expect(owner.lookup).toEqual(lookup);
    if (kind !== 'unknown') expect(owner.basis.length).toBeGreaterThan(0);
  });

  it('a requester-managed interface says it cannot be detached and who created it', () => {
    const owner = identifyOwner(
      eni({
        InterfaceType: 'vpc_endpoint',
        Description: 'VPC Endpoint Interface vpce-0123456789abcdef0',
        ...managed('727180483921', 'amazon-aws'),
      }),
    );
    expect(owner.notes.join('\n')).toContain('created by 727180483921; it cannot be detached');
  });

  it('an instance interface whose description names a service keeps the instance as owner and notes the name', () => {
    const owner = identifyOwner(
      eni({
        InterfaceType: 'interface',
        Description: 'aws-K8S-i-0abcdef1234567890',
        RequesterManaged: false,
        Attachment: { InstanceId: 'i-0abcdef1234567890', InstanceOwnerId: ACCOUNT, DeviceIndex: 1 },
      }),
    );
    expect(owner.kind).toBe('instance');
    expect(owner.notes).toContain('its description names EKS node i-0abcdef1234567890 (VPC CNI pod interface)');
  });

  it('a trunk interface on an instance says what trunking is for', () => {
    const owner = identifyOwner(
      eni({ InterfaceType: 'trunk', Attachment: { InstanceId: 'i-0abcdef1234567890', DeviceIndex: 1 } }),
    );
    expect(owner.kind).toBe('instance');
    expect(owner.notes.join(' ')).toContain('trunk interface');
  });
});
