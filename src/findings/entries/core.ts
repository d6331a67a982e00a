// The spine's findings: where the request goes before the endpoint, and gateway routing.
import type { CatalogueEntry } from '../catalogue-entry.js';

export const CORE_FINDINGS = {
  'endpoint.missing': {
    severity: 'error',
    layer: 'endpoint',
    title: 'No VPC endpoint for the service in this VPC',
    why: 'Without an endpoint, traffic to the service needs a NAT or internet gateway; from a private subnet it times out.',
  },
  'service.no-privatelink': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The service offers no VPC endpoint in this Region',
    why: 'Without an endpoint service there is no endpoint to create: private subnets reach the service only through a NAT gateway or a proxy.',
  },
  'endpoint.not-available': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The VPC endpoint is not available',
    why: 'Only an endpoint in the available state carries traffic.',
  },
  'endpoint.wrong-type': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The endpoint is of the wrong type for this traffic',
    why: 'Each endpoint type carries traffic its own way (route table, private DNS, appliance); an endpoint of another type than the path needs is never used by it.',
  },
  'endpoint.other-vpc': {
    severity: 'error',
    layer: 'endpoint',
    title: 'The endpoint lives in another VPC than the source',
    why: 'An endpoint serves the VPC it was created in; traffic from another VPC does not use it unless DNS and routing lead there.',
  },
  'gateway.route-table-not-associated': {
    severity: 'error',
    layer: 'route',
    title: "The source subnet's route table has no route to the gateway endpoint",
    why: 'A gateway endpoint only carries traffic from subnets whose route table is associated with it (the pl-… → vpce-… route).',
  },
  'gateway.not-transitive': {
    severity: 'error',
    layer: 'route',
    title: 'Gateway endpoints do not serve traffic from outside their VPC',
    why: 'Traffic that arrives over peering, a transit gateway, VPN or Direct Connect cannot use a gateway endpoint.',
  },
} as const satisfies Record<string, CatalogueEntry>;
