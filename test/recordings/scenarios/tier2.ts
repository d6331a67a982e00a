// Tier-2 recordings: private DNS that cannot be enabled (another endpoint owns the name), S3
// private DNS only for inbound resolvers without the gateway route, an endpoint placed in AZs the
// service does not offer, an interface endpoint where a gateway was meant, and an HTTPS proxy on
// the source instance; plus healthy twins of the inbound-only and proxy cases.
import type { RecordingScenario } from '../scenario.js';
import type { Account } from '../../support/fixtures/index.js';
import type { VpcEndpoint } from '../../../src/probes/shapes.js';
import { awsEndpointService } from '../../support/fixtures/dns.js';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS } from '../../support/fixtures/world.js';
import { addInterfaceEndpoint } from './dns.js';

export const TIER2_IDS = {
  /** A second SQS interface endpoint (private DNS on) next to the one the user names. */
  otherSqs: 'vpce-0a5d5e0d1c2b3a4a1',
  inbound: 'rslvr-in-0a1b2c3d4e5f60704',
} as const;

const fromInstance = { region: 'us-east-1', 'source.kind': 'instance', 'source.id': IDS.instance, symptom: 'timeout' } as const;

/** A copy of `e` under another id, with its own ENIs (10.0.3.40 / 10.0.4.40). */
export function twinEndpoint(a: Account, e: VpcEndpoint, id: string, privateDns: boolean): VpcEndpoint {
  const enis = (a.networkInterfaces ?? [])
    .filter((n) => e.NetworkInterfaceIds.includes(n.NetworkInterfaceId))
    .map((n, i) => ({
      ...n,
      NetworkInterfaceId: `eni-0f${id.slice(-6)}0000000${i}`,
      PrivateIpAddress: n.PrivateIpAddress?.replace(/\.\d+$/, '.40'),
      PrivateIpAddresses: [{ PrivateIpAddress: n.PrivateIpAddress?.replace(/\.\d+$/, '.40'), Primary: true }],
    }));
  const twin: VpcEndpoint = {
    ...e,
    VpcEndpointId: id,
    NetworkInterfaceIds: enis.map((n) => n.NetworkInterfaceId),
    PrivateDnsEnabled: privateDns,
    DnsEntries: [{ DnsName: `${id}-7h3k2p9q.${e.ServiceName.split('.').slice(3).join('.')}.us-east-1.vpce.amazonaws.com`, HostedZoneId: 'Z7HUB22UULQXV' }],
    Tags: [{ Key: 'Name', Value: 'sqs-endpoint-team-b' }],
  };
  a.endpoints.push(twin);
  a.networkInterfaces = [...(a.networkInterfaces ?? []), ...enis];
  return twin;
}

/** S3: a gateway endpoint routed from `tables`, and an interface endpoint answering privately only for inbound resolvers. */
export function s3InboundOnlyAccount(tables: string[], inboundResolver: boolean): { account: Account; interfaceId: string } {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, tables));
  for (const t of a.routeTables) if (tables.includes(t.RouteTableId)) t.Routes.push(endpointRoute(IDS.s3Gateway));
  const e = addInterfaceEndpoint(a, 's3');
  e.DnsOptions = { DnsRecordIpType: 'ipv4', PrivateDnsOnlyForInboundResolverEndpoint: true };
  if (inboundResolver) a.resolverEndpoints = [{ Id: TIER2_IDS.inbound, Direction: 'INBOUND', HostVPCId: IDS.vpc, IpAddressCount: 2, Status: 'OPERATIONAL', Name: 'from-corp' }];
  return { account: a, interfaceId: e.VpcEndpointId };
}

/** A healthy S3 gateway path, run on the source instance itself (IMDS names it). */
export function gatewayOnTheInstance(proxyEnv?: Account['proxyEnv']): Account {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
  for (const t of a.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
  a.imds = { inside: true, instanceId: IDS.instance, az: 'us-east-1a', vpcId: IDS.vpc, endpoint: 'http://169.254.169.254' };
  if (proxyEnv) a.proxyEnv = proxyEnv;
  return a;
}

const inboundOnlyBroken = s3InboundOnlyAccount([IDS.mainRtb], true);
const inboundOnlyHealthy = s3InboundOnlyAccount([IDS.appRtb, IDS.mainRtb], true);

export const tier2Scenarios: RecordingScenario[] = [
  {
    // Team B's SQS endpoint already has private DNS; the user asks about team A's, which has it off.
    name: 'dns.private-dns-conflict',
    account: (() => {
      const a = baseAccount();
      const mine = addInterfaceEndpoint(a, 'sqs', { privateDns: false });
      twinEndpoint(a, mine, TIER2_IDS.otherSqs, true);
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs', endpoint: 'vpce-0a5d5e0d1c2b3a401', symptom: 'wrong-address' },
    expect: { verdict: 'problems', findings: ['dns.private-dns-conflict'] },
  },
  {
    // The S3 interface endpoint answers privately only for inbound resolvers; the gateway endpoint
    // is routed from the main table only, and the instance's subnet has its own table.
    name: 'dns.inbound-only-misconfigured',
    account: inboundOnlyBroken.account,
    answers: { ...fromInstance, service: 's3', endpoint: inboundOnlyBroken.interfaceId },
    expect: { verdict: 'problems', findings: ['dns.inbound-only-misconfigured'] },
  },
  {
    name: 'healthy.s3-inbound-only',
    account: inboundOnlyHealthy.account,
    answers: { ...fromInstance, service: 's3', endpoint: inboundOnlyHealthy.interfaceId, symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    // SQS is offered in us-east-1b and us-east-1c only here; the endpoint's one subnet is in us-east-1a.
    name: 'interface.service-not-in-az',
    account: (() => {
      const a = baseAccount();
      addInterfaceEndpoint(a, 'sqs', { subnets: ['A'] });
      const sqs = awsEndpointService('com.amazonaws.us-east-1.sqs', ['us-east-1b', 'us-east-1c']);
      a.endpointServices = sqs ? [sqs] : [];
      return a;
    })(),
    answers: { ...fromInstance, service: 'sqs' },
    expect: { verdict: 'problems', findings: ['interface.service-not-in-az'] },
  },
  {
    // An S3 interface endpoint with private DNS off and no gateway endpoint: s3.us-east-1.amazonaws.com never reaches it.
    name: 'endpoint.wrong-type',
    account: (() => {
      const a = baseAccount();
      addInterfaceEndpoint(a, 's3', { privateDns: false });
      return a;
    })(),
    answers: { ...fromInstance, service: 's3' },
    expect: { verdict: 'problems', findings: ['endpoint.wrong-type'] },
  },
  {
    // Run on the instance: HTTPS_PROXY is set, NO_PROXY only exempts local names.
    name: 'client.proxy',
    account: gatewayOnTheInstance({
      httpsProxy: { variable: 'HTTPS_PROXY', value: 'http://proxy.corp.example.com:3128' },
      noProxy: { variable: 'NO_PROXY', value: 'localhost,127.0.0.1,169.254.169.254' },
    }),
    answers: { ...fromInstance, service: 's3' },
    expect: { verdict: 'problems', findings: ['client.proxy'] },
  },
  {
    name: 'healthy.s3-gateway-proxy-exempt',
    account: gatewayOnTheInstance({
      httpsProxy: { variable: 'HTTPS_PROXY', value: 'http://proxy.corp.example.com:3128' },
      noProxy: { variable: 'NO_PROXY', value: 'localhost,169.254.169.254,.amazonaws.com' },
    }),
    answers: { ...fromInstance, service: 's3', symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
];
