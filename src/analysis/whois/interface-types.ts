// What EC2's InterfaceType says about an interface's owner. Values from the EC2 API reference
// (NetworkInterface.interfaceType) and the SDK's NetworkInterfaceType enum; describe output
// spells the NAT gateway's one `nat_gateway` while the enum says `natGateway`, so both are read.
// `interface`, `efa`, `efa-only`, `trunk` and `branch` say how an interface works, not who owns it.
import type { OwnerHint } from './owner.js';

const BY_TYPE: Readonly<Record<string, OwnerHint>> = {
  vpc_endpoint: { kind: 'vpc-endpoint', label: 'interface VPC endpoint' },
  gateway_load_balancer_endpoint: { kind: 'gateway-load-balancer-endpoint', label: 'Gateway Load Balancer endpoint' },
  gateway_load_balancer: { kind: 'load-balancer', label: 'Gateway Load Balancer' },
  network_load_balancer: { kind: 'load-balancer', label: 'Network Load Balancer' },
  load_balancer: { kind: 'load-balancer', label: 'Elastic Load Balancer' },
  nat_gateway: { kind: 'nat-gateway', label: 'NAT gateway' },
  natGateway: { kind: 'nat-gateway', label: 'NAT gateway' },
  lambda: { kind: 'lambda', label: 'Lambda function (VPC access)' },
  efs: { kind: 'efs', label: 'EFS mount target' },
  transit_gateway: { kind: 'transit-gateway', label: 'transit gateway attachment' },
  api_gateway_managed: { kind: 'api-gateway', label: 'API Gateway VPC link' },
  aws_codestar_connections_managed: { kind: 'codestar-connections', label: 'CodeStar Connections (VPC)' },
  quicksight: { kind: 'quicksight', label: 'QuickSight VPC connection' },
  global_accelerator_managed: { kind: 'global-accelerator', label: 'Global Accelerator endpoint' },
  iot_rules_managed: { kind: 'iot-rules', label: 'IoT rules VPC destination' },
  ec2_instance_connect_endpoint: { kind: 'instance-connect-endpoint', label: 'EC2 Instance Connect Endpoint' },
};

const HOW_IT_WORKS: Readonly<Record<string, string>> = {
  efa: 'an Elastic Fabric Adapter (InterfaceType efa)',
  'efa-only': 'an EFA-only interface (InterfaceType efa-only)',
  trunk: 'a trunk interface: ECS/EKS give tasks and pods branch interfaces through it (InterfaceType trunk)',
  branch: 'a branch interface of a trunk: an ECS task or EKS pod with its own security groups (InterfaceType branch)',
};

export function ownerFromInterfaceType(type: string | undefined): OwnerHint | undefined {
  return type === undefined ? undefined : BY_TYPE[type];
}

/** A note for the types that say how the interface works rather than who owns it. */
export function interfaceTypeNote(type: string | undefined): string | undefined {
  return type === undefined ? undefined : HOW_IT_WORKS[type];
}
