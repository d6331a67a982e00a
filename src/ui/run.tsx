// Mount the wizard and run the one driver loop under it. The verdict screen stays: `r` starts
// the same answers again with fresh probes (and says what changed), `q` leaves. Returns the
// final engine state, or `interrupted` after Ctrl+C.
import React from 'react';
import { render } from 'ink';
import { drive, type Asker, type DriveHooks } from '../engine/driver.js';
import { start, type EngineState } from '../engine/machine.js';
import type { ProbeSource } from '../probes/contract.js';
import { App } from './App.js';
import { ASCII, UNICODE } from './glyphs.js';
import { WizardStore, type Header, type WizardServices } from './store.js';

export interface WizardOptions {
  initial: EngineState;
  probes: ProbeSource;
  mode: 'live' | 'replay';
  /** Replay: the recorded answers; live mode asks the user through the store. */
  asker?: (store: WizardStore) => Asker;
  header?: Header;
  services?: WizardServices;
  ascii?: boolean;
  /** Passed to the driver: the probing time limit and what a late probe waits on. */
  limits?: Pick<DriveHooks, 'deadlineMs' | 'spentMs' | 'waitingOn'>;
  /** Every engine state, for a caller that must save the run if it is interrupted. */
  onState?: (state: EngineState) => void;
}

export interface WizardResult {
  state: EngineState;
  interrupted: boolean;
  /** Left before the verdict (q on a question). */
  quitEarly: boolean;
}

/** Replay: each probe waits for the player (space pauses, → steps). */
export function gated(probes: ProbeSource, gate: () => Promise<void>): ProbeSource {
  return {
    run: async (request) => {
      await gate();
      return probes.run(request);
    },
  };
}

/**
 * Drive runs until the user leaves the verdict screen: each `r` starts the same answers again
 * with fresh probes (nothing is asked again) and the store says what changed. A replay whose
 * `r` was confirmed continues with the live probe source the store was handed.
 */
export async function wizardLoop(
  store: WizardStore,
  first: EngineState,
  asker: Asker,
  probes: ProbeSource,
  hooks: DriveHooks,
): Promise<EngineState> {
  let initial = first;
  let source = probes;
  let before: Parameters<WizardStore['rerunDone']>[0] | undefined;
  for (;;) {
    const state = await drive(initial, asker, source, hooks);
    if (before !== undefined) store.rerunDone(before, state);
    const next = await store.finish(state);
    if (next === 'quit') return state;
    // Replay's r, confirmed: from here on the recorded answers are probed against the account.
    const live = store.takeLiveProbes();
    if (live !== undefined) source = live;
    before = store.rerunning(live !== undefined);
    source.newRun?.();
    initial = start(state.answers, { modules: state.modules, settings: state.settings });
  }
}

export async function runWizard(options: WizardOptions): Promise<WizardResult> {
  const store = new WizardStore(options.initial, options.services, options.header, {
    replay: options.mode === 'replay',
  });
  const asker = options.asker ? options.asker(store) : store;
  const probes = options.mode === 'replay' ? gated(options.probes, store.replayGate) : options.probes;
  const instance = render(<App store={store} glyphs={options.ascii === true ? ASCII : UNICODE} />, {
    exitOnCtrlC: false,
  });
  let failure: unknown;
  let last = options.initial;
  const hooks: DriveHooks = {
    onState: (state, running) => {
      last = state;
      store.onState(state, running);
      options.onState?.(state);
    },
    onProbeDone: store.onProbeDone,
    ...options.limits,
  };
  const driving = wizardLoop(store, options.initial, asker, probes, {
    ...hooks,
    onState: (state, running) => {
      last = state;
      hooks.onState?.(state, running);
    },
  }).catch((err: unknown) => {
    failure = err;
    instance.unmount();
  });
  await instance.waitUntilExit();
  if (failure !== undefined) throw failure;
  const snap = store.getSnapshot();
  if (snap.phase === 'interrupted') return { state: last, interrupted: true, quitEarly: false };
  if (!snap.finished) return { state: last, interrupted: false, quitEarly: true };
  await driving;
  return { state: snap.engine, interrupted: false, quitEarly: false };
}
