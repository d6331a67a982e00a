// What the routing checks read, and the probe calls that read it: the source subnet's route
// table, the service prefix list, the customer prefix lists other routes name, the endpoint's
// interfaces. `requires` and `evaluate` read through the same functions.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeOutcome, ProbeRequest } from '../../probes/contract.js';
import type { EffectiveRouteTable, ManagedPrefixList, RouteTable, VpcEndpoint } from '../../probes/shapes.js';
import {
  endpointEnis,
  pathDestination,
  pathRequests,
  pathSource,
  sentTo,
  servicePrefixList,
  type EndpointEni,
} from '../network-path/path.js';
import type { PrefixListId, SubnetId, VpcEndpointId, VpcId } from '../../probes/ids.js';

export type Unread = { kind: 'unknown'; what: string; outcome: ProbeOutcome<unknown> | undefined };
/** Nothing for this check to judge (another module's case). */
export type NotJudged = { kind: 'none' };

/** The route table and the prefix lists its routes name, for the service's prefix list. */
export interface PrefixListRouting {
  table: EffectiveRouteTable;
  pl: ManagedPrefixList;
  lists: Map<PrefixListId, string[]>;
  /** Prefix lists other routes name that could not be read: not weighed. */
  unresolved: PrefixListId[];
}

export type GatewayRouteFacts = NotJudged | Unread | ({ kind: 'read'; endpoint: VpcEndpoint } & PrefixListRouting);
export type NoEndpointRouteFacts =
  NotJudged | Unread | ({ kind: 'read'; serviceName: string; vpcId: VpcId | undefined } & PrefixListRouting);
export type InterfaceRouteFacts =
  | NotJudged
  | Unread
  | {
      kind: 'read';
      table: EffectiveRouteTable;
      endpointId: VpcEndpointId;
      /** The addresses the source sends to: the 64:ff9b::/96 forms through NAT64. */
      enis: EndpointEni[];
      /** The NAT gateway that translates the flow (NAT64): its route is the way, not a middlebox. */
      nat64?: string;
    };

/** The route table of the source's subnet, for a source inside the VPC. */
function sourceTableInput(ctx: PathContext): { subnetId: SubnetId; vpcId: VpcId } | undefined {
  if (!ctx.inside || ctx.source === undefined || ctx.vpcId === undefined) return undefined;
  return { subnetId: ctx.source.SubnetId, vpcId: ctx.vpcId };
}

/** Traffic for the service goes by the route table (no endpoint takes it by DNS): gateway-capable service, no endpoint in the VPC. */
export function noEndpointGatewayService(ctx: PathContext): boolean {
  return (
    ctx.inside && ctx.service?.gatewayCapable === true && ctx.endpoint === undefined && ctx.candidates !== undefined
  );
}

/** Customer prefix lists other routes of the table name: they can carry part of the service's CIDRs too. */
function otherPrefixListIds(table: RouteTable, servicePl: PrefixListId | undefined): PrefixListId[] {
  const ids = table.Routes.map((r) => r.DestinationPrefixListId).filter(
    (id): id is PrefixListId => id !== undefined && id !== servicePl,
  );
  return [...new Set(ids)].sort();
}

function otherPrefixLists(
  ctx: PathContext,
  ids: readonly PrefixListId[],
): { lists: Map<PrefixListId, string[]>; unresolved: PrefixListId[] } {
  const lists = new Map<PrefixListId, string[]>();
  const unresolved: PrefixListId[] = [];
  for (const id of ids) {
    const pl = okValue(ctx.probe('ec2.managed-prefix-list', { prefixListId: id }));
    if (pl == null) unresolved.push(id);
    else
      lists.set(
        id,
        pl.Entries.map((e) => e.Cidr),
      );
  }
  return { lists, unresolved };
}

/** The service prefix list and the other lists the table names; unknown when the service list cannot be read. */
function prefixListRouting(
  ctx: PathContext,
  table: EffectiveRouteTable,
  prefixListName: string,
): Unread | PrefixListRouting {
  const pl = servicePrefixList(ctx, prefixListName);
  if (!pl.ok) return { kind: 'unknown', what: pl.what, outcome: pl.outcome };
  const others = otherPrefixLists(ctx, otherPrefixListIds(table.RouteTable, pl.value.PrefixListId));
  return { table, pl: pl.value, ...others };
}

export function gatewayRouteFacts(ctx: PathContext, endpoint: VpcEndpoint, prefixListName: string): GatewayRouteFacts {
  // A source without an IPv4 address sends nothing to the IPv4 prefix list: its IPv6 route is family.gateway-ipv6's.
  const dst = pathDestination(ctx);
  if (dst?.kind === 'gateway' && dst.noIpv4 !== undefined) return { kind: 'none' };
  const input = sourceTableInput(ctx);
  if (input === undefined) return { kind: 'none' };
  const outcome = ctx.probe('ec2.route-table', input);
  // A missing table is the gateway module's error; only a failed probe is ours to name.
  if (outcome?.status !== 'ok') return { kind: 'unknown', what: `the route table of ${input.subnetId}`, outcome };
  if (outcome.value === null) return { kind: 'none' };
  const routing = prefixListRouting(ctx, outcome.value, prefixListName);
  return 'kind' in routing ? routing : { kind: 'read', endpoint, ...routing };
}

export function noEndpointRouteFacts(ctx: PathContext): NoEndpointRouteFacts {
  const input = sourceTableInput(ctx);
  const service = ctx.service;
  if (input === undefined || service === undefined) return { kind: 'none' };
  const table = okValue(ctx.probe('ec2.route-table', input));
  if (table == null) return { kind: 'none' };
  const routing = prefixListRouting(ctx, table, service.serviceName);
  return 'kind' in routing ? routing : { kind: 'read', serviceName: service.serviceName, vpcId: ctx.vpcId, ...routing };
}

export function interfaceRouteFacts(ctx: PathContext, endpoint: VpcEndpoint): InterfaceRouteFacts {
  const input = sourceTableInput(ctx);
  if (input === undefined) return { kind: 'none' };
  const outcome = ctx.probe('ec2.route-table', input);
  if (outcome?.status !== 'ok') return { kind: 'unknown', what: `the route table of ${input.subnetId}`, outcome };
  if (outcome.value === null) return { kind: 'none' };
  const enis = endpointEnis(ctx, endpoint);
  if (!enis.ok) return { kind: 'unknown', what: enis.what, outcome: enis.outcome };
  const src = pathSource(ctx);
  const nat64 = src?.kind === 'inside' ? src.nat64?.natGatewayId : undefined;
  const sent =
    src === undefined ? enis.value.enis : enis.value.enis.map((e) => ({ ...e, address: sentTo(src, e.address) }));
  return {
    kind: 'read',
    table: outcome.value,
    endpointId: endpoint.VpcEndpointId,
    enis: sent,
    ...(nat64 !== undefined ? { nat64 } : {}),
  };
}

/** The calls the routing checks need next, from what the path has read so far. */
export function routingRequests(ctx: PathContext): ProbeRequest[] {
  const out: ProbeRequest[] = [];
  const input = sourceTableInput(ctx);
  if (input === undefined) return out;
  const dst = pathDestination(ctx);
  const gatewayPath = dst?.kind === 'gateway';
  const noEndpoint = noEndpointGatewayService(ctx);
  if (!gatewayPath && !noEndpoint && dst?.kind !== 'interface') return out;
  out.push({ key: 'ec2.route-table', input }, ...pathRequests(ctx));
  if (noEndpoint && ctx.service !== undefined)
    out.push({ key: 'ec2.service-prefix-list', input: { prefixListName: ctx.service.serviceName } });
  if (gatewayPath || noEndpoint) {
    const t = okValue(ctx.probe('ec2.route-table', input));
    const name = dst?.kind === 'gateway' ? dst.prefixListName : ctx.service?.serviceName;
    const pl = name !== undefined ? okValue(ctx.probe('ec2.service-prefix-list', { prefixListName: name })) : undefined;
    if (t != null && pl !== undefined) {
      for (const id of otherPrefixListIds(t.RouteTable, pl?.PrefixListId))
        out.push({ key: 'ec2.managed-prefix-list', input: { prefixListId: id } });
    }
  }
  return out;
}
