// The clients only `whois` and the wizard's pick lists need (Elastic Load Balancing v2, Lambda,
// ECS), each imported on first use like the others: a diagnosis never loads them. They take Region, profile and retries
// from the same place as every other client.
import type { AwsClients } from './clients.js';

type ElbSdk = typeof import('@aws-sdk/client-elastic-load-balancing-v2');
type LambdaSdk = typeof import('@aws-sdk/client-lambda');
type EcsSdk = typeof import('@aws-sdk/client-ecs');
export interface ElbHandle {
  client: InstanceType<ElbSdk['ElasticLoadBalancingV2Client']>;
  sdk: ElbSdk;
}
export interface LambdaHandle {
  client: InstanceType<LambdaSdk['LambdaClient']>;
  sdk: LambdaSdk;
}

export interface EcsHandle {
  client: InstanceType<EcsSdk['ECSClient']>;
  sdk: EcsSdk;
}

const elb = new WeakMap<AwsClients, Promise<ElbHandle>>();
const lambda = new WeakMap<AwsClients, Promise<LambdaHandle>>();
const ecs = new WeakMap<AwsClients, Promise<EcsHandle>>();

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

/** ECS, for the wizard's interface picker only (awsvpc tasks and their network interfaces). */
export function getEcs(clients: AwsClients): Promise<EcsHandle> {
  let handle = ecs.get(clients);
  if (handle === undefined) {
    handle = import('@aws-sdk/client-ecs').then((sdk) => ({ sdk, client: new sdk.ECSClient(clients.config()) }));
    ecs.set(clients, handle);
  }
  return handle;
}
