// The spine's findings: where the request goes before the endpoint, and gateway routing.
import type { CatalogueEntry } from '../catalogue-entry.js';
import { DOCS } from '../docs.js';

export const CORE_FINDINGS = {
  'endpoint.missing': {
    severity: 'error',
    layer: 'endpoint',
    title: 'No VPC endpoint for the service in this VPC',
    why: 'Without an endpoint, traffic to the service needs a NAT or internet gateway; from a private subnet it times out.',
    remedy:
      'Create an endpoint for the service in the source VPC: a gateway endpoint for S3 or DynamoDB used from inside the VPC, an interface endpoint otherwise (aws ec2 create-vpc-endpoint).',
    docs: [DOCS.gatewayEndpoints, DOCS.accessServices],
    confirm: [
      "aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=$VPC_ID Name=service-name,Values=$SERVICE_NAME --query 'VpcEndpoints[].[VpcEndpointId,VpcEndpointType,State]'",
    ],
  },
  'service.no-privatelink': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The service offers no VPC endpoint in this Region',
    why: 'Without an endpoint service there is no endpoint to create: private subnets reach the service only through a NAT gateway or a proxy.',
    remedy: 'Reach the service through a NAT gateway or a proxy, or use a Region where it offers an endpoint service.',
    docs: [DOCS.accessServices],
    confirm: ['aws ec2 describe-vpc-endpoint-services --service-names $SERVICE_NAME --region $REGION'],
  },
  'endpoint.not-available': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The VPC endpoint is not available',
    why: 'Only an endpoint in the available state carries traffic.',
    remedy:
      'Have the service provider accept the connection (accept-vpc-endpoint-connections), or delete and recreate a failed or rejected endpoint.',
    docs: [DOCS.accessServices],
    confirm: ["aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].State'"],
  },
  'endpoint.wrong-type': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The endpoint is of the wrong type for this traffic',
    why: 'Each endpoint type carries traffic its own way (route table, private DNS, appliance); an endpoint of another type than the path needs is never used by it.',
    remedy:
      'Create an endpoint of the type this path needs (gateway from inside the VPC for S3/DynamoDB, interface from outside it).',
    docs: [DOCS.gatewayEndpoints, DOCS.s3PrivateLink],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].[VpcEndpointType,PrivateDnsEnabled]'",
    ],
  },
  'endpoint.other-vpc': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The endpoint lives in another VPC than the source',
    why: 'An endpoint serves the VPC it was created in; traffic from another VPC does not use it unless DNS and routing lead there.',
    remedy:
      'Create the endpoint in the source VPC, or make the source resolve and route to the hub endpoint (see dns.hub-not-resolvable).',
    docs: [DOCS.accessServices],
    confirm: [
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].VpcId'",
      "aws ec2 describe-subnets --subnet-ids $SOURCE_SUBNET_ID --query 'Subnets[].VpcId'",
    ],
  },
  'gateway.route-table-not-associated': {
    severity: 'error',
    layer: 'route',
    title: "The source subnet's route table has no route to the gateway endpoint",
    why: 'A gateway endpoint only carries traffic from subnets whose route table is associated with it (the pl-… → vpce-… route).',
    remedy:
      "Associate the source subnet's route table with the gateway endpoint: aws ec2 modify-vpc-endpoint --vpc-endpoint-id $VPCE_ID --add-route-table-ids $RTB_ID (endpoint routes cannot be made with create-route).",
    docs: [DOCS.gatewayEndpoints, DOCS.gatewayS3],
    confirm: [
      "aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=$SOURCE_SUBNET_ID --query 'RouteTables[].[RouteTableId,Routes]'",
      "aws ec2 describe-route-tables --filters Name=vpc-id,Values=$VPC_ID Name=association.main,Values=true --query 'RouteTables[].RouteTableId'",
      "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID --query 'VpcEndpoints[].RouteTableIds'",
    ],
  },
  'gateway.not-transitive': {
    severity: 'error',
    layer: 'route',
    title: 'Gateway endpoints do not serve traffic from outside their VPC',
    why: 'Traffic that arrives over peering, a transit gateway, VPN or Direct Connect cannot use a gateway endpoint.',
    remedy:
      'Use an interface endpoint for S3 or DynamoDB, resolved from the source (an inbound Resolver endpoint for on-premises clients).',
    docs: [DOCS.gatewayEndpoints, DOCS.gatewayDynamoDb],
    confirm: [
      "aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=$VPC_ID --query 'VpcEndpoints[].[VpcEndpointId,VpcEndpointType,ServiceName]'",
    ],
  },
} as const satisfies Record<string, CatalogueEntry>;
