// `whois` as one sequence of read-only probes: find the interfaces, identify each owner from its
// fields, look the owner up, then read what decides who can reach it. Every read that fails is
// listed in `unread`; a failed read never turns into "unknown owner" or "not found".
import type { ProbeKey, ProbeInput, ProbeOutput, ProbeSource } from '../probes/contract.js';
import type { SecurityGroup, VpcEndpoint } from '../probes/shapes.js';
import type { NatGateway, WhoisInterface } from '../probes/specs/whois.js';
import { aclInboundForPort, inboundRules, routeLines, rulesAdmittingPort } from '../analysis/whois/exposure.js';
import { handOffFor } from '../analysis/whois/hand-off.js';
import { identifyOwner } from '../analysis/whois/identify.js';
import { listenerOf } from '../analysis/whois/listeners.js';
import type { Owner } from '../analysis/whois/owner.js';
import { summarizeEndpointPolicy } from '../analysis/whois/policy-summary.js';
import type { WhoisQuery } from '../analysis/whois/query.js';
import { ownerFromVpcResources } from '../analysis/whois/vpc-resources.js';
import {
  WHOIS_VERSION,
  type OwnerDetails,
  type WhoisInterfaceReport,
  type WhoisReport,
} from '../report/whois-schema.js';

type Unread = WhoisReport['unread'][number];

class Reader {
  readonly unread: Unread[] = [];
  constructor(private readonly probes: ProbeSource) {}

  /** The probe's value, or undefined after noting what could not be read. */
  async read<K extends ProbeKey>(key: K, input: ProbeInput<K>, what: string): Promise<ProbeOutput<K> | undefined> {
    const outcome = await this.probes.run({ key, input });
    if (outcome.status === 'ok') return outcome.value;
    this.unread.push(
      outcome.status === 'denied'
        ? { what, action: outcome.action, message: outcome.message }
        : { what, message: outcome.message },
    );
    return undefined;
  }
}

function addresses(
  eni: WhoisInterface,
): Pick<WhoisInterfaceReport, 'privateIpAddresses' | 'publicIps' | 'ipv6Addresses'> {
  const privateIps = eni.PrivateIpAddresses.map((a) => a.PrivateIpAddress).filter((a): a is string => a !== undefined);
  const publicIps = [eni.Association?.PublicIp, ...eni.PrivateIpAddresses.map((a) => a.Association?.PublicIp)].filter(
    (a): a is string => a !== undefined,
  );
  return {
    privateIpAddresses: privateIps.length > 0 ? privateIps : eni.PrivateIpAddress ? [eni.PrivateIpAddress] : [],
    publicIps: [...new Set(publicIps)],
    ipv6Addresses: eni.Ipv6Addresses.map((a) => a.Ipv6Address).filter((a): a is string => a !== undefined),
  };
}

function fieldsOf(eni: WhoisInterface): WhoisInterfaceReport['fields'] {
  const f: WhoisInterfaceReport['fields'] = {};
  if (eni.InterfaceType !== undefined) f.interfaceType = eni.InterfaceType;
  if (eni.Description !== undefined) f.description = eni.Description;
  if (eni.RequesterId !== undefined) f.requesterId = eni.RequesterId;
  if (eni.RequesterManaged !== undefined) f.requesterManaged = eni.RequesterManaged;
  if (eni.Attachment?.InstanceId !== undefined) f.attachmentInstanceId = eni.Attachment.InstanceId;
  if (eni.Attachment?.InstanceOwnerId !== undefined) f.attachmentInstanceOwnerId = eni.Attachment.InstanceOwnerId;
  if (eni.Operator?.Principal !== undefined) f.operatorPrincipal = eni.Operator.Principal;
  if (eni.Operator?.Managed !== undefined) f.operatorManaged = eni.Operator.Managed;
  return f;
}

/** When the fields name no owner, the VPC's endpoints and NAT gateways may list the interface. */
async function crossCheck(
  reader: Reader,
  eni: WhoisInterface,
  owner: Owner,
): Promise<{ owner: Owner; endpoints: VpcEndpoint[] }> {
  if ((owner.kind !== 'unknown' && owner.kind !== 'unattached') || eni.VpcId === undefined)
    return { owner, endpoints: [] };
  const endpoints = await reader.read(
    'ec2.vpc-endpoints-of-vpc',
    { vpcId: eni.VpcId },
    `the endpoints of ${eni.VpcId} (to see whether one owns ${eni.NetworkInterfaceId})`,
  );
  const nats = await reader.read(
    'ec2.nat-gateways-of-vpc',
    { vpcId: eni.VpcId },
    `the NAT gateways of ${eni.VpcId} (to see whether one owns ${eni.NetworkInterfaceId})`,
  );
  const found = ownerFromVpcResources(eni.NetworkInterfaceId, endpoints ?? [], nats ?? ([] as NatGateway[]));
  if (found !== undefined)
    return { owner: { ...found, notes: [...found.notes, ...owner.notes] }, endpoints: endpoints ?? [] };
  if (endpoints === undefined || nats === undefined) {
    return {
      owner: {
        ...owner,
        kind: 'unknown',
        label: 'not known: its fields name no owner, and the VPC’s endpoints or NAT gateways could not be read',
      },
      endpoints: endpoints ?? [],
    };
  }
  return { owner, endpoints };
}

async function lookUp(
  reader: Reader,
  eni: WhoisInterface,
  owner: Owner,
  known: VpcEndpoint[],
): Promise<{ details?: OwnerDetails; endpoint?: VpcEndpoint; notes: string[] }> {
  const lookup = owner.lookup;
  if (lookup === undefined) return { notes: [] };
  switch (lookup.kind) {
    case 'vpc-endpoint': {
      const id = lookup.vpcEndpointId;
      const endpoint =
        known.find((e) => e.VpcEndpointId === id) ??
        (await reader.read('ec2.vpc-endpoint', { vpcEndpointId: id }, `VPC endpoint ${id}`));
      if (endpoint === undefined) return { notes: [] };
      if (endpoint === null) return { notes: [`${id} no longer exists (DescribeVpcEndpoints found none)`] };
      return {
        endpoint,
        notes: [],
        details: {
          kind: 'vpc-endpoint',
          vpcEndpointId: id,
          type: endpoint.VpcEndpointType,
          serviceName: endpoint.ServiceName,
          state: endpoint.State,
          ...(endpoint.PrivateDnsEnabled !== undefined ? { privateDnsEnabled: endpoint.PrivateDnsEnabled } : {}),
          dnsNames: endpoint.DnsEntries.map((d) => d.DnsName).filter((n): n is string => n !== undefined),
          policy: summarizeEndpointPolicy(endpoint.PolicyDocument),
        },
      };
    }
    case 'load-balancer': {
      const lb = await reader.read('elbv2.load-balancer', { name: lookup.name }, `load balancer ${lookup.name}`);
      if (lb === undefined) return { notes: [] };
      if (lb === null) return { notes: [`no load balancer is named ${lookup.name} any more`] };
      return {
        notes: [],
        details: {
          kind: 'load-balancer',
          name: lb.LoadBalancerName,
          ...(lb.Type !== undefined ? { type: lb.Type } : {}),
          ...(lb.State?.Code !== undefined ? { state: lb.State.Code } : {}),
          ...(lb.Scheme !== undefined ? { scheme: lb.Scheme } : {}),
          ...(lb.DNSName !== undefined ? { dnsName: lb.DNSName } : {}),
        },
      };
    }
    case 'nat-gateway': {
      const id = lookup.natGatewayId;
      const nat = await reader.read('ec2.nat-gateway', { natGatewayId: id }, `NAT gateway ${id}`);
      if (nat === undefined) return { notes: [] };
      if (nat === null) return { notes: [`${id} no longer exists`] };
      return {
        notes: [],
        details: {
          kind: 'nat-gateway',
          natGatewayId: id,
          ...(nat.State !== undefined ? { state: nat.State } : {}),
          ...(nat.ConnectivityType !== undefined ? { connectivityType: nat.ConnectivityType } : {}),
          publicIps: nat.NatGatewayAddresses.map((a) => a.PublicIp).filter((p): p is string => p !== undefined),
        },
      };
    }
    case 'resolver-endpoint': {
      const id = lookup.resolverEndpointId;
      if (eni.VpcId === undefined) return { notes: [] };
      const all = await reader.read('route53resolver.endpoints', { vpcId: eni.VpcId }, `Resolver endpoint ${id}`);
      if (all === undefined) return { notes: [] };
      const r = all.find((e) => e.Id === id);
      if (r === undefined) return { notes: [`${id} is not among the Resolver endpoints of ${eni.VpcId}`] };
      return {
        notes: [],
        details: {
          kind: 'resolver-endpoint',
          resolverEndpointId: id,
          ...(r.Name !== undefined ? { name: r.Name } : {}),
          direction: r.Direction,
          ...(r.Status !== undefined ? { status: r.Status } : {}),
        },
      };
    }
    case 'lambda': {
      const name = lookup.functionName;
      const fn = await reader.read('lambda.function', { functionName: name }, `Lambda function ${name}`);
      if (fn === undefined) return { notes: [] };
      if (fn === null) return { notes: [`no Lambda function is named ${name} any more`] };
      return {
        notes: [],
        details: {
          kind: 'lambda',
          functionName: fn.FunctionName,
          ...(fn.State !== undefined ? { state: fn.State } : {}),
          ...(fn.Runtime !== undefined ? { runtime: fn.Runtime } : {}),
        },
      };
    }
    default: {
      const never: never = lookup;
      return never;
    }
  }
}

async function explain(reader: Reader, eni: WhoisInterface, region: string): Promise<WhoisInterfaceReport> {
  const checked = await crossCheck(reader, eni, identifyOwner(eni));
  const owner = checked.owner;
  const looked = await lookUp(reader, eni, owner, checked.endpoints);

  // An endpoint's interfaces carry the endpoint's Groups; read them from the endpoint (moto's ENIs show the default group: PITFALLS.md).
  const groupRefs = looked.endpoint?.Groups ?? eni.Groups;
  // undefined: the groups could not be read, so nothing may be said about what they admit.
  const groups: SecurityGroup[] | undefined =
    groupRefs.length === 0
      ? []
      : await reader.read(
          'ec2.security-groups',
          { groupIds: groupRefs.map((g) => g.GroupId) },
          `security groups ${groupRefs.map((g) => g.GroupId).join(', ')}`,
        );

  const listener = listenerOf(owner.kind, looked.endpoint);
  const acl =
    eni.SubnetId === undefined
      ? undefined
      : await reader.read('ec2.subnet-network-acl', { subnetId: eni.SubnetId }, `the network ACL of ${eni.SubnetId}`);
  const table =
    eni.SubnetId === undefined || eni.VpcId === undefined
      ? undefined
      : await reader.read(
          'ec2.route-table',
          { subnetId: eni.SubnetId, vpcId: eni.VpcId },
          `the route table of ${eni.SubnetId}`,
        );
  const handOff = looked.endpoint === undefined ? undefined : handOffFor(looked.endpoint, region);

  return {
    networkInterfaceId: eni.NetworkInterfaceId,
    ...(eni.VpcId !== undefined ? { vpcId: eni.VpcId } : {}),
    ...(eni.SubnetId !== undefined ? { subnetId: eni.SubnetId } : {}),
    ...(eni.AvailabilityZone !== undefined ? { availabilityZone: eni.AvailabilityZone } : {}),
    ...(eni.Status !== undefined ? { status: eni.Status } : {}),
    ...addresses(eni),
    fields: fieldsOf(eni),
    owner: {
      kind: owner.kind,
      label: owner.label,
      ...(owner.resource !== undefined ? { resource: owner.resource } : {}),
      basis: owner.basis,
      notes: [...owner.notes, ...looked.notes],
    },
    ...(looked.details !== undefined ? { ownerDetails: looked.details } : {}),
    securityGroups: groupRefs.map((g) => ({
      groupId: g.GroupId,
      ...(g.GroupName !== undefined ? { groupName: g.GroupName } : {}),
    })),
    ...(groups !== undefined ? { inboundRules: inboundRules(groups) } : {}),
    ...(listener !== undefined
      ? {
          listener: {
            ports: listener.ports,
            why: listener.why,
            ...(groups !== undefined
              ? { admitted: listener.ports.map((port) => ({ port, rules: rulesAdmittingPort(groups, port) })) }
              : {}),
          },
        }
      : {}),
    ...(acl
      ? {
          networkAcl: {
            networkAclId: acl.NetworkAclId,
            inboundForListener: (listener?.ports ?? []).map((port) => ({ port, rules: aclInboundForPort(acl, port) })),
          },
        }
      : {}),
    ...(table
      ? {
          routeTable: {
            routeTableId: table.RouteTable.RouteTableId,
            association: table.Association,
            routes: routeLines(table),
          },
        }
      : {}),
    ...(handOff !== undefined
      ? {
          nextStep: {
            answers: handOff.answers as Record<string, string>,
            missing: handOff.missing,
            file: handOff.file,
          },
        }
      : {}),
  };
}

export async function investigate(query: WhoisQuery, region: string, probes: ProbeSource): Promise<WhoisReport> {
  const reader = new Reader(probes);
  const found = new Map<string, WhoisInterface>();
  let searched: WhoisReport['query']['searched'];
  if (query.kind === 'eni') {
    searched = ['network-interface-id'];
    const eni = await reader.read(
      'ec2.interface',
      { networkInterfaceId: query.networkInterfaceId },
      `network interface ${query.networkInterfaceId}`,
    );
    if (eni) found.set(eni.NetworkInterfaceId, eni);
  } else {
    searched = query.filters;
    for (const filter of query.filters) {
      const enis = await reader.read(
        'ec2.interfaces-by-address',
        { filter, address: query.address },
        `the interfaces holding ${query.address} (filter ${filter})`,
      );
      for (const eni of enis ?? []) found.set(eni.NetworkInterfaceId, eni);
    }
  }
  const searchFailed = reader.unread.length > 0;

  const interfaces: WhoisInterfaceReport[] = [];
  for (const eni of found.values()) interfaces.push(await explain(reader, eni, region));

  const status: WhoisReport['status'] =
    reader.unread.length > 0 ? 'incomplete' : interfaces.length > 0 ? 'found' : 'not-found';
  return {
    version: WHOIS_VERSION,
    query: { input: query.input, kind: query.kind, searched },
    region,
    status,
    interfaces,
    unread: reader.unread,
    // Only an address outside the private ranges can be in AWS's published ranges.
    ...(interfaces.length === 0 && query.kind !== 'eni' && query.mayBePublic && !searchFailed
      ? {
          publicRanges: {
            checked: false as const,
            // No npm package found ships a copy of ip-ranges.json (those found fetch it at run time), and
            // vpce-doctor makes no call outside AWS's APIs: say so rather than guess.
            // https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-work-with.html
            reason: `vpce-doctor carries no copy of AWS's published IP ranges, so it cannot tell whether ${query.address} is in an AWS service range of ${region}`,
            lookUp:
              'https://ip-ranges.amazonaws.com/ip-ranges.json (how to search it: https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-work-with.html)',
          },
        }
      : {}),
  };
}
