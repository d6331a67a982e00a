// The wizard's screens as plain reducers, tested without rendering: keys split from chunks,
// the picker (filter, numbers, other, back, quit), the verdict and replay keys, wrapping.
import { describe, expect, it } from 'vitest';
import { splitKeys, keyName, type Key } from '../../src/ui/keys.js';
import { initialPicker, reducePicker, visibleRows, type PickerState } from '../../src/ui/picker.js';
import { reduceReplay, reduceVerdict } from '../../src/ui/verdict-keys.js';
import { shellWords, wrapCommand, wrapWords } from '../../src/ui/wrap.js';
import { changesBetween } from '../../src/ui/checklist.js';
import { wantsAscii } from '../../src/ui/glyphs.js';
import { colourEnabled } from '../../src/cli/colour.js';
import { probeWords } from '../../src/ui/probe-words.js';
import type { Check } from '../../src/findings/types.js';

const items = [
  { value: 's3', label: 's3', detail: 'com.amazonaws.us-east-1.s3' },
  { value: 'dynamodb', label: 'dynamodb' },
  { value: 'sqs', label: 'sqs' },
];

function apply(state: PickerState, chunk: string, probesRan = false) {
  let s = state;
  const effects = [];
  for (const k of splitKeys(chunk)) {
    const [next, effect] = reducePicker(s, k, probesRan);
    s = next;
    if (effect.type !== 'none') effects.push(effect);
  }
  return { state: s, effects };
}

describe('keys that arrive together', () => {
  it('Down Down Down in one chunk is three keys', () => {
    expect(splitKeys('\u001b[B\u001b[B\u001b[B').map(keyName)).toEqual(['down', 'down', 'down']);
  });
  it('a pasted id with its newline is each character, then one Enter', () => {
    expect(splitKeys('i-0a\r\n').map(keyName)).toEqual(['i', '-', '0', 'a', 'enter']);
  });
  it('bracketed paste markers carry no key; Esc, Ctrl+C and backspace are named', () => {
    expect(splitKeys('\u001b[200~ab\u001b[201~').map(keyName)).toEqual(['a', 'b']);
    expect(splitKeys('\u001b').map(keyName)).toEqual(['escape']);
    expect(splitKeys('\u0003\u007f').map(keyName)).toEqual(['ctrl-c', 'backspace']);
  });
});

describe('picker', () => {
  it('Down Down in one chunk then Enter picks the third item', () => {
    const r = apply(initialPicker(items, false), '\u001b[B\u001b[B\r');
    expect(r.effects).toEqual([{ type: 'submit', value: 'sqs', typed: false }]);
  });

  it('number keys pick among the first nine', () => {
    expect(apply(initialPicker(items, true), '2').effects).toEqual([
      { type: 'submit', value: 'dynamodb', typed: false },
    ]);
  });

  it('typing filters the list (label and detail), Enter takes the first match', () => {
    const r = apply(initialPicker(items, true), 'dyn');
    expect(visibleRows(r.state).map((x) => (x.kind === 'item' ? x.item.value : 'other'))).toEqual([
      'dynamodb',
      'other',
    ]);
    expect(apply(r.state, '\r').effects).toEqual([{ type: 'submit', value: 'dynamodb', typed: false }]);
    expect(visibleRows(apply(initialPicker(items, false), 'amazonaws').state)).toHaveLength(1);
  });

  it('a filter that matches nothing becomes the typed answer on Enter (checked when entered)', () => {
    const r = apply(initialPicker(items, true), 'sqss\r');
    expect(r.state.mode).toBe('typing');
    expect(apply(r.state, '\r').effects).toEqual([{ type: 'submit', value: 'sqss', typed: true }]);
  });

  it('"other — type it" then a pasted id with newline submits once, as typed', () => {
    const r = apply(initialPicker(items, true), '\u001b[A\ri-0abc1234def567890\r');
    expect(r.effects).toEqual([{ type: 'submit', value: 'i-0abc1234def567890', typed: true }]);
  });

  it('Esc and ← go back; Esc first clears a filter; in typing mode Esc returns to the list', () => {
    expect(apply(initialPicker(items, true), '\u001b').effects).toEqual([{ type: 'back' }]);
    expect(apply(initialPicker(items, true), '\u001b[D').effects).toEqual([{ type: 'back' }]);
    const filtered = apply(initialPicker(items, true), 'sq');
    const cleared = apply(filtered.state, '\u001b');
    expect(cleared.effects).toEqual([]);
    expect(cleared.state.text).toBe('');
    const typing = apply(initialPicker(items, true), '\u001b[A\r');
    expect(typing.state.mode).toBe('typing');
    expect(apply(typing.state, '\u001b').state.mode).toBe('list');
  });

  it('the previous answer is preselected when a question is asked again', () => {
    const s = initialPicker(items, true, 'sqs');
    expect(apply(s, '\r').effects).toEqual([{ type: 'submit', value: 'sqs', typed: false }]);
    const typed = initialPicker(items, true, 'kinesis');
    expect(typed).toMatchObject({ mode: 'typing', text: 'kinesis' });
  });

  it('q quits at once before any probe ran, and asks first after', () => {
    expect(apply(initialPicker(items, true), 'q').effects).toEqual([{ type: 'quit' }]);
    const asked = apply(initialPicker(items, true), 'q', true);
    expect(asked.effects).toEqual([]);
    expect(asked.state.confirmQuit).toBe(true);
    expect(apply(asked.state, 'n', true).state.confirmQuit).toBe(false);
    expect(apply(asked.state, 'y', true).effects).toEqual([{ type: 'quit' }]);
  });

  it('? says why, and q inside a filter is just a letter', () => {
    expect(apply(initialPicker(items, true), '?').state.showWhy).toBe(true);
    expect(apply(initialPicker(items, true), 'sq').state.text).toBe('sq');
  });

  it('keys wait while an answer is being checked', () => {
    const checking = { ...initialPicker(items, true), checking: true };
    expect(apply(checking, '2').state).toEqual(checking);
  });

  it('a refused answer shows its reason until the next key', () => {
    const s = initialPicker([], false, undefined, 'instance i-0123456789abcdef0 does not exist in us-east-1');
    expect(s.error).toContain('does not exist');
    expect(apply(s, 'x').state.error).toBeUndefined();
  });
});

describe('verdict and replay keys', () => {
  const v = { showPassed: false, busy: false };
  const key = (c: string): Key => splitKeys(c)[0] as Key;
  it('r c s m q are actions; v toggles the passed checks; keys wait while busy', () => {
    expect(['r', 'c', 's', 'm', 'q'].map((c) => reduceVerdict(v, key(c))[1])).toEqual([
      'rerun',
      'copy',
      'save',
      'markdown',
      'quit',
    ]);
    expect(reduceVerdict(v, key('v'))[0].showPassed).toBe(true);
    expect(reduceVerdict({ ...v, busy: true }, key('q'))[1]).toBe('none');
  });
  it("replay's confirm line: y goes live, any other key (q included) closes it and leaves the recording", () => {
    const asking = { showPassed: false, busy: false, confirmLive: 'Run these answers against AWS now? y/n' };
    expect(reduceVerdict(asking, key('y'))).toEqual([{ showPassed: false, busy: false }, 'live']);
    const [after, action] = reduceVerdict(asking, key('q'));
    expect(action).toBe('none');
    expect(after.confirmLive).toBeUndefined();
    expect(after.message).toContain('stays as recorded');
  });
  it('replay: space pauses, → steps (and pauses), q quits, anything else is consumed', () => {
    const r = { paused: false, steps: 0 };
    expect(reduceReplay(r, key(' '))[0].paused).toBe(true);
    expect(reduceReplay(r, key('\u001b[C'))).toEqual([{ paused: true, steps: 1 }, 'step']);
    expect(reduceReplay(r, key('q'))[1]).toBe('quit');
    expect(reduceReplay(r, key('x'))).toEqual([r, 'none']);
  });
});

describe('wrapping that keeps what users copy', () => {
  const cmd =
    'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0123456789abcdef0 --add-route-table-ids rtb-0f9e8d7c6b5a49382 --region us-east-1';
  it.each([40, 60, 80])('a command at %i columns: whole words, " \\" continuations, the same words back', (cols) => {
    const lines = wrapCommand(cmd, cols, '$ ');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(cols);
    lines.slice(0, -1).forEach((l) => expect(l.endsWith(' \\')).toBe(true));
    const rejoined = lines
      .map((l) => l.replace(/ \\$/, '').trim())
      .join(' ')
      .replace(/^\$ /, '');
    expect(shellWords(rejoined)).toEqual(shellWords(cmd));
  });
  it('never breaks inside a quoted argument', () => {
    const policy = `aws s3api put-bucket-policy --bucket b --policy '{"Statement": [{"Effect": "Allow"}]}'`;
    const lines = wrapCommand(policy, 30);
    expect(lines.some((l) => l.includes(`'{"Statement": [{"Effect": "Allow"}]}'`))).toBe(true);
  });
  it('prose breaks at spaces only: an id is never split', () => {
    const text =
      'subnet-0bb22cc33dd44ee55 uses the main route table rtb-0f9e8d7c6b5a49382, which vpce-0123456789abcdef0 is not associated with';
    const lines = wrapWords(text, 30, '  ');
    for (const id of ['subnet-0bb22cc33dd44ee55', 'rtb-0f9e8d7c6b5a49382', 'vpce-0123456789abcdef0'])
      expect(lines.some((l) => l.includes(id))).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(text);
  });
});

describe('checks that changed between runs', () => {
  it('a failed check that passes now is a change; unchanged checks are not', () => {
    const before: Check[] = [
      { id: 'gateway.route-table', layer: 'route' as const, status: 'fail' as const, detail: 'x' },
      { id: 'endpoint.exists', layer: 'endpoint' as const, status: 'pass' as const, detail: 'y' },
    ];
    const after = [{ ...before[0]!, status: 'pass' as const, detail: 'now routed' }, before[1]!];
    expect(changesBetween(before, after)).toEqual([
      { id: 'gateway.route-table', from: 'fail', to: 'pass', detail: 'now routed' },
    ]);
  });
});

describe('terminal manners', () => {
  it('FORCE_COLOR wins, then NO_COLOR, then whether it is a terminal', () => {
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
  });
  it('ASCII glyphs with --ascii, on a Linux console or in a non-UTF-8 locale', () => {
    expect(wantsAscii(true, {})).toBe(true);
    expect(wantsAscii(false, { TERM: 'linux' })).toBe(true);
    expect(wantsAscii(false, { LANG: 'en_US.ISO-8859-1' })).toBe(true);
    expect(wantsAscii(false, { LANG: 'en_US.UTF-8' })).toBe(false);
    expect(wantsAscii(false, {})).toBe(false);
  });
  it('probes are said in plain words', () => {
    expect(probeWords({ key: 'ec2.route-table', input: { subnetId: 'subnet-1', vpcId: 'vpc-1' } })).toBe(
      'the route table of subnet-1',
    );
  });
});

describe('the path picture', () => {
  it('each hop takes its checks; the first failing hop is where the request dies; DNS and policy beside', async () => {
    const { pathPicture } = await import('../../src/report/path-picture.js');
    const checks: Check[] = [
      { id: 'source.located', layer: 'endpoint' as const, status: 'pass' as const, detail: '' },
      { id: 'sg.source-egress', layer: 'security-group' as const, status: 'pass' as const, detail: '' },
      { id: 'nacl.source-subnet', layer: 'nacl' as const, status: 'pass' as const, detail: '' },
      { id: 'gateway.route-table', layer: 'route' as const, status: 'fail' as const, detail: '' },
      { id: 'endpoint.exists', layer: 'endpoint' as const, status: 'pass' as const, detail: '' },
      { id: 'dns.vpc-dns-support', layer: 'dns' as const, status: 'pass' as const, detail: '' },
    ];
    const p = pathPicture(checks, { 'source.id': 'i-1', service: 's3' });
    expect(p.hops.map((h) => [h.label.split(' ')[0], h.status, h.first])).toEqual([
      ['i-1', 'pass', false],
      ['its', 'pass', false],
      ['its', 'pass', false],
      ['the', 'fail', true],
      ['the', 'pass', false],
      ['s3', undefined, false],
    ]);
    expect(p.gates).toEqual([
      { label: 'DNS', status: 'pass', first: false },
      { label: 'Policy', status: undefined, first: false },
    ]);
  });
});
