// The marks and arrows the wizard draws, with an ASCII fallback for terminals that lack them
// (--ascii, a Linux console, a non-UTF-8 locale). The report's marks table stays the one
// meaning of each mark; this only picks how it is drawn.
import { ASCII_MARK, ASCII_SEVERITY_MARK, MARK, SEVERITY_MARK } from '../report/marks.js';
import { PICTURE_ASCII, PICTURE_UNICODE, type PictureGlyphs } from '../report/path-picture.js';
import type { Check, Finding } from '../findings/types.js';

export { asciiText } from '../report/marks.js';

export interface Glyphs {
  mark: Record<Check['status'], string>;
  severity: Record<Finding['severity'], string>;
  pointer: string;
  arrow: string;
  answered: string;
  bullet: string;
  spinner: 'dots' | 'line';
  ellipsis: string;
  dash: string;
  /** The path picture's arrows and marks (shared with the text and Markdown reports). */
  picture: PictureGlyphs;
}

export const UNICODE: Glyphs = {
  mark: MARK,
  severity: SEVERITY_MARK,
  pointer: '❯',
  arrow: '→',
  answered: '✔',
  bullet: '•',
  spinner: 'dots',
  ellipsis: '…',
  dash: '—',
  picture: PICTURE_UNICODE,
};

export const ASCII: Glyphs = {
  mark: ASCII_MARK,
  severity: ASCII_SEVERITY_MARK,
  pointer: '>',
  arrow: '->',
  answered: '*',
  bullet: '*',
  spinner: 'line',
  ellipsis: '...',
  dash: '-',
  picture: PICTURE_ASCII,
};

/** ASCII when asked, or when the terminal is unlikely to draw Unicode (Linux console, a non-UTF-8 locale). */
export function wantsAscii(flag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag) return true;
  if (env.TERM === 'linux') return true;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return locale !== '' && !/utf-?8/i.test(locale);
}
