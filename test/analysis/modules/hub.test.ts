// The hub ("centralized endpoint") rules through the real engine on fixture accounts.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { HUB_IDS, hubAccount, hubAnswers } from '../../support/fixtures/hub.js';
import { tcp443 } from '../../support/fixtures/network.js';
import { IDS } from '../../support/fixtures/world.js';
import { diagnose as diagnoseWith, walk } from '../../support/diagnose.js';

const diagnose = (account: Account, answers: Answers = hubAnswers): Promise<Report> => diagnoseWith(account, answers);

const ids = (r: Report) => r.findings.map((f) => f.id);
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

describe('hub (centralized) interface endpoints', () => {
  it('zone associated with the spoke + route over peering: no endpoint.other-vpc, a pass naming hub VPC, zone and route', async () => {
    const r = await diagnose(hubAccount());
    expect(r.verdict).toBe('healthy');
    expect(ids(r)).toEqual([]);
    const hub = check(r, 'endpoint.hub');
    expect(hub?.status).toBe('pass');
    expect(hub?.detail).toContain(HUB_IDS.hubVpc);
    expect(hub?.detail).toContain(HUB_IDS.zone);
    expect(hub?.detail).toContain(`10.1.3.10 → ${HUB_IDS.pcx} by route 10.1.0.0/16`);
    expect(check(r, 'endpoint.same-vpc')).toBeUndefined();
    // The hub side of the network path is judged: the endpoint's group and its subnets' ACLs.
    expect(check(r, 'sg.endpoint-ingress')?.status).toBe('pass');
    expect(check(r, 'nacl.endpoint-subnet')?.detail).toContain(HUB_IDS.hubSubnetA);
  });

  it('a FORWARD rule to the hub resolver over a transit gateway also makes a working hub', async () => {
    const r = await diagnose(hubAccount({ via: 'tgw', dns: 'rule' }));
    expect(r.verdict).toBe('healthy');
    expect(check(r, 'endpoint.hub')?.detail).toContain(
      `Resolver rule ${HUB_IDS.rule} (FORWARD us-east-1.amazonaws.com.`,
    );
    expect(check(r, 'endpoint.hub')?.detail).toContain(`${HUB_IDS.tgw} (transit gateway)`);
  });

  it('routed but nothing makes the spoke resolve the name → dns.hub-not-resolvable with the hub zone id in the fix', async () => {
    const r = await diagnose(hubAccount({ dns: 'none' }));
    expect(ids(r)).toEqual(['dns.hub-not-resolvable']);
    const f = r.findings[0];
    expect(f?.layer).toBe('dns');
    expect(f?.fix.commands.map((c) => c.line)).toEqual([
      `aws route53 associate-vpc-with-hosted-zone --hosted-zone-id ${HUB_IDS.zone} --vpc VPCRegion=us-east-1,VPCId=${IDS.vpc} --region us-east-1`,
    ]);
    expect(f?.fix.alternatives?.[0]?.commands[0]?.line).toBe(
      `aws route53 create-vpc-association-authorization --hosted-zone-id ${HUB_IDS.zone} --vpc VPCRegion=us-east-1,VPCId=${IDS.vpc} --region us-east-1`,
    );
    expect(check(r, 'endpoint.hub')?.status).toBe('fail');
  });

  it('without a discoverable hub zone → no command (never a placeholder id); the summary says which zone to find and associate', async () => {
    const a = hubAccount({ dns: 'none' });
    a.privateHostedZones = [];
    const r = await diagnose(a);
    expect(ids(r)).toEqual(['dns.hub-not-resolvable']);
    expect(r.findings[0]?.fix.commands).toEqual([]);
    expect(r.findings[0]?.fix.summary).toContain('Find the private hosted zone');
    expect(r.findings[0]?.fix.summary).toContain('associate-vpc-with-hosted-zone');
  });

  it.each([['nat'], ['none']] as const)(
    'no peering/TGW route to the hub ENIs (%s) → endpoint.other-vpc as before, naming the route',
    async (via) => {
      const r = await diagnose(hubAccount({ via }));
      expect(ids(r)).toEqual(['endpoint.other-vpc']);
      expect(r.findings[0]?.evidence.join(' ')).toMatch(
        via === 'nat' ? /10\.1\.3\.10 → nat-/ : /10\.1\.3\.10 → none \(no route\)/,
      );
      expect(check(r, 'endpoint.hub')).toBeUndefined();
    },
  );

  it('hub ENIs that cannot be read: could-not-check (incomplete), neither a pass nor endpoint.other-vpc', async () => {
    const a = hubAccount();
    a.denied = { 'ec2.network-interfaces': 'ec2:DescribeNetworkInterfaces' };
    const r = await diagnose(a);
    expect(ids(r)).toEqual([]);
    expect(r.verdict).toBe('incomplete');
    expect(check(r, 'endpoint.hub')).toMatchObject({
      status: 'skipped',
      detail: expect.stringContaining('ec2:DescribeNetworkInterfaces'),
    });
  });

  it('spoke zones that cannot be listed: could-not-check, not dns.hub-not-resolvable', async () => {
    const a = hubAccount({ dns: 'none' });
    a.denied = { 'route53.hosted-zones-by-vpc': 'route53:ListHostedZonesByVPC' };
    const r = await diagnose(a);
    expect(ids(r)).toEqual([]);
    expect(r.verdict).toBe('incomplete');
    expect(check(r, 'endpoint.hub')?.status).toBe('skipped');
  });

  it('over a transit gateway an ingress rule naming the spoke group does not match: sg.endpoint-ingress-missing with a CIDR fix', async () => {
    const r = await diagnose(hubAccount({ via: 'tgw', endpointIngress: [tcp443({ groupId: IDS.appSg })] }));
    expect(ids(r)).toEqual(['sg.endpoint-ingress-missing']);
    const cmd = r.findings[0]?.fix.commands[0]?.line ?? '';
    expect(cmd).toContain(`--group-id ${HUB_IDS.hubSg}`);
    expect(cmd).toContain('10.0.1.25/32');
    expect(cmd).not.toContain(IDS.appSg);
    expect(r.findings[0]?.evidence.join(' ')).toContain('transit gateway');
  });

  it('over same-Region peering the same group reference does match', async () => {
    const r = await diagnose(hubAccount({ via: 'pcx', endpointIngress: [tcp443({ groupId: IDS.appSg })] }));
    expect(r.verdict).toBe('healthy');
    expect(check(r, 'sg.endpoint-ingress')?.status).toBe('pass');
  });

  it('the hub endpoint group not allowing the spoke at all → sg.endpoint-ingress-missing on the hub group', async () => {
    const r = await diagnose(hubAccount({ endpointIngress: [tcp443({ cidr: '10.1.0.0/16' })] }));
    expect(ids(r)).toEqual(['sg.endpoint-ingress-missing']);
  });

  it('a gateway endpoint in another VPC stays endpoint.other-vpc even with a peering route', async () => {
    const a = hubAccount();
    const e = a.endpoints[0];
    if (e === undefined) throw new Error('no endpoint');
    a.endpoints[0] = {
      ...e,
      VpcEndpointType: 'Gateway',
      ServiceName: 'com.amazonaws.us-east-1.s3',
      NetworkInterfaceIds: [],
    };
    const r = await diagnose(a, { ...hubAnswers, service: 's3' });
    expect(ids(r)).toContain('endpoint.other-vpc');
    expect(ids(r)).not.toContain('dns.hub-not-resolvable');
  });

  it('policy context through a hub endpoint names the hub endpoint and VPC', async () => {
    const { judgedPath } = await import('../../../src/analysis/policy/request.js');
    const { context } = await import('../../../src/engine/machine.js');
    const a = hubAccount();
    const s = await walk(hubAnswers, fixtureProbes(a));
    const ctx = context(s);
    const path = judgedPath(ctx);
    expect(path.context['aws:SourceVpce']).toBe(HUB_IDS.sqsHubEndpoint);
    expect(path.context['aws:SourceVpc']).toBe(HUB_IDS.hubVpc);
  });
});
