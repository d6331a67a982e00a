// Hub ("centralized") interface endpoints against the emulator: two peered VPCs, the SQS
// endpoint in the hub, the instance in the spoke. The emulator gives endpoint ENIs random
// addresses, so the spoke routes each one (/32) to the peering connection. Transit gateways and
// Resolver FORWARD rules for the hub are covered by the fixture tests (test/analysis/modules/hub.test.ts).
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { basicVpc, ec2, REGION, routeTableFor } from '../support/moto-scenarios.js';
import { endpointGroup, interfaceEndpoint, privateZone } from '../support/dns-moto.js';
import { associateZone, endpointEniIps, peer, routeAddresses } from '../support/hub-moto.js';

const url = inject('motoUrl');

interface Report {
  verdict: string;
  findings: { id: string; evidence: string[]; fix: { summary: string; commands: { line: string }[] } }[];
  checks: { id: string; status: string; detail: string }[];
}

const ids = (r: Report) => r.findings.map((f) => f.id);
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

describe.skipIf(!url)('hub endpoints against moto', () => {
  let client: EC2Client;
  beforeAll(() => {
    client = ec2(url);
  });

  async function hub(opts: { route: boolean; zoneOnSpoke: boolean }) {
    const spoke = await basicVpc(client);
    const hubVpc = await basicVpc(client);
    const group = await endpointGroup(client, hubVpc, [spoke.vpcCidr]);
    const ep = await interfaceEndpoint(client, hubVpc, 'sqs', { groupId: group, privateDns: false });
    const zone = await privateZone(url, hubVpc.vpcId, 'sqs.us-east-1.amazonaws.com');
    if (opts.zoneOnSpoke) await associateZone(url, zone, spoke.vpcId);
    const rtb = await routeTableFor(client, spoke.vpcId, spoke.subnetId);
    const pcx = await peer(client, spoke.vpcId, hubVpc.vpcId);
    if (opts.route) await routeAddresses(client, rtb, await endpointEniIps(client, ep.id), pcx);
    const { report, code } = await runAnswers<Report>(url, {
      region: REGION,
      service: 'sqs',
      'source.kind': 'instance',
      'source.id': spoke.instanceId,
      endpoint: ep.id,
      symptom: 'timeout',
    });
    return { spoke, hubVpc, ep, zone, pcx, rtb, report, code };
  }

  it('zone associated with the spoke and routes over peering: no endpoint.other-vpc, endpoint.hub passes', async () => {
    const h = await hub({ route: true, zoneOnSpoke: true });
    expect(ids(h.report)).toEqual([]);
    const c = check(h.report, 'endpoint.hub');
    expect(c?.status).toBe('pass');
    expect(c?.detail).toContain(h.hubVpc.vpcId);
    expect(c?.detail).toContain(h.zone);
    expect(c?.detail).toContain(h.pcx);
    expect(check(h.report, 'sg.endpoint-ingress')?.status).toBe('pass');
  });

  it('routed but the zone is only the hub’s → dns.hub-not-resolvable with the association command', async () => {
    const h = await hub({ route: true, zoneOnSpoke: false });
    expect(ids(h.report)).toEqual(['dns.hub-not-resolvable']);
    expect(h.report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws route53 associate-vpc-with-hosted-zone --hosted-zone-id ${h.zone} --vpc VPCRegion=${REGION},VPCId=${h.spoke.vpcId} --region ${REGION}`,
    ]);
    expect(h.code).toBe(1);
  });

  it('no route to the hub → endpoint.other-vpc as before', async () => {
    const h = await hub({ route: false, zoneOnSpoke: true });
    expect(ids(h.report)).toEqual(['endpoint.other-vpc']);
    expect(h.code).toBe(1);
  });
});
