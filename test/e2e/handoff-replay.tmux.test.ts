// The ways into and around the wizard, in a real terminal: `whois` on an endpoint interface
// hands over to the wizard with the endpoint chosen; replay plays by itself, pauses, lands on
// the verdict and keeps keys from the shell; `rerun session.json` probes a saved session again.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
    // r offers to run the recorded answers live, naming where; n keeps the recording.
    await s.waitFor(/Run these answers against AWS now \(the default credentials, Region\s+us-east-1\)\?\s+y\/n/);
    s.keys('n');
    await s.waitFor('the replay stays as recorded');
    s.keys('q');
    expect(await s.exitCode()).toBe(1);
    // The keys typed during the replay were the wizard's: none is left for the shell.
    expect(s.screen()).not.toMatch(/^xyz/m);
  });
});

/**
 * A diagnosis saved while the subnet's table lacks the S3 gateway route (exit 1), then the fix
 * applied to the account: the saved session is the "before", the account the "after".
 */
async function sessionSavedBeforeTheFix(prefix: string) {
  const v = await basicVpc(client);
  const appRtb = await routeTableFor(client, v.vpcId, v.otherSubnetId);
  const vpce = await gatewayEndpoint(client, v.vpcId, [appRtb]);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const answers = join(dir, 'answers.json');
  const given = {
    region: REGION,
    service: 's3',
    'source.kind': 'instance',
    'source.id': v.instanceId,
    symptom: 'timeout',
  };
  writeFileSync(answers, JSON.stringify({ version: 1, answers: given }));
  const saved = join(dir, 'session.json');
  const first = await runCli(['--answers', answers, '--save', saved], { env: motoEnv(url) });
  expect(first.code, first.stderr).toBe(1);
  await client.send(new ModifyVpcEndpointCommand({ VpcEndpointId: vpce, AddRouteTableIds: [v.mainRouteTableId] }));
  return { v, saved };
}

describe("replay's r goes live", () => {
  it('a session saved before the fix, replayed: r, y runs its answers against the account in the same screen and shows the route check ✗ → ✓', async () => {
    const { v, saved } = await sessionSavedBeforeTheFix('vpce-doctor-live-replay-');
    session = startTmux(['replay', saved, '--pace', '0'], { env: { ...motoEnv(url), AWS_REGION: REGION } });
    const s = session;
    await s.waitFor('Problems found on the path.', 30_000);
    s.keys('r');
    await s.waitFor('against AWS now');
    s.keys('y');
    const live = await s.waitFor('What changed since the last run', 30_000);
    keepScreen('replay.live', live, s.home);
    expect(live).toMatch(/✗ → ✓ gateway\.route-table:/);
    // The title sits above the verdict, which may have scrolled it out of the visible pane.
    expect(s.history()).toContain('the recorded answers, live');
    s.keys('s');
    await s.waitFor('Session saved to');
    // The live run has its own session file in the sessions folder: the recording is left as it was.
    const sessions = join(s.home, '.config', 'vpce-doctor', 'sessions');
    const files = readdirSync(sessions).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const liveSession = JSON.parse(readFileSync(join(sessions, files[0] as string), 'utf8')) as {
      answers: Record<string, string>;
      report: { checks: { id: string; status: string }[] };
    };
    expect(liveSession.answers['source.id']).toBe(v.instanceId);
    expect(liveSession.report.checks.find((c) => c.id === 'gateway.route-table')?.status).toBe('pass');
    expect(
      JSON.parse(readFileSync(saved, 'utf8')).report.checks.find((c: { id: string }) => c.id === 'gateway.route-table')
        .status,
    ).toBe('fail');
    s.keys('q');
    expect(await s.exitCode()).toBe(1);
  });
});

describe('rerun a saved session', () => {
  it('rerun session.json probes again with the saved answers and says what changed since', async () => {
    const { saved } = await sessionSavedBeforeTheFix('vpce-doctor-rerun-');
    const again = await runCli(['rerun', saved], { env: motoEnv(url) });
    expect(again.stderr).toContain('Since the saved session:');
    expect(again.stderr).toMatch(/gateway\.route-table: fail → pass/);
    const viaAnswers = await runCli(['--answers', saved, '--json'], { env: motoEnv(url) });
    expect(JSON.parse(viaAnswers.stdout)).toHaveProperty('verdict');
  });
});
