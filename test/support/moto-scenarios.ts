// Builds scenarios in the emulator through the SDK (write calls are fine in tests, never in
// src/). Each scenario makes its own VPC, so test files can share one moto server.
import {
  AssociateRouteTableCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  CreateTagsCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGION = 'us-east-1';

export function ec2(url: string): EC2Client {
  return new EC2Client({
    region: REGION,
    endpoint: url,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
}

let cidrCounter = 0;
/** A distinct /16 per VPC so scenarios never collide. */
function nextCidr(): { vpc: string; subnet: (i: number) => string } {
  const second = 20 + (cidrCounter++ % 200);
  return { vpc: `10.${second}.0.0/16`, subnet: (i) => `10.${second}.${i}.0/24` };
}

export interface BasicVpc {
  vpcId: string;
  vpcCidr: string;
  subnetId: string;
  otherSubnetId: string;
  mainRouteTableId: string;
  instanceId: string;
}

export async function basicVpc(client: EC2Client): Promise<BasicVpc> {
  const cidr = nextCidr();
  const vpc = (await client.send(new CreateVpcCommand({ CidrBlock: cidr.vpc }))).Vpc!;
  const vpcId = vpc.VpcId!;
  // As most real application VPCs: DNS hostnames on (a new VPC has them off).
  await client.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const subnet = (
    await client.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr.subnet(1), AvailabilityZone: 'us-east-1a' }),
    )
  ).Subnet!;
  const other = (
    await client.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr.subnet(2), AvailabilityZone: 'us-east-1b' }),
    )
  ).Subnet!;
  const main = await client.send(
    new DescribeRouteTablesCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'association.main', Values: ['true'] },
      ],
    }),
  );
  const instance = await client.send(
    new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, SubnetId: subnet.SubnetId }),
  );
  return {
    vpcId,
    vpcCidr: cidr.vpc,
    subnetId: subnet.SubnetId!,
    otherSubnetId: other.SubnetId!,
    mainRouteTableId: main.RouteTables![0]!.RouteTableId!,
    instanceId: instance.Instances![0]!.InstanceId!,
  };
}

export async function routeTableFor(client: EC2Client, vpcId: string, subnetId?: string): Promise<string> {
  const rt = (await client.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!;
  if (subnetId)
    await client.send(new AssociateRouteTableCommand({ RouteTableId: rt.RouteTableId, SubnetId: subnetId }));
  return rt.RouteTableId!;
}

export async function gatewayEndpoint(
  client: EC2Client,
  vpcId: string,
  routeTableIds: string[],
  service = 's3',
  name?: string,
): Promise<string> {
  const ep = await client.send(
    new CreateVpcEndpointCommand({
      VpcId: vpcId,
      ServiceName: `com.amazonaws.${REGION}.${service}`,
      VpcEndpointType: 'Gateway',
      RouteTableIds: routeTableIds,
    }),
  );
  const id = ep.VpcEndpoint!.VpcEndpointId!;
  if (name) await client.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: name }] }));
  return id;
}

export function answersFile(answers: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-doctor-answers-'));
  const path = join(dir, 'answers.json');
  writeFileSync(path, JSON.stringify({ version: 1, answers }));
  return path;
}
