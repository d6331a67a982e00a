// The wizard as a person meets it: the built binary in tmux against the emulator, keys only.
// Pick the instance from the list, reach the verdict, apply the printed fix through the SDK,
// press r and see the check turn ✓; Ctrl+C while a probe hangs leaves a session and exit 130;
// at 60 and 80 columns nothing breaks mid-word; NO_COLOR means no colour codes.
import { existsSync, readFileSync } from 'node:fs';
import { ModifyVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { motoEnv } from '../support/cli.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { basicVpc, ec2, gatewayEndpoint, routeTableFor, REGION } from '../support/moto-scenarios.js';
import { keepScreen, startTmux, tmuxAvailable, type TmuxSession } from './tmux.js';

const url = inject('motoUrl');
const client = ec2(url);
let session: TmuxSession | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  session?.close();
  session = undefined;
  await proxy?.close();
  proxy = undefined;
});

beforeAll(() => {
  if (!tmuxAvailable()) throw new Error('tmux is not installed: .ci/run installs it (apt-get install tmux)');
});

/** A VPC whose subnet uses the main route table while the S3 gateway endpoint sits on another table. */
async function brokenGateway() {
  const v = await basicVpc(client);
  const appRtb = await routeTableFor(client, v.vpcId, v.otherSubnetId);
  const vpce = await gatewayEndpoint(client, v.vpcId, [appRtb]);
  return { ...v, vpce };
}

/** Every whole id on the screen appears unbroken on one line: a wrap never cut one. */
function idsWhole(screen: string, ids: readonly string[]): void {
  for (const id of ids) expect(screen, `${id} split across lines`).toContain(id);
}

/** A line that ends in the middle of a word followed by a line that continues it would be a mid-word break. */
function noMidWordBreak(screen: string, columns: number): void {
  const lines = screen.split('\n');
  lines.forEach((line, i) => {
    // Ink never fills the last column: a line that reaches it was wrapped by the terminal.
    // A single word longer than the screen (a documentation URL) has a line of its own and cannot be kept whole.
    if ([...line].length >= columns && /\s\S/.test(line.trim())) {
      const next = lines[i + 1] ?? '';
      expect(`${line}⏎${next}`, 'a line reached the edge and ran on').not.toMatch(/[\w-]⏎[\w-]/);
    }
  });
}

describe('the wizard in a terminal', () => {
  it('picks the instance from the list, reaches the verdict, and after the fix r shows the route check ✓ (moto adds no route on modify-vpc-endpoint, so the prefix-list route check stays ✗)', async () => {
    const v = await brokenGateway();
    session = startTmux([], { columns: 80, env: { ...motoEnv(url), AWS_REGION: REGION } });
    const s = session;
    await s.waitFor('Which AWS service can the workload not reach?');
    expect(s.screen()).toContain('account 123456789012');
    s.keys('1'); // s3
    await s.waitFor('Where does the traffic start?');
    s.keys('1'); // an EC2 instance
    await s.waitFor('Its id?');
    // Instances of other tests share the emulator: filter down to ours, then take it.
    s.type(v.instanceId);
    const picker = await s.waitFor(`filter: ${v.instanceId}`);
    keepScreen('wizard.pick-instance', picker, s.home);
    s.keys('Enter');
    await s.waitFor('What does the workload see?');
    s.keys('5');
    const verdict = await s.waitFor('Problems found on the path.');
    keepScreen('wizard.verdict', verdict, s.home);
    expect(verdict).toContain('gateway.route-table-not-associated');
    expect(verdict).toContain(`--vpc-endpoint-id ${v.vpce}`);

    // The printed fix, applied through the SDK as the user would in another terminal.
    await client.send(new ModifyVpcEndpointCommand({ VpcEndpointId: v.vpce, AddRouteTableIds: [v.mainRouteTableId] }));
    s.keys('r');
    const after = await s.waitFor('What changed since the last run');
    keepScreen('wizard.rerun', after, s.home);
    expect(after).toMatch(/✗ → ✓ gateway\.route-table:/);

    s.keys('s');
    const saved = await s.waitFor('Session saved to');
    expect(saved).toContain('vpce-doctor replay');
    s.keys('q');
    expect(await s.exitCode()).toBe(1);
    expect(s.history()).toContain('Session saved to');
  });

  it('Ctrl+C while a probe hangs: the partial session is saved, its path printed, exit 130', async () => {
    const v = await brokenGateway();
    proxy = await startFaultProxy(url, [{ action: 'DescribeRouteTables', fault: 'stall' }]);
    session = startTmux([], {
      columns: 100,
      env: { ...motoEnv(proxy.url), AWS_REGION: REGION },
    });
    const s = session;
    await s.waitFor('Which AWS service can the workload not reach?');
    s.keys('1');
    await s.waitFor('Where does the traffic start?');
    s.keys('1');
    await s.waitFor('Its id?');
    s.type(v.instanceId);
    await s.waitFor(`filter: ${v.instanceId}`);
    s.keys('Enter');
    await s.waitFor('What does the workload see?');
    s.keys('5');
    await s.waitFor('reading the route table');
    s.keys('C-c');
    expect(await s.exitCode()).toBe(130);
    const screen = s.history();
    keepScreen('wizard.interrupted', screen, s.home);
    const m = /saved to (\S+\.interrupted\.json)/.exec(screen.replace(/\n/g, ''));
    expect(m, screen).not.toBeNull();
    const path = (m as RegExpExecArray)[1] as string;
    expect(existsSync(path)).toBe(true);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { answers: Record<string, string> };
    expect(saved.answers['source.id']).toBe(v.instanceId);
    // No spinner left frozen on the last screen.
    expect(s.screen()).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] reading/);
  });

  it.each([60, 80])('at %i columns the verdict breaks no id and no word; commands wrap with " \\"', async (columns) => {
    const v = await brokenGateway();
    session = startTmux([], { columns, rows: 80, env: { ...motoEnv(url), AWS_REGION: REGION } });
    const s = session;
    await s.waitFor('Which AWS service');
    s.keys('1');
    await s.waitFor('Where does the traffic start?');
    s.keys('1');
    await s.waitFor('Its id?');
    s.type(v.instanceId);
    await s.waitFor(`filter: ${v.instanceId}`);
    s.keys('Enter');
    await s.waitFor('What does the workload see?');
    s.keys('5');
    const screen = await s.waitFor('Problems found on the path.');
    keepScreen(`wizard.verdict-${columns}-columns`, screen, s.home);
    idsWhole(screen, [v.vpce, v.mainRouteTableId, v.subnetId]);
    noMidWordBreak(screen, columns);
    expect(screen).toMatch(/\$ aws ec2 modify-vpc-endpoint[^\n]*\\\n/);
    s.keys('q');
    await s.exitCode();
  });

  it('NO_COLOR: no colour codes on any screen; FORCE_COLOR brings them back', async () => {
    await brokenGateway();
    session = startTmux([], { env: { ...motoEnv(url), AWS_REGION: REGION, NO_COLOR: '1' } });
    await session.waitFor('Which AWS service');
    // -e shows SGR codes; bold/dim are not colour, colours are 3x/4x/9x and 38;5.
    expect(session.screenWithCodes()).not.toMatch(/\u001b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7])m/);
    session.close();
    session = startTmux([], { env: { ...motoEnv(url), AWS_REGION: REGION, NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(await session.waitFor('Which AWS service')).toContain('Which AWS service');
    expect(session.screenWithCodes()).toMatch(/\u001b\[[0-9;]*(3[0-9]|9[0-7])m/);
  });

  it('a failed sign-in (STS refuses the key) stops before any question, with the message and the fix', async () => {
    proxy = await startFaultProxy(url, [{ action: 'GetCallerIdentity', fault: 'bad-key' }]);
    session = startTmux([], { env: { ...motoEnv(proxy.url), AWS_REGION: REGION } });
    expect(await session.exitCode()).toBe(2);
    const screen = session.history();
    keepScreen('wizard.sign-in-failed', screen, session.home);
    expect(screen).not.toContain('Which AWS');
    expect(screen.replace(/\n/g, '')).toContain(
      'sign-in failed (us-east-1), before any question: AWS rejected the access key',
    );
    expect(screen.replace(/\n/g, '')).toContain('aws sso login --profile');
  });
});
