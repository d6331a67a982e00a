// The path picture: where the request goes (source → its security groups → subnet ACL → route
// table → endpoint, and for an interface endpoint its ACL and security groups → the service),
// with DNS and policy as the two gates beside it. Each hop takes the worst status of the checks
// about it; the first failing hop is where the request dies. Pure, from the report's checks and
// the answers; one layout drawn by the wizard (Ink, wrapped and coloured there) and printed by
// the text and Markdown reports, so the three never disagree.
import type { Check } from '../findings/types.js';
import type { Answers } from '../path/answers.js';
import { ASCII_MARK, MARK } from './marks.js';

export interface Hop {
  label: string;
  /** undefined: no check looked at this hop (not on this path). */
  status: Check['status'] | undefined;
  /** The first hop on the path that fails: the request dies here. */
  first: boolean;
}

export interface PathPicture {
  hops: Hop[];
  gates: Hop[];
}

const RANK: Record<Check['status'], number> = { pass: 0, skipped: 1, warn: 2, error: 3, crashed: 3, fail: 4 };
const FAILING: ReadonlySet<Check['status']> = new Set(['fail', 'error', 'crashed']);

function worst(checks: readonly Check[]): Check['status'] | undefined {
  return checks.reduce<Check['status'] | undefined>(
    (w, c) => (w === undefined || RANK[c.status] > RANK[w] ? c.status : w),
    undefined,
  );
}

export function pathPicture(checks: readonly Check[], answers: Answers): PathPicture {
  const where = (p: (c: Check) => boolean): Check['status'] | undefined => worst(checks.filter(p));
  const source = answers['source.id'] ?? answers['source.ip'] ?? answers['source.kind'] ?? 'the source';
  const rows: [string, Check['status'] | undefined][] = [
    [`${source} (where the request starts)`, where((c) => c.id === 'source.located')],
    ['its security groups (outbound)', where((c) => c.id === 'sg.source-egress')],
    ["its subnet's network ACL", where((c) => c.id === 'nacl.source-subnet')],
    ['the route table', where((c) => c.layer === 'route')],
    [
      `the endpoint${answers.endpoint !== undefined && answers.endpoint !== 'auto' ? ` ${answers.endpoint}` : ''}`,
      where((c) => c.layer === 'endpoint' && c.id !== 'source.located'),
    ],
  ];
  // An interface endpoint's own ACL and groups sit after it; a gateway endpoint has none.
  const endpointAcl = where((c) => c.id === 'nacl.endpoint-subnet');
  const endpointSgs = where((c) => c.id === 'sg.endpoint-ingress');
  if (endpointAcl !== undefined) rows.push(["the endpoint subnet's network ACL", endpointAcl]);
  if (endpointSgs !== undefined) rows.push(["the endpoint's security groups (inbound)", endpointSgs]);
  rows.push([answers.service ?? 'the service', undefined]);
  let found = false;
  const hops = rows.map(([label, status]) => {
    const first = !found && status !== undefined && FAILING.has(status);
    if (first) found = true;
    return { label, status, first };
  });
  const gates: Hop[] = [
    { label: 'DNS', status: where((c) => c.layer === 'dns'), first: false },
    {
      label: 'Policy',
      status: where((c) => c.layer === 'endpoint-policy' || c.layer === 'resource-policy' || c.layer === 'identity'),
      first: false,
    },
  ];
  return { hops, gates };
}

/** How the picture is drawn: Unicode, or ASCII where the terminal lacks the glyphs (--ascii). */
export interface PictureGlyphs {
  mark: Record<Check['status'], string>;
  down: string;
  dies: string;
  none: string;
  /** Between the gates. */
  sep: string;
}

export const PICTURE_UNICODE: PictureGlyphs = { mark: MARK, down: '↓', dies: '←', none: '—', sep: ' · ' };
export const PICTURE_ASCII: PictureGlyphs = { mark: ASCII_MARK, down: '|', dies: '<-', none: '-', sep: ', ' };

/**
 * One line of the picture: `lead` starts it, `hang` starts each continuation when a view wraps
 * it; `status` and `first` let a view colour it. Text comes from answers: a view sanitises it.
 */
export interface PictureLine {
  kind: 'title' | 'hop' | 'arrow' | 'gates';
  lead: string;
  hang: string;
  text: string;
  status?: Check['status'];
  first?: boolean;
}

export const PICTURE_TITLE = 'The path';

/** The picture as lines: the hops top to bottom with an arrow between each, then the two gates. */
export function pathPictureLines(picture: PathPicture, g: PictureGlyphs): PictureLine[] {
  const lines: PictureLine[] = [{ kind: 'title', lead: '', hang: '  ', text: PICTURE_TITLE }];
  picture.hops.forEach((h, i) => {
    if (i > 0) lines.push({ kind: 'arrow', lead: '  ', hang: '  ', text: g.down });
    const dies = h.first ? ` ${g.dies} the request dies here` : '';
    lines.push({
      kind: 'hop',
      lead: '  ',
      hang: '    ',
      text: `${h.status === undefined ? '' : `${g.mark[h.status]} `}${h.label}${dies}`,
      ...(h.status !== undefined ? { status: h.status } : {}),
      first: h.first,
    });
  });
  const gates = picture.gates.map((x) => `${x.label} ${x.status === undefined ? g.none : g.mark[x.status]}`);
  lines.push({ kind: 'gates', lead: '  ', hang: '    ', text: `beside it: ${gates.join(g.sep)}` });
  return lines;
}

/** The picture as plain lines under its title (text and Markdown reports); `clean` makes text from answers safe to print. */
export function pathPictureText(
  checks: readonly Check[],
  answers: Answers,
  options: { ascii?: boolean; clean: (s: string) => string },
): string[] {
  const lines = pathPictureLines(
    pathPicture(checks, answers),
    options.ascii === true ? PICTURE_ASCII : PICTURE_UNICODE,
  );
  return lines.filter((l) => l.kind !== 'title').map((l) => `${l.lead}${options.clean(l.text)}`);
}
