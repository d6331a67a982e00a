// The marks every report format shows for a check's status and a finding's severity: one table,
// so text, Markdown and the UI never disagree on what ✗, ‼ or ‽ means. The ASCII tables and
// asciiText draw the same meanings where a terminal lacks the glyphs (--ascii).
import type { Check, Finding } from '../findings/types.js';

export const MARK: Record<Check['status'], string> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  skipped: '–',
  error: '‼',
  crashed: '‽',
};

export const SEVERITY_MARK: Record<Finding['severity'], string> = { error: '✗', warning: '!', info: 'i' };

export const ASCII_MARK: Record<Check['status'], string> = {
  pass: 'v',
  fail: 'x',
  warn: '!',
  skipped: '-',
  error: '!!',
  crashed: '?!',
};

export const ASCII_SEVERITY_MARK: Record<Finding['severity'], string> = { error: 'x', warning: '!', info: 'i' };

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
