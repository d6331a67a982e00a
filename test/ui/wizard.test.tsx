// The wizard under ink-testing-library, driven by real key presses. One style for the whole
// suite: wait until the expected frame is on screen, then yield several event-loop turns (Ink
// arms its input listener late), then send one chunk.
import React from 'react';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { start, type EngineState } from '../../src/engine/machine.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { App } from '../../src/ui/App.js';
import { WizardStore, type WizardServices } from '../../src/ui/store.js';
import { gated, wizardLoop } from '../../src/ui/run.js';
import { wizardChoices } from '../../src/cli/wizard-choices.js';
import { fixtureProbes, type Account } from '../support/fixtures/index.js';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS } from '../support/fixtures/world.js';
import { MODULES } from '../../src/analysis/modules/index.js';
import type { ProbeSource } from '../../src/probes/contract.js';
import { ASCII } from '../../src/ui/glyphs.js';
import { pathPictureText } from '../../src/report/path-picture.js';

const ENTER = '\r';
const ESC = '\u001b';
const DOWN = '\u001b[B';
const strip = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

function healthyAccount(): Account {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
  for (const t of a.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
  return a;
}

/** The endpoint exists but no route table is associated: the route checks fail until it is. */
function brokenAccount(): Account {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, []));
  return a;
}

type Ui = ReturnType<typeof render>;
let ui: Ui | undefined;
afterEach(() => {
  ui?.unmount();
  ui = undefined;
});

const screen = (u: Ui): string => strip(u.frames.join('\n'));
const current = (u: Ui): string => strip(u.lastFrame() ?? '');

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 5));
}

async function waitFor(u: Ui, text: string | RegExp, where: 'current' | 'all' = 'current', timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  const has = (): boolean => {
    const s = where === 'current' ? current(u) : screen(u);
    return typeof text === 'string' ? s.includes(text) : text.test(s);
  };
  while (!has()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${current(u)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  await settle();
}

async function press(u: Ui, ...chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    u.stdin.write(chunk);
    await settle();
  }
}

/** Instances the way the account lists them: the picker shows Name, id, IP, AZ and state. */
const instancePicker: WizardServices['choices'] = async (question, answers) =>
  question === 'source.id' && answers['source.kind'] === 'instance'
    ? [{ value: IDS.instance, label: 'web-1', detail: `${IDS.instance} · 10.0.1.15 · us-east-1a · running` }]
    : undefined;

function mount(
  initial: EngineState,
  options: { probes?: ProbeSource; account?: Account; services?: WizardServices; replay?: Record<string, string> } = {},
) {
  const account = options.account ?? healthyAccount();
  const probes = options.probes ?? fixtureProbes(account);
  const services: WizardServices = options.services ?? {
    choices: instancePicker,
    verify: wizardChoices(probes).verify,
  };
  const store = new WizardStore(
    initial,
    services,
    { account: '123456789012' },
    { replay: options.replay !== undefined },
  );
  const u = render(<App store={store} columns={80} />);
  ui = u;
  const asker = options.replay ? new AnswersFileAsker(options.replay, 5, store.onChoose) : store;
  const source = options.replay ? gated(probes, store.replayGate) : probes;
  const done = wizardLoop(store, initial, asker, source, { onState: store.onState, onProbeDone: store.onProbeDone });
  return { ui: u, store, done, account };
}

describe("wizard: pick, don't type", () => {
  it('picks the instance from the account list with a number key and reaches the verdict', async () => {
    const { ui: u, store, done } = mount(start({ region: 'us-east-1' }, { modules: MODULES }));
    await waitFor(u, 'Which AWS service');
    await press(u, ENTER); // s3 is first
    await waitFor(u, 'Where does the traffic start?');
    await press(u, '1');
    await waitFor(u, 'web-1');
    expect(current(u)).toContain(`${IDS.instance} · 10.0.1.15 · us-east-1a · running`);
    await press(u, '1');
    await waitFor(u, 'What does the workload see?');
    await press(u, '5');
    await waitFor(u, 'Healthy: nothing on the path blocks the request.');
    expect(store.getSnapshot().engine.answers).toMatchObject({ 'source.id': IDS.instance, symptom: 'unknown' });
    expect(screen(u)).toMatch(/Routing \d+ passed/);
    // r after answers given by keys: the re-run starts from them, and nothing says it went back.
    await press(u, 'r');
    await waitFor(u, 'What changed since the last run');
    expect(screen(u)).toContain('Re-run 2: probing again with the same answers');
    expect(screen(u)).not.toContain('back to:');
    await press(u, 'q');
    await done;
    expect(store.getSnapshot().phase).toBe('quit');
  });

  it('Down Down Down in one chunk moves three rows', async () => {
    const { ui: u, store } = mount(
      start(
        { region: 'us-east-1', service: 's3', 'source.kind': 'instance', 'source.id': IDS.instance },
        { modules: MODULES },
      ),
    );
    await waitFor(u, 'What does the workload see?');
    await press(u, DOWN + DOWN + DOWN, ENTER);
    await waitFor(u, /Healthy|Problems|Incomplete/);
    expect(store.getSnapshot().engine.answers.symptom).toBe('nxdomain');
  });

  it('a pasted id with its newline is taken with one Enter; typing filters the service list', async () => {
    const { ui: u, store } = mount(start({ region: 'us-east-1' }, { modules: MODULES }));
    await waitFor(u, 'Which AWS service');
    await press(u, 'dyn');
    await waitFor(u, 'filter: dyn');
    await press(u, ENTER);
    await waitFor(u, 'Where does the traffic start?');
    expect(store.getSnapshot().engine.answers.service).toBe('dynamodb');
    await press(u, '1');
    await waitFor(u, 'other — type it');
    await press(u, '\u001b[A', ENTER); // up to "other — type it"
    await waitFor(u, 'enter confirm · esc list');
    await press(u, `${IDS.instance}\r`);
    await waitFor(u, 'What does the workload see?');
    expect(store.getSnapshot().engine.answers['source.id']).toBe(IDS.instance);
  });

  it('Esc goes back with the previous answer preselected', async () => {
    const { ui: u, store } = mount(start({ region: 'us-east-1' }, { modules: MODULES }));
    await waitFor(u, 'Which AWS service');
    await press(u, '2'); // dynamodb
    await waitFor(u, 'Where does the traffic start?');
    await press(u, ESC);
    await waitFor(u, 'Which AWS service');
    expect(store.getSnapshot().engine.answers.service).toBeUndefined();
    expect(current(u)).toMatch(/❯ 2\. dynamodb/);
    await press(u, ENTER);
    await waitFor(u, 'Where does the traffic start?');
    expect(store.getSnapshot().engine.answers.service).toBe('dynamodb');
    expect(screen(u)).toContain('← back to: Which AWS service');
  });

  it('a well-formed id that does not exist is refused on the spot; the question stays', async () => {
    const { ui: u, store } = mount(
      start({ region: 'us-east-1', service: 's3', 'source.kind': 'instance' }, { modules: MODULES }),
    );
    await waitFor(u, 'web-1');
    await press(u, '\u001b[A', ENTER);
    await waitFor(u, 'esc list');
    await press(u, 'i-0123456789abcdef0\r');
    await waitFor(u, 'instance i-0123456789abcdef0 does not exist in us-east-1');
    expect(current(u)).toContain('Its id?');
    expect(store.getSnapshot().engine.answers['source.id']).toBeUndefined();
    // A malformed one is said as it is typed.
    await press(u, '\u0015', 'i-zz');
    await waitFor(u, 'source.id must look like i-0123456789abcdef0');
  });

  it('an IP typed at "where does the traffic start?" is looked up: both answers follow from it', async () => {
    const services: WizardServices = {
      choices: instancePicker,
      verify: async (question, value) =>
        question === 'source.kind' && value === '10.0.1.25'
          ? {
              ok: true,
              value: 'instance',
              then: { 'source.id': IDS.instance },
              note: `10.0.1.25 is instance ${IDS.instance}`,
            }
          : { ok: false, error: 'not found' },
    };
    const { ui: u, store } = mount(start({ region: 'us-east-1', service: 's3' }, { modules: MODULES }), { services });
    await waitFor(u, 'Where does the traffic start?');
    await press(u, '\u001b[A', ENTER); // "an IP address or eni-… id — look it up"
    await waitFor(u, 'esc list');
    await press(u, '10.0.1.25\r');
    await waitFor(u, 'What does the workload see?');
    expect(store.getSnapshot().engine.answers).toMatchObject({ 'source.kind': 'instance', 'source.id': IDS.instance });
    expect(screen(u)).toContain(`10.0.1.25 is instance ${IDS.instance}`);
  });

  it('? says why the question is asked', async () => {
    const { ui: u } = mount(start({ region: 'us-east-1' }, { modules: MODULES }));
    await waitFor(u, 'Which AWS service');
    await press(u, '?');
    await waitFor(u, 'why: Each service has its own endpoint service name');
  });

  it('keys typed while probes run are kept for the next question', async () => {
    const base = fixtureProbes(healthyAccount());
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: ProbeSource = {
      run: async (request) => {
        if (request.key === 'ec2.source') await gate;
        return base.run(request);
      },
    };
    const { ui: u, store } = mount(
      start(
        { region: 'us-east-1', service: 's3', 'source.kind': 'instance', 'source.id': IDS.instance },
        { modules: MODULES },
      ),
      { probes: slow },
    );
    await waitFor(u, /reading where/);
    await press(u, '5'); // typed during the probe: answers the symptom question when it comes
    release();
    await waitFor(u, /Healthy|Problems|Incomplete/);
    expect(store.getSnapshot().engine.answers.symptom).toBe('unknown');
  });
});

describe('wizard: the verdict screen', () => {
  it('r re-runs the same answers: after the fix the route check turns ✓ and the screen says what changed', async () => {
    const account = brokenAccount();
    const { ui: u, store } = mount(
      start(
        {
          region: 'us-east-1',
          service: 's3',
          'source.kind': 'instance',
          'source.id': IDS.instance,
          symptom: 'timeout',
        },
        { modules: MODULES },
      ),
      { account },
    );
    await waitFor(u, 'Problems found on the path.');
    expect(current(u)).toContain('gateway.route-table-not-associated');
    expect(current(u)).toMatch(/\$ aws ec2 modify-vpc-endpoint/);
    // Under the fix command, dimmed: the same change as Terraform, labelled as a hint.
    const verdict = current(u);
    const hint = verdict.indexOf('Terraform hint (aws_vpc_endpoint_route_table_association):');
    expect(hint).toBeGreaterThan(verdict.indexOf('$ aws ec2 modify-vpc-endpoint'));
    expect(verdict.slice(hint)).toMatch(
      /resource "aws_vpc_endpoint_route_table_association"\s+"\w+" \{\n\s+vpc_endpoint_id = "vpce-/,
    );
    // The path picture is the one the text and Markdown reports print, line for line.
    const done = store.getSnapshot().engine;
    if (done.view.kind !== 'done') throw new Error('no verdict');
    const picture = pathPictureText(done.view.outcome.report.checks, done.answers, { clean: (s) => s });
    expect(picture.find((l) => l.includes('the request dies here'))).toContain('the route table');
    expect(current(u)).toContain(['The path', ...picture].join('\n'));
    // The fix, applied elsewhere: the endpoint now routes from both tables.
    account.endpoints[0]!.RouteTableIds = [IDS.appRtb, IDS.mainRtb];
    for (const t of account.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
    await press(u, 'r');
    await waitFor(u, 'What changed since the last run:');
    expect(current(u)).toMatch(/✗ → ✓ gateway\.route-table/);
    expect(current(u)).toContain('Healthy: nothing on the path blocks the request.');
    // The re-run starts from the same answers: nothing in the transcript says it went back.
    expect(screen(u)).toContain('Re-run 2: probing again with the same answers');
    expect(screen(u)).not.toContain('back to:');
  });

  it('v shows the passed checks; c, s and m say what they did', async () => {
    const said: string[] = [];
    const services: WizardServices = {
      copy: async (cmds) => (said.push(...cmds), `Copied ${cmds.length} fix commands`),
      save: async () => 'Session saved to /tmp/s.json',
      markdown: async () => 'Markdown report written to /tmp/s.md',
    };
    const { ui: u } = mount(
      start(
        {
          region: 'us-east-1',
          service: 's3',
          'source.kind': 'instance',
          'source.id': IDS.instance,
          symptom: 'timeout',
        },
        { modules: MODULES },
      ),
      { account: brokenAccount(), services },
    );
    await waitFor(u, 'Problems found on the path.');
    await press(u, 'v');
    await waitFor(u, /Passed checks \(\d+\)/);
    await press(u, 'c');
    await waitFor(u, /Copied \d fix commands/);
    expect(said[0]).toMatch(/^aws ec2 modify-vpc-endpoint --vpc-endpoint-id/);
    await press(u, 's');
    await waitFor(u, 'Session saved to /tmp/s.json');
    await press(u, 'm');
    await waitFor(u, 'Markdown report written to /tmp/s.md');
  });

  it('at 60 columns no line is longer than the screen and ids stay whole', async () => {
    const account = brokenAccount();
    const initial = start(
      { region: 'us-east-1', service: 's3', 'source.kind': 'instance', 'source.id': IDS.instance, symptom: 'timeout' },
      { modules: MODULES },
    );
    const s2 = new WizardStore(initial);
    const u = render(<App store={s2} columns={60} glyphs={ASCII} />);
    ui = u;
    void wizardLoop(s2, initial, s2, fixtureProbes(account), { onState: s2.onState });
    await waitFor(u, 'Problems found on the path.');
    const lines = current(u).split('\n');
    // Only a single word longer than the screen (a documentation URL) may pass the edge, on a line of its own.
    for (const l of lines) if (l.length > 60) expect(l.trim(), l).toMatch(/^\S+$/);
    expect(current(u)).toContain(IDS.s3Gateway);
    expect(current(u)).not.toMatch(/[✓✗‼‽❯]/);
  });
});

describe('replay in the wizard', () => {
  it('plays by itself, never shows an answered question as open, and lands on the verdict screen', async () => {
    const answers = {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'timeout',
    };
    const initial = start({}, { modules: MODULES, presets: answers });
    const { ui: u, store } = mount(initial, {
      replay: answers,
      services: { rerunHint: 'run it live: vpce-doctor rerun x.json' },
    });
    await waitFor(u, 'Healthy', 'current', 8000);
    expect(screen(u)).toContain('✔ Which AWS service can the workload not reach? s3');
    expect(store.getSnapshot().choosing).toBeUndefined();
    await press(u, 'r');
    await waitFor(u, 'run it live: vpce-doctor rerun x.json');
  });

  it("r on a replay's verdict asks first (naming profile and Region), n keeps the recording, y runs the answers live against a changed account (mocked probe source) in the same screen", async () => {
    const answers = {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'timeout',
    };
    // The recording was healthy; the account today has lost the endpoint's route tables.
    const today = brokenAccount();
    let signIns = 0;
    const live = fixtureProbes(today);
    const services: WizardServices = {
      rerunHint: 'run it live: vpce-doctor rerun x.json',
      goLive: {
        question: 'Run these answers against AWS now (profile ops, Region us-east-1)? y/n',
        start: async () => {
          signIns++;
          return {
            probes: live,
            header: { title: 'vpce-doctor · the recorded answers, live', profile: 'ops' },
            services: { save: async () => 'Session saved to /tmp/live.json' },
          };
        },
      },
    };
    const initial = start({}, { modules: MODULES, presets: answers });
    const { ui: u, store, done } = mount(initial, { replay: answers, services });
    await waitFor(u, 'Healthy', 'current', 8000);
    await press(u, 'r');
    await waitFor(u, 'Run these answers against AWS now (profile ops, Region us-east-1)? y/n');
    await press(u, 'n');
    await waitFor(u, 'Not run: the replay stays as recorded.');
    expect(signIns).toBe(0);
    await press(u, 'r');
    await waitFor(u, 'against AWS now');
    await press(u, 'y');
    await waitFor(u, 'What changed since the last run:', 'current', 8000);
    expect(signIns).toBe(1);
    expect(current(u)).toMatch(/✓ → ✗ gateway\.route-table/);
    expect(current(u)).toContain('Problems found on the path.');
    expect(current(u)).toMatch(/the recorded answers, live[^]*profile\s+ops/);
    expect(screen(u)).toContain('the recorded answers, probed live against the account');
    // Live now: s saves the live run, and r probes again without asking.
    await press(u, 's');
    await waitFor(u, 'Session saved to /tmp/live.json');
    today.endpoints[0]!.RouteTableIds = [IDS.appRtb, IDS.mainRtb];
    for (const t of today.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
    await press(u, 'r');
    await waitFor(u, 'Healthy: nothing on the path blocks the request.', 'current', 8000);
    expect(current(u)).not.toContain('against AWS now');
    expect(current(u)).toMatch(/✗ → ✓ gateway\.route-table/);
    await press(u, 'q');
    await done;
    expect(store.getSnapshot().phase).toBe('quit');
  });

  it("a refused sign-in after y is one line on the replay's verdict screen; the replay stays", async () => {
    const answers = {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'timeout',
    };
    const services: WizardServices = {
      goLive: {
        question: 'Run these answers against AWS now (the default credentials, Region us-east-1)? y/n',
        start: () => Promise.reject(new Error('AWS rejected the access key (InvalidClientTokenId)')),
      },
    };
    const initial = start({}, { modules: MODULES, presets: answers });
    const { ui: u, store } = mount(initial, { replay: answers, services });
    await waitFor(u, 'Healthy', 'current', 8000);
    await press(u, 'r');
    await waitFor(u, 'the default credentials, Region us-east-1');
    await press(u, 'y');
    await waitFor(u, 'Not run live: AWS rejected the access key (InvalidClientTokenId)');
    expect(store.getSnapshot()).toMatchObject({ phase: 'verdict', run: 1 });
    // Asked again, it asks again (nothing went live).
    await press(u, 'r');
    await waitFor(u, 'against AWS now');
  });

  it('space pauses the replay; → steps', async () => {
    const answers = {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'timeout',
    };
    const initial = start({}, { modules: MODULES, presets: answers });
    const { ui: u, store } = mount(initial, { replay: answers });
    await press(u, ' ');
    expect(store.getSnapshot().replay?.paused).toBe(true);
    await waitFor(u, 'paused · space play');
    await press(u, '\u001b[C');
    expect(store.getSnapshot().replay).toMatchObject({ paused: true });
    await press(u, ' ');
    await waitFor(u, 'Healthy', 'current', 8000);
  });
});
