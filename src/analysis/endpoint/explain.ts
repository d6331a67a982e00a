// The endpoint layer's checks and findings, in words, from its verdict.
import type { CheckId } from '../../findings/checks.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding, FixCommand } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { ModuleResult } from '../check-module.js';
import { couldNotCheck } from '../check-module.js';
import { describeHubDns, viaLabel } from '../hub/explain.js';
import { CHECK_HUB } from '../hub/verdict.js';
import { noPrivateLinkFix, notAvailableFix } from './fixes.js';
import type { EndpointVerdict, HubVerdict } from './verdict.js';

/** What the words need beyond the verdict: where the source is, and the fixes that read the path. */
export interface EndpointFacts {
  region: string;
  serviceName: string;
  serviceShort: string;
  inside: boolean;
  source: { id: string; subnetId: string } | undefined;
  create: () => { commands: FixCommand[]; summary: string } | undefined;
  associateZone: (hub: VpcEndpoint, spoke: string, hostname: string) => Finding['fix'];
}

function check(id: CheckId, status: Check['status'], detail: string): Check {
  return { id, layer: 'endpoint', status, detail };
}

function describe(e: VpcEndpoint): string {
  return `${e.VpcEndpointId} (${e.VpcEndpointType}, ${e.State}) in ${e.VpcId}`;
}

function explainHub(v: HubVerdict, hub: VpcEndpoint, spoke: string, facts: EndpointFacts): ModuleResult {
  if (v.kind === 'unknown') return { checks: [v.check], findings: [] };
  const { route, hostname } = v;
  const routeText = `${route.routeTableId}, the route table of ${facts.source?.subnetId ?? 'the source subnet'}, sends ${route.routes.join('; ')}`;
  if (v.kind === 'resolvable') {
    return {
      checks: [
        {
          ...check(
            CHECK_HUB,
            'pass',
            `${hub.VpcEndpointId} is a hub endpoint in ${hub.VpcId}, reached from ${spoke} over ${viaLabel(route)}: ${describeHubDns(v.dns, spoke, hostname)}; ${routeText} — reasoned from configuration`,
          ),
          basis: 'reasoned',
        },
      ],
      findings: [],
    };
  }
  return {
    checks: [
      {
        ...check(
          CHECK_HUB,
          'fail',
          `${spoke} routes to hub endpoint ${hub.VpcEndpointId} in ${hub.VpcId} over ${viaLabel(route)}, but no private hosted zone or FORWARD rule associated with ${spoke} answers ${hostname} — reasoned from configuration`,
        ),
        basis: 'reasoned',
      },
    ],
    findings: [
      finding('dns.hub-not-resolvable', {
        evidence: [
          `${hub.VpcEndpointId} belongs to ${hub.VpcId}; the source ${facts.source?.id ?? ''} is in ${spoke}`,
          routeText,
          `no private hosted zone associated with ${spoke} is named ${hostname} or a parent of it, and no Resolver FORWARD rule associated with ${spoke} matches it`,
          `${hub.VpcEndpointId}'s private DNS answers only inside ${hub.VpcId}: ${spoke} resolves ${hostname} to the service's public addresses`,
        ],
        fix: facts.associateZone(hub, spoke, hostname),
      }),
    ],
  };
}

function explainMissing(v: Extract<EndpointVerdict, { kind: 'missing' }>, facts: EndpointFacts): ModuleResult {
  const { vpcId } = v;
  const checks: Check[] = [check('endpoint.exists', 'fail', `no endpoint for ${facts.serviceName} in ${vpcId}`)];
  const findings: Finding[] = [];
  const offer = v.offer;
  if (offer.kind === 'not-offered') {
    checks.push(
      check('service.privatelink', 'fail', `${facts.region} offers no endpoint service named ${facts.serviceName}`),
    );
    findings.push(
      finding('service.no-privatelink', {
        evidence: [`DescribeVpcEndpointServices in ${facts.region} does not know ${facts.serviceName}`],
        fix: noPrivateLinkFix(facts.serviceShort, vpcId, facts.region),
      }),
    );
    return { checks, findings };
  }
  if (offer.kind === 'offered')
    checks.push(check('service.privatelink', 'pass', `${facts.region} offers ${facts.serviceName}`));
  else if (offer.kind === 'unknown')
    checks.push(
      couldNotCheck(
        'service.privatelink',
        'endpoint',
        `whether ${facts.region} offers ${facts.serviceName}`,
        offer.outcome,
      ),
    );
  const create = facts.create();
  findings.push(
    finding('endpoint.missing', {
      evidence: [`DescribeVpcEndpoints for vpc-id ${vpcId} and service-name ${facts.serviceName} returned no endpoint`],
      fix: {
        summary: create?.summary ?? `Create an endpoint for ${facts.serviceName} in ${vpcId}.`,
        commands: create ? create.commands : [],
      },
    }),
  );
  return { checks, findings };
}

export function explainEndpoint(v: EndpointVerdict, facts: EndpointFacts): ModuleResult {
  switch (v.kind) {
    case 'not-judged':
      return { checks: [], findings: [] };
    case 'list-unknown':
      return {
        checks: [couldNotCheck('endpoint.exists', 'endpoint', v.what, v.outcome)],
        findings: [],
      };
    case 'missing':
      return explainMissing(v, facts);
    case 'present':
      break;
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
  const { endpoint, vpcId } = v;
  const checks: Check[] = [check('endpoint.exists', 'pass', `${describe(endpoint)} serves ${endpoint.ServiceName}`)];
  const findings: Finding[] = [];
  const placement = v.placement;
  if (placement.kind === 'hub') {
    const judged = explainHub(placement.verdict, placement.hub, vpcId, facts);
    checks.push(...judged.checks);
    findings.push(...judged.findings);
  } else if (placement.kind === 'unlisted') {
    checks.push(
      couldNotCheck(
        'endpoint.same-vpc',
        'endpoint',
        `whether ${vpcId} uses ${endpoint.VpcEndpointId} of ${endpoint.VpcId} (the endpoints of ${vpcId})`,
        placement.outcome,
      ),
    );
  } else if (placement.kind === 'other-vpc') {
    checks.push(
      check(
        'endpoint.same-vpc',
        'fail',
        `${endpoint.VpcEndpointId} is in ${endpoint.VpcId}; the traffic ${facts.inside ? 'starts in' : 'enters'} ${vpcId}`,
      ),
    );
    const create = facts.create();
    const evidence = [`${endpoint.VpcEndpointId} belongs to ${endpoint.VpcId}`];
    if (facts.source !== undefined) evidence.push(`${facts.source.id} is in ${facts.source.subnetId} of ${vpcId}`);
    else evidence.push(`the traffic enters ${vpcId}`);
    const sameVpc = placement.sameVpc;
    if (sameVpc.length > 0)
      evidence.push(`${vpcId} has its own endpoint for the service: ${sameVpc.map((c) => c.VpcEndpointId).join(', ')}`);
    const notRouted = placement.notRouted;
    if (notRouted !== undefined) {
      evidence.push(
        `${notRouted.routeTableId}, the route table of ${facts.source?.subnetId ?? 'the source subnet'}, sends the endpoint's addresses ${notRouted.routes.join('; ')}: not over VPC peering or a transit gateway, so ${vpcId} cannot use it as a hub endpoint`,
      );
    }
    findings.push(
      finding('endpoint.other-vpc', {
        evidence,
        fix:
          sameVpc.length > 0
            ? {
                summary: `Use ${sameVpc[0]?.VpcEndpointId}, the endpoint in ${vpcId}, instead of ${endpoint.VpcEndpointId}.`,
                commands: [],
              }
            : {
                summary:
                  (create?.summary ?? `Create an endpoint in ${vpcId}.`) +
                  ` Or keep the shared endpoint in ${endpoint.VpcId} (hub pattern) and make ${vpcId} resolve and route to it.`,
                commands: create ? create.commands : [],
              },
      }),
    );
  } else {
    checks.push(check('endpoint.same-vpc', 'pass', `${endpoint.VpcEndpointId} is in ${vpcId}`));
  }

  if (!v.available) {
    checks.push(check('endpoint.available', 'fail', `${endpoint.VpcEndpointId} is ${endpoint.State}`));
    findings.push(
      finding('endpoint.not-available', {
        evidence: [`DescribeVpcEndpoints reports State ${endpoint.State} for ${endpoint.VpcEndpointId}`],
        fix: notAvailableFix(endpoint, facts.region),
      }),
    );
  } else {
    checks.push(check('endpoint.available', 'pass', `${endpoint.VpcEndpointId} is available`));
  }
  return { checks, findings };
}
