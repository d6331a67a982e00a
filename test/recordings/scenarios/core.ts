// The spine's recordings: the S3 gateway path, healthy and broken each way.
import type { RecordingScenario } from '../scenario.js';
import { awsEndpointService } from '../../support/fixtures/dns.js';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS, routeTable, subnet, vpc } from '../../support/fixtures/world.js';

const s3FromInstance = { region: 'us-east-1', service: 's3', 'source.kind': 'instance', 'source.id': IDS.instance, symptom: 'timeout' } as const;

function healthyGateway() {
  const account = baseAccount();
  account.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
  for (const t of account.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
  return account;
}

export const coreScenarios: RecordingScenario[] = [
  {
    name: 'healthy.s3-gateway',
    account: healthyGateway(),
    answers: { ...s3FromInstance, symptom: 'unknown' },
    expect: { verdict: 'healthy', findings: [] },
  },
  {
    name: 'endpoint.missing',
    account: baseAccount(),
    answers: s3FromInstance,
    // The app table's default route goes to a NAT gateway: S3 traffic pays NAT charges today.
    expect: { verdict: 'problems', findings: ['endpoint.missing', 'cost.s3-via-nat'] },
  },
  {
    // A typo the Region cannot offer: "secretmanager" for secretsmanager.
    name: 'service.no-privatelink',
    account: (() => {
      const a = baseAccount();
      a.endpointServices = [awsEndpointService('com.amazonaws.us-east-1.secretsmanager'), awsEndpointService('com.amazonaws.us-east-1.sqs')].filter((d) => d !== null);
      return a;
    })(),
    answers: { ...s3FromInstance, service: 'secretmanager' },
    expect: { verdict: 'problems', findings: ['service.no-privatelink'] },
  },
  {
    name: 'endpoint.not-available',
    account: (() => {
      const a = baseAccount();
      a.endpoints.push({
        ...gatewayEndpoint('vpce-0f00dfeed1234abcd', IDS.vpc, [], 's3', 'payments-api'),
        VpcEndpointType: 'Interface',
        ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0e1f2a3b4c5d6e7f8',
        State: 'pendingAcceptance',
        RouteTableIds: [],
        SubnetIds: [IDS.subnetA, IDS.subnetB],
        Groups: [{ GroupId: 'sg-0f1e2d3c4b5a69870', GroupName: 'payments-endpoint' }],
        NetworkInterfaceIds: ['eni-0c0ffee1234567890', 'eni-0c0ffee1234567891'],
        PrivateDnsEnabled: false,
      });
      return a;
    })(),
    answers: { ...s3FromInstance, service: 'com.amazonaws.vpce.us-east-1.vpce-svc-0e1f2a3b4c5d6e7f8' },
    expect: { verdict: 'problems', findings: ['endpoint.not-available'] },
  },
  {
    name: 'endpoint.other-vpc',
    account: (() => {
      const a = baseAccount();
      a.vpcs.push(vpc(IDS.otherVpc, '10.1.0.0/16', 'shared-services'));
      a.subnets.push(subnet('subnet-0cc33dd44ee55ff66', IDS.otherVpc, '10.1.1.0/24', 'us-east-1a', 'shared-a'));
      a.routeTables.push(routeTable('rtb-0aa99bb88cc77dd66', IDS.otherVpc, { main: true, name: 'shared-main', routes: [endpointRoute('vpce-0aaaabbbbccccdddd')] }));
      a.endpoints.push(gatewayEndpoint('vpce-0aaaabbbbccccdddd', IDS.otherVpc, ['rtb-0aa99bb88cc77dd66'], 's3', 'shared-s3'));
      return a;
    })(),
    answers: { ...s3FromInstance, endpoint: 'vpce-0aaaabbbbccccdddd' },
    expect: { verdict: 'problems', findings: ['endpoint.other-vpc'] },
  },
  {
    // The demo: a Lambda ENI in a subnet without its own route table; the gateway endpoint is
    // associated only with the app table, so the main table has no S3 route.
    name: 'gateway.route-table-not-associated',
    account: (() => {
      const a = baseAccount();
      a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb]));
      a.routeTables[0]?.Routes.push(endpointRoute(IDS.s3Gateway));
      return a;
    })(),
    answers: { region: 'us-east-1', service: 's3', 'source.kind': 'eni', 'source.id': IDS.lambdaEni, symptom: 'timeout' },
    expect: { verdict: 'problems', findings: ['gateway.route-table-not-associated'] },
  },
  {
    name: 'gateway.route-table-not-associated.explicit',
    account: (() => {
      const a = baseAccount();
      a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.mainRtb]));
      a.routeTables[1]?.Routes.push(endpointRoute(IDS.s3Gateway));
      return a;
    })(),
    answers: s3FromInstance,
    expect: { verdict: 'problems', findings: ['gateway.route-table-not-associated', 'cost.s3-via-nat'] },
  },
  {
    name: 'gateway.not-transitive',
    account: healthyGateway(),
    answers: { region: 'us-east-1', service: 's3', 'source.kind': 'vpn', 'source.ip': '192.168.40.12', vpc: IDS.vpc, symptom: 'timeout' },
    expect: { verdict: 'problems', findings: ['gateway.not-transitive'] },
  },
  {
    name: 'incomplete.route-tables-denied',
    account: (() => {
      const a = healthyGateway();
      a.denied = { 'ec2.route-table': 'ec2:DescribeRouteTables' };
      return a;
    })(),
    answers: s3FromInstance,
    expect: { verdict: 'incomplete', findings: [] },
  },
];
