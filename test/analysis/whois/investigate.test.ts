// `whois` end to end over a fake probe source: what it reads, what it concludes and how it says
// it. A failed read makes the answer incomplete and is named; it never becomes "unknown owner"
// or "not found". The JSON validates against the published schema; the text is sanitised.
import { describe, expect, it } from 'vitest';
import { PROBES, type ProbeKey, type ProbeOutcome, type ProbeSource } from '../../../src/probes/contract.js';
import { parseWhoisQuery, type WhoisQuery } from '../../../src/analysis/whois/query.js';
import { investigate } from '../../../src/whois/investigate.js';
import { renderWhoisText } from '../../../src/report/whois-text.js';
import { WhoisReportSchema } from '../../../src/report/whois-schema.js';
import { whoisExitCode } from '../../../src/cli/whois.js';

type Handler = (input: Record<string, unknown>) => ProbeOutcome<unknown>;

class FakeProbes implements ProbeSource {
  readonly calls: string[] = [];
  constructor(private readonly handlers: Partial<Record<ProbeKey, Handler>>) {}
  async run<K extends ProbeKey>(request: { key: K; input: unknown }): Promise<ProbeOutcome<never>> {
    this.calls.push(request.key);
    const h = this.handlers[request.key];
    if (h === undefined) throw new Error(`unexpected probe ${request.key}`);
    const outcome = h(request.input as Record<string, unknown>);
    // Validate at the boundary as LiveProbes does: the analysis sees schema defaults filled in.
    if (outcome.status === 'ok')
      return { status: 'ok', value: PROBES[request.key].output.parse(outcome.value) as never };
    return outcome as ProbeOutcome<never>;
  }
}

const ok = (value: unknown): ProbeOutcome<unknown> => ({ status: 'ok', value });
const denied = (action: string): ProbeOutcome<unknown> => ({
  status: 'denied',
  action,
  message: `User: arn:aws:sts::123456789012:assumed-role/ReadOnly/jdoe is not authorized to perform: ${action}`,
});

const VPC = 'vpc-0123456789abcdef0';
const SUBNET = 'subnet-0123456789abcdef0';
const SG = 'sg-0aaaaaaaaaaaaaaaa';

const endpointEni = {
  NetworkInterfaceId: 'eni-0e1e1e1e1e1e1e1e1',
  VpcId: VPC,
  SubnetId: SUBNET,
  AvailabilityZone: 'us-east-1a',
  Status: 'in-use',
  InterfaceType: 'vpc_endpoint',
  Description: 'VPC Endpoint Interface vpce-0abc0abc0abc0abc0',
  RequesterManaged: true,
  RequesterId: '727180483921',
  PrivateIpAddress: '10.0.1.25',
  PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.25', Primary: true }],
  Groups: [{ GroupId: SG, GroupName: 'sqs-endpoint' }],
};

const endpoint = {
  VpcEndpointId: 'vpce-0abc0abc0abc0abc0',
  VpcEndpointType: 'Interface',
  VpcId: VPC,
  ServiceName: 'com.amazonaws.us-east-1.sqs',
  State: 'available',
  PrivateDnsEnabled: true,
  PolicyDocument: JSON.stringify({
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } },
      },
    ],
  }),
  Groups: [{ GroupId: SG, GroupName: 'sqs-endpoint' }],
  NetworkInterfaceIds: ['eni-0e1e1e1e1e1e1e1e1'],
  SubnetIds: [SUBNET],
  DnsEntries: [{ DnsName: 'vpce-0abc0abc0abc0abc0-xyz.sqs.us-east-1.vpce.amazonaws.com' }],
};

const group = {
  GroupId: SG,
  GroupName: 'sqs-endpoint',
  VpcId: VPC,
  IpPermissions: [
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'the VPC' }] },
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.9.0.0/16' }] },
  ],
  IpPermissionsEgress: [],
};

const acl = {
  NetworkAclId: 'acl-0123456789abcdef0',
  Entries: [
    {
      RuleNumber: 200,
      Protocol: '6',
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '10.0.0.0/16',
      PortRange: { From: 443, To: 443 },
    },
    {
      RuleNumber: 100,
      Protocol: '6',
      RuleAction: 'deny',
      Egress: false,
      CidrBlock: '10.0.9.0/24',
      PortRange: { From: 0, To: 1023 },
    },
    {
      RuleNumber: 110,
      Protocol: '6',
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '0.0.0.0/0',
      PortRange: { From: 22, To: 22 },
    },
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
  ],
};

const routeTable = {
  SubnetId: SUBNET,
  Association: 'main',
  RouteTable: {
    RouteTableId: 'rtb-0123456789abcdef0',
    Routes: [
      { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
      { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123456789abcdef0', State: 'blackhole' },
    ],
  },
};

const network: Partial<Record<ProbeKey, Handler>> = {
  'ec2.security-groups': () => ok([group]),
  'ec2.subnet-network-acl': () => ok(acl),
  'ec2.route-table': () => ok(routeTable),
};

function query(text: string): WhoisQuery {
  const q = parseWhoisQuery(text);
  if ('error' in q) throw new Error(q.error);
  return q;
}

describe('whois over an interface endpoint', () => {
  const probesFor = (): Partial<Record<ProbeKey, Handler>> => ({
    'ec2.interfaces-by-address': () => ok([endpointEni]),
    'ec2.vpc-endpoint': () => ok(endpoint),
    ...network,
  });
  const probes = () => new FakeProbes(probesFor());

  it('names the endpoint, its service, DNS, policy, the rules admitting 443 and the hand-off', async () => {
    const report = await investigate(query('10.0.1.25'), 'us-east-1', probes());
    expect(WhoisReportSchema.parse(report)).toEqual(report);
    expect(report.status).toBe('found');
    expect(whoisExitCode(report.status)).toBe(0);
    expect(report.query.searched).toEqual(['addresses.private-ip-address']);
    const i = report.interfaces[0]!;
    expect(i.owner).toMatchObject({ kind: 'vpc-endpoint', resource: 'vpce-0abc0abc0abc0abc0' });
    expect(i.ownerDetails).toMatchObject({
      kind: 'vpc-endpoint',
      serviceName: 'com.amazonaws.us-east-1.sqs',
      policy: ['Allow sqs:SendMessage on * for anyone when aws:PrincipalAccount'],
    });
    expect(i.listener?.admitted).toEqual([
      { port: 443, rules: [{ groupId: SG, protocol: 'tcp/443', source: '10.0.0.0/16', description: 'the VPC' }] },
    ]);
    // Rule order as AWS evaluates it: 100 (deny 10.0.9.0/24, 0-1023) before 200; rule 110 (port 22) and egress left out.
    expect(i.networkAcl?.inboundForListener[0]?.rules.map((r) => `${r.rule} ${r.action} ${r.cidr}`)).toEqual([
      '100 deny 10.0.9.0/24',
      '200 allow 10.0.0.0/16',
      '* deny 0.0.0.0/0',
    ]);
    expect(i.nextStep?.answers).toEqual({
      region: 'us-east-1',
      service: 'com.amazonaws.us-east-1.sqs',
      vpc: VPC,
      endpoint: 'vpce-0abc0abc0abc0abc0',
      symptom: 'unknown',
    });
    expect(i.nextStep?.missing).toEqual(['source.kind', 'source.id']);

    const text = renderWhoisText(report);
    expect(text).toContain('owner        VPC endpoint vpce-0abc0abc0abc0abc0');
    expect(text).toContain('tcp/443 from 10.0.0.0/16');
    expect(text).toContain('0.0.0.0/0 → nat-0123456789abcdef0 (blackhole)');
    expect(text).toContain('vpce-doctor --answers vpce-answers.json');
  });

  it('groups that admit nothing on 443 → says nothing can connect to the endpoint', async () => {
    const closed = { ...group, IpPermissions: [group.IpPermissions[1]] };
    const report = await investigate(
      query('10.0.1.25'),
      'us-east-1',
      new FakeProbes({ ...probesFor(), 'ec2.security-groups': () => ok([closed]) }),
    );
    expect(report.interfaces[0]?.listener?.admitted).toEqual([{ port: 443, rules: [] }]);
    expect(renderWhoisText(report)).toContain('tcp/443      no inbound rule admits it: nothing can connect');
  });

  it('the hand-off file is a valid answers file once the source is added', async () => {
    const { AnswersFileSchema } = await import('../../../src/session/schema.js');
    const { validateAnswers } = await import('../../../src/engine/questions.js');
    const report = await investigate(query('10.0.1.25'), 'us-east-1', probes());
    const file = JSON.parse(report.interfaces[0]!.nextStep!.file) as { version: 1; answers: Record<string, string> };
    file.answers['source.kind'] = 'instance';
    file.answers['source.id'] = 'i-0abcdef1234567890';
    expect(AnswersFileSchema.safeParse(file).success).toBe(true);
    expect(validateAnswers(file.answers)).toEqual([]);
  });
});

describe('failed reads make the answer incomplete, never a guess', () => {
  it('denied DescribeLoadBalancers → incomplete naming the action; the ALB is still named from its description', async () => {
    const lbEni = {
      ...endpointEni,
      InterfaceType: 'interface',
      Description: 'ELB app/web-prod/50dc6c495c0c9188',
      RequesterId: 'amazon-elb',
    };
    const report = await investigate(
      query('10.0.1.25'),
      'us-east-1',
      new FakeProbes({
        'ec2.interfaces-by-address': () => ok([lbEni]),
        'elbv2.load-balancer': () => denied('elasticloadbalancing:DescribeLoadBalancers'),
        ...network,
      }),
    );
    expect(report.status).toBe('incomplete');
    expect(whoisExitCode(report.status)).toBe(3);
    expect(report.interfaces[0]?.owner.label).toBe('Application Load Balancer web-prod');
    expect(report.unread).toEqual([
      expect.objectContaining({ what: 'load balancer web-prod', action: 'elasticloadbalancing:DescribeLoadBalancers' }),
    ]);
    expect(renderWhoisText(report)).toContain(
      'load balancer web-prod: denied, needs elasticloadbalancing:DescribeLoadBalancers',
    );
  });

  it('denied DescribeSecurityGroups → incomplete; the endpoint is named but nothing is said about what reaches 443', async () => {
    const report = await investigate(
      query('10.0.1.25'),
      'us-east-1',
      new FakeProbes({
        'ec2.interfaces-by-address': () => ok([endpointEni]),
        'ec2.vpc-endpoint': () => ok(endpoint),
        ...network,
        'ec2.security-groups': () => denied('ec2:DescribeSecurityGroups'),
      }),
    );
    expect(report.status).toBe('incomplete');
    const i = report.interfaces[0]!;
    expect(i.owner.kind).toBe('vpc-endpoint');
    expect(i.listener?.ports).toEqual([443]);
    expect(i.listener?.admitted).toBeUndefined();
    expect(i.inboundRules).toBeUndefined();
    const text = renderWhoisText(report);
    expect(text).toContain('not read: the security groups could not be read');
    expect(text).not.toContain('nothing can connect');
  });

  it('denied DescribeNetworkInterfaces → incomplete, not "not found", and no word on AWS ranges', async () => {
    const report = await investigate(
      query('54.10.20.30'),
      'us-east-1',
      new FakeProbes({
        'ec2.interfaces-by-address': () => denied('ec2:DescribeNetworkInterfaces'),
      }),
    );
    expect(report.status).toBe('incomplete');
    expect(report.unread).toHaveLength(2); // private and public searches
    expect(report.publicRanges).toBeUndefined();
    const text = renderWhoisText(report);
    expect(text).toContain('the lookup is incomplete');
    expect(text).not.toContain('no network interface');
  });

  it('an interface no field explains, with the VPC lookups denied → not known because of the failed reads, never "unknown: no field"', async () => {
    const bare = {
      ...endpointEni,
      InterfaceType: 'interface',
      Description: '',
      RequesterManaged: false,
      Status: 'available',
    };
    const report = await investigate(
      query('eni-0e1e1e1e1e1e1e1e1'),
      'us-east-1',
      new FakeProbes({
        'ec2.interface': () => ok(bare),
        'ec2.vpc-endpoints-of-vpc': () => denied('ec2:DescribeVpcEndpoints'),
        'ec2.nat-gateways-of-vpc': () => ok([]),
        ...network,
      }),
    );
    expect(report.status).toBe('incomplete');
    expect(report.interfaces[0]?.owner.kind).toBe('unknown');
    expect(report.interfaces[0]?.owner.label).toContain('could not be read');
  });

  it('an interface no field explains, found in the VPC’s NAT gateways → the NAT gateway, looked up', async () => {
    const bare = {
      ...endpointEni,
      InterfaceType: 'interface',
      Description: '',
      RequesterManaged: false,
      Status: 'in-use',
    };
    const nat = {
      NatGatewayId: 'nat-0123456789abcdef0',
      VpcId: VPC,
      State: 'available',
      ConnectivityType: 'public',
      NatGatewayAddresses: [
        { NetworkInterfaceId: bare.NetworkInterfaceId, PrivateIp: '10.0.1.25', PublicIp: '3.5.6.7' },
      ],
    };
    const report = await investigate(
      query('10.0.1.25'),
      'us-east-1',
      new FakeProbes({
        'ec2.interfaces-by-address': () => ok([bare]),
        'ec2.vpc-endpoints-of-vpc': () => ok([]),
        'ec2.nat-gateways-of-vpc': () => ok([nat]),
        'ec2.nat-gateway': () => ok(nat),
        ...network,
      }),
    );
    expect(report.status).toBe('found');
    expect(report.interfaces[0]?.owner.kind).toBe('nat-gateway');
    expect(report.interfaces[0]?.ownerDetails).toEqual({
      kind: 'nat-gateway',
      natGatewayId: 'nat-0123456789abcdef0',
      state: 'available',
      connectivityType: 'public',
      publicIps: ['3.5.6.7'],
    });
  });
});

describe('addresses', () => {
  it('a public address in no interface → not-found (exit 1), and the AWS-range check is said to be unavailable', async () => {
    const probes = new FakeProbes({ 'ec2.interfaces-by-address': () => ok([]) });
    const report = await investigate(query('54.10.20.30'), 'us-east-1', probes);
    expect(report.status).toBe('not-found');
    expect(whoisExitCode(report.status)).toBe(1);
    expect(report.query.searched).toEqual(['addresses.private-ip-address', 'association.public-ip']);
    expect(report.publicRanges?.checked).toBe(false);
    // No packaged copy of AWS's ranges exists, so the answer says so and where to look, never a made-up range.
    expect(renderWhoisText(report)).toContain("not checked: vpce-doctor carries no copy of AWS's published IP ranges");
    expect(renderWhoisText(report)).toContain('look it up   https://ip-ranges.amazonaws.com/ip-ranges.json');
  });

  it('the same private address in two VPCs → both interfaces listed', async () => {
    const other = {
      ...endpointEni,
      NetworkInterfaceId: 'eni-0f0f0f0f0f0f0f0f0',
      VpcId: 'vpc-0fedcba9876543210',
      InterfaceType: 'interface',
      Description: '',
      Attachment: { InstanceId: 'i-0abcdef1234567890' },
      RequesterManaged: false,
      RequesterId: 'AIDAEXAMPLE',
    };
    const report = await investigate(
      query('10.0.1.25'),
      'us-east-1',
      new FakeProbes({
        'ec2.interfaces-by-address': () => ok([endpointEni, other]),
        'ec2.vpc-endpoint': () => ok(endpoint),
        ...network,
      }),
    );
    expect(report.interfaces.map((i) => `${i.vpcId} ${i.owner.kind}`)).toEqual([
      `${VPC} vpc-endpoint`,
      'vpc-0fedcba9876543210 instance',
    ]);
    expect(renderWhoisText(report)).toContain('2 network interfaces');
  });

  it.each([
    ['10.0.1.25', 'ipv4'],
    ['2600:1f18:abcd::5', 'ipv6'],
    ['eni-0e1e1e1e1e1e1e1e1', 'eni'],
  ])('%s is read as %s', (text, kind) => {
    expect(query(text).kind).toBe(kind);
  });

  it.each([
    ['10.0.1.25', false],
    ['100.64.3.4', false],
    ['54.10.20.30', true],
    ['fd00:ec2::5', false],
    ['2600:1f18:abcd::5', true],
  ])('%s may be in an AWS published range: %s', (text, mayBePublic) => {
    expect(query(text)).toMatchObject({ mayBePublic });
  });

  it.each(['vpce-0abc0abc0abc0abc0', '10.0.1', 'eni-xyz', ''])('"%s" is bad input', (text) => {
    expect(parseWhoisQuery(text)).toHaveProperty('error');
  });
});

describe('sanitising', () => {
  it('no escape sequence or forged line from an account reaches the text', async () => {
    const evil = 'ELB app/x\u001b]0;pwned\u0007\u001b[2J\nFAKE LINE\u009b31m';
    const report = await investigate(
      query('10.0.1.25'),
      'us-east-1',
      new FakeProbes({
        'ec2.interfaces-by-address': () =>
          ok([
            {
              ...endpointEni,
              InterfaceType: 'interface',
              Description: evil,
              RequesterManaged: true,
              RequesterId: evil,
            },
          ]),
        'ec2.security-groups': () => ok([{ ...group, GroupName: evil }]),
        'ec2.subnet-network-acl': () => ok(acl),
        'ec2.route-table': () => ok(routeTable),
      }),
    );
    const text = renderWhoisText(report);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n').some((l) => l.startsWith('FAKE LINE'))).toBe(false);
  });
});
