// Keys as the wizard reads them. A terminal delivers keys in chunks: a paste ("i-0abc…\r"),
// a burst of arrows ("\e[B\e[B\e[B") or a key typed while the screen was busy. Each chunk is
// split into single keys here, so every one of them is applied in order. No Ink import.

export type Key =
  | { name: 'char'; char: string }
  | { name: 'enter' }
  | { name: 'escape' }
  | { name: 'up' }
  | { name: 'down' }
  | { name: 'left' }
  | { name: 'right' }
  | { name: 'pageup' }
  | { name: 'pagedown' }
  | { name: 'home' }
  | { name: 'end' }
  | { name: 'backspace' }
  | { name: 'delete' }
  | { name: 'tab' }
  | { name: 'ctrl-c' }
  | { name: 'ctrl-u' }
  | { name: 'other'; sequence: string };

const ESC = '\u001b';
/** Bracketed paste start and end: they carry no key. */
const PASTE_MARKERS = new Set([`${ESC}[200~`, `${ESC}[201~`]);

const SEQUENCES: Readonly<Record<string, Key>> = {
  '[A': { name: 'up' },
  '[B': { name: 'down' },
  '[C': { name: 'right' },
  '[D': { name: 'left' },
  OA: { name: 'up' },
  OB: { name: 'down' },
  OC: { name: 'right' },
  OD: { name: 'left' },
  '[5~': { name: 'pageup' },
  '[6~': { name: 'pagedown' },
  '[H': { name: 'home' },
  '[F': { name: 'end' },
  OH: { name: 'home' },
  OF: { name: 'end' },
  '[1~': { name: 'home' },
  '[4~': { name: 'end' },
  '[3~': { name: 'delete' },
};

/** The length of the escape sequence starting at `i` (CSI, SS3, or ESC + one character). */
function escapeLength(text: string, i: number): number {
  const next = text[i + 1];
  if (next === undefined) return 1;
  if (next === '[') {
    let j = i + 2;
    while (j < text.length) {
      const code = text.charCodeAt(j);
      if (code >= 0x40 && code <= 0x7e && !(j === i + 2 && text[j] === '[')) return j - i + 1;
      j++;
    }
    return text.length - i;
  }
  if (next === 'O') return Math.min(3, text.length - i);
  return 1;
}

function keyOf(seq: string): Key {
  if (seq === ESC) return { name: 'escape' };
  if (seq.startsWith(ESC)) {
    if (PASTE_MARKERS.has(seq)) return { name: 'other', sequence: seq };
    return SEQUENCES[seq.slice(1)] ?? { name: 'other', sequence: seq };
  }
  switch (seq) {
    case '\r':
    case '\n':
    case '\r\n':
      return { name: 'enter' };
    case '\u007f':
    case '\b':
      return { name: 'backspace' };
    case '\t':
      return { name: 'tab' };
    case '\u0003':
      return { name: 'ctrl-c' };
    case '\u0015':
      return { name: 'ctrl-u' };
    default: {
      const code = seq.codePointAt(0) ?? 0;
      return code < 0x20 ? { name: 'other', sequence: seq } : { name: 'char', char: seq };
    }
  }
}

/** Every key in a chunk, in order: escape sequences whole, "\r\n" as one Enter, text one character at a time. */
export function splitKeys(chunk: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < chunk.length) {
    if (chunk[i] === ESC) {
      const n = escapeLength(chunk, i);
      const key = keyOf(chunk.slice(i, i + n));
      if (key.name !== 'other' || !PASTE_MARKERS.has(key.sequence)) keys.push(key);
      i += n;
      continue;
    }
    if (chunk[i] === '\r' && chunk[i + 1] === '\n') {
      keys.push({ name: 'enter' });
      i += 2;
      continue;
    }
    const cp = chunk.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    keys.push(keyOf(ch));
    i += ch.length;
  }
  return keys;
}

/** A key as a short name, for tests and the help line. */
export function keyName(key: Key): string {
  return key.name === 'char' ? key.char : key.name === 'other' ? 'other' : key.name;
}
