import type { RecordingScenario } from '../scenario.js';
import { coreScenarios } from './core.js';

/** Every recording scenario; each area adds its list here. */
export const SCENARIOS: RecordingScenario[] = [...coreScenarios];
