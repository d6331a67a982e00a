// Clients that call the global STS name (sts.amazonaws.com) bypass a regional STS interface
// endpoint: its private DNS covers sts.<region>.amazonaws.com only
// (SDK reference guide: feature-sts-regionalized-endpoints).
import type { Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { finding as catalogueFinding } from '../../findings/catalogue.js';
import { stsRegionalEndpoints } from '../dns/fixes.js';
import { normalizeName, parseServiceName } from '../dns/names.js';

const GLOBAL_STS = new Set(['sts.amazonaws.com', 'sts.amazonaws.com.cn']);

export interface StsGlobalCheck {
  usesGlobal: boolean;
  /** Regional STS interface endpoints with private DNS, which the global name does not reach. */
  regionalEndpoints: VpcEndpoint[];
  finding: Finding | null;
}

export function stsGlobal(hostnameUsed: string, endpoints: readonly VpcEndpoint[]): StsGlobalCheck {
  const usesGlobal = GLOBAL_STS.has(normalizeName(hostnameUsed));
  const regionalEndpoints = endpoints.filter(
    (e) =>
      e.VpcEndpointType.toLowerCase() === 'interface' &&
      parseServiceName(e.ServiceName)?.service === 'sts' &&
      e.PrivateDnsEnabled === true,
  );
  if (!usesGlobal || regionalEndpoints.length === 0) return { usesGlobal, regionalEndpoints, finding: null };
  const first = regionalEndpoints[0] as VpcEndpoint;
  const region = parseServiceName(first.ServiceName)?.region ?? '<region>';
  const finding = catalogueFinding('client.sts-global-endpoint', {
    title: `The client calls sts.amazonaws.com, which ${first.VpcEndpointId} does not serve`,
    evidence: [
      `the client resolves ${normalizeName(hostnameUsed)} (the global STS endpoint)`,
      `${regionalEndpoints.map((e) => `${e.VpcEndpointId} (${e.ServiceName})`).join(', ')} has private DNS for sts.${region}.amazonaws.com only, so the global name leaves the VPC`,
    ],
    fix: {
      summary: `Use the regional STS endpoint: set AWS_STS_REGIONAL_ENDPOINTS=regional and AWS_REGION=${region} for the workload, or in the shared config:`,
      commands: [stsRegionalEndpoints()],
    },
  });
  return { usesGlobal, regionalEndpoints, finding };
}
