// The commands that give both ends of the request a common address family: an endpoint's IP
// address type and DNS record IP type, an IPv6 range for the subnets an endpoint needs, an IPv6
// address for the source. Every flag was checked against the AWS CLI v2 reference page named
// above its builder (and `aws ec2 <command> help` of aws-cli 2.9).
import { awsCommand, type FixCommand } from '../../findings/command.js';
import type { Fix } from '../../findings/types.js';
import type { Subnet, Vpc } from '../../probes/shapes.js';
import { formatIp, parseCidr, parsedOverlap } from '../net/cidr.js';
import { subnetFamilies } from './facts.js';

// https://docs.aws.amazon.com/cli/latest/reference/ec2/modify-vpc-endpoint.html
// (--ip-address-type ipv4|dualstack|ipv6; --dns-options DnsRecordIpType=ipv4|dualstack|ipv6|service-defined)
export function modifyEndpointFamilyCommand(p: {
  endpointId: string;
  ipAddressType?: 'ipv4' | 'dualstack' | 'ipv6';
  dnsRecordIpType?: 'ipv4' | 'dualstack' | 'ipv6' | 'service-defined';
  region: string;
}): FixCommand {
  return awsCommand(
    'ec2',
    'modify-vpc-endpoint',
    [
      '--vpc-endpoint-id',
      p.endpointId,
      ...(p.ipAddressType !== undefined ? ['--ip-address-type', p.ipAddressType] : []),
      ...(p.dnsRecordIpType !== undefined ? ['--dns-options', `DnsRecordIpType=${p.dnsRecordIpType}`] : []),
    ],
    { region: p.region },
  );
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/associate-subnet-cidr-block.html
export function associateSubnetIpv6Command(subnetId: string, cidr: string, region: string): FixCommand {
  return awsCommand('ec2', 'associate-subnet-cidr-block', ['--subnet-id', subnetId, '--ipv6-cidr-block', cidr], {
    region,
  });
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/associate-vpc-cidr-block.html
export function associateVpcIpv6Command(vpcId: string, region: string): FixCommand {
  return awsCommand('ec2', 'associate-vpc-cidr-block', ['--vpc-id', vpcId, '--amazon-provided-ipv6-cidr-block'], {
    region,
  });
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/assign-ipv6-addresses.html
export function assignIpv6AddressCommand(networkInterfaceId: string, region: string): FixCommand {
  return awsCommand(
    'ec2',
    'assign-ipv6-addresses',
    ['--network-interface-id', networkInterfaceId, '--ipv6-address-count', '1'],
    { region },
  );
}

/**
 * `count` unused /64 blocks of the VPC's IPv6 block, lowest first: a subnet's IPv6 range is a
 * /64 of the VPC's (VPC user guide, "Add an IPv6 CIDR block to your subnet"). Undefined when the
 * block is not IPv6 or has no room.
 */
export function freeIpv6Subnets(vpcBlock: string, used: readonly string[], count: number): string[] | undefined {
  const block = parseCidr(vpcBlock);
  if (block === undefined || block.family !== 6 || block.prefixLength > 64) return undefined;
  const taken = used.map((c) => parseCidr(c)).filter((c) => c !== undefined);
  const out: string[] = [];
  const step = 1n << 64n;
  for (let net = block.network; net <= block.last && out.length < count; net += step) {
    const candidate = `${formatIp(6, net)}/64`;
    const parsed = parseCidr(candidate);
    if (parsed !== undefined && !taken.some((t) => parsedOverlap(t, parsed))) out.push(candidate);
    if (out.length === 0 && net - block.network > 4096n * step) break;
  }
  return out.length === count ? out : undefined;
}

function vpcIpv6Block(vpc: Vpc | undefined): string | undefined {
  return vpc?.Ipv6CidrBlockAssociationSet.map((a) => a.Ipv6CidrBlock).find(
    (c): c is string => c !== undefined && parseCidr(c)?.family === 6,
  );
}

/**
 * An IPv6 source and an IPv4-only interface endpoint: make the endpoint dual-stack (its subnets
 * need an IPv6 range first; PrivateLink guide, "IP address types": dualstack needs every
 * endpoint subnet to have both ranges). `supportsIpv6` false: the service takes no IPv6 through
 * an endpoint, and no command can change that.
 */
export function dualStackEndpointFix(p: {
  endpointId: string;
  service: string;
  region: string;
  endpointSubnets: readonly Subnet[];
  missingSubnets: readonly string[];
  vpcId: string;
  vpc: Vpc | undefined;
  vpcSubnets: readonly Subnet[];
  supportsIpv6: boolean | undefined;
}): Fix {
  const modify = modifyEndpointFamilyCommand({
    endpointId: p.endpointId,
    ipAddressType: 'dualstack',
    dnsRecordIpType: 'dualstack',
    region: p.region,
  });
  if (p.supportsIpv6 === false) {
    return {
      summary: `The ${p.service} endpoint service accepts only IPv4 (SupportedIpAddressTypes): an IPv6-only source cannot use ${p.endpointId}; run the workload in a dual-stack subnet so it reaches the endpoint over IPv4.`,
      commands: [],
    };
  }
  const lacking = p.endpointSubnets.filter((s) => subnetFamilies(s).ipv6 === undefined);
  if (p.missingSubnets.length > 0) {
    return {
      summary: `Give ${p.endpointId} IPv6 addresses (IP address type dualstack, AAAA records); its subnets ${p.missingSubnets.join(', ')} could not be read, so check each has an IPv6 range first.`,
      commands: [modify],
    };
  }
  if (lacking.length === 0) {
    return {
      summary: `Make ${p.endpointId} dual-stack: its network interfaces get IPv6 addresses and its DNS names AAAA records, so the IPv6 source can reach it.`,
      commands: [modify],
    };
  }
  if (p.vpc === undefined) {
    return {
      summary: `Give ${lacking.map((s) => s.SubnetId).join(', ')} each an IPv6 /64 of ${p.vpcId}'s IPv6 range (the VPC could not be read, so no free range is named here), then make ${p.endpointId} dual-stack: aws ec2 modify-vpc-endpoint --ip-address-type dualstack --dns-options DnsRecordIpType=dualstack.`,
      commands: [],
    };
  }
  const block = vpcIpv6Block(p.vpc);
  if (block === undefined) {
    return {
      // The subnet ranges depend on the block AWS assigns: run vpce-doctor again after this step.
      summary: `${p.vpcId} has no IPv6 range: add one (command below); then ${lacking.map((s) => s.SubnetId).join(', ')} each need a /64 of it before ${p.endpointId} can be dual-stack; run vpce-doctor again for those commands.`,
      commands: [associateVpcIpv6Command(p.vpcId, p.region)],
    };
  }
  const used = p.vpcSubnets.flatMap((s) => s.Ipv6CidrBlockAssociationSet.map((a) => a.Ipv6CidrBlock ?? ''));
  const free = freeIpv6Subnets(block, used, lacking.length);
  if (free === undefined) {
    return {
      summary: `${lacking.map((s) => s.SubnetId).join(', ')} need an IPv6 /64 from ${block} before ${p.endpointId} can be dual-stack, and no free /64 is left in ${block}.`,
      commands: [],
    };
  }
  return {
    summary: `Give ${lacking.map((s) => s.SubnetId).join(', ')} an IPv6 range from ${block} (free /64s), then make ${p.endpointId} dual-stack so its network interfaces get IPv6 addresses and its names AAAA records.`,
    commands: [...lacking.map((s, i) => associateSubnetIpv6Command(s.SubnetId, free[i] as string, p.region)), modify],
  };
}
