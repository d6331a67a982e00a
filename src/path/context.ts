// What the answers and probe results so far say about the request's path: the source, the
// VPC the traffic enters, the endpoint candidates and the one the traffic takes. Pure.
import {
  probeCallId,
  type ProbeInput,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeOutput,
  type ProbeRecord,
} from '../probes/contract.js';
import type { Source, Vpc, VpcEndpoint } from '../probes/shapes.js';
import type { VpcId } from '../probes/ids.js';
import type { Answers } from './answers.js';
import { IN_VPC_SOURCE_KINDS, type SourceKind } from './source-kinds.js';
import { resolveService, type ServiceRef } from './service.js';

export type ProbeLookup = <K extends ProbeKey>(
  key: K,
  input: ProbeInput<K>,
) => ProbeOutcome<ProbeOutput<K>> | undefined;

export function lookupIn(results: Readonly<Record<string, ProbeRecord>>): ProbeLookup {
  return <K extends ProbeKey>(key: K, input: ProbeInput<K>) => {
    const record = results[probeCallId({ key, input })];
    return record?.outcome as ProbeOutcome<ProbeOutput<K>> | undefined;
  };
}

/** How this run observes the world, beyond the answers (flags); recorded in the session so a replay asks the same probes. */
export interface Settings {
  /** --dns-server IP[:PORT]: resolve names against this server instead of the system resolver. */
  dnsServer?: string;
}

export interface PathContext {
  answers: Answers;
  settings: Settings;
  region: string;
  service: ServiceRef | undefined;
  sourceKind: SourceKind | undefined;
  /** The source is an instance, ENI or subnet inside a VPC we can describe. */
  inside: boolean;
  /** The described source (inside sources), once probed and found. */
  source: Source | undefined;
  /** The VPC that holds, or should hold, the endpoint. */
  vpcId: VpcId | undefined;
  /** The endpoints for the service in that VPC (undefined until probed or when the probe failed). */
  candidates: VpcEndpoint[] | undefined;
  /** The endpoint the user named by id: undefined if none named, null if it does not exist. */
  named: VpcEndpoint | null | undefined;
  /** The endpoint the traffic takes, if any. */
  endpoint: VpcEndpoint | undefined;
  probe: ProbeLookup;
}

function isInside(kind: string | undefined): boolean {
  return kind !== undefined && (IN_VPC_SOURCE_KINDS as readonly string[]).includes(kind);
}

export function okValue<T>(outcome: ProbeOutcome<T> | undefined): T | undefined {
  return outcome?.status === 'ok' ? outcome.value : undefined;
}

/**
 * With several endpoints for one service, the one the traffic takes: from inside the VPC an
 * interface endpoint whose private DNS answers for VPC clients wins over a gateway (DNS sends
 * the traffic to its ENIs); otherwise the gateway; from outside the VPC only an interface
 * endpoint can carry it (gateway endpoints are not transitive).
 */
export function pickEndpoint(candidates: readonly VpcEndpoint[], inside: boolean): VpcEndpoint | undefined {
  const available = candidates.filter((e) => e.State.toLowerCase() === 'available');
  const pool = available.length > 0 ? available : [...candidates];
  const interfaces = pool.filter((e) => e.VpcEndpointType === 'Interface');
  const gateways = pool.filter((e) => e.VpcEndpointType === 'Gateway');
  if (!inside) return interfaces[0] ?? gateways[0] ?? pool[0];
  const dnsInterface = interfaces.find(
    (e) => e.PrivateDnsEnabled === true && e.DnsOptions?.PrivateDnsOnlyForInboundResolverEndpoint !== true,
  );
  return dnsInterface ?? gateways[0] ?? interfaces[0] ?? pool[0];
}

export function buildContext(
  answers: Answers,
  results: Readonly<Record<string, ProbeRecord>>,
  settings: Settings = {},
  probe: ProbeLookup = lookupIn(results),
): PathContext {
  const region = answers.region ?? '';
  const service = answers.service !== undefined && region !== '' ? resolveService(answers.service, region) : undefined;
  const sourceKind = answers['source.kind'] as SourceKind | undefined;
  const inside = isInside(sourceKind);
  let source: Source | undefined;
  if (inside && answers['source.id'] !== undefined && sourceKind !== undefined) {
    const src = okValue(
      probe('ec2.source', { kind: sourceKind as 'instance' | 'eni' | 'subnet', id: answers['source.id'] }),
    );
    source = src ?? undefined;
  }
  const vpcId = inside ? source?.VpcId : answers.vpc;
  let candidates: VpcEndpoint[] | undefined;
  if (vpcId !== undefined && service !== undefined) {
    candidates = okValue(probe('ec2.vpc-endpoints', { vpcId, serviceName: service.serviceName }));
  }
  let named: VpcEndpoint | null | undefined;
  let namedUnread = false;
  const endpointAnswer = answers.endpoint;
  if (endpointAnswer !== undefined && endpointAnswer.startsWith('vpce-')) {
    const outcome = probe('ec2.vpc-endpoint', { vpcEndpointId: endpointAnswer });
    named = outcome?.status === 'ok' ? outcome.value : undefined;
    namedUnread = outcome !== undefined && outcome.status !== 'ok';
  }
  // A named endpoint that could not be described is the listed one with its id, or unknown: never another endpoint.
  const endpoint =
    named ??
    (namedUnread
      ? candidates?.find((e) => e.VpcEndpointId === endpointAnswer)
      : candidates !== undefined
        ? pickEndpoint(candidates, inside)
        : undefined);
  return { answers, settings, region, service, sourceKind, inside, source, vpcId, candidates, named, endpoint, probe };
}

export function vpcCidrs(vpc: Vpc): string[] {
  const cidrs = vpc.CidrBlockAssociationSet.filter((a) => (a.CidrBlockState?.State ?? 'associated') === 'associated')
    .map((a) => a.CidrBlock)
    .filter((c): c is string => c !== undefined);
  if (cidrs.length === 0 && vpc.CidrBlock !== undefined) cidrs.push(vpc.CidrBlock);
  return cidrs;
}

/** A tag value, e.g. the Name an endpoint is listed with. */
export function tagValue(
  tags: readonly { Key?: string | undefined; Value?: string | undefined }[],
  key: string,
): string | undefined {
  return tags.find((t) => t.Key === key)?.Value;
}
