// Live reader of a REST API's methods: GetResources with the methods embedded, every page, in
// the API's Region. Read-only (apigateway:GET).
import { allPages, type AwsClients, type LiveHandlers } from './clients.js';
import { call, errorCode } from './errors.js';
import type { API_METHOD_PROBES } from '../specs/api-methods.js';

export function apiMethodHandlers(clients: AwsClients): LiveHandlers<keyof typeof API_METHOD_PROBES> {
  return {
    'apigateway.methods': async ({ restApiId, region }) => {
      const sdk = await import('@aws-sdk/client-api-gateway');
      const client = new sdk.APIGatewayClient({ ...clients.config(), region });
      try {
        // GetResources is authorised as apigateway:GET on the API's resources (API Gateway permissions reference).
        const resources = await allPages(async (position) => {
          const out = await call('apigateway:GET', () =>
            client.send(new sdk.GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500, position })),
          );
          return { items: out.items ?? [], next: out.position };
        });
        return resources.flatMap((r) =>
          Object.entries(r.resourceMethods ?? {}).map(([verb, m]) => ({
            ResourceId: r.id ?? '',
            Path: r.path ?? '/',
            HttpMethod: m.httpMethod ?? verb,
            AuthorizationType: m.authorizationType ?? 'NONE',
          })),
        );
      } catch (err) {
        if (errorCode(err) === 'NotFoundException') return null;
        throw err;
      } finally {
        client.destroy();
      }
    },
  };
}
