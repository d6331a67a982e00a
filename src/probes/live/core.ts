// Live probes of the spine: caller identity, the source, the VPC, its endpoints for a
// service, the source subnet's effective route table, the VPC's subnets.
import { allPages, filter, plain, type AwsClients, type LiveHandlers } from './clients.js';
import { call, isNotFound } from './errors.js';
import { effectiveRouteTable } from '../effective-route-table.js';
import type { CORE_PROBES } from '../specs/core.js';
import { vpcEndpoints, vpcRouteTables, type VpcScope } from './vpc-scope.js';

export function coreHandlers(clients: AwsClients, scope: VpcScope): LiveHandlers<keyof typeof CORE_PROBES> {
  return {
    'sts.caller-identity': async () => {
      const { client, sdk } = await clients.getSts();
      const out = await call('sts:GetCallerIdentity', () => client.send(new sdk.GetCallerIdentityCommand({})));
      return { Account: out.Account, Arn: out.Arn, UserId: out.UserId };
    },
    'ec2.source': async ({ kind, id }) => {
      const { client, sdk } = await clients.getEc2();
      try {
        if (kind === 'instance') {
          const out = await call('ec2:DescribeInstances', () =>
            client.send(new sdk.DescribeInstancesCommand({ InstanceIds: [id] })),
          );
          const inst = out.Reservations?.[0]?.Instances?.[0];
          if (inst === undefined) return null;
          const source = {
            Kind: 'instance',
            Id: id,
            SubnetId: inst.SubnetId,
            VpcId: inst.VpcId,
            AvailabilityZone: inst.Placement?.AvailabilityZone,
            PrivateIpAddress: inst.PrivateIpAddress,
            Ipv6Addresses: (inst.NetworkInterfaces ?? [])
              .flatMap((n) => (n.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? ''))
              .filter(Boolean),
            Groups: (inst.SecurityGroups ?? []).map((g) => ({ GroupId: g.GroupId ?? '', GroupName: g.GroupName })),
            NetworkInterfaceIds: (inst.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId ?? '').filter(Boolean),
            Tags: inst.Tags ?? [],
          };
          return plain(source);
        }
        if (kind === 'eni') {
          const out = await call('ec2:DescribeNetworkInterfaces', () =>
            client.send(new sdk.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] })),
          );
          const eni = out.NetworkInterfaces?.[0];
          if (eni === undefined) return null;
          return plain({
            Kind: 'eni',
            Id: id,
            SubnetId: eni.SubnetId,
            VpcId: eni.VpcId,
            AvailabilityZone: eni.AvailabilityZone,
            PrivateIpAddress: eni.PrivateIpAddress,
            Ipv6Addresses: (eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? '').filter(Boolean),
            Groups: (eni.Groups ?? []).map((g) => ({ GroupId: g.GroupId ?? '', GroupName: g.GroupName })),
            NetworkInterfaceIds: [id],
            Tags: eni.TagSet ?? [],
          });
        }
        const out = await call('ec2:DescribeSubnets', () =>
          client.send(new sdk.DescribeSubnetsCommand({ SubnetIds: [id] })),
        );
        const subnet = out.Subnets?.[0];
        if (subnet === undefined) return null;
        return plain({
          Kind: 'subnet',
          Id: id,
          SubnetId: id,
          VpcId: subnet.VpcId,
          AvailabilityZone: subnet.AvailabilityZone,
          Groups: [],
          NetworkInterfaceIds: [],
          Tags: subnet.Tags ?? [],
        });
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    'ec2.vpc': async ({ vpcId }) => {
      const { client, sdk } = await clients.getEc2();
      try {
        const out = await call('ec2:DescribeVpcs', () => client.send(new sdk.DescribeVpcsCommand({ VpcIds: [vpcId] })));
        return out.Vpcs?.[0] === undefined ? null : plain(out.Vpcs[0]);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    // All of the VPC's endpoints in one call, then this service's: a companion service (ecr.dkr
    // beside ecr.api) costs no further call.
    'ec2.vpc-endpoints': async ({ vpcId, serviceName }) =>
      (await vpcEndpoints(scope, vpcId)).filter((e) => e.ServiceName === serviceName).map(plain),
    'ec2.vpc-endpoint': async ({ vpcEndpointId }) => {
      const { client, sdk } = await clients.getEc2();
      try {
        const out = await call('ec2:DescribeVpcEndpoints', () =>
          client.send(new sdk.DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] })),
        );
        return out.VpcEndpoints?.[0] === undefined ? null : plain(out.VpcEndpoints[0]);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    'ec2.route-table': async ({ subnetId, vpcId }) => {
      // VPC user guide, "Subnet route tables": a subnet without an explicit association uses the
      // main table. All of the VPC's tables come in one call (shared by every subnet asked about).
      const chosen = effectiveRouteTable({ subnetId, vpcId }, await vpcRouteTables(scope, vpcId));
      return chosen === null ? null : { ...chosen, RouteTable: plain(chosen.RouteTable) };
    },
    'ec2.network-interfaces': async ({ networkInterfaceIds }) => {
      if (networkInterfaceIds.length === 0) return [];
      const { client, sdk } = await clients.getEc2();
      return allPages(async (NextToken) => {
        const out = await call('ec2:DescribeNetworkInterfaces', () =>
          client.send(
            new sdk.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: networkInterfaceIds, NextToken }),
          ),
        );
        return { items: (out.NetworkInterfaces ?? []).map(plain), next: out.NextToken };
      });
    },
    'ec2.subnets': async ({ vpcId }) => {
      const { client, sdk } = await clients.getEc2();
      return allPages(async (NextToken) => {
        const out = await call('ec2:DescribeSubnets', () =>
          client.send(new sdk.DescribeSubnetsCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
        );
        return { items: (out.Subnets ?? []).map(plain), next: out.NextToken };
      });
    },
  };
}
