// Every check module, in path order. The engine asks each for the probes it needs, then
// evaluates them all together: one run reports every failing hop, not the first.
import type { CheckModule } from '../module.js';
import { endpointModule } from './endpoint.js';
import { gatewayModule } from './gateway.js';
import { dnsModule } from './dns.js';
import { interfaceModule } from './interface.js';
import { NETWORK_MODULES } from './network.js';
import { policyModule } from './policy.js';

export const MODULES: readonly CheckModule[] = [endpointModule, dnsModule, interfaceModule, gatewayModule, ...NETWORK_MODULES, policyModule];
