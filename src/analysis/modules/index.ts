// Every check module, in path order. The engine asks each for the probes it needs, then
// evaluates them all together: one run reports every failing hop, not the first.
import type { CheckModule } from '../check-module.js';
import { endpointModule } from './endpoint.js';
import { endpointTypeModule } from './endpoint-type.js';
import { gatewayModule } from './gateway.js';
import { dnsModule } from './dns.js';
import { interfaceModule } from './interface.js';
import { NETWORK_MODULES } from './network.js';
import { policyModule } from './policy.js';
import { dataPerimeterModule } from './data-perimeter.js';
import { kmsKeyModule } from './kms-key.js';
import { apiGatewayAuthModule } from './api-gateway-auth.js';
import { apiGatewayModule } from './api-gateway.js';
import { clientProxyModule } from './client-proxy.js';
import { sourceModule } from './source.js';
import { addressFamilyModule } from './address-family.js';

export const MODULES: readonly CheckModule[] = [
  sourceModule,
  endpointModule,
  endpointTypeModule,
  dnsModule,
  interfaceModule,
  apiGatewayModule,
  gatewayModule,
  addressFamilyModule,
  ...NETWORK_MODULES,
  policyModule,
  dataPerimeterModule,
  kmsKeyModule,
  apiGatewayAuthModule,
  clientProxyModule,
];
