// The two clients only `whois` needs (Elastic Load Balancing v2 and Lambda), each imported on
// first use like the others: a diagnosis never loads them. They take Region, profile and retries
// from the same place as every other client.
import type { AwsClients } from './clients.js';

type ElbSdk = typeof import('@aws-sdk/client-elastic-load-balancing-v2');
type LambdaSdk = typeof import('@aws-sdk/client-lambda');
export interface ElbHandle {
  client: InstanceType<ElbSdk['ElasticLoadBalancingV2Client']>;
  sdk: ElbSdk;
}
export interface LambdaHandle {
  client: InstanceType<LambdaSdk['LambdaClient']>;
  sdk: LambdaSdk;
}

const elb = new WeakMap<AwsClients, Promise<ElbHandle>>();
const lambda = new WeakMap<AwsClients, Promise<LambdaHandle>>();

export function getElbv2(clients: AwsClients): Promise<ElbHandle> {
  let handle = elb.get(clients);
  if (handle === undefined) {
    handle = import('@aws-sdk/client-elastic-load-balancing-v2').then((sdk) => ({
      sdk,
      client: new sdk.ElasticLoadBalancingV2Client(clients.config()),
    }));
    elb.set(clients, handle);
  }
  return handle;
}

export function getLambda(clients: AwsClients): Promise<LambdaHandle> {
  let handle = lambda.get(clients);
  if (handle === undefined) {
    handle = import('@aws-sdk/client-lambda').then((sdk) => ({ sdk, client: new sdk.LambdaClient(clients.config()) }));
    lambda.set(clients, handle);
  }
  return handle;
}
