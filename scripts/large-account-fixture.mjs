// A large, deterministic AWS account in the shapes of src/probes/shapes.ts (AWS field names),
// for benchmarking the net evaluators (dist/analysis/net/*.js). Pure: no I/O, no randomness
// beyond a seeded PRNG, so the same options always give the same account.
//
//   import { generateLargeAccountFixture } from './large-account-fixture.mjs';
//   const fx = generateLargeAccountFixture({ routesPerTable: 2000 });
//   analyzeGatewayRouting(fx.routeTables[0], fx.scenario.gatewayEndpointId, fx.prefixLists[0]);
//
// Filler rules use 100.64.0.0/10 and 172.16.0.0/12, which never contain the scenario's
// addresses (10.0.0.0/16) or the S3 CIDRs, so evaluators must walk all of them before the rule
// that decides. With `plantIssues` (default true) the account also carries two known defects:
// a /32 static route to a NAT gateway inside one S3 CIDR in the first route table
// (gateway.route-overridden) and, on the first ACL, an inbound rule allowing only 1024-32767
// from the interface endpoint subnet ahead of the catch-all (nacl.source-subnet-blocks).

/**
 * @typedef {object} LargeAccountOptions
 * @property {number} [seed=1]
 * @property {number} [routeTables=20]       route tables
 * @property {number} [routesPerTable=500]   filler routes per table (10,000 routes by default)
 * @property {number} [networkAcls=10]       network ACLs
 * @property {number} [entriesPerAcl=400]    filler entries per ACL, half each direction (4,000 by default)
 * @property {number} [securityGroups=200]   security groups
 * @property {number} [rulesPerGroup=50]     filler permissions per group, split ingress/egress (10,000 by default)
 * @property {number} [customerPrefixLists=5]
 * @property {number} [cidrsPerPrefixList=50]
 * @property {boolean} [plantIssues=true]
 */

const S3_PL = 'pl-63a5400a';
const S3_CIDRS = ['52.216.0.0/15', '3.5.0.0/19', '54.231.0.0/16', '16.182.0.0/16', '18.34.0.0/19'];

/** @param {number} seed */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {number} n */
const ip = (n) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

/**
 * @param {number} prefix
 * @param {number} base
 * @param {number} baseLen
 * @param {() => number} rand
 */
function cidrIn(base, baseLen, prefix, rand) {
  const span = 2 ** (32 - baseLen);
  const size = 2 ** (32 - prefix);
  const offset = Math.floor((rand() * span) / size) * size;
  return `${ip((base + offset) >>> 0)}/${prefix}`;
}

const CGNAT = 0x64400000; // 100.64.0.0/10
const RFC1918_172 = 0xac100000; // 172.16.0.0/12

/** @param {() => number} rand */
function fillerCidr(rand) {
  const prefix = 16 + Math.floor(rand() * 13); // /16../28
  return rand() < 0.5 ? cidrIn(CGNAT, 10, prefix, rand) : cidrIn(RFC1918_172, 12, prefix, rand);
}

/** @param {string} prefix @param {number} n */
const id = (prefix, n) => `${prefix}-${n.toString(16).padStart(17, '0')}`;

/** @param {LargeAccountOptions} [options] */
export function generateLargeAccountFixture(options = {}) {
  const {
    seed = 1,
    routeTables: tableCount = 20,
    routesPerTable = 500,
    networkAcls: aclCount = 10,
    entriesPerAcl = 400,
    securityGroups: groupCount = 200,
    rulesPerGroup = 50,
    customerPrefixLists: plCount = 5,
    cidrsPerPrefixList = 50,
    plantIssues = true,
  } = options;
  const rand = mulberry32(seed);
  const pick = /** @template T @param {T[]} xs @returns {T} */ (xs) =>
    /** @type {T} */ (xs[Math.floor(rand() * xs.length)]);

  const vpcId = id('vpc', 1);
  const gatewayEndpointId = id('vpce', 1);
  const interfaceEndpointId = id('vpce', 2);
  const natGatewayId = id('nat', 1);

  const vpc = {
    VpcId: vpcId,
    CidrBlock: '10.0.0.0/16',
    CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }],
    Ipv6CidrBlockAssociationSet: [],
    DhcpOptionsId: id('dopt', 1),
    IsDefault: false,
    Tags: [],
  };

  const subnets = Array.from({ length: Math.max(2, tableCount) }, (_, i) => ({
    SubnetId: id('subnet', i + 1),
    VpcId: vpcId,
    AvailabilityZone: `us-east-1${'abcdef'[i % 6]}`,
    CidrBlock: `10.0.${i}.0/24`,
    Ipv6CidrBlockAssociationSet: [],
    Tags: [],
  }));
  const sourceSubnet = /** @type {typeof subnets[number]} */ (subnets[0]);
  const endpointSubnet = /** @type {typeof subnets[number]} */ (subnets[1]);

  const customerPrefixLists = Array.from({ length: plCount }, (_, i) => ({
    PrefixListId: id('pl', 0x100 + i),
    PrefixListName: `corp-${i}`,
    AddressFamily: 'IPv4',
    Entries: Array.from({ length: cidrsPerPrefixList }, () => ({ Cidr: fillerCidr(rand) })),
  }));
  const prefixLists = [
    {
      PrefixListId: S3_PL,
      PrefixListName: 'com.amazonaws.us-east-1.s3',
      AddressFamily: 'IPv4',
      Entries: S3_CIDRS.map((Cidr) => ({ Cidr })),
    },
    ...customerPrefixLists,
  ];

  const targets = [
    () => ({ TransitGatewayId: id('tgw', 1 + Math.floor(rand() * 3)) }),
    () => ({ VpcPeeringConnectionId: id('pcx', 1 + Math.floor(rand() * 20)) }),
    () => ({ NatGatewayId: natGatewayId }),
    () => ({ NetworkInterfaceId: id('eni', 0x900 + Math.floor(rand() * 50)) }),
  ];
  const routeTables = Array.from({ length: tableCount }, (_, t) => {
    const routes = [
      { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
      { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natGatewayId, Origin: 'CreateRoute', State: 'active' },
    ];
    for (let r = 0; r < routesPerTable; r++) {
      const propagated = rand() < 0.2;
      routes.push({
        DestinationCidrBlock: fillerCidr(rand),
        ...(propagated ? { GatewayId: id('vgw', 1) } : pick(targets)()),
        Origin: propagated ? 'EnableVgwRoutePropagation' : 'CreateRoute',
        State: rand() < 0.02 ? 'blackhole' : 'active',
      });
    }
    for (const pl of customerPrefixLists.slice(0, 2)) {
      routes.push({
        DestinationPrefixListId: pl.PrefixListId,
        TransitGatewayId: id('tgw', 1),
        Origin: 'CreateRoute',
        State: 'active',
      });
    }
    // Every other table is associated with the gateway endpoint.
    if (t % 2 === 0)
      routes.push({
        DestinationPrefixListId: S3_PL,
        GatewayId: gatewayEndpointId,
        Origin: 'CreateRoute',
        State: 'active',
      });
    if (plantIssues && t === 0) {
      routes.push({
        DestinationCidrBlock: '52.216.10.7/32',
        NatGatewayId: natGatewayId,
        Origin: 'CreateRoute',
        State: 'active',
      });
    }
    return {
      RouteTableId: id('rtb', t + 1),
      VpcId: vpcId,
      Routes: routes,
      Associations: [
        t === 0
          ? { RouteTableAssociationId: id('rtbassoc', 1), RouteTableId: id('rtb', 1), Main: true }
          : {
              RouteTableAssociationId: id('rtbassoc', t + 1),
              RouteTableId: id('rtb', t + 1),
              SubnetId: /** @type {typeof subnets[number]} */ (subnets[t]).SubnetId,
              Main: false,
            },
      ],
      Tags: [],
    };
  });

  const networkAcls = Array.from({ length: aclCount }, (_, a) => {
    const entries = [];
    const half = Math.floor(entriesPerAcl / 2);
    for (const egress of [true, false]) {
      for (let e = 0; e < half; e++) {
        const all = rand() < 0.2;
        const from = Math.floor(rand() * 60000);
        entries.push({
          RuleNumber: 10 + e * 10,
          Protocol: all ? '-1' : pick(['6', '6', '17']),
          RuleAction: rand() < 0.5 ? 'deny' : 'allow',
          Egress: egress,
          CidrBlock: fillerCidr(rand),
          ...(all ? {} : { PortRange: { From: from, To: from + Math.floor(rand() * 5000) } }),
        });
      }
      if (plantIssues && a === 0 && !egress) {
        entries.push({
          RuleNumber: 10 + half * 10,
          Protocol: '6',
          RuleAction: 'allow',
          Egress: false,
          CidrBlock: endpointSubnet.CidrBlock,
          PortRange: { From: 1024, To: 32767 },
        });
        entries.push({
          RuleNumber: 20 + half * 10,
          Protocol: '-1',
          RuleAction: 'deny',
          Egress: false,
          CidrBlock: endpointSubnet.CidrBlock,
        });
      }
      entries.push({
        RuleNumber: 30 + half * 10,
        Protocol: '-1',
        RuleAction: 'allow',
        Egress: egress,
        CidrBlock: '0.0.0.0/0',
      });
      entries.push({ RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: egress, CidrBlock: '0.0.0.0/0' });
    }
    return {
      NetworkAclId: id('acl', a + 1),
      VpcId: vpcId,
      IsDefault: a === 0,
      Entries: entries,
      Associations: subnets
        .filter((_, s) => s % aclCount === a)
        .map((s, k) => ({
          NetworkAclAssociationId: id('aclassoc', a * 1000 + k + 1),
          NetworkAclId: id('acl', a + 1),
          SubnetId: s.SubnetId,
        })),
      Tags: [],
    };
  });

  const groupIds = Array.from({ length: groupCount }, (_, g) => id('sg', g + 1));
  /** @param {boolean} egress */
  const fillerPermission = (egress) => {
    const from = Math.floor(rand() * 60000);
    const kind = rand();
    return {
      IpProtocol: pick(['tcp', 'tcp', 'udp', '6']),
      FromPort: from,
      ToPort: from + Math.floor(rand() * 200),
      IpRanges: kind < 0.6 ? [{ CidrIp: fillerCidr(rand) }, { CidrIp: fillerCidr(rand) }] : [],
      Ipv6Ranges:
        kind >= 0.6 && kind < 0.7 ? [{ CidrIpv6: `2600:1f18:${Math.floor(rand() * 0xffff).toString(16)}::/56` }] : [],
      // Customer lists (egress may also name S3 on a port other than 443).
      PrefixListIds:
        kind >= 0.7 && kind < 0.85
          ? [
              {
                PrefixListId:
                  egress && customerPrefixLists.length === 0
                    ? S3_PL
                    : pick(customerPrefixLists.map((p) => p.PrefixListId)),
              },
            ]
          : [],
      // References to groups the scenario's interfaces are not in.
      UserIdGroupPairs: kind >= 0.85 ? [{ GroupId: pick(groupIds.slice(10)), UserId: '123456789012' }] : [],
    };
  };
  const securityGroups = groupIds.map((GroupId, g) => {
    const ingress = [];
    const egress = [];
    for (let r = 0; r < rulesPerGroup; r++) (r % 2 === 0 ? ingress : egress).push(fillerPermission(r % 2 === 1));
    // The deciding rules sit last: the source's last group allows 443 out to S3 and to the VPC,
    // the endpoint's last group allows 443 in from the source's first group.
    if (g === 4) {
      egress.push({
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.0.0/16' }],
        Ipv6Ranges: [],
        PrefixListIds: [{ PrefixListId: S3_PL }],
        UserIdGroupPairs: [],
      });
    }
    if (g === 9) {
      ingress.push({
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: groupIds[0], UserId: '123456789012' }],
      });
    }
    return {
      GroupId,
      GroupName: `group-${g}`,
      VpcId: vpcId,
      IpPermissions: ingress,
      IpPermissionsEgress: egress,
      Tags: [],
    };
  });
  const sourceGroups = groupIds.slice(0, 5);
  const endpointGroups = groupIds.slice(5, 10);

  const sourceAddress = '10.0.0.25';
  const endpointAddress = '10.0.1.15';
  const networkInterfaces = [
    {
      NetworkInterfaceId: id('eni', 1),
      SubnetId: sourceSubnet.SubnetId,
      VpcId: vpcId,
      AvailabilityZone: sourceSubnet.AvailabilityZone,
      PrivateIpAddress: sourceAddress,
      PrivateIpAddresses: [{ PrivateIpAddress: sourceAddress, Primary: true }],
      Ipv6Addresses: [],
      Groups: sourceGroups.map((GroupId) => ({ GroupId })),
      InterfaceType: 'interface',
      Attachment: { InstanceId: id('i', 1) },
    },
    {
      NetworkInterfaceId: id('eni', 2),
      SubnetId: endpointSubnet.SubnetId,
      VpcId: vpcId,
      AvailabilityZone: endpointSubnet.AvailabilityZone,
      PrivateIpAddress: endpointAddress,
      PrivateIpAddresses: [{ PrivateIpAddress: endpointAddress, Primary: true }],
      Ipv6Addresses: [],
      Groups: endpointGroups.map((GroupId) => ({ GroupId })),
      InterfaceType: 'vpc_endpoint',
    },
  ];

  const endpoints = [
    {
      VpcEndpointId: gatewayEndpointId,
      VpcEndpointType: 'Gateway',
      VpcId: vpcId,
      ServiceName: 'com.amazonaws.us-east-1.s3',
      State: 'Available',
      RouteTableIds: routeTables.filter((_, t) => t % 2 === 0).map((r) => r.RouteTableId),
      SubnetIds: [],
      Groups: [],
      NetworkInterfaceIds: [],
      DnsEntries: [],
      Tags: [],
    },
    {
      VpcEndpointId: interfaceEndpointId,
      VpcEndpointType: 'Interface',
      VpcId: vpcId,
      ServiceName: 'com.amazonaws.us-east-1.ssm',
      State: 'Available',
      RouteTableIds: [],
      SubnetIds: [endpointSubnet.SubnetId],
      Groups: endpointGroups.map((GroupId) => ({ GroupId })),
      NetworkInterfaceIds: [id('eni', 2)],
      PrivateDnsEnabled: true,
      IpAddressType: 'ipv4',
      DnsEntries: [],
      Tags: [],
    },
  ];

  const source = {
    Kind: 'instance',
    Id: id('i', 1),
    SubnetId: sourceSubnet.SubnetId,
    VpcId: vpcId,
    AvailabilityZone: sourceSubnet.AvailabilityZone,
    PrivateIpAddress: sourceAddress,
    Ipv6Addresses: [],
    Groups: sourceGroups.map((GroupId) => ({ GroupId })),
    NetworkInterfaceIds: [id('eni', 1)],
    Tags: [],
  };

  const aclOf = (/** @type {string} */ subnetId) =>
    networkAcls.find((a) => a.Associations.some((s) => s.SubnetId === subnetId));
  return {
    region: 'us-east-1',
    vpc,
    subnets,
    routeTables,
    networkAcls,
    securityGroups,
    prefixLists,
    endpoints,
    networkInterfaces,
    source,
    /** Ids the benchmark needs to ask the evaluators the usual questions. */
    scenario: {
      sourceAddress,
      sourceSubnetId: sourceSubnet.SubnetId,
      sourceGroupIds: sourceGroups,
      sourceRouteTableId: /** @type {typeof routeTables[number]} */ (routeTables[0]).RouteTableId,
      sourceNetworkAclId: aclOf(sourceSubnet.SubnetId)?.NetworkAclId,
      gatewayEndpointId,
      s3PrefixListId: S3_PL,
      interfaceEndpointId,
      endpointAddress,
      endpointSubnetId: endpointSubnet.SubnetId,
      endpointGroupIds: endpointGroups,
      endpointNetworkAclId: aclOf(endpointSubnet.SubnetId)?.NetworkAclId,
      plantedIssues: plantIssues ? ['gateway.route-overridden', 'nacl.source-subnet-blocks'] : [],
    },
    counts: {
      routes: routeTables.reduce((n, t) => n + t.Routes.length, 0),
      naclEntries: networkAcls.reduce((n, a) => n + a.Entries.length, 0),
      sgRules: securityGroups.reduce((n, g) => n + g.IpPermissions.length + g.IpPermissionsEgress.length, 0),
    },
  };
}
