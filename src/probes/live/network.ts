// Live probes of the network path: read-only EC2 calls, each filtered server-side.
import { allPages, filter, plain, type AwsClients, type LiveHandlers } from './clients.js';
import { call, DeniedError, isNotFound } from './errors.js';
import type { NETWORK_PROBES } from '../specs/network.js';
import { vpcNetworkAcls, type VpcScope } from './vpc-scope.js';

type Ec2 = Awaited<ReturnType<AwsClients['getEc2']>>;

/** Every entry of a prefix list (GetManagedPrefixListEntries pages; it also reads AWS-managed lists). */
async function prefixListEntries(
  { client, sdk }: Ec2,
  prefixListId: string,
): Promise<{ Cidr?: string; Description?: string }[]> {
  return allPages(async (NextToken) => {
    const out = await call('ec2:GetManagedPrefixListEntries', () =>
      client.send(new sdk.GetManagedPrefixListEntriesCommand({ PrefixListId: prefixListId, NextToken })),
    );
    return { items: out.Entries ?? [], next: out.NextToken };
  });
}

export function networkHandlers(clients: AwsClients, scope: VpcScope): LiveHandlers<keyof typeof NETWORK_PROBES> {
  return {
    'ec2.service-prefix-list': async ({ prefixListName }) => {
      const ec2 = await clients.getEc2();
      const { client, sdk } = ec2;
      const out = await call('ec2:DescribePrefixLists', () =>
        client.send(new sdk.DescribePrefixListsCommand({ Filters: [filter('prefix-list-name', prefixListName)] })),
      );
      const pl = (out.PrefixLists ?? []).find((p) => p.PrefixListName === prefixListName);
      if (pl?.PrefixListId === undefined) return null;
      let entries: { Cidr?: string; Description?: string }[];
      try {
        entries = await prefixListEntries(ec2, pl.PrefixListId);
      } catch (err) {
        // DescribePrefixLists already names the CIDRs of AWS-managed lists on real AWS: enough
        // when the caller may not read the entries (the emulator leaves Cidrs out).
        if (!(err instanceof DeniedError) || (pl.Cidrs ?? []).length === 0) throw err;
        entries = (pl.Cidrs ?? []).map((Cidr) => ({ Cidr }));
      }
      return plain({ PrefixListId: pl.PrefixListId, PrefixListName: pl.PrefixListName, Entries: entries });
    },
    'ec2.managed-prefix-list': async ({ prefixListId }) => {
      const ec2 = await clients.getEc2();
      const { client, sdk } = ec2;
      try {
        // The list and its entries are both read by id: ask for them together, not one after the other.
        const [out, entries] = await Promise.all([
          call('ec2:DescribeManagedPrefixLists', () =>
            client.send(new sdk.DescribeManagedPrefixListsCommand({ PrefixListIds: [prefixListId] })),
          ),
          prefixListEntries(ec2, prefixListId).catch((err: unknown) => err),
        ]);
        const pl = out.PrefixLists?.[0];
        if (pl === undefined) return null;
        if (!Array.isArray(entries)) throw entries;
        return plain({
          PrefixListId: pl.PrefixListId,
          PrefixListName: pl.PrefixListName,
          AddressFamily: pl.AddressFamily,
          Entries: entries,
        });
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    'ec2.security-groups': async ({ groupIds }) => {
      if (groupIds.length === 0) return [];
      const { client, sdk } = await clients.getEc2();
      // A group-id filter (not GroupIds) so one deleted group does not fail the whole call.
      return allPages(async (NextToken) => {
        const out = await call('ec2:DescribeSecurityGroups', () =>
          client.send(new sdk.DescribeSecurityGroupsCommand({ Filters: [filter('group-id', ...groupIds)], NextToken })),
        );
        return { items: (out.SecurityGroups ?? []).map(plain), next: out.NextToken };
      });
    },
    'ec2.subnet-network-acl': async ({ subnetId }) => {
      // VPC user guide "Network ACLs": each subnet is associated with exactly one network ACL.
      // A subnet whose VPC is known reads it from all of that VPC's ACLs (one call per VPC).
      const vpcId = scope.vpcOfSubnet(subnetId);
      if (vpcId !== undefined) {
        const acl = (await vpcNetworkAcls(scope, vpcId)).find((a) =>
          (a.Associations ?? []).some((s) => s.SubnetId === subnetId),
        );
        if (acl !== undefined) return plain(acl);
      }
      const { client, sdk } = await clients.getEc2();
      const out = await call('ec2:DescribeNetworkAcls', () =>
        client.send(new sdk.DescribeNetworkAclsCommand({ Filters: [filter('association.subnet-id', subnetId)] })),
      );
      const acl = out.NetworkAcls?.[0];
      return acl === undefined ? null : plain(acl);
    },
  };
}
