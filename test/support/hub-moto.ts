// Builders for hub ("centralized endpoint") scenarios on the emulator: two VPCs peered, a route
// from the spoke subnet to the hub endpoint's ENI addresses over the peering connection, and the
// hub's private hosted zone associated with the spoke. Test-only writes (never in src/).
import {
  AcceptVpcPeeringConnectionCommand,
  CreateRouteCommand,
  CreateVpcPeeringConnectionCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { AssociateVPCWithHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { REGION } from './moto-scenarios.js';

export async function peer(client: EC2Client, spokeVpcId: string, hubVpcId: string): Promise<string> {
  const pcx = (await client.send(new CreateVpcPeeringConnectionCommand({ VpcId: spokeVpcId, PeerVpcId: hubVpcId })))
    .VpcPeeringConnection!.VpcPeeringConnectionId!;
  await client.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
  return pcx;
}

/** The primary private IPs of an interface endpoint's ENIs (random on the emulator: read them back). */
export async function endpointEniIps(client: EC2Client, vpcEndpointId: string): Promise<string[]> {
  const e = (await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }))).VpcEndpoints![0]!;
  const enis = await client.send(
    new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: e.NetworkInterfaceIds ?? [] }),
  );
  return (enis.NetworkInterfaces ?? []).map((n) => n.PrivateIpAddress!).filter((ip) => ip !== undefined);
}

/** One /32 route per address to the peering connection (or any other target given by `route`). */
export async function routeAddresses(
  client: EC2Client,
  routeTableId: string,
  ips: readonly string[],
  pcx: string,
): Promise<void> {
  for (const ip of ips)
    await client.send(
      new CreateRouteCommand({
        RouteTableId: routeTableId,
        DestinationCidrBlock: `${ip}/32`,
        VpcPeeringConnectionId: pcx,
      }),
    );
}

export async function associateZone(url: string, zoneId: string, vpcId: string): Promise<void> {
  const r = new Route53Client({
    region: REGION,
    endpoint: url,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await r.send(
    new AssociateVPCWithHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCRegion: REGION, VPCId: vpcId } }),
  );
}
