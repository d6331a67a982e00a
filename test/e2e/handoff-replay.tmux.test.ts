// The ways into and around the wizard, in a real terminal: `whois` on an endpoint interface
// hands over to the wizard with the endpoint chosen; replay plays by itself, pauses, lands on
// the verdict and keeps keys from the shell; `rerun session.json` probes a saved session again.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateVpcEndpointCommand, ModifyVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { motoEnv, ROOT, runCli } from '../support/cli.js';
import { basicVpc, ec2, gatewayEndpoint, routeTableFor, REGION } from '../support/moto-scenarios.js';
import { keepScreen, startTmux, type TmuxSession } from './tmux.js';

const url = inject('motoUrl');
const client = ec2(url);
let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

describe('whois hands over to the wizard', () => {
  it('whois eni-… of an interface endpoint, Enter: the wizard asks only where the traffic starts', async () => {
    const v = await basicVpc(client);
    const ep = await client.send(
      new CreateVpcEndpointCommand({
        VpcId: v.vpcId,
        ServiceName: `com.amazonaws.${REGION}.sqs`,
        VpcEndpointType: 'Interface',
        SubnetIds: [v.subnetId],
      }),
    );
    const eni = ep.VpcEndpoint?.NetworkInterfaceIds?.[0] as string;
    expect(eni).toMatch(/^eni-/);
    session = startTmux(['whois', eni, '--region', REGION], { env: motoEnv(url) });
    const s = session;
    await s.waitFor('Diagnose a source reaching', 20_000, 'history');
    s.keys('Enter');
    await s.waitFor('Where does the traffic start?');
    const screen = s.screen();
    keepScreen('whois.hand-off', screen, s.home);
    expect(screen).not.toContain('Which AWS service');
    s.keys('1');
    await s.waitFor('Its id?');
    s.type(v.instanceId);
    await s.waitFor(`filter: ${v.instanceId}`);
    s.keys('Enter');
    const verdict = await s.waitFor(/Healthy|Problems found|Incomplete/);
    expect(verdict).toContain(ep.VpcEndpoint?.VpcEndpointId as string);
    s.keys('q');
    expect([0, 1, 3]).toContain(await s.exitCode());
  });
});

describe('replay in a terminal', () => {
  it('plays by itself, space pauses, lands on the verdict screen, q leaves with its exit code, and no key reaches the shell', async () => {
    session = startTmux(['replay', join(ROOT, 'recordings/gateway.route-table-not-associated.json'), '--pace', '150']);
    const s = session;
    await s.waitFor('space pause');
    s.keys('Space');
    await s.waitFor('paused · space play');
    s.keys('x', 'y', 'z');
    s.keys('Space');
    const verdict = await s.waitFor('Problems found on the path.', 30_000);
    keepScreen('replay.verdict', verdict, s.home);
    expect(verdict).toContain('r re-run');
    s.keys('r');
    await s.waitFor('vpce-doctor rerun');
    s.keys('q');
    expect(await s.exitCode()).toBe(1);
    // The keys typed during the replay were the wizard's: none is left for the shell.
    expect(s.screen()).not.toMatch(/^xyz/m);
  });
});

describe('rerun a saved session', () => {
  it('rerun session.json probes again with the saved answers and says what changed since', async () => {
    const v = await basicVpc(client);
    const appRtb = await routeTableFor(client, v.vpcId, v.otherSubnetId);
    const vpce = await gatewayEndpoint(client, v.vpcId, [appRtb]);
    const dir = mkdtempSync(join(tmpdir(), 'vpce-doctor-rerun-'));
    const answers = join(dir, 'answers.json');
    writeFileSync(
      answers,
      JSON.stringify({
        version: 1,
        answers: {
          region: REGION,
          service: 's3',
          'source.kind': 'instance',
          'source.id': v.instanceId,
          symptom: 'timeout',
        },
      }),
    );
    const saved = join(dir, 'session.json');
    const first = await runCli(['--answers', answers, '--save', saved], { env: motoEnv(url) });
    expect(first.code, first.stderr).toBe(1);
    await client.send(new ModifyVpcEndpointCommand({ VpcEndpointId: vpce, AddRouteTableIds: [v.mainRouteTableId] }));
    const again = await runCli(['rerun', saved], { env: motoEnv(url) });
    expect(again.stderr).toContain('Since the saved session:');
    expect(again.stderr).toMatch(/gateway\.route-table: fail → pass/);
    const viaAnswers = await runCli(['--answers', saved, '--json'], { env: motoEnv(url) });
    expect(JSON.parse(viaAnswers.stdout)).toHaveProperty('verdict');
  });
});
