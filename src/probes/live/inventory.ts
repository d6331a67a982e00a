// Live pick lists for the wizard: paged, read-only list calls, cut at LIST_LIMIT items.
import { allPages, filter, plain, type AwsClients, type LiveHandlers } from './clients.js';
import { call } from './errors.js';
import { getEcs, getLambda } from './whois-clients.js';
import { ECS_CLUSTER_LIMIT, LIST_LIMIT, type INVENTORY_PROBES } from '../specs/inventory.js';

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
    'ecs.tasks-list': async () => {
      const { client, sdk } = await getEcs(clients);
      const clusters = await upTo(ECS_CLUSTER_LIMIT, async (nextToken) => {
        const out = await call('ecs:ListClusters', () => client.send(new sdk.ListClustersCommand({ nextToken })));
        return { items: out.clusterArns ?? [], next: out.nextToken };
      });
      const perCluster = await Promise.all(
        clusters.map(async (cluster) => {
          const arns = await upTo(LIST_LIMIT, async (nextToken) => {
            const out = await call('ecs:ListTasks', () =>
              client.send(new sdk.ListTasksCommand({ cluster, desiredStatus: 'RUNNING', nextToken })),
            );
            return { items: out.taskArns ?? [], next: out.nextToken };
          });
          // DescribeTasks takes at most 100 tasks a call
          // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html).
          const described = [];
          for (let i = 0; i < arns.length; i += 100) {
            const out = await call('ecs:DescribeTasks', () =>
              client.send(new sdk.DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) })),
            );
            described.push(
              ...(out.tasks ?? []).map((t) =>
                plain({
                  taskArn: t.taskArn,
                  clusterArn: t.clusterArn,
                  group: t.group,
                  lastStatus: t.lastStatus,
                  launchType: t.launchType,
                  attachments: (t.attachments ?? []).map((a) => ({ type: a.type, details: a.details ?? [] })),
                }),
              ),
            );
          }
          return described;
        }),
      );
      return perCluster.flat().slice(0, LIST_LIMIT);
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
