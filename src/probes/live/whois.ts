// Live probes of `whois`: read-only, filtered calls that find an interface and read its owner.
import { allPages, filter, plain, type AwsClients, type LiveHandlers } from './clients.js';
import { call, errorCode, isNotFound } from './errors.js';
import { getElbv2, getLambda } from './whois-clients.js';
import type { WHOIS_PROBES } from '../specs/whois.js';

// ELBv2 (LoadBalancerNotFound), Lambda (ResourceNotFoundException) and EC2 (NatGatewayNotFound,
// InvalidNetworkInterfaceID.NotFound) each name "no such thing" their own way.
function absent(err: unknown): boolean {
  return isNotFound(err) || /NotFound/.test(errorCode(err) ?? '');
}

async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (absent(err)) return null;
    throw err;
  }
}

export function whoisHandlers(clients: AwsClients): LiveHandlers<keyof typeof WHOIS_PROBES> {
  return {
    'ec2.interfaces-by-address': async ({ filter: name, address }) => {
      const { client, sdk } = await clients.getEc2();
      return allPages(async (NextToken) => {
        const out = await call('ec2:DescribeNetworkInterfaces', () =>
          client.send(new sdk.DescribeNetworkInterfacesCommand({ Filters: [filter(name, address)], NextToken })),
        );
        return { items: (out.NetworkInterfaces ?? []).map(plain), next: out.NextToken };
      });
    },
    'ec2.interface': async ({ networkInterfaceId }) => {
      const { client, sdk } = await clients.getEc2();
      return orNull(async () => {
        const out = await call('ec2:DescribeNetworkInterfaces', () =>
          client.send(new sdk.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [networkInterfaceId] })),
        );
        return out.NetworkInterfaces?.[0] === undefined ? null : plain(out.NetworkInterfaces[0]);
      });
    },
    'ec2.vpc-endpoints-of-vpc': async ({ vpcId }) => {
      const { client, sdk } = await clients.getEc2();
      return allPages(async (NextToken) => {
        const out = await call('ec2:DescribeVpcEndpoints', () =>
          client.send(new sdk.DescribeVpcEndpointsCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
        );
        return { items: (out.VpcEndpoints ?? []).map(plain), next: out.NextToken };
      });
    },
    'ec2.nat-gateway': async ({ natGatewayId }) => {
      const { client, sdk } = await clients.getEc2();
      return orNull(async () => {
        const out = await call('ec2:DescribeNatGateways', () =>
          client.send(new sdk.DescribeNatGatewaysCommand({ NatGatewayIds: [natGatewayId] })),
        );
        return out.NatGateways?.[0] === undefined ? null : plain(out.NatGateways[0]);
      });
    },
    'ec2.nat-gateways-of-vpc': async ({ vpcId }) => {
      const { client, sdk } = await clients.getEc2();
      return allPages(async (NextToken) => {
        const out = await call('ec2:DescribeNatGateways', () =>
          client.send(new sdk.DescribeNatGatewaysCommand({ Filter: [filter('vpc-id', vpcId)], NextToken })),
        );
        return { items: (out.NatGateways ?? []).map(plain), next: out.NextToken };
      });
    },
    'elbv2.load-balancer': async ({ name }) => {
      const { client, sdk } = await getElbv2(clients);
      return orNull(async () => {
        const out = await call('elasticloadbalancing:DescribeLoadBalancers', () =>
          client.send(new sdk.DescribeLoadBalancersCommand({ Names: [name] })),
        );
        return out.LoadBalancers?.[0] === undefined ? null : plain(out.LoadBalancers[0]);
      });
    },
    'lambda.function': async ({ functionName }) => {
      const { client, sdk } = await getLambda(clients);
      return orNull(async () => {
        const out = await call('lambda:GetFunctionConfiguration', () =>
          client.send(new sdk.GetFunctionConfigurationCommand({ FunctionName: functionName })),
        );
        return plain({
          FunctionName: out.FunctionName,
          FunctionArn: out.FunctionArn,
          State: out.State,
          Runtime: out.Runtime,
          VpcConfig: out.VpcConfig,
        });
      });
    },
  };
}
