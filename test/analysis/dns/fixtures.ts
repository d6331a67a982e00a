// Small builders for the DNS scenarios: AWS-shaped objects with only what each test changes.
import { SubnetSchema, VpcEndpointSchema, type Subnet, type VpcEndpoint } from '../../../src/probes/shapes.js';

export const REGION = 'us-east-1';
export const VPC = 'vpc-0a1b2c3d4e5f60718';

export function endpoint(fields: Partial<VpcEndpoint> & { ServiceName: string }): VpcEndpoint {
  return VpcEndpointSchema.parse({
    VpcEndpointId: 'vpce-0123456789abcdef0',
    VpcEndpointType: 'Interface',
    VpcId: VPC,
    State: 'available',
    PrivateDnsEnabled: true,
    ...fields,
  });
}

export function subnet(id: string, az: string, vpcId = VPC): Subnet {
  return SubnetSchema.parse({ SubnetId: id, VpcId: vpcId, AvailabilityZone: az });
}
