// What the network-ACL checks read, and the probe calls that read it: the ACL of the source's
// subnet and of each endpoint subnet, and the peers on the other side. `requires` and `evaluate`
// read through the same functions; reads stop at the first fact that is missing, as the checks do.
import type { PathContext } from '../../path/context.js';
import type { ProbeOutcome, ProbeRequest } from '../../probes/contract.js';
import type { NetworkAcl } from '../../probes/shapes.js';
import { naclFixRequests } from '../net/nacl-fixes.js';
import {
  endpointEnis,
  pathDestination,
  pathRequests,
  pathSource,
  sentTo,
  servicePrefixList,
  sourceLabel,
  type EndpointEni,
  type Facts,
  type PathDestination,
  type PathSource,
} from '../network-path/path.js';
import type { NetworkAclId, PrefixListId, SubnetId, VpcEndpointId } from '../../probes/ids.js';

export type Unread = { kind: 'unknown'; what: string; outcome: ProbeOutcome<unknown> | undefined };

const unread = (f: Extract<Facts<unknown>, { ok: false }>): Unread => ({
  kind: 'unknown',
  what: f.what,
  outcome: f.outcome,
});

export type SourceAclFacts =
  | Unread
  /** The source has no IPv4 address: no IPv4 packet goes to the gateway's IPv4 prefix list. */
  | { kind: 'other-family'; subnetId: SubnetId; how: string; prefixListName: string }
  | {
      kind: 'read';
      subnetId: SubnetId;
      sourceLabel: string;
      acl: NetworkAcl;
      /** Addresses or CIDRs across the subnet boundary. */
      peers: string[];
      /** Endpoint addresses inside the source's own subnet: no ACL sits on that path. */
      sameSubnet: string[];
      peerWhat: string;
      /** The gateway's service prefix list, whose CIDRs each need an entry. */
      gatewayPl: PrefixListId | undefined;
    };

export type EndpointAclFacts =
  | Unread
  | { kind: 'all-in-source-subnet'; endpointId: VpcEndpointId }
  | {
      kind: 'read';
      endpointId: VpcEndpointId;
      src: PathSource;
      /** The source's address (or its subnet's CIDR) the endpoint subnets' ACLs must admit. */
      address: string;
      /** The endpoint's interfaces outside the source's subnet. */
      enis: EndpointEni[];
      /** Some interface shares the source's subnet. */
      sharesSourceSubnet: boolean;
      acls: Map<NetworkAclId, NetworkAcl>;
      aclBySubnet: Map<SubnetId, NetworkAcl>;
    };

export function aclOf(ctx: PathContext, subnetId: SubnetId): Facts<NetworkAcl> {
  const what = `the network ACL of ${subnetId}`;
  const outcome = ctx.probe('ec2.subnet-network-acl', { subnetId });
  if (outcome?.status !== 'ok') return { ok: false, outcome, what };
  if (outcome.value === null)
    return { ok: false, outcome: { status: 'error', message: `no network ACL is associated with ${subnetId}` }, what };
  return { ok: true, value: outcome.value };
}

export function sourceAclFacts(
  ctx: PathContext,
  src: Extract<PathSource, { kind: 'inside' }>,
  dst: PathDestination,
): SourceAclFacts {
  if (dst.kind === 'gateway' && dst.noIpv4 !== undefined)
    return { kind: 'other-family', subnetId: src.subnetId, how: dst.noIpv4, prefixListName: dst.prefixListName };
  const acl = aclOf(ctx, src.subnetId);
  if (!acl.ok) return unread(acl);
  const base = { kind: 'read', subnetId: src.subnetId, sourceLabel: sourceLabel(src), acl: acl.value } as const;
  if (dst.kind === 'gateway') {
    const pl = servicePrefixList(ctx, dst.prefixListName);
    if (!pl.ok) return unread(pl);
    return {
      ...base,
      peers: pl.value.Entries.map((e) => e.Cidr),
      sameSubnet: [],
      peerWhat: `the ${pl.value.PrefixListId} CIDRs`,
      gatewayPl: pl.value.PrefixListId,
    };
  }
  const enis = endpointEnis(ctx, dst.endpoint);
  if (!enis.ok) return unread(enis);
  if (src.nat64 !== undefined) {
    // NAT64: every packet leaves for the NAT gateway, addressed to the endpoint's 64:ff9b::/96 forms.
    const sent = enis.value.enis.map((e) => sentTo(src, e.address));
    const crosses = src.nat64.subnetId !== src.subnetId;
    return {
      ...base,
      peers: crosses ? sent : [],
      sameSubnet: crosses ? [] : sent,
      peerWhat: `${src.nat64.natGatewayId}, which translates the flow to ${dst.endpoint.VpcEndpointId} (NAT64)`,
      gatewayPl: undefined,
    };
  }
  // VPC user guide "Network ACLs": ACLs filter traffic entering and leaving a subnet, not within it.
  return {
    ...base,
    peers: enis.value.enis.filter((e) => e.subnetId !== src.subnetId).map((e) => e.address),
    sameSubnet: enis.value.enis.filter((e) => e.subnetId === src.subnetId).map((e) => e.address),
    peerWhat: `the network interfaces of ${dst.endpoint.VpcEndpointId}`,
    gatewayPl: undefined,
  };
}

export function endpointAclFacts(
  ctx: PathContext,
  src: PathSource,
  dst: Extract<PathDestination, { kind: 'interface' }>,
): EndpointAclFacts {
  const endpointId = dst.endpoint.VpcEndpointId;
  const all = endpointEnis(ctx, dst.endpoint);
  if (!all.ok) return unread(all);
  // The subnet the endpoint's packets come from: the NAT gateway's through NAT64.
  const from = src.kind === 'inside' ? (src.nat64 !== undefined ? src.nat64.subnetId : src.subnetId) : undefined;
  const enis = all.value.enis.filter((e) => !(from !== undefined && e.subnetId === from));
  if (enis.length === 0) return { kind: 'all-in-source-subnet', endpointId };
  if (src.address === undefined) {
    const outcome = src.kind === 'inside' ? ctx.probe('ec2.subnets', { vpcId: src.source.VpcId }) : undefined;
    return { kind: 'unknown', what: `the address range of ${sourceLabel(src)}`, outcome };
  }
  const acls = new Map<NetworkAclId, NetworkAcl>();
  const aclBySubnet = new Map<SubnetId, NetworkAcl>();
  for (const subnetId of [...new Set(enis.map((e) => e.subnetId))]) {
    const acl = aclOf(ctx, subnetId);
    if (!acl.ok) return unread(acl);
    acls.set(acl.value.NetworkAclId, acl.value);
    aclBySubnet.set(subnetId, acl.value);
  }
  return {
    kind: 'read',
    endpointId,
    src,
    address: src.address,
    enis,
    sharesSourceSubnet: enis.length < all.value.enis.length && src.kind === 'inside',
    acls,
    aclBySubnet,
  };
}

/** The NAT gateway subnet's ACL, read only on a NAT64 path (./nat64.ts judges it). */
function nat64AclRequests(src: PathSource | undefined): ProbeRequest[] {
  const subnetId = src?.kind === 'inside' ? src.nat64?.subnetId : undefined;
  return subnetId !== undefined ? [{ key: 'ec2.subnet-network-acl', input: { subnetId: subnetId as SubnetId } }] : [];
}

/** The calls the network-ACL checks need next: the ACL of the source subnet and of every endpoint subnet. */
export function naclRequests(ctx: PathContext): ProbeRequest[] {
  const src = pathSource(ctx);
  const dst = pathDestination(ctx);
  if (src === undefined || dst === undefined) return [];
  const out: ProbeRequest[] = [...pathRequests(ctx)];
  if (src.kind === 'inside') out.push({ key: 'ec2.subnet-network-acl', input: { subnetId: src.subnetId } });
  if (dst.kind === 'interface') {
    const enis = endpointEnis(ctx, dst.endpoint);
    if (enis.ok) {
      for (const subnetId of [...new Set(enis.value.enis.map((e) => e.subnetId))])
        out.push({ key: 'ec2.subnet-network-acl', input: { subnetId } });
    }
  }
  out.push(...nat64AclRequests(src));
  out.push(...naclFixRequests(ctx));
  return out;
}
