import type { RecordingScenario } from '../scenario.js';
import { coreScenarios } from './core.js';
import { dnsScenarios } from './dns.js';
import { policyScenarios } from './policy.js';
import { networkScenarios } from './network.js';
import { tier2Scenarios } from './tier2.js';
import { hubScenarios } from './hub.js';
import { addressFamilyScenarios } from './address-family.js';
import { perimeterScenarios } from './perimeter.js';

/** Every recording scenario; each area adds its list here. */
export const SCENARIOS: RecordingScenario[] = [...coreScenarios, ...dnsScenarios, ...policyScenarios, ...networkScenarios, ...tier2Scenarios, ...hubScenarios, ...addressFamilyScenarios, ...perimeterScenarios];
