// The wizard under ink-testing-library, answered with real key presses. One style for the
// whole suite: wait until the expected frame is on screen, then yield several event-loop
// turns (Ink arms useInput late), then send one key.
import React from 'react';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { drive } from '../../src/engine/driver.js';
import { start, type EngineState } from '../../src/engine/machine.js';
import { AnswersFileAsker } from '../../src/session/answers-file-asker.js';
import { App } from '../../src/ui/App.js';
import { WizardStore } from '../../src/ui/store.js';
import { fixtureProbes } from '../support/fixtures/index.js';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS } from '../support/fixtures/world.js';
import { MODULES } from '../../src/analysis/modules/index.js';

const ENTER = '\r';
const ESC = '\u001b';
const DOWN = '\u001b[B';
const strip = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

function healthyAccount() {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
  for (const t of a.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
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

async function waitFor(
  u: Ui,
  text: string | RegExp,
  where: 'current' | 'all' = 'current',
  timeoutMs = 4000,
): Promise<void> {
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

async function press(u: Ui, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    u.stdin.write(key);
    await settle();
  }
}

async function type(u: Ui, text: string): Promise<void> {
  for (const ch of text) await press(u, ch);
}

function mount(initial: EngineState): { ui: Ui; store: WizardStore; done: Promise<EngineState> } {
  const store = new WizardStore(initial);
  const u = render(<App store={store} mode="live" />);
  ui = u;
  const done = drive(initial, store, fixtureProbes(healthyAccount()), {
    onState: store.onState,
    onProbeDone: store.onProbeDone,
  }).then((s) => {
    store.finish(s);
    return s;
  });
  return { ui: u, store, done };
}

describe('wizard', () => {
  it('answers every question with key presses and ends on the verdict', async () => {
    const { ui: u, done } = mount(start({}, { modules: MODULES }));
    await waitFor(u, 'Which AWS Region');
    await type(u, 'us-east-1');
    await press(u, ENTER);
    await waitFor(u, 'Which AWS service');
    await press(u, ENTER); // s3 is first
    await waitFor(u, 'Where does the traffic start?');
    await press(u, ENTER); // an EC2 instance
    await waitFor(u, 'Its id?');
    await type(u, IDS.instance);
    await press(u, ENTER);
    await waitFor(u, 'What does the workload see?');
    await press(u, DOWN, DOWN, DOWN, DOWN); // "not sure — check everything"
    await press(u, ENTER);
    const state = await done;
    expect(state.answers).toMatchObject({
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'unknown',
    });
    await waitFor(u, 'Healthy: nothing on the path blocks the request.', 'all');
    expect(screen(u)).toContain(`✔ Its id? ${IDS.instance}`);
  });

  it('esc goes back to the previous question and forgets its answer', async () => {
    const { ui: u, store } = mount(start({ region: 'us-east-1' }, { modules: MODULES }));
    await waitFor(u, 'Which AWS service');
    await press(u, DOWN); // dynamodb
    await press(u, ENTER);
    await waitFor(u, 'Where does the traffic start?');
    await press(u, ESC);
    await waitFor(u, 'Which AWS service');
    expect(store.getSnapshot().engine.answers.service).toBeUndefined();
    expect(screen(u)).toContain('← back');
  });

  it('an invalid typed answer stays on the question and shows why', async () => {
    const { ui: u } = mount(
      start({ region: 'us-east-1', service: 's3', 'source.kind': 'instance' }, { modules: MODULES }),
    );
    await waitFor(u, 'Its id?');
    await type(u, 'i-nope');
    await press(u, ENTER);
    await waitFor(u, 'source.id must look like');
    expect(current(u)).toContain('Its id?');
  });

  it('two free-text questions in a row (bucket, then key) each take their own enter', async () => {
    const { ui: u, done } = mount(
      start(
        {
          region: 'us-east-1',
          service: 's3',
          'source.kind': 'instance',
          'source.id': IDS.instance,
          symptom: 'access-denied',
        },
        { modules: MODULES },
      ),
    );
    await waitFor(u, 'Which bucket');
    await type(u, 'acme-app-artifacts');
    await press(u, ENTER);
    await waitFor(u, 'Which object key?');
    await press(u, ENTER);
    const state = await done;
    expect(state.answers['target.bucket']).toBe('acme-app-artifacts');
    expect(state.answers['target.key']).toBe('');
  });

  it('"other — type it" takes a service that is not listed', async () => {
    const { ui: u, store } = mount(start({ region: 'us-east-1' }, { modules: MODULES }));
    await waitFor(u, 'Which AWS service');
    await press(u, ...Array.from({ length: 10 }, () => DOWN));
    await waitFor(u, /❯ other — type it/);
    await press(u, ENTER);
    await type(u, 'kinesis-streams');
    await press(u, ENTER);
    await waitFor(u, 'Where does the traffic start?');
    expect(store.getSnapshot().engine.answers.service).toBe('kinesis-streams');
  });
});

describe('replay in the wizard', () => {
  it('plays the recorded answers and probes by itself and ends on the verdict', async () => {
    const answers = {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'timeout',
    };
    const initial = start({}, { modules: MODULES, presets: answers });
    const store = new WizardStore(initial);
    const u = render(<App store={store} mode="replay" title="vpce-doctor replay" />);
    ui = u;
    const state = await drive(
      initial,
      new AnswersFileAsker(answers, 5, store.onChoose),
      fixtureProbes(healthyAccount()),
      {
        onState: store.onState,
        onProbeDone: store.onProbeDone,
      },
    );
    store.finish(state);
    await waitFor(u, 'Healthy', 'all');
    const all = screen(u);
    expect(all).toContain('vpce-doctor replay');
    expect(all).toContain('✔ Which AWS service can the workload not reach? s3');
    expect(all).toContain('✓ ec2.source instance i-0abc1234def567890');
    expect(all).toContain(
      '✓ signed in as arn:aws:sts::123456789012:assumed-role/PlatformOps/jdoe (account 123456789012)',
    );
  });
});
