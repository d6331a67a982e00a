// The marks and arrows the wizard draws, with an ASCII fallback for terminals that lack them
// (--ascii, a Linux console, a non-UTF-8 locale). The report's marks table stays the one
// meaning of each mark; this only picks how it is drawn.
import { MARK, SEVERITY_MARK } from '../report/marks.js';
import type { Check, Finding } from '../findings/types.js';

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
};

export const ASCII: Glyphs = {
  mark: { pass: 'v', fail: 'x', warn: '!', skipped: '-', error: '!!', crashed: '?!' },
  severity: { error: 'x', warning: '!', info: 'i' },
  pointer: '>',
  arrow: '->',
  answered: '*',
  bullet: '*',
  spinner: 'line',
  ellipsis: '...',
  dash: '-',
};

/** ASCII when asked, or when the terminal is unlikely to draw Unicode (Linux console, a non-UTF-8 locale). */
export function wantsAscii(flag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag) return true;
  if (env.TERM === 'linux') return true;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return locale !== '' && !/utf-?8/i.test(locale);
}

/** Replace Unicode glyphs in a text from elsewhere (a check's detail) when drawing ASCII. */
export function asciiText(text: string): string {
  return text
    .replace(/↑↓/g, 'up/down')
    .replace(/←/g, '<-')
    .replace(/↓/g, 'v')
    .replace(/[→⟶]/g, '->')
    .replace(/[—–]/g, '-')
    .replace(/…/g, '...')
    .replace(/[✓✔]/g, 'v')
    .replace(/[✗✘]/g, 'x')
    .replace(/‼/g, '!!')
    .replace(/‽/g, '?!')
    .replace(/•/g, '*')
    .replace(/·/g, '-');
}
