// S3 and DynamoDB from inside the VPC through a paid interface endpoint, where a gateway
// endpoint costs nothing (PrivateLink guide: gateway-endpoints; pricing about $0.01 per AZ-hour
// plus $0.01/GB). With both for S3, PrivateDnsOnlyForInboundResolverEndpoint keeps in-VPC
// traffic on the gateway and lets on-premises clients use the interface endpoint.
import type { Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { createGatewayEndpoint, s3PrivateDnsOnlyForInbound } from '../dns/fixes.js';
import { parseServiceName, serviceNameFor, shortServiceName } from '../dns/names.js';

export interface GatewayFreeCheck {
  applies: boolean;
  finding: Finding | null;
}

export function interfaceWhereGatewayFree(
  service: string,
  endpoint: VpcEndpoint,
  sourceInsideVpc: boolean,
  context: { region: string; gatewayEndpoint?: VpcEndpoint | null; routeTableIds?: readonly string[] },
): GatewayFreeCheck {
  const svc = shortServiceName(service);
  const interfaceType = endpoint.VpcEndpointType.toLowerCase() === 'interface';
  if ((svc !== 's3' && svc !== 'dynamodb') || !interfaceType || !sourceInsideVpc)
    return { applies: false, finding: null };
  const region = parseServiceName(endpoint.ServiceName)?.region ?? context.region;
  const serviceName = serviceNameFor(svc, region);
  const gateway = context.gatewayEndpoint ?? null;
  const azs = endpoint.SubnetIds.length;
  const commands = gateway
    ? svc === 's3'
      ? [s3PrivateDnsOnlyForInbound(endpoint.VpcEndpointId, context.region)]
      : []
    : [
        createGatewayEndpoint({
          region: context.region,
          vpcId: endpoint.VpcId,
          serviceName,
          routeTableIds: context.routeTableIds ?? [],
        }),
      ];
  const finding = catalogueFinding('cost.interface-where-gateway-free', {
    title: `${svc === 's3' ? 'S3' : 'DynamoDB'} from inside ${endpoint.VpcId} goes through the paid interface endpoint ${endpoint.VpcEndpointId}`,
    evidence: [
      `${endpoint.VpcEndpointId} is an interface endpoint for ${endpoint.ServiceName} in ${azs} subnet${azs === 1 ? '' : 's'} (about $0.01 per AZ-hour plus $0.01/GB)`,
      gateway
        ? `the gateway endpoint ${gateway.VpcEndpointId} for the same service exists and is free`
        : `a gateway endpoint for ${serviceName} would carry in-VPC traffic for free`,
    ],
    fix: {
      summary: gateway
        ? svc === 's3'
          ? `Keep in-VPC S3 traffic on ${gateway.VpcEndpointId}: answer privately only for inbound resolver queries on ${endpoint.VpcEndpointId}.`
          : `Send in-VPC DynamoDB traffic through ${gateway.VpcEndpointId}; keep ${endpoint.VpcEndpointId} only for on-premises or peered clients.`
        : `Add a gateway endpoint for ${serviceName}; keep the interface endpoint only for clients outside the VPC.`,
      commands,
    },
  });
  return { applies: true, finding };
}
