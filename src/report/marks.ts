// The marks every report format shows for a check's status and a finding's severity: one table,
// so text, Markdown and the UI never disagree on what ✗, ‼ or ‽ means.
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
