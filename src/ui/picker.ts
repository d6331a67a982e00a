// One question on screen, as a plain reducer: a list to pick from (type to filter, ↑↓, number
// keys for the first nine, "other — type it") or a line to type. Keys in, state and at most
// one effect out; the store acts on the effect, the view only draws the state. No Ink import.
import type { Key } from './keys.js';

export interface PickItem {
  value: string;
  label: string;
  /** A second, dimmer part of the line: ids, addresses, state. */
  detail?: string;
}

export interface PickerState {
  items: readonly PickItem[];
  /** The list may be left for a typed answer ("other — type it"); without items the answer is typed. */
  allowOther: boolean;
  mode: 'list' | 'typing';
  /** In list mode the filter, in typing mode the answer being typed. */
  text: string;
  /** Index into the visible rows (the filtered items, then "other" when allowed). */
  cursor: number;
  /** Why the last answer was refused (stays until the next key). */
  error?: string;
  /** `?` pressed: say why the question is asked. */
  showWhy: boolean;
  /** `q` pressed after probes ran: waiting for y/n. */
  confirmQuit: boolean;
  /** An answer is being checked (it must exist): keys wait. */
  checking: boolean;
}

export type PickerEffect =
  { type: 'submit'; value: string; typed: boolean } | { type: 'back' } | { type: 'quit' } | { type: 'none' };

export type VisibleRow = { kind: 'item'; item: PickItem; number?: number } | { kind: 'other' };

export const OTHER_LABEL = 'other — type it';

/** Case-insensitive match of every word of the filter against the label and detail. */
export function matches(item: PickItem, filter: string): boolean {
  const hay = `${item.label} ${item.detail ?? ''} ${item.value}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export function visibleRows(state: PickerState): VisibleRow[] {
  const filter = state.mode === 'list' ? state.text : '';
  const rows: VisibleRow[] = state.items
    .filter((i) => matches(i, filter))
    .map((item, n) => ({ kind: 'item', item, ...(n < 9 ? { number: n + 1 } : {}) }));
  if (state.allowOther) rows.push({ kind: 'other' });
  return rows;
}

export function initialPicker(
  items: readonly PickItem[],
  allowOther: boolean,
  previous?: string,
  error?: string,
): PickerState {
  const base: PickerState = {
    items,
    allowOther,
    mode: items.length === 0 ? 'typing' : 'list',
    text: '',
    cursor: 0,
    showWhy: false,
    confirmQuit: false,
    checking: false,
    ...(error !== undefined ? { error } : {}),
  };
  if (previous === undefined) return base;
  const at = items.findIndex((i) => i.value === previous);
  if (at >= 0) return { ...base, cursor: at };
  // A typed answer comes back as typed text, ready to correct.
  return allowOther || items.length === 0 ? { ...base, mode: 'typing', text: previous } : base;
}

const NONE: PickerEffect = { type: 'none' };
type Step = [PickerState, PickerEffect];

function clampCursor(state: PickerState): PickerState {
  const n = visibleRows(state).length;
  return { ...state, cursor: n === 0 ? 0 : Math.max(0, Math.min(state.cursor, n - 1)) };
}

function choose(state: PickerState, row: VisibleRow | undefined): Step {
  if (row === undefined) {
    // Nothing matches the filter: what was typed becomes the answer to check, when typing is allowed.
    if (state.allowOther && state.text !== '') return [{ ...state, mode: 'typing', error: undefined }, NONE];
    return [state, NONE];
  }
  if (row.kind === 'other') return [{ ...state, mode: 'typing', error: undefined }, NONE];
  return [state, { type: 'submit', value: row.item.value, typed: false }];
}

/**
 * Apply one key. `probesRan`: quitting then needs a confirm (the answers and results so far
 * would be lost).
 */
export function reducePicker(state: PickerState, key: Key, probesRan: boolean): Step {
  if (state.checking) return [state, NONE];
  const s: PickerState = state.error !== undefined && key.name !== 'enter' ? { ...state, error: undefined } : state;
  if (s.confirmQuit) {
    if (key.name === 'char' && (key.char === 'y' || key.char === 'Y')) return [s, { type: 'quit' }];
    return [{ ...s, confirmQuit: false }, NONE];
  }
  if (s.mode === 'typing') return typingKey(s, key);
  return listKey(s, key, probesRan);
}

function listKey(s: PickerState, key: Key, probesRan: boolean): Step {
  const rows = visibleRows(s);
  switch (key.name) {
    case 'up':
      return [{ ...s, cursor: rows.length === 0 ? 0 : (s.cursor - 1 + rows.length) % rows.length }, NONE];
    case 'down':
      return [{ ...s, cursor: rows.length === 0 ? 0 : (s.cursor + 1) % rows.length }, NONE];
    case 'pageup':
    case 'home':
      return [{ ...s, cursor: 0 }, NONE];
    case 'pagedown':
    case 'end':
      return [{ ...s, cursor: Math.max(0, rows.length - 1) }, NONE];
    case 'enter':
      return choose(s, rows[s.cursor]);
    case 'escape':
      if (s.text !== '') return [clampCursor({ ...s, text: '' }), NONE];
      return [s, { type: 'back' }];
    case 'left':
      return s.text === '' ? [s, { type: 'back' }] : [s, NONE];
    case 'backspace':
      return [clampCursor({ ...s, text: s.text.slice(0, -1) }), NONE];
    case 'ctrl-u':
      return [clampCursor({ ...s, text: '' }), NONE];
    case 'char': {
      const c = key.char;
      if (s.text === '') {
        if (c === 'q') return probesRan ? [{ ...s, confirmQuit: true }, NONE] : [s, { type: 'quit' }];
        if (c === '?') return [{ ...s, showWhy: !s.showWhy }, NONE];
        if (/^[1-9]$/.test(c)) {
          const row = rows.find((r) => r.kind === 'item' && r.number === Number(c));
          return row === undefined ? [s, NONE] : choose(s, row);
        }
        if (c === ' ') return [s, NONE];
      }
      return [{ ...s, text: s.text + c, cursor: 0 }, NONE];
    }
    default:
      return [s, NONE];
  }
}

function typingKey(s: PickerState, key: Key): Step {
  switch (key.name) {
    case 'enter':
      return [s, { type: 'submit', value: s.text.trim(), typed: true }];
    case 'escape':
      if (s.items.length > 0) return [clampCursor({ ...s, mode: 'list', text: '' }), NONE];
      return [s, { type: 'back' }];
    case 'left':
      return s.text === '' ? (s.items.length > 0 ? [{ ...s, mode: 'list' }, NONE] : [s, { type: 'back' }]) : [s, NONE];
    case 'backspace':
      return [{ ...s, text: s.text.slice(0, -1) }, NONE];
    case 'ctrl-u':
      return [{ ...s, text: '' }, NONE];
    case 'char':
      if (s.text === '' && key.char === '?') return [{ ...s, showWhy: !s.showWhy }, NONE];
      return [{ ...s, text: s.text + key.char }, NONE];
    default:
      return [s, NONE];
  }
}
