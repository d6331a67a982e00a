// The wizard as a person meets it: the built binary in tmux against the emulator, keys only.
// Pick the instance from the list, reach the verdict, apply the printed fix through the SDK,
// press r and see the check turn ✓; Ctrl+C while a probe hangs leaves a session and exit 130;
// at 60 and 80 columns nothing breaks mid-word; NO_COLOR means no colour codes.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModifyVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { motoEnv } from '../support/cli.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { basicVpc, ec2, gatewayEndpoint, routeTableFor, REGION } from '../support/moto-scenarios.js';
import { https, instanceIn, securityGroup } from '../support/network-moto.js';
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

/** The words of a message, wherever the screen wrapped it. */
const wrapped = (text: string): RegExp =>
  new RegExp(
    text
      .split(' ')
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
  );

/** Lines run the way a user pastes them into another terminal: Debian's AWS CLI 2.9 needs --endpoint-url for moto. */
function pasteIntoShell(text: string): { status: number | null; out: string } {
  const bin = mkdtempSync(join(tmpdir(), 'vpce-doctor-paste-'));
  writeFileSync(join(bin, 'aws'), `#!/bin/sh\nexec /usr/bin/aws --endpoint-url "${url}" "$@"\n`);
  chmodSync(join(bin, 'aws'), 0o755);
  const r = spawnSync('/bin/sh', ['-e', '-c', text], {
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      HOME: bin,
      AWS_CONFIG_FILE: join(bin, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(bin, 'credentials'),
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('done when: a person who never read the README, keyboard only, at 80 columns', () => {
  it('picks the source, goes back and changes an answer, reaches the verdict, copies the fix (OSC 52 and its file), applies it, presses r and sees it verified, saves and leaves with the exit code', async () => {
    // An instance whose security group lets HTTPS out only inside the VPC: S3 through the gateway endpoint is blocked.
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayEndpoint(client, v.vpcId, [rtb]);
    const sg = await securityGroup(client, v.vpcId, { egress: [https({ cidr: v.vpcCidr })] });
    const { instanceId } = await instanceIn(client, v.subnetId, [sg]);
    session = startTmux([], { columns: 80, rows: 60, env: { ...motoEnv(url), AWS_REGION: REGION } });
    const s = session;
    // OSC 52 from the program sets tmux's paste buffer: the copy can be read back.
    s.tmux('set-option', '-s', 'set-clipboard', 'on');

    // The screen says which keys do what; nothing needs the README.
    const first = await s.waitFor(/2\. dynamodb/);
    expect(first).toContain('1-9 pick');
    expect(first).toContain('esc back');
    // A wrong answer first: dynamodb, then back with Esc, the answer preselected, and S3 instead.
    s.keys('2');
    await s.waitFor('Where does the traffic start?');
    s.keys('Escape');
    expect(await s.waitFor(/❯ 2\. dynamodb/)).toContain('Which AWS service can the workload not reach?');
    s.keys('1');
    await s.waitFor('Where does the traffic start?');
    expect(s.history()).toContain('back to: Which AWS service can the workload not reach?');
    s.keys('1'); // an EC2 instance
    await s.waitFor('Its id?');
    // Picked from the account's list, filtered to ours (other tests' instances share the emulator).
    s.type(instanceId);
    const picker = await s.waitFor(`filter: ${instanceId}`);
    expect(picker).toMatch(new RegExp(`❯ 1\\. ${instanceId}`));
    s.keys('Enter');
    await s.waitFor('What does the workload see?');
    s.keys('5');
    const verdict = await s.waitFor('Problems found on the path.');
    keepScreen('wizard.done-when.verdict', verdict, s.home);
    expect(verdict).toContain('sg.source-egress-missing');
    expect(verdict).toMatch(/✗ its security groups \(outbound\) ← the request dies here/);
    expect(s.history()).toMatch(/✔ Which AWS service can the workload not reach\? s3/);
    idsWhole(verdict, [sg, instanceId]);
    noMidWordBreak(verdict, 80);

    // c: copied by OSC 52, and the same commands in a file for a terminal that ignores OSC 52.
    s.keys('c');
    const copied = (await s.waitFor(wrapped('If your terminal ignores OSC 52'))).replace(/\n\s*/g, ' ');
    expect(copied).toMatch(/Copied \d fix commands? to the clipboard \(OSC 52\)/);
    const sessions = join(s.home, '.config', 'vpce-doctor', 'sessions');
    const fixFile = readdirSync(sessions).find((f) => f.endsWith('.fix.sh'));
    expect(fixFile, copied).toBeDefined();
    const commands = readFileSync(join(sessions, fixFile as string), 'utf8');
    expect(commands).toMatch(new RegExp(`^aws ec2 authorize-security-group-egress --group-id ${sg} `, 'm'));
    expect(s.tmux('show-buffer')).toBe(commands);

    // Applied in another terminal, as pasted; r asks AWS again and shows the check turn ✓.
    const applied = pasteIntoShell(commands);
    expect(applied.status, applied.out).toBe(0);
    s.keys('r');
    const after = await s.waitFor('Healthy: nothing on the path blocks the request.', 30_000);
    keepScreen('wizard.done-when.verified', after, s.home);
    expect(after).toMatch(/What changed since the last run:\s+✗ → ✓ sg\.source-egress:/);

    // s saves the session (path shown, the file there); q leaves with the verdict's exit code.
    s.keys('s');
    await s.waitFor(wrapped('Session saved to'));
    const saved = readdirSync(sessions).filter((f) => /^session-.*\.json$/.test(f));
    expect(saved).toHaveLength(1);
    const written = JSON.parse(readFileSync(join(sessions, saved[0] as string), 'utf8')) as {
      answers: Record<string, string>;
      report: { verdict: string };
    };
    expect(written.answers).toMatchObject({ service: 's3', 'source.id': instanceId });
    expect(written.report.verdict).toBe('healthy');
    s.keys('q');
    expect(await s.exitCode()).toBe(0);
    expect(s.history().replace(/\n/g, '')).toContain(`Session saved to ${join(sessions, saved[0] as string)}`);
  });
});

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

  it('the terminal narrows from 100 to 60 columns on the verdict screen: it is drawn again at 60, no id or word broken, commands still wrap with " \\"', async () => {
    const v = await brokenGateway();
    session = startTmux([], { columns: 100, rows: 80, env: { ...motoEnv(url), AWS_REGION: REGION } });
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
    const wide = await s.waitFor('Problems found on the path.');
    // At 100 columns the keys fit on one line; at 60 they cannot.
    expect(wide).toMatch(/r re-run · c copy fix · s save session · m Markdown report · v passed checks · q quit/);
    s.resize(60, 80);
    // The live region (header to keys) is redrawn for 60 columns: every line within the width,
    // except a single word longer than it (a URL). What scrolled above it was printed at 100
    // columns and is the terminal's to reflow.
    const live = (screen: string): string => screen.slice(Math.max(0, screen.lastIndexOf('vpce-doctor · account')));
    const fits = (screen: string): boolean =>
      screen.includes('Problems found on the path.') &&
      live(screen)
        .split('\n')
        .every((l) => [...l].length < 60 || /^\S+$/.test(l.trim()));
    const deadline = Date.now() + 15_000;
    let narrow = s.screen();
    while (!fits(narrow) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      narrow = s.screen();
    }
    keepScreen('wizard.verdict-resized-to-60', live(narrow), s.home);
    expect(fits(narrow), narrow).toBe(true);
    idsWhole(live(narrow), [v.vpce, v.mainRouteTableId, v.subnetId]);
    noMidWordBreak(live(narrow), 60);
    expect(live(narrow)).toMatch(/\$ aws ec2 modify-vpc-endpoint[^\n]*\\\n/);
    // Still the verdict screen, still taking keys.
    s.keys('q');
    expect(await s.exitCode()).toBe(1);
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
