// The wizard's view: it draws the store's snapshot and nothing else. Finished steps (answers,
// finished layers of the checklist) scroll away in <Static>; the live region holds the header,
// the current question or the running layers, and finally the verdict screen, which stays
// until the user leaves. Every line is wrapped here to the terminal's width, at spaces only.
import React, { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { Box, Static, Text, useApp, useStdout } from 'ink';
import Spinner from 'ink-spinner';
import type { Check, Finding } from '../findings/types.js';
import { VERDICT_LINE } from '../report/render.js';
import { sanitize } from '../report/sanitize.js';
import { hintsOfFix } from '../findings/terraform.js';
import type { GroupView, Line } from './checklist.js';
import { UNICODE, asciiText, type Glyphs } from './glyphs.js';
import type { Key } from './keys.js';
import { OTHER_LABEL, visibleRows, type PickerState } from './picker.js';
import { commandText, type Asking, type Header, type TranscriptItem, type WizardStore } from './store.js';
import { useKeys, columnsOf } from './use-keys.js';
import { VERDICT_KEYS } from './verdict-keys.js';
import { WHY } from './why.js';
import { pathPicture, pathPictureLines } from '../report/path-picture.js';
import type { Answers } from '../path/answers.js';
import { wrapCommand, wrapWords } from './wrap.js';

const VERDICT_COLOR = { healthy: 'green', problems: 'red', incomplete: 'yellow' } as const;
const STATUS_COLOR: Record<Check['status'], string> = {
  pass: 'green',
  fail: 'red',
  warn: 'yellow',
  skipped: 'gray',
  error: 'red',
  crashed: 'magenta',
};
/** A read running longer than this says so. */
const SLOW_MS = 4000;
/** At most this many rows of a list at once; the rest scroll under the cursor. */
const LIST_ROWS = 10;

const OTHER_LABELS: Partial<Record<string, string>> = {
  'source.kind': 'an IP address or eni-… id — look it up',
};

export interface AppProps {
  store: WizardStore;
  glyphs?: Glyphs;
  /** Fixed width (tests); otherwise the terminal's, following resizes. */
  columns?: number;
}

interface DrawContext {
  g: Glyphs;
  cols: number;
  /** Terminal-safe and, in ASCII mode, glyph-free text from outside. */
  t: (s: string) => string;
}

function useColumns(fixed: number | undefined): number {
  const { stdout } = useStdout();
  const [cols, setCols] = useState(() => fixed ?? columnsOf(stdout));
  useEffect(() => {
    if (fixed !== undefined) return;
    const onResize = (): void => setCols(columnsOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? cols;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function Lines({ lines, color, dim, bold }: { lines: string[]; color?: string; dim?: boolean; bold?: boolean }) {
  return (
    <>
      {lines.map((l, i) => (
        <Text key={i} {...(color ? { color } : {})} dimColor={dim === true} bold={bold === true}>
          {l === '' ? ' ' : l}
        </Text>
      ))}
    </>
  );
}

function HeaderLine({ header, d }: { header: Header; d: DrawContext }) {
  const parts = [
    header.title ?? 'vpce-doctor',
    header.account !== undefined ? `account ${header.account}` : undefined,
    header.principal,
    header.region,
    header.profile !== undefined ? `profile ${header.profile}` : undefined,
  ].filter((p): p is string => p !== undefined && p !== '');
  return <Lines lines={wrapWords(d.t(parts.join(' · ')), d.cols - 1, '  ')} bold />;
}

function CheckLine({ check, d, indent }: { check: Check; d: DrawContext; indent: string }) {
  const mark = d.g.mark[check.status];
  const lines = wrapWords(d.t(check.detail), d.cols - 1, `${indent}  `, `${indent}${mark} `);
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={STATUS_COLOR[check.status]}>{lines[0]?.slice(0, indent.length + mark.length)}</Text>
        {lines[0]?.slice(indent.length + mark.length)}
      </Text>
      <Lines lines={lines.slice(1)} />
    </Box>
  );
}

function GroupBlock({ view, d }: { view: GroupView; d: DrawContext }) {
  const checks = view.lines.filter((l): l is Extract<Line, { kind: 'check' }> => l.kind === 'check');
  const passed = checks.filter((l) => l.check.status === 'pass').length;
  const others = checks.filter((l) => l.check.status !== 'pass');
  const worst = others.some(
    (l) => l.check.status === 'fail' || l.check.status === 'error' || l.check.status === 'crashed',
  )
    ? 'red'
    : others.length > 0
      ? 'yellow'
      : 'green';
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold color={worst}>
          {view.group}
        </Text>
        <Text dimColor>
          {' '}
          {passed} passed{others.length > 0 ? `, ${others.length} to look at` : ''}
        </Text>
      </Text>
      {others.map((l) => (
        <CheckLine key={`${l.check.id} ${l.check.detail}`} check={l.check} d={d} indent="  " />
      ))}
    </Box>
  );
}

function TranscriptLine({ item, d }: { item: TranscriptItem; d: DrawContext }) {
  switch (item.kind) {
    case 'answer':
      return (
        <Text>
          <Text color="green">{d.g.answered} </Text>
          {d.t(item.prompt)} <Text color="cyan">{d.t(item.value)}</Text>
        </Text>
      );
    case 'note':
      return <Lines lines={wrapWords(d.t(item.text), d.cols - 1, '  ')} dim />;
    case 'group':
      return <GroupBlock view={item.view} d={d} />;
    default: {
      const never: never = item;
      return never;
    }
  }
}

function LiveGroup({
  view,
  d,
  startedAt,
  now,
}: {
  view: GroupView;
  d: DrawContext;
  startedAt: Readonly<Record<string, number>>;
  now: number;
}) {
  return (
    <Box flexDirection="column">
      <Text bold>{view.group}</Text>
      {view.lines.map((l) => {
        if (l.kind === 'check')
          return <CheckLine key={`${l.check.id} ${l.check.detail}`} check={l.check} d={d} indent="  " />;
        const since = startedAt[l.id];
        const slow = l.running && since !== undefined && now - since > SLOW_MS;
        const text = `reading ${d.t(l.words)}${slow ? ` (slow: ${Math.round((now - since) / 1000)} s so far)` : ''}`;
        const lines = wrapWords(text, d.cols - 1, '    ', '');
        return (
          <Box key={l.id} flexDirection="column">
            <Text>
              {'  '}
              {l.running ? (
                <Text color="yellow">
                  <Spinner type={d.g.spinner} />
                </Text>
              ) : (
                <Text dimColor>{d.g.ellipsis}</Text>
              )}{' '}
              <Text {...(slow ? { color: 'yellow' } : {})}>{lines[0]}</Text>
            </Text>
            <Lines lines={lines.slice(1)} />
          </Box>
        );
      })}
    </Box>
  );
}

function PickerRows({ picker, d, questionId }: { picker: PickerState; d: DrawContext; questionId: string }) {
  const rows = visibleRows(picker);
  const start = Math.max(0, Math.min(picker.cursor - Math.floor(LIST_ROWS / 2), rows.length - LIST_ROWS));
  const shown = rows.slice(start, start + LIST_ROWS);
  return (
    <Box flexDirection="column">
      {picker.text !== '' ? <Text dimColor> filter: {picker.text}</Text> : null}
      {rows.length === (picker.allowOther ? 1 : 0) && picker.text !== '' ? (
        <Text dimColor> nothing matches; enter uses "{picker.text}" as typed</Text>
      ) : null}
      {start > 0 ? (
        <Text dimColor>
          {' '}
          {d.g.ellipsis} {start} more above
        </Text>
      ) : null}
      {shown.map((row, i) => {
        const at = start + i === picker.cursor;
        const lead = `${at ? d.g.pointer : ' '} ${row.kind === 'item' && row.number !== undefined ? `${row.number}.` : '  '} `;
        const label = row.kind === 'other' ? d.t(OTHER_LABELS[questionId] ?? OTHER_LABEL) : d.t(row.item.label);
        const detail = row.kind === 'item' && row.item.detail !== undefined ? `  ${d.t(row.item.detail)}` : '';
        const lines = wrapWords(`${label}${detail}`, d.cols - 1, ' '.repeat(lead.length), lead);
        return <Lines key={`${start + i}`} lines={lines} {...(at ? { color: 'cyan' } : {})} />;
      })}
      {start + LIST_ROWS < rows.length ? (
        <Text dimColor>
          {' '}
          {d.g.ellipsis} {rows.length - start - LIST_ROWS} more below (type to filter)
        </Text>
      ) : null}
    </Box>
  );
}

function QuestionView({
  asking,
  d,
  answers,
}: {
  asking: Asking;
  d: DrawContext;
  answers: Record<string, string | undefined>;
}) {
  const { question, picker } = asking;
  const typing = picker.mode === 'typing';
  const shape =
    typing && picker.text !== '' && question.id !== 'source.kind'
      ? question.validate(picker.text.trim(), answers)
      : null;
  const hints = typing
    ? `enter confirm · esc ${picker.items.length > 0 ? 'list' : 'back'} · ? why · ctrl+c quit`
    : `↑↓ move · 1-9 pick · type to filter · enter confirm · esc back · ? why · q quit`;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Lines lines={wrapWords(`? ${question.prompt}`, d.cols - 1, '  ')} bold />
      {question.hint ? <Lines lines={wrapWords(d.t(question.hint), d.cols - 1, '  ', '  ')} dim /> : null}
      {picker.showWhy ? (
        <Lines lines={wrapWords(`why: ${WHY[question.id]}`, d.cols - 1, '  ', '  ')} color="blue" />
      ) : null}
      {asking.loading ? (
        <Text>
          <Text color="yellow">
            <Spinner type={d.g.spinner} />
          </Text>{' '}
          reading the choices from your account{d.g.ellipsis}
        </Text>
      ) : typing ? (
        <Text>
          <Text color="cyan">{d.g.pointer} </Text>
          {d.t(picker.text)}
          <Text inverse> </Text>
        </Text>
      ) : (
        <PickerRows picker={picker} d={d} questionId={question.id} />
      )}
      {picker.checking ? (
        <Text>
          <Text color="yellow">
            <Spinner type={d.g.spinner} />
          </Text>{' '}
          checking {d.t(picker.text)} exists{d.g.ellipsis}
        </Text>
      ) : null}
      {shape !== null ? <Lines lines={wrapWords(d.t(shape), d.cols - 1, '  ', '  ')} color="yellow" /> : null}
      {picker.error !== undefined ? (
        <Lines lines={wrapWords(`${d.g.mark.fail} ${d.t(picker.error)}`, d.cols - 1, '  ', '  ')} color="red" />
      ) : null}
      {picker.confirmQuit ? (
        <Text color="yellow">
          Quit? The answers and probe results so far are lost. y to quit, any other key to stay
        </Text>
      ) : null}
      <Lines lines={wrapWords(d.t(hints), d.cols - 1, '  ', '  ')} dim />
    </Box>
  );
}

function PathView({ checks, answers, d }: { checks: readonly Check[]; answers: Answers; d: DrawContext }) {
  // The same layout the text and Markdown reports print; here it is wrapped and coloured.
  const lines = pathPictureLines(pathPicture(checks, answers), d.g.picture);
  return (
    <Box flexDirection="column" marginTop={1}>
      {lines.map((l, i) => {
        if (l.kind === 'title')
          return (
            <Text key={i} bold>
              {l.text}
            </Text>
          );
        if (l.kind === 'arrow') return <Text key={i} dimColor>{`${l.lead}${l.text}`}</Text>;
        const wrapped = wrapWords(d.t(l.text), d.cols - 1, l.hang, l.lead);
        if (l.kind === 'gates') return <Lines key={i} lines={wrapped} dim />;
        return (
          <Lines
            key={i}
            lines={wrapped}
            {...(l.status !== undefined ? { color: STATUS_COLOR[l.status] } : {})}
            bold={l.first === true}
          />
        );
      })}
    </Box>
  );
}

/** HCL as written (its aligned `=` kept), indented under the hint; only a line too wide for the screen is wrapped. */
function hclLines(hcl: string, columns: number): string[] {
  return hcl.split('\n').flatMap((l) => {
    const lead = `       ${/^ */.exec(l)?.[0] ?? ''}`;
    return lead.length + l.trimStart().length <= columns
      ? [`       ${l}`]
      : wrapWords(l.trim(), columns, `${lead}  `, lead);
  });
}

function FindingBlock({ f, n, d }: { f: Finding; n: number; d: DrawContext }) {
  const w = d.cols - 1;
  const head = wrapWords(`${d.g.severity[f.severity]} ${n}. ${d.t(f.title)} (${f.id})`, w, '     ');
  const doc = f.docs?.[0];
  return (
    <Box flexDirection="column" marginTop={1}>
      <Lines lines={head} bold color={f.severity === 'error' ? 'red' : 'yellow'} />
      {f.evidence.map((e, i) => (
        <Lines key={i} lines={wrapWords(d.t(e), w, '       ', `     ${d.g.bullet} `)} />
      ))}
      <Lines lines={wrapWords(`why: ${d.t(f.why)}`, w, '          ', '     ')} dim />
      <Lines lines={wrapWords(`fix: ${d.t(f.fix.summary)}`, w, '          ', '     ')} />
      {f.fix.commands.map((c, i) => (
        <Lines key={i} lines={wrapCommand(sanitize(commandText(c)), w, '$ ', '       ')} color="cyan" />
      ))}
      {hintsOfFix(f.fix).map((h, i) => (
        <Box key={`tf${i}`} flexDirection="column">
          <Lines lines={wrapWords(`Terraform hint (${d.t(h.resource)}):`, w, '       ', '     ')} dim />
          <Lines lines={hclLines(d.t(h.hcl), w)} dim />
        </Box>
      ))}
      {(f.fix.alternatives ?? []).map((alt, i) => (
        <Box key={`alt${i}`} flexDirection="column">
          <Lines lines={wrapWords(`or: ${d.t(alt.summary)}`, w, '         ', '     ')} />
          {alt.commands.map((c, j) => (
            <Lines key={j} lines={wrapCommand(sanitize(commandText(c)), w, '$ ', '       ')} color="cyan" />
          ))}
        </Box>
      ))}
      {doc !== undefined ? (
        <Lines lines={wrapWords(`docs: ${sanitize(doc.url)}`, w, '           ', '     ')} dim />
      ) : null}
    </Box>
  );
}

function VerdictScreen({ store, d }: { store: WizardStore; d: DrawContext }) {
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const engine = snap.engine;
  if (engine.view.kind !== 'done' || snap.verdict === undefined) return null;
  const outcome = engine.view.outcome;
  const report = outcome.report;
  const passed = report.checks.filter((c) => c.status === 'pass');
  const keys = VERDICT_KEYS.map(([k, what]) => `${k} ${what}`).join(' · ');
  return (
    <Box flexDirection="column">
      {outcome.inputError !== undefined ? (
        <Lines lines={wrapWords(`${d.g.mark.fail} ${d.t(outcome.inputError.message)}`, d.cols - 1, '  ')} color="red" />
      ) : null}
      {outcome.inputError === undefined ? <PathView checks={report.checks} answers={engine.answers} d={d} /> : null}
      {report.findings.map((f, i) => (
        <FindingBlock key={`${f.id} ${i}`} f={f} n={i + 1} d={d} />
      ))}
      {snap.changes !== undefined ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>What changed since the last run{snap.changes.length === 0 ? ': nothing' : ':'}</Text>
          {snap.changes.map((c) => (
            <Lines
              key={c.id}
              lines={wrapWords(
                `${c.from === 'absent' ? 'new' : d.g.mark[c.from]} ${d.g.arrow} ${c.to === 'absent' ? 'gone' : d.g.mark[c.to]} ${c.id}: ${d.t(c.detail)}`,
                d.cols - 1,
                '    ',
                '  ',
              )}
              color={c.to === 'pass' ? 'green' : c.to === 'absent' ? 'gray' : 'red'}
            />
          ))}
        </Box>
      ) : null}
      {snap.verdict.showPassed ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Passed checks ({passed.length})</Text>
          {passed.map((c) => (
            <CheckLine key={`${c.id} ${c.detail}`} check={c} d={d} indent="  " />
          ))}
        </Box>
      ) : null}
      <Box marginTop={1} flexDirection="column">
        <Lines
          lines={wrapWords(VERDICT_LINE[report.verdict], d.cols - 1, '  ')}
          bold
          color={VERDICT_COLOR[report.verdict]}
        />
        {snap.verdict.busy ? (
          <Text>
            <Text color="yellow">
              <Spinner type={d.g.spinner} />
            </Text>{' '}
            working{d.g.ellipsis}
          </Text>
        ) : null}
        {snap.verdict.message !== undefined ? (
          <Lines lines={wrapWords(d.t(snap.verdict.message), d.cols - 1, '  ')} color="blue" />
        ) : null}
        {snap.verdict.confirmLive !== undefined ? (
          <Lines lines={wrapWords(d.t(snap.verdict.confirmLive), d.cols - 1, '  ')} bold color="yellow" />
        ) : null}
        <Lines lines={wrapWords(keys, d.cols - 1, '  ')} dim />
      </Box>
    </Box>
  );
}

export function App({ store, glyphs = UNICODE, columns }: AppProps): React.JSX.Element {
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { exit } = useApp();
  const cols = useColumns(columns);
  const t = useCallback((s: string) => (glyphs === UNICODE ? sanitize(s) : asciiText(sanitize(s))), [glyphs]);
  const d: DrawContext = { g: glyphs, cols, t };
  const onKey = useCallback((key: Key) => store.key(key), [store]);
  useKeys(onKey);
  const ended = snap.phase === 'quit' || snap.phase === 'interrupted';
  const now = useNow(snap.running.length > 0);
  // One exit point, after the final frame is drawn.
  useEffect(() => {
    if (ended) exit();
  }, [ended, exit]);
  // The width is set here, not left to Ink: a terminal that reports no size (0 columns) would
  // otherwise get every line broken after each character.
  return (
    <Box flexDirection="column" width={cols}>
      <Static items={[...snap.transcript]}>{(item) => <TranscriptLine key={item.id} item={item} d={d} />}</Static>
      <HeaderLine header={snap.header} d={d} />
      {snap.groups
        .filter((g) => g.lines.length > 0)
        .map((g) => (
          <LiveGroup key={g.group} view={g} d={d} startedAt={snap.startedAt} now={now} />
        ))}
      {snap.choosing ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>? {snap.choosing.question.prompt}</Text>
          <Text color="cyan">
            {glyphs.pointer} {t(snap.choosing.value === '' ? '(none)' : snap.choosing.value)}
          </Text>
        </Box>
      ) : null}
      {snap.asking !== undefined && !ended ? (
        <QuestionView asking={snap.asking} d={d} answers={snap.engine.answers} />
      ) : null}
      {snap.phase === 'verdict' || (snap.phase === 'quit' && snap.finished) ? (
        <VerdictScreen store={store} d={d} />
      ) : null}
      {snap.replay !== undefined && snap.phase === 'running' ? (
        <Text dimColor>
          {snap.replay.paused ? 'paused' : 'playing'} · space {snap.replay.paused ? 'play' : 'pause'} · {glyphs.arrow}{' '}
          step · q quit
        </Text>
      ) : null}
      {snap.phase === 'interrupted' ? (
        <Text color="yellow">Interrupted: saving what is known so far{glyphs.ellipsis}</Text>
      ) : null}
    </Box>
  );
}
