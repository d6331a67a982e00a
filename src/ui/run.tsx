// Mount the wizard, run the one driver loop under it, and return the final engine state.
import React from 'react';
import { render } from 'ink';
import { drive, type Asker, type DriveHooks } from '../engine/driver.js';
import type { EngineState } from '../engine/machine.js';
import type { ProbeSource } from '../probes/contract.js';
import { App } from './App.js';
import { WizardStore } from './store.js';

export interface WizardOptions {
  initial: EngineState;
  probes: ProbeSource;
  mode: 'live' | 'replay';
  /** Replay: the recorded answers; live mode asks the user through the store. */
  asker?: (store: WizardStore) => Asker;
  title?: string;
  /** Passed to the driver: the probing time limit and what a late probe waits on. */
  limits?: Pick<DriveHooks, 'deadlineMs' | 'spentMs' | 'waitingOn'>;
  /** Every engine state, for a caller that must save the run if it is interrupted. */
  onState?: (state: EngineState) => void;
}

export async function runWizard(options: WizardOptions): Promise<{ state: EngineState; interrupted: boolean }> {
  const store = new WizardStore(options.initial);
  const asker = options.asker ? options.asker(store) : store;
  const instance = render(<App store={store} mode={options.mode} title={options.title} />, { exitOnCtrlC: true });
  let failure: unknown;
  const driving = drive(options.initial, asker, options.probes, {
    onState: (state, running) => {
      store.onState(state, running);
      options.onState?.(state);
    },
    onProbeDone: store.onProbeDone,
    ...options.limits,
  }).then(
    (state) => store.finish(state),
    (err: unknown) => {
      failure = err;
      instance.unmount();
    },
  );
  await instance.waitUntilExit();
  if (failure !== undefined) throw failure;
  const snap = store.getSnapshot();
  if (!snap.finished) return { state: snap.engine, interrupted: true };
  await driving;
  return { state: snap.engine, interrupted: false };
}
