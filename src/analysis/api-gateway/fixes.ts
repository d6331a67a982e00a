// The ways out of an API Gateway call that cannot pass the VPC's execute-api endpoint.
import type { Fix } from '../../findings/types.js';
import { awsCommand } from '../../findings/command.js';
import type { ApiGatewayVerdict } from './verdict.js';

type PublicBehind = Extract<ApiGatewayVerdict, { kind: 'public-behind-private-dns' }>;
type PrivateWithout = Extract<ApiGatewayVerdict, { kind: 'private-without-private-dns' }>;

/** KC "api-gateway-vpc-connections": reach the public API by a custom domain name, or turn private DNS off. */
export function publicApiWayOut(v: PublicBehind, region: string): Fix {
  const id = v.endpoint.VpcEndpointId;
  return {
    summary: `Call the public API ${v.apiId} by a custom domain name (edge-optimized or Regional), which the endpoint's private DNS does not capture; the default name ${v.hostname} always resolves to ${id} inside this VPC.`,
    commands: [],
    alternatives: [
      {
        summary: `Or turn private DNS off on ${id} if nothing in this VPC calls a private API by its default name (private APIs then use {api-id}-${id} names).`,
        // CLI v2 reference: ec2 modify-vpc-endpoint --no-private-dns-enabled.
        commands: [
          awsCommand('ec2', 'modify-vpc-endpoint', ['--vpc-endpoint-id', id, '--no-private-dns-enabled'], { region }),
        ],
      },
    ],
  };
}

/** The endpoint-specific name (after associating the endpoint with the API), or private DNS on. */
export function privateApiHostname(v: PrivateWithout, region: string): Fix {
  const id = v.endpoint.VpcEndpointId;
  const host = `${v.apiId}-${id}.execute-api.${v.region}.amazonaws.com`;
  // API Gateway guide, "Associate or disassociate a VPC endpoint with a private REST API" (update-rest-api patch).
  const associate = awsCommand(
    'apigateway',
    'update-rest-api',
    ['--rest-api-id', v.apiId, '--patch-operations', `op=add,path=/endpointConfiguration/vpcEndpointIds,value=${id}`],
    { region: v.region },
  );
  return {
    summary: v.associated
      ? `Call the private API by its endpoint-specific name ${host} (a Route 53 alias that resolves to ${id}).`
      : `Associate ${id} with the private API ${v.apiId}, then call it by ${host} (a Route 53 alias that resolves to ${id}).`,
    commands: v.associated ? [] : [associate],
    alternatives: [
      {
        summary: `Or turn private DNS on for ${id}: the default name then resolves to the endpoint (public APIs then need custom domain names from this VPC).`,
        commands: [
          awsCommand('ec2', 'modify-vpc-endpoint', ['--vpc-endpoint-id', id, '--private-dns-enabled'], { region }),
        ],
      },
    ],
  };
}
