// One run's VPC-wide reads: all route tables, network ACLs and endpoints of a VPC, each read
// once with a vpc-id filter and shared by every probe that needs part of it. The subnet route
// table, a subnet's ACL and the endpoints for one service then cost one call per VPC however
// many subnets or services the walk asks about, and the count does not grow with the account
// (every call is filtered server-side by the VPC). The scope also remembers which VPC each
// subnet seen so far belongs to, so a subnet's ACL can come from its VPC's list.
// The vpc-id filter of each call: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html,
// .../API_DescribeNetworkAcls.html, .../API_DescribeVpcEndpoints.html (Filter.N); each pages with NextToken.
import type { RouteTable as SdkRouteTable, NetworkAcl as SdkNetworkAcl, VpcEndpoint } from '@aws-sdk/client-ec2';
import { allPages, filter, type AwsClients } from './clients.js';
import { call } from './errors.js';

export class VpcScope {
  private readonly reads = new Map<string, Promise<unknown>>();
  private readonly subnetVpc = new Map<string, string>();

  constructor(readonly clients: AwsClients) {}

  /** A new run: every VPC-wide read is made again. */
  forget(): void {
    this.reads.clear();
    this.subnetVpc.clear();
  }

  /** `read` once per `key` in this run; every later caller shares its answer (or its failure). */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.reads.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = read();
      this.reads.set(key, p);
    }
    return p;
  }

  /** A subnet's VPC, as a described source, interface or subnet said. */
  vpcOfSubnet(subnetId: string): string | undefined {
    return this.subnetVpc.get(subnetId);
  }

  /** Learns subnet → VPC from a probe's result: the source, interfaces, subnets. */
  learnFrom(key: string, value: unknown): void {
    if (key !== 'ec2.source' && key !== 'ec2.network-interfaces' && key !== 'ec2.subnets') return;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item === null || typeof item !== 'object') continue;
      const { SubnetId, VpcId } = item as { SubnetId?: unknown; VpcId?: unknown };
      if (typeof SubnetId === 'string' && typeof VpcId === 'string' && SubnetId !== '' && VpcId !== '')
        this.subnetVpc.set(SubnetId, VpcId);
    }
  }
}

/** DescribeRouteTables filtered by vpc-id, once per VPC in a run. */
export function vpcRouteTables(scope: VpcScope, vpcId: string): Promise<SdkRouteTable[]> {
  return scope.once(`route-tables ${vpcId}`, async () => {
    const { client, sdk } = await scope.clients.getEc2();
    return allPages(async (NextToken) => {
      const out = await call('ec2:DescribeRouteTables', () =>
        client.send(new sdk.DescribeRouteTablesCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
      );
      return { items: out.RouteTables ?? [], next: out.NextToken };
    });
  });
}

/** DescribeNetworkAcls filtered by vpc-id, once per VPC in a run. */
export function vpcNetworkAcls(scope: VpcScope, vpcId: string): Promise<SdkNetworkAcl[]> {
  return scope.once(`network-acls ${vpcId}`, async () => {
    const { client, sdk } = await scope.clients.getEc2();
    return allPages(async (NextToken) => {
      const out = await call('ec2:DescribeNetworkAcls', () =>
        client.send(new sdk.DescribeNetworkAclsCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
      );
      return { items: out.NetworkAcls ?? [], next: out.NextToken };
    });
  });
}

/** DescribeVpcEndpoints filtered by vpc-id, once per VPC in a run. */
export function vpcEndpoints(scope: VpcScope, vpcId: string): Promise<VpcEndpoint[]> {
  return scope.once(`endpoints ${vpcId}`, async () => {
    const { client, sdk } = await scope.clients.getEc2();
    return allPages(async (NextToken) => {
      const out = await call('ec2:DescribeVpcEndpoints', () =>
        client.send(new sdk.DescribeVpcEndpointsCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
      );
      return { items: out.VpcEndpoints ?? [], next: out.NextToken };
    });
  });
}
