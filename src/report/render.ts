// Text and Markdown renderings of a report, doctor style: ✗ failed, ! warning, ✓ passed,
// – skipped (could not check), ‼ check crashed. Passing checks show only with --verbose.
import type { Report } from '../engine/verdict.js';
import { isAbsolute } from 'node:path';
import type { Check, Finding } from '../findings/types.js';
import { sanitize } from './sanitize.js';

export interface RenderContext {
  region?: string;
  identity?: string;
  verbose?: boolean;
  color?: boolean;
  /** Print the verdict line (the wizard has already shown it). */
  verdict?: boolean;
}

const MARK: Record<Check['status'], string> = { pass: '✓', fail: '✗', warn: '!', skipped: '–', error: '‼' };
const SEVERITY_MARK: Record<Finding['severity'], string> = { error: '✗', warning: '!', info: 'i' };

const paint = (on: boolean | undefined, code: number, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

export const VERDICT_LINE: Record<Report['verdict'], string> = {
  healthy: 'Healthy: nothing on the path blocks the request.',
  problems: 'Problems found on the path.',
  incomplete: 'Incomplete: some checks could not run, so this is not a clean bill of health.',
};

/** A fix document is written only when a session is saved; say where it is either way. */
function fileNote(path: string): string {
  return isAbsolute(path)
    ? `(wrote ${sanitize(path)})`
    : `(${sanitize(path)}: the document is in fix.files of the --json report; --save FILE writes it next to the session)`;
}

export function renderText(report: Report, ctx: RenderContext = {}): string {
  const lines: string[] = [];
  const c = ctx.color;
  if (ctx.identity || ctx.region) lines.push(sanitize([ctx.identity, ctx.region].filter(Boolean).join(' · ')), '');
  const verdictColor = report.verdict === 'healthy' ? 32 : report.verdict === 'problems' ? 31 : 33;
  if (ctx.verdict !== false) lines.push(paint(c, verdictColor, VERDICT_LINE[report.verdict]), '');
  report.findings.forEach((f, i) => {
    lines.push(
      `${paint(c, f.severity === 'error' ? 31 : 33, SEVERITY_MARK[f.severity])} ${i + 1}. [${f.layer}] ${sanitize(f.title)}  (${f.id})`,
    );
    for (const e of f.evidence) lines.push(`     • ${sanitize(e)}`);
    lines.push(`     why: ${sanitize(f.why)}`);
    lines.push(`     fix: ${sanitize(f.fix.summary)}`);
    for (const cmd of f.fix.commands) lines.push(`       $ ${sanitize(cmd)}`);
    for (const file of f.fix.files ?? []) lines.push(`       ${fileNote(file.path)}`);
    for (const alt of f.fix.alternatives ?? []) {
      lines.push(`     or: ${sanitize(alt.summary)}`);
      for (const cmd of alt.commands) lines.push(`       $ ${sanitize(cmd)}`);
    }
    lines.push('');
  });
  const shown = report.checks.filter((k) => ctx.verbose || k.status !== 'pass');
  if (shown.length > 0 || report.checks.length > 0) {
    lines.push(
      ctx.verbose
        ? 'Checks:'
        : `Checks (${report.checks.filter((k) => k.status === 'pass').length} passed; --verbose shows them):`,
    );
    for (const k of shown) {
      const basis = k.basis ? ` [${k.basis}]` : '';
      lines.push(`  ${MARK[k.status]} ${k.id}${basis}: ${sanitize(k.detail)}`);
    }
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}

const mdEscape = (s: string): string => sanitize(s).replace(/([|*_`<>[\]])/g, '\\$1');

export function renderMarkdown(report: Report, ctx: RenderContext = {}): string {
  const lines: string[] = ['# vpce-doctor report', ''];
  if (ctx.identity || ctx.region) lines.push(`${mdEscape([ctx.identity, ctx.region].filter(Boolean).join(' · '))}`, '');
  lines.push(`**Verdict: ${report.verdict}** — ${VERDICT_LINE[report.verdict]}`, '');
  if (report.findings.length > 0) {
    lines.push('## Findings', '');
    report.findings.forEach((f, i) => {
      lines.push(`### ${i + 1}. ${mdEscape(f.title)} (\`${f.id}\`, ${f.severity})`, '');
      for (const e of f.evidence) lines.push(`- ${mdEscape(e)}`);
      lines.push('', `Why: ${mdEscape(f.why)}`, '', `Fix: ${mdEscape(f.fix.summary)}`, '');
      if (f.fix.commands.length > 0) lines.push('```sh', ...f.fix.commands.map(sanitize), '```', '');
      for (const file of f.fix.files ?? [])
        lines.push(`${mdEscape(file.path)}:`, '', '```json', sanitize(file.contents).replace(/\n+$/, ''), '```', '');
      for (const alt of f.fix.alternatives ?? []) {
        lines.push(`Or: ${mdEscape(alt.summary)}`, '');
        if (alt.commands.length > 0) lines.push('```sh', ...alt.commands.map(sanitize), '```', '');
      }
    });
  }
  lines.push('## Checks', '', '| status | check | detail |', '|---|---|---|');
  for (const k of report.checks)
    lines.push(
      `| ${MARK[k.status]} ${k.status} | \`${k.id}\` | ${mdEscape(k.detail)}${k.basis ? ` (${k.basis})` : ''} |`,
    );
  return lines.join('\n') + '\n';
}

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
