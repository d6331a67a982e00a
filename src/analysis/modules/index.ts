// Every check module, in path order. The engine asks each for the probes it needs, then
// evaluates them all together: one run reports every failing hop, not the first.
import type { CheckModule } from '../module.js';
import { endpointModule } from './endpoint.js';
import { gatewayModule } from './gateway.js';

export const MODULES: readonly CheckModule[] = [endpointModule, gatewayModule];
