// What the DNS and interface-endpoint modules share: which endpoint they judge, the hostname the
// client resolves, the endpoint ENIs' addresses, and whether the answer can be observed from
// here or must be reasoned from configuration. Pure.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { isOnPremisesKind } from '../../path/source-kinds.js';
import type { NetworkInterface, VpcEndpoint } from '../../probes/shapes.js';
import { callerIdentity } from '../../path/identity.js';
import { hostnameFor, normalizeName, parseServiceName, shortServiceName } from './names.js';

/** The source is on-premises (over VPN, Direct Connect or unknown): its DNS servers live outside AWS. */
export function isOnPremises(ctx: PathContext): boolean {
  return isOnPremisesKind(ctx.sourceKind);
}

/**
 * The endpoint the traffic takes, when it lives in the VPC under diagnosis, is available and
 * serves an AWS service (com.amazonaws.<region>.<service>): endpoint.other-vpc and
 * endpoint.not-available cover the others, and a partner or private service (vpce-svc-…) has no
 * AWS-defined name to check, its clients use the endpoint's own DNS names.
 */
export function endpointInVpc(ctx: PathContext): VpcEndpoint | undefined {
  const e = ctx.endpoint;
  if (e === undefined || ctx.vpcId === undefined || e.VpcId !== ctx.vpcId) return undefined;
  if (e.State.toLowerCase() !== 'available' || parseServiceName(e.ServiceName) === null) return undefined;
  return e;
}

/**
 * The name the client resolves: the `target.hostname` answer, else the endpoint service's own
 * private DNS name (not a wildcard), else the regional name `<service>.<region>.amazonaws.com`.
 */
export function hostnameOf(ctx: PathContext, e: VpcEndpoint): string {
  const given = (ctx.answers['target.hostname'] ?? '').trim();
  if (given !== '') return normalizeName(given);
  const detail = okValue(ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName }));
  const name = detail?.PrivateDnsName;
  if (name !== undefined && name !== '' && !name.startsWith('*')) return normalizeName(name);
  return registryHostname(ctx, e) ?? normalizeName(hostnameFor(e.ServiceName, ctx.region));
}

const ECR_ACCOUNT = /^arn:[\w-]+:ecr:[\w-]*:(\d{12}):/;

/**
 * ECR's registry name: Docker and every ECR client call `<account>.dkr.ecr.<region>.amazonaws.com`
 * (the registry URI, ECR User Guide "Private registry concepts"), which the endpoint's
 * `*.dkr.ecr.<region>.amazonaws.com` private name covers; the bare `dkr.ecr.…` name is called by
 * no client. The account is the repository's (`target.resource`), else the caller's.
 */
export function registryHostname(ctx: PathContext, e: VpcEndpoint): string | undefined {
  if (shortServiceName(e.ServiceName) !== 'ecr.dkr') return undefined;
  const fromArn = ECR_ACCOUNT.exec((ctx.answers['target.resource'] ?? '').trim())?.[1];
  const account = fromArn ?? callerIdentity(ctx.probe)?.Account;
  if (account === undefined || !/^\d{12}$/.test(account)) return undefined;
  return normalizeName(`${account}.${hostnameFor(e.ServiceName, ctx.region)}`);
}

/** Private IPv4/IPv6 addresses of the endpoint's ENIs; undefined until they are known. */
export function endpointEniIps(e: VpcEndpoint, enis: readonly NetworkInterface[] | undefined): string[] | undefined {
  if (e.NetworkInterfaceIds.length === 0) return [];
  if (enis === undefined) return undefined;
  const ips = new Set<string>();
  for (const n of enis.filter((x) => e.NetworkInterfaceIds.includes(x.NetworkInterfaceId))) {
    if (n.PrivateIpAddress) ips.add(n.PrivateIpAddress);
    for (const p of n.PrivateIpAddresses) if (p.PrivateIpAddress) ips.add(p.PrivateIpAddress);
    for (const a of n.Ipv6Addresses) if (a.Ipv6Address) ips.add(a.Ipv6Address);
  }
  return [...ips];
}

export type Observation =
  /** Resolve and connect from here: `from` names where (an instance id, or this host), `server` the --dns-server. */
  | { kind: 'observed'; from: string; server?: string }
  /** Configuration only, and why no observation. */
  | { kind: 'reasoned'; why: string }
  /** IMDS has not answered yet. */
  | { kind: 'pending' };

/**
 * Observation is meaningful only from inside the source VPC (IMDSv2 names the instance and its
 * VPC) or through the resolver the user named (--dns-server). With neither, nothing is resolved
 * or connected: the module never asks for dns.resolve or tcp.connect.
 */
export function observationOf(ctx: PathContext): Observation {
  const imdsOutcome = ctx.probe('imds.instance', {});
  const imds = okValue(imdsOutcome);
  const server = ctx.settings.dnsServer;
  if (server !== undefined && server !== '') {
    if (imdsOutcome === undefined) return { kind: 'pending' };
    return { kind: 'observed', from: imds?.inside === true ? imds.instanceId : 'this host', server };
  }
  if (imdsOutcome === undefined) return { kind: 'pending' };
  if (imds === undefined)
    return {
      kind: 'reasoned',
      why: 'could not ask the instance metadata service whether vpce-doctor runs inside the VPC',
    };
  if (!ctx.inside) {
    return {
      kind: 'reasoned',
      why: 'the traffic starts outside the VPC; pass --dns-server with the DNS server the client uses to observe its answer',
    };
  }
  if (!imds.inside) {
    return {
      kind: 'reasoned',
      why: `vpce-doctor is not running on an instance in ${ctx.vpcId ?? 'the VPC'} (IMDS: ${imds.reason}); run it there or pass --dns-server to observe`,
    };
  }
  if (imds.vpcId !== ctx.vpcId) {
    return {
      kind: 'reasoned',
      why: `vpce-doctor runs on ${imds.instanceId} in ${imds.vpcId}, not where the traffic starts; pass --dns-server to observe`,
    };
  }
  return { kind: 'observed', from: `${imds.instanceId} (${imds.az}, ${imds.vpcId})` };
}
