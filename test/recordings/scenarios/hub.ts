// Centralized ("hub") interface endpoints: the spoke's instance names the hub VPC's SQS endpoint.
import type { RecordingScenario } from '../scenario.js';
import { hubAccount, hubAnswers } from '../../support/fixtures/hub.js';

export const hubScenarios: RecordingScenario[] = [
  {
    // Hub zone associated with the spoke, 10.1.0.0/16 → pcx-… from the app subnet.
    name: 'healthy.hub-spoke-interface',
    account: hubAccount(),
    answers: hubAnswers,
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    // Routed over peering, but the hub's zone is associated only with the hub VPC.
    name: 'dns.hub-not-resolvable',
    account: hubAccount({ dns: 'none' }),
    answers: hubAnswers,
    expect: { verdict: 'problems', findings: ['dns.hub-not-resolvable'] },
  },
];
