// One run's VPC-wide reads: all route tables, network ACLs and endpoints of a VPC, each read
// once with a vpc-id filter and shared by every probe that needs part of it. The subnet route
// table, a subnet's ACL and the endpoints for one service then cost one call per VPC however
// many subnets or services the walk asks about, and the count does not grow with the account
// (every call is filtered server-side by the VPC). Also remembers which VPC each subnet seen so
// far belongs to, so a subnet's ACL can come from its VPC's list.
import type { RouteTable as SdkRouteTable, NetworkAcl as SdkNetworkAcl, VpcEndpoint } from '@aws-sdk/client-ec2';
import { allPages, filter, type AwsClients } from './clients.js';
import { call } from './errors.js';

export class VpcScope {
  private readonly routeTablesOf = new Map<string, Promise<SdkRouteTable[]>>();
  private readonly aclsOf = new Map<string, Promise<SdkNetworkAcl[]>>();
  private readonly endpointsOf = new Map<string, Promise<VpcEndpoint[]>>();
  private readonly subnetVpc = new Map<string, string>();

  constructor(private readonly clients: AwsClients) {}

  /** DescribeRouteTables filtered by vpc-id, once per VPC in a run. */
  routeTables(vpcId: string): Promise<SdkRouteTable[]> {
    let p = this.routeTablesOf.get(vpcId);
    if (p === undefined) {
      p = this.clients.getEc2().then(({ client, sdk }) =>
        allPages(async (NextToken) => {
          const out = await call('ec2:DescribeRouteTables', () =>
            client.send(new sdk.DescribeRouteTablesCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
          );
          return { items: out.RouteTables ?? [], next: out.NextToken };
        }),
      );
      this.routeTablesOf.set(vpcId, p);
    }
    return p;
  }

  /** DescribeNetworkAcls filtered by vpc-id, once per VPC in a run. */
  networkAcls(vpcId: string): Promise<SdkNetworkAcl[]> {
    let p = this.aclsOf.get(vpcId);
    if (p === undefined) {
      p = this.clients.getEc2().then(({ client, sdk }) =>
        allPages(async (NextToken) => {
          const out = await call('ec2:DescribeNetworkAcls', () =>
            client.send(new sdk.DescribeNetworkAclsCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
          );
          return { items: out.NetworkAcls ?? [], next: out.NextToken };
        }),
      );
      this.aclsOf.set(vpcId, p);
    }
    return p;
  }

  /** DescribeVpcEndpoints filtered by vpc-id, once per VPC in a run. */
  endpoints(vpcId: string): Promise<VpcEndpoint[]> {
    let p = this.endpointsOf.get(vpcId);
    if (p === undefined) {
      p = this.clients.getEc2().then(({ client, sdk }) =>
        allPages(async (NextToken) => {
          const out = await call('ec2:DescribeVpcEndpoints', () =>
            client.send(new sdk.DescribeVpcEndpointsCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
          );
          return { items: out.VpcEndpoints ?? [], next: out.NextToken };
        }),
      );
      this.endpointsOf.set(vpcId, p);
    }
    return p;
  }

  /** A subnet's VPC, as a described source, interface or subnet said. */
  vpcOfSubnet(subnetId: string): string | undefined {
    return this.subnetVpc.get(subnetId);
  }

  learnSubnet(subnetId: unknown, vpcId: unknown): void {
    if (typeof subnetId === 'string' && typeof vpcId === 'string' && subnetId !== '' && vpcId !== '')
      this.subnetVpc.set(subnetId, vpcId);
  }

  /** Learns subnet → VPC from a probe's result: the source, interfaces, subnets. */
  learnFrom(key: string, value: unknown): void {
    const items = Array.isArray(value) ? (value as unknown[]) : [value];
    if (key !== 'ec2.source' && key !== 'ec2.network-interfaces' && key !== 'ec2.subnets') return;
    for (const item of items) {
      if (item === null || typeof item !== 'object') continue;
      const o = item as { SubnetId?: unknown; VpcId?: unknown };
      this.learnSubnet(o.SubnetId, o.VpcId);
    }
  }
}
