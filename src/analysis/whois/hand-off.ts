// The next step after `whois` finds an interface endpoint: a diagnosis of traffic reaching it,
// with every answer whois already knows filled in. Only where the traffic starts is left to say.
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { Answers } from '../../path/answers.js';

export interface HandOff {
  /** Answers for `vpce-doctor --answers`, question ids as in the answers file. */
  answers: Answers;
  /** Question ids the user must add: whois cannot know where the traffic starts. */
  missing: string[];
  /** The answers file, ready to save. */
  file: string;
}

export function handOffFor(endpoint: VpcEndpoint, region: string): HandOff | undefined {
  if (endpoint.VpcEndpointType !== 'Interface') return undefined;
  const answers: Answers = {
    region,
    service: endpoint.ServiceName,
    vpc: endpoint.VpcId,
    endpoint: endpoint.VpcEndpointId,
    symptom: 'unknown',
  };
  return {
    answers,
    missing: ['source.kind', 'source.id'],
    file: JSON.stringify({ version: 1, answers }, null, 2),
  };
}
