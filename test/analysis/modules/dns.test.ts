// The DNS and interface-endpoint modules through the real engine: AWS facts from the fixture
// account, observations from loopback stand-ins (a dns2 DNS server, TCP listeners, an IMDSv2
// server). Nothing here leaves 127.0.0.0/8: IMDS is disabled or local, DNS goes only to the
// local server (settings.dnsServer), and TCP connects only to the loopback answers it gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineState } from '../../../src/engine/machine.js';
import type { Answers } from '../../../src/path/answers.js';
import type { Settings } from '../../../src/path/context.js';
import type { Report } from '../../../src/engine/verdict.js';
import {
  PROBES,
  type ProbeInput,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeOutput,
  type ProbeSource,
} from '../../../src/probes/contract.js';
import { observationHandlers } from '../../../src/probes/live/dns.js';
import { detectInstance } from '../../../src/probes/live/net-observe.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { baseAccount, gatewayEndpoint, IDS } from '../../support/fixtures/world.js';
import { startDnsServer, type TestDnsServer } from '../../support/dns-server.js';
import { startImdsServer } from '../../support/imds-server.js';
import { closedPort, startOpenListener, type TestListener } from '../../support/tcp-listener.js';
import { addInterfaceEndpoint } from '../../recordings/scenarios/dns.js';
import { reportOf, walk } from '../../support/diagnose.js';

const SQS = 'sqs.us-east-1.amazonaws.com';
const fromInstance: Answers = {
  region: 'us-east-1',
  service: 'sqs',
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'unknown',
};

/** AWS probes from the fixture account; IMDS, DNS and TCP for real, against loopback only. */
class LoopbackProbes implements ProbeSource {
  readonly keys: ProbeKey[] = [];
  constructor(
    private readonly account: Account,
    private readonly imdsEndpoint?: string,
  ) {}
  async run<K extends ProbeKey>(request: { key: K; input: ProbeInput<K> }): Promise<ProbeOutcome<ProbeOutput<K>>> {
    this.keys.push(request.key);
    const live = observationHandlers();
    let raw: unknown;
    if (request.key === 'imds.instance') {
      raw = await detectInstance(
        // A loopback server on a loaded machine can take longer than the 300 ms meant for a real one.
        this.imdsEndpoint
          ? { endpoint: this.imdsEndpoint, env: {}, timeoutMs: 5000 }
          : { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
      );
    } else if (request.key === 'dns.resolve') {
      const input = request.input as ProbeInput<'dns.resolve'>;
      // Guard: a test that forgot settings.dnsServer must fail, not query the system resolver.
      if (input.server === undefined || !input.server.startsWith('127.'))
        throw new Error(`test tried to resolve through ${input.server ?? 'the system resolver'}`);
      raw = await live['dns.resolve'](input);
    } else if (request.key === 'tcp.connect') {
      const input = request.input as ProbeInput<'tcp.connect'>;
      if (!input.ip.startsWith('127.')) throw new Error(`test tried to connect to ${input.ip}`);
      raw = await live['tcp.connect'](input);
    } else {
      return fixtureProbes(this.account).run(request);
    }
    return { status: 'ok', value: PROBES[request.key].output.parse(raw) as ProbeOutput<K> };
  }
}

async function diagnose(
  account: Account,
  answers: Answers,
  settings: Settings = {},
  opts: { imds?: string; seeded?: boolean } = {},
): Promise<{ report: Report; probes: LoopbackProbes; state: EngineState }> {
  const probes = new LoopbackProbes(account, opts.imds);
  const state = await walk(answers, probes, { settings, how: opts.seeded ? 'seeded' : 'presets' });
  return { report: reportOf(state), probes, state };
}

/** SQS endpoint whose ENIs carry loopback addresses, so an observed "private" answer can be connected to. */
function loopbackSqs(): Account {
  const a = baseAccount();
  addInterfaceEndpoint(a, 'sqs', { ips: ['127.0.0.2', '127.0.0.3'] });
  return a;
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

describe('DNS module: reasoned unless observation means something', () => {
  it('off EC2 (IMDS disabled) and no --dns-server → nothing resolved or connected; every DNS check is reasoned', async () => {
    const { report, probes } = await diagnose(loopbackSqs(), fromInstance);
    expect(probes.keys).toContain('imds.instance');
    expect(probes.keys).not.toContain('dns.resolve');
    expect(probes.keys).not.toContain('tcp.connect');
    const dnsChecks = report.checks.filter((c) => c.layer === 'dns');
    expect(dnsChecks.length).toBeGreaterThan(4);
    for (const c of dnsChecks) {
      expect(c.basis).toBe('reasoned');
      expect(c.detail).toContain('reasoned from configuration');
    }
    expect(check(report, 'dns.answer')?.detail).toContain('IMDS: disabled');
    expect(report.verdict).toBe('healthy');
  });

  it('IMDS says we run in another VPC → still reasoned, nothing resolved', async () => {
    const imds = await startImdsServer({
      instance: {
        instanceId: 'i-0fff000011112222a',
        az: 'us-east-1a',
        mac: '0e:00:00:00:00:01',
        vpcId: 'vpc-0fff0000111122223',
      },
    });
    try {
      const { report, probes } = await diagnose(loopbackSqs(), fromInstance, {}, { imds: imds.endpoint });
      expect(probes.keys).not.toContain('dns.resolve');
      expect(check(report, 'dns.answer')).toMatchObject({ basis: 'reasoned' });
      expect(check(report, 'dns.answer')?.detail).toContain(
        'runs on i-0fff000011112222a in vpc-0fff0000111122223, not where the traffic starts',
      );
    } finally {
      await imds.close();
    }
  });
});

describe('DNS module: observed through --dns-server (local DNS server)', () => {
  let dns: TestDnsServer;
  let open: TestListener;
  beforeAll(async () => {
    dns = await startDnsServer();
    open = await startOpenListener();
  });
  afterAll(async () => {
    await dns.close();
    await open.close();
  });

  it('the name resolves to the endpoint ENIs → dns.answer passes, observed through the server; TCP 443 outcome recorded per answer', async () => {
    dns.set(SQS, { kind: 'a', addresses: ['127.0.0.2', '127.0.0.3'] });
    const { report, state } = await diagnose(loopbackSqs(), fromInstance, { dnsServer: dns.address });
    expect(dns.queries).toContain(SQS);
    expect(check(report, 'dns.answer')).toMatchObject({ status: 'pass', basis: 'observed' });
    expect(check(report, 'dns.answer')?.detail).toContain(`observed from this host through DNS server ${dns.address}`);
    expect(report.findings.map((f) => f.id)).toEqual([]);
    // Port 443 cannot be bound portably here: the probe's outcome for each loopback answer is
    // recorded (open if something happens to listen on 443, refused otherwise), never skipped.
    const tcp = Object.values(state.results).filter((r) => r.key === 'tcp.connect');
    expect(tcp.map((r) => r.input)).toEqual([
      { ip: '127.0.0.2', port: 443 },
      { ip: '127.0.0.3', port: 443 },
    ]);
    for (const r of tcp) {
      expect(r.outcome.status).toBe('ok');
      expect(['open', 'refused']).toContain((r.outcome as { value: { status: string } }).value.status);
    }
    expect(check(report, 'tcp.connect')).toMatchObject({ basis: 'observed', layer: 'route' });
  });

  it('the name resolves elsewhere although configuration is right → dns.resolves-public, observed, fix names the VPC resolver', async () => {
    dns.set(SQS, { kind: 'a', addresses: ['127.0.0.9'] });
    const { report } = await diagnose(loopbackSqs(), fromInstance, { dnsServer: dns.address });
    expect(report.findings.map((f) => f.id)).toEqual(['dns.resolves-public']);
    const f = report.findings[0]!;
    expect(f.evidence[0]).toContain(`through DNS server ${dns.address}`);
    expect(f.evidence.join('\n')).toContain('127.0.0.9');
    expect(f.fix.summary).toContain(`make it forward us-east-1.amazonaws.com to 10.0.0.2 (the VPC resolver)`);
    expect(check(report, 'dns.answer')).toMatchObject({ status: 'fail', basis: 'observed' });
  });

  it("NXDOMAIN with a private zone for the Region claiming the name (only this VPC's) → dns.answer fails (observed) and dns.phz-shadow names the zone; the fix is an alias record, not a disassociate Route 53 refuses", async () => {
    dns.set(SQS, { kind: 'nxdomain' });
    const a = loopbackSqs();
    a.privateHostedZones = [
      { zone: { HostedZoneId: 'Z0PHZ1234567890', Name: 'us-east-1.amazonaws.com.' }, vpcIds: [IDS.vpc] },
    ];
    const { report } = await diagnose(a, fromInstance, { dnsServer: dns.address });
    expect(report.findings.map((f) => f.id)).toEqual(['dns.phz-shadow']);
    expect(check(report, 'dns.answer')).toMatchObject({ status: 'fail', basis: 'observed' });
    expect(check(report, 'dns.answer')?.detail).toContain('NXDOMAIN');
    expect(report.findings[0]?.evidence.join('\n')).toContain('no record for sqs.us-east-1.amazonaws.com');
    expect(report.findings[0]?.fix.commands.map((c) => c.argv.slice(1, 5).join(' '))).toEqual([
      'route53 change-resource-record-sets --hosted-zone-id Z0PHZ1234567890',
    ]);
  });

  it('the server never answers → dns.answer fails with a timeout, nothing connected', async () => {
    dns.set(SQS, { kind: 'silent' });
    const { report, probes } = await diagnose(loopbackSqs(), fromInstance, { dnsServer: dns.address });
    expect(check(report, 'dns.answer')?.detail).toContain('no answer within the timeout');
    expect(probes.keys).not.toContain('tcp.connect');
  });
});

describe('the wired TCP probe on ephemeral loopback ports', () => {
  it('open and refused, as the engine records them', async () => {
    const listener = await startOpenListener();
    const closed = await closedPort();
    try {
      const tcp = observationHandlers()['tcp.connect'];
      expect(PROBES['tcp.connect'].output.parse(await tcp({ ip: '127.0.0.1', port: listener.port }))).toMatchObject({
        status: 'open',
      });
      expect(PROBES['tcp.connect'].output.parse(await tcp({ ip: '127.0.0.1', port: closed }))).toEqual({
        status: 'refused',
      });
    } finally {
      await listener.close();
    }
  });
});

describe('DNS and interface modules over configuration', () => {
  it('client on sts.amazonaws.com with a regional STS endpoint → client.sts-global-endpoint (target.hostname answered)', async () => {
    const a = baseAccount();
    addInterfaceEndpoint(a, 'sts');
    const { report } = await diagnose(
      a,
      { ...fromInstance, service: 'sts', 'target.hostname': 'sts.amazonaws.com' },
      {},
      { seeded: true },
    );
    expect(report.findings.map((f) => f.id)).toEqual(['client.sts-global-endpoint']);
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      'aws configure set sts_regional_endpoints regional',
    ]);
    expect(check(report, 'dns.private-dns')?.detail).toContain('not sts.amazonaws.com');
  });

  it('a gateway endpoint reporting PrivateDnsEnabled true (as emulators do) drives no DNS finding', async () => {
    const a = baseAccount();
    a.endpoints.push({
      ...gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]),
      PrivateDnsEnabled: true,
    });
    const { report } = await diagnose(a, { ...fromInstance, service: 's3' });
    expect(report.findings.filter((f) => f.layer === 'dns')).toEqual([]);
    expect(check(report, 'dns.private-dns')).toBeUndefined();
    expect(check(report, 'dns.vpc-dns-support')).toMatchObject({ status: 'pass', basis: 'reasoned' });
  });

  it('a gateway endpoint in a VPC with DNS resolution off → dns.vpc-dns-support-disabled', async () => {
    const a = baseAccount();
    a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
    a.vpcDnsAttributes = { [IDS.vpc]: { EnableDnsSupport: false, EnableDnsHostnames: false } };
    const { report } = await diagnose(a, { ...fromInstance, service: 's3' });
    expect(report.findings.map((f) => f.id)).toContain('dns.vpc-dns-support-disabled');
    expect(report.findings.map((f) => f.id)).not.toContain('dns.vpc-dns-hostnames-disabled');
  });

  it('Resolver rules cannot be read → dns.resolver-rules skipped naming the action, the answer is not a pass, verdict incomplete', async () => {
    const a = loopbackSqs();
    a.denied = { 'route53resolver.rule-associations': 'route53resolver:ListResolverRuleAssociations' };
    const { report } = await diagnose(a, fromInstance);
    expect(check(report, 'dns.resolver-rules')).toMatchObject({ status: 'skipped' });
    expect(check(report, 'dns.resolver-rules')?.detail).toContain('route53resolver:ListResolverRuleAssociations');
    expect(check(report, 'dns.answer')?.status).toBe('skipped');
    expect(report.verdict).toBe('incomplete');
  });

  it('SSM without ec2messages → client.companion-endpoints creating exactly that one in the endpoint subnets', async () => {
    const a = baseAccount();
    const ssm = addInterfaceEndpoint(a, 'ssm');
    a.endpoints.push({
      ...ssm,
      VpcEndpointId: 'vpce-0a5d5e0d1c2b3a4aa',
      ServiceName: 'com.amazonaws.us-east-1.ssmmessages',
    });
    const { report } = await diagnose(a, { ...fromInstance, service: 'ssm' });
    expect(report.findings.map((f) => f.id)).toEqual(['client.companion-endpoints']);
    expect(report.findings[0]?.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${IDS.vpc} --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.ec2messages --subnet-ids ${ssm.SubnetIds.join(' ')} --security-group-ids ${ssm.Groups[0]!.GroupId} --private-dns-enabled --region us-east-1`,
    ]);
  });

  it('endpoint ENI only in another AZ → interface.az-not-covered warning with the subnet to add, no error', async () => {
    const a = baseAccount();
    const e = addInterfaceEndpoint(a, 'sqs', { subnets: ['B'] });
    const { report } = await diagnose(a, fromInstance);
    expect(report.verdict).toBe('healthy');
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ id: 'interface.az-not-covered', severity: 'warning' });
    // The first us-east-1a subnet of the VPC by id, not yet an endpoint subnet.
    expect(report.findings[0]?.fix.commands[0]?.line).toMatch(
      new RegExp(
        `^aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.VpcEndpointId} --add-subnet-ids subnet-0[0-9a-f]+ --region us-east-1$`,
      ),
    );
  });
});
