// The DNS chain, from the VPC's resolver settings to the answer a client gets for the service
// name. Configuration is always read (Describe/List/Get); the name is resolved and its answers
// connected to only when that observation means something: vpce-doctor runs on an instance
// inside the source VPC (IMDSv2 says so), or the user named the resolver with --dns-server.
// Otherwise every DNS check is reasoned from configuration and says so: never reasoning
// presented as observation. The rules live in src/analysis/dns/.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { Check } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { CheckModule, ModuleResult } from '../check-module.js';
import { endpointEniIps, endpointInVpc, hostnameOf, isOnPremises, observationOf } from '../dns/endpoint-facts.js';
import { gatewayDns } from '../dns/gateway-dns.js';
import { explainInterfaceDns, observedAnswerCheck, observedLabel } from '../dns/interface-explain.js';
import { interfaceDnsVerdict, observedAnswer } from '../dns/interface-verdict.js';
import { resolvesPublicFix } from '../dns/observed-fix.js';
import { gatewayDnsRequests, interfaceDnsRequests, MAX_CONNECTS, observationRequests } from '../dns/requests.js';
import { tcpChecks, tcpVerdict } from '../dns/tcp-connect.js';
import { gatewayMeant } from './endpoint-type.js';
import { inboundOnlyCheck, inboundOnlyEndpoint } from '../dns/inbound-only.js';

const none = (): ModuleResult => ({ checks: [], findings: [] });

function interfaceDns(ctx: PathContext, e: VpcEndpoint, vpcId: string): ModuleResult {
  const inboundOnly = inboundOnlyCheck(ctx, e, vpcId);
  const meant = gatewayMeant(ctx) !== undefined;
  const v = interfaceDnsVerdict(ctx, e, vpcId, { gatewayServes: inboundOnly.gatewayServes, gatewayMeant: meant });
  const observation = v.observation;
  return explainInterfaceDns(v, inboundOnly, {
    fix: () =>
      resolvesPublicFix({
        region: ctx.region,
        vpcId,
        vpcCidr: okValue(ctx.probe('ec2.vpc', { vpcId }))?.CidrBlock,
        endpointId: e.VpcEndpointId,
        hostname: v.hostname,
        expectation: v.expectation?.expectation,
        gatewayMeant: meant,
        server: observation.kind === 'observed' ? observation.server : undefined,
        onPremises: isOnPremises(ctx),
      }),
    tcp: (label) => tcpChecks(tcpVerdict(ctx, answeredAddresses(v.observed)), label),
  });
}

function answeredAddresses(observed: ReturnType<typeof observedAnswer> | undefined): string[] {
  return observed?.kind === 'compared' && observed.resolved.status === 'answer'
    ? observed.resolved.addresses.slice(0, MAX_CONNECTS)
    : [];
}

/** Peered VPC / transit gateway sources resolve with their own VPC's resolver, which we do not see: only an observation speaks. */
function observedOnly(ctx: PathContext, e: VpcEndpoint): ModuleResult {
  const observation = observationOf(ctx);
  if (observation.kind !== 'observed') return none();
  const hostname = hostnameOf(ctx, e);
  const enisOutcome =
    e.NetworkInterfaceIds.length > 0
      ? ctx.probe('ec2.network-interfaces', { networkInterfaceIds: e.NetworkInterfaceIds })
      : undefined;
  const eniIps = endpointEniIps(e, okValue(enisOutcome));
  const observed = observedAnswer(ctx, e, hostname, observation, eniIps, enisOutcome);
  const label = observedLabel(observation);
  const checks: Check[] = [
    observedAnswerCheck(
      observed,
      e,
      hostname,
      label,
      (c) => `${hostname} → ${c.compared.addresses.join(', ') || c.compared.verdict}`,
    ),
  ];
  if (observed.kind !== 'compared') return { checks, findings: [] };
  if (observed.resolved.status === 'answer')
    checks.push(...tcpChecks(tcpVerdict(ctx, answeredAddresses(observed)), label));
  const found = observed.compared.finding;
  return { checks, findings: found ? [{ ...found, evidence: [`${label}:`, ...found.evidence] }] : [] };
}

export const dnsModule: CheckModule = {
  id: 'dns',
  layer: 'dns',
  tolerates: [
    {
      key: 'imds.instance',
      reason: 'IMDS only decides observed vs reasoned; without it every DNS check is reasoned and says why',
    },
  ],
  requires(ctx) {
    const vpcId = ctx.vpcId;
    const e = endpointInVpc(ctx);
    if (vpcId === undefined || e === undefined) return [];
    if (e.VpcEndpointType === 'Gateway') return ctx.inside ? gatewayDnsRequests(ctx, vpcId) : [];
    if (e.VpcEndpointType !== 'Interface') return [];
    const out: ProbeRequest[] = [];
    if (ctx.inside || isOnPremises(ctx)) out.push(...interfaceDnsRequests(ctx, e, vpcId, inboundOnlyEndpoint(e)));
    else out.push({ key: 'ec2.vpc-endpoint-service', input: { serviceName: e.ServiceName } });
    if (e.NetworkInterfaceIds.length > 0)
      out.push({ key: 'ec2.network-interfaces', input: { networkInterfaceIds: e.NetworkInterfaceIds } });
    out.push(...observationRequests(ctx, e));
    return out;
  },
  evaluate(ctx): ModuleResult {
    const vpcId = ctx.vpcId;
    const e = endpointInVpc(ctx);
    if (vpcId === undefined || e === undefined) return none();
    if (e.VpcEndpointType === 'Gateway') return ctx.inside ? gatewayDns(ctx, vpcId) : none();
    if (e.VpcEndpointType !== 'Interface') return none();
    if (ctx.inside || isOnPremises(ctx)) return interfaceDns(ctx, e, vpcId);
    return observedOnly(ctx, e);
  },
};
