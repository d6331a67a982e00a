// The wizard's view: finished steps scroll away in <Static>, the live region shows what runs
// now (spinners per probe, the current question) and finally the verdict. It draws the
// store's snapshot and sends answers back; it holds no rules and makes no AWS calls.
import React, { useEffect, useState, useSyncExternalStore } from 'react';
import { Box, Static, Text, useApp, useInput, useStdin } from 'ink';
import SelectInput from 'ink-select-input';
import Spinner from 'ink-spinner';
import TextInput from 'ink-text-input';
import { VERDICT_LINE } from '../report/render.js';

const VERDICT_COLOR = { healthy: 'green', problems: 'red', incomplete: 'yellow' } as const;
import { sanitize } from '../report/sanitize.js';
import { probeLabel, type TranscriptItem, type WizardStore } from './store.js';

export interface AppProps {
  store: WizardStore;
  mode: 'live' | 'replay';
  title?: string;
}

function TranscriptLine({ item }: { item: TranscriptItem }): React.JSX.Element {
  if (item.kind === 'answer') {
    return (
      <Text>
        <Text color="green">✔ </Text>
        {item.prompt} <Text color="cyan">{sanitize(item.value)}</Text>
      </Text>
    );
  }
  const mark =
    item.status === 'ok' ? (
      <Text color="green">✓</Text>
    ) : item.status === 'denied' ? (
      <Text color="yellow">–</Text>
    ) : (
      <Text color="red">‼</Text>
    );
  return (
    <Text>
      {mark} {sanitize(item.label)}
      {item.status === 'ok' ? '' : <Text dimColor> {sanitize(item.detail)}</Text>}
    </Text>
  );
}

function Question({ store }: { store: WizardStore }): React.JSX.Element | null {
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [typing, setTyping] = useState(false);
  const [text, setText] = useState('');
  const { isRawModeSupported } = useStdin();
  const asking = snap.asking;
  const questionId = asking?.question.id;
  useEffect(() => {
    setTyping(false);
    setText('');
  }, [questionId, asking]);
  useInput(
    (_input, key) => {
      if (key.escape) {
        if (typing && asking?.question.options !== undefined) setTyping(false);
        else store.back();
      }
    },
    { isActive: isRawModeSupported === true && asking !== undefined },
  );
  if (asking === undefined) return null;
  const { question } = asking;
  const free = asking.options.length === 0 || typing;
  const items = asking.options.map((o) => ({ key: o.value, label: sanitize(o.label), value: o.value }));
  if (question.allowOther === true && !free) items.push({ key: '__other', label: 'other — type it', value: '__other' });
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>? {question.prompt}</Text>
      {question.hint ? <Text dimColor> {question.hint}</Text> : null}
      {asking.error ? <Text color="red"> {sanitize(asking.error)}</Text> : null}
      {free ? (
        <Box>
          <Text color="cyan">› </Text>
          <TextInput value={text} onChange={setText} onSubmit={(v) => store.answer(v)} />
        </Box>
      ) : (
        <SelectInput
          key={question.id}
          items={items}
          onSelect={(item) => (item.value === '__other' ? setTyping(true) : store.answer(item.value))}
        />
      )}
      <Text dimColor> {free ? 'enter confirm' : '↑↓ choose · enter confirm'} · esc back · ctrl+c quit</Text>
    </Box>
  );
}

export function App({ store, mode, title }: AppProps): React.JSX.Element {
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { exit } = useApp();
  const engine = snap.engine;
  const done = snap.finished && engine.view.kind === 'done';
  // One exit point, after the final frame is drawn.
  useEffect(() => {
    if (snap.finished) exit();
  }, [snap.finished, exit]);
  const header = [title ?? 'vpce-doctor', engine.answers.region].filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column">
      <Static items={[{ id: 'header' }, ...snap.transcript]}>
        {(item) =>
          'kind' in item ? (
            <TranscriptLine key={item.id} item={item} />
          ) : (
            <Text key="header" bold>
              {sanitize(header)}
            </Text>
          )
        }
      </Static>
      {snap.running.map((r) => (
        <Text key={`${r.key} ${JSON.stringify(r.input)}`}>
          <Text color="yellow">
            <Spinner type="dots" />
          </Text>{' '}
          {sanitize(probeLabel(r))}
        </Text>
      ))}
      {snap.choosing ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>? {snap.choosing.question.prompt}</Text>
          <Text color="cyan">❯ {sanitize(snap.choosing.value === '' ? '(none)' : snap.choosing.value)}</Text>
        </Box>
      ) : null}
      {mode === 'live' ? <Question store={store} /> : null}
      {done && engine.view.kind === 'done' ? (
        // The full report is printed after the wizard unmounts, as plain text: commands must
        // not be wrapped by the renderer, or they stop being copy-pasteable.
        <Box marginTop={1}>
          <Text bold color={VERDICT_COLOR[engine.view.outcome.report.verdict]}>
            {VERDICT_LINE[engine.view.outcome.report.verdict]}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
