// Live pick lists for the wizard: paged, read-only list calls, cut at LIST_LIMIT items.
import { allPages, filter, plain, type AwsClients, type LiveHandlers } from './clients.js';
import { call } from './errors.js';
import { getLambda } from './whois-clients.js';
import { LIST_LIMIT, type INVENTORY_PROBES } from '../specs/inventory.js';

/** allPages, stopping once `limit` items are in. */
async function upTo<T>(
  limit: number,
  page: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  await allPages(async (token) => {
    const r = await page(token);
    out.push(...r.items);
    return { items: [], next: out.length >= limit ? undefined : r.next };
  });
  return out.slice(0, limit);
}

export function inventoryHandlers(clients: AwsClients): LiveHandlers<keyof typeof INVENTORY_PROBES> {
  return {
    'ec2.instances-list': async () => {
      const { client, sdk } = await clients.getEc2();
      return upTo(LIST_LIMIT, async (NextToken) => {
        const out = await call('ec2:DescribeInstances', () =>
          client.send(
            new sdk.DescribeInstancesCommand({
              Filters: [filter('instance-state-name', 'pending', 'running', 'stopping', 'stopped')],
              NextToken,
            }),
          ),
        );
        return { items: (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map(plain), next: out.NextToken };
      });
    },
    'ec2.interfaces-list': async () => {
      const { client, sdk } = await clients.getEc2();
      return upTo(LIST_LIMIT, async (NextToken) => {
        const out = await call('ec2:DescribeNetworkInterfaces', () =>
          client.send(new sdk.DescribeNetworkInterfacesCommand({ NextToken })),
        );
        return { items: (out.NetworkInterfaces ?? []).map(plain), next: out.NextToken };
      });
    },
    'ec2.subnets-list': async () => {
      const { client, sdk } = await clients.getEc2();
      return upTo(LIST_LIMIT, async (NextToken) => {
        const out = await call('ec2:DescribeSubnets', () => client.send(new sdk.DescribeSubnetsCommand({ NextToken })));
        return { items: (out.Subnets ?? []).map(plain), next: out.NextToken };
      });
    },
    'ec2.vpcs-list': async () => {
      const { client, sdk } = await clients.getEc2();
      return upTo(LIST_LIMIT, async (NextToken) => {
        const out = await call('ec2:DescribeVpcs', () => client.send(new sdk.DescribeVpcsCommand({ NextToken })));
        return { items: (out.Vpcs ?? []).map(plain), next: out.NextToken };
      });
    },
    'lambda.functions-list': async () => {
      const { client, sdk } = await getLambda(clients);
      return upTo(LIST_LIMIT, async (Marker) => {
        const out = await call('lambda:ListFunctions', () => client.send(new sdk.ListFunctionsCommand({ Marker })));
        const items = (out.Functions ?? []).map((f) =>
          plain({
            FunctionName: f.FunctionName,
            FunctionArn: f.FunctionArn,
            State: f.State,
            Runtime: f.Runtime,
            VpcConfig: f.VpcConfig,
          }),
        );
        return { items, next: out.NextMarker };
      });
    },
    'ec2.endpoint-services-list': async () => {
      const { client, sdk } = await clients.getEc2();
      return upTo(5000, async (NextToken) => {
        const out = await call('ec2:DescribeVpcEndpointServices', () =>
          client.send(new sdk.DescribeVpcEndpointServicesCommand({ NextToken })),
        );
        return { items: out.ServiceNames ?? [], next: out.NextToken };
      });
    },
  };
}
