// Text and Markdown renderings of a report, doctor style: ✗ failed, ! warning, ✓ passed,
// – skipped (could not check), ‼ could not run (error), ‽ check crashed. Passing checks show only with --verbose.
import type { Report } from '../engine/verdict.js';
import { isAbsolute } from 'node:path';
import { hintsOfFix } from '../findings/terraform.js';
import type { Answers } from '../path/answers.js';
import { ASCII_MARK, ASCII_SEVERITY_MARK, MARK, SEVERITY_MARK, asciiText } from './marks.js';
import { PICTURE_TITLE, pathPictureText } from './path-picture.js';
import { sanitize, terminalSafeJson } from './sanitize.js';

export interface RenderContext {
  region?: string;
  identity?: string;
  verbose?: boolean;
  color?: boolean;
  /** Print the verdict line (the wizard has already shown it). */
  verdict?: boolean;
  /** The run's answers: with them the report opens with the path picture the wizard draws. */
  answers?: Answers;
  /** ASCII marks and arrows (--ascii) for a terminal that lacks the glyphs; commands are left as they are. */
  ascii?: boolean;
}

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
  const t = (s: string): string => (ctx.ascii === true ? asciiText(sanitize(s)) : sanitize(s));
  const mark = ctx.ascii === true ? ASCII_MARK : MARK;
  const severityMark = ctx.ascii === true ? ASCII_SEVERITY_MARK : SEVERITY_MARK;
  if (ctx.identity || ctx.region) lines.push(t([ctx.identity, ctx.region].filter(Boolean).join(' · ')), '');
  const verdictColor = report.verdict === 'healthy' ? 32 : report.verdict === 'problems' ? 31 : 33;
  if (ctx.verdict !== false) lines.push(paint(c, verdictColor, VERDICT_LINE[report.verdict]), '');
  if (ctx.answers !== undefined) {
    const picture = pathPictureText(report.checks, ctx.answers, {
      clean: t,
      ...(ctx.ascii === true ? { ascii: true } : {}),
    });
    lines.push(`${PICTURE_TITLE}:`, ...picture, '');
  }
  report.findings.forEach((f, i) => {
    lines.push(
      `${paint(c, f.severity === 'error' ? 31 : 33, severityMark[f.severity])} ${i + 1}. [${sanitize(f.layer)}] ${t(f.title)}  (${sanitize(f.id)})`,
    );
    for (const e of f.evidence) lines.push(`     ${ctx.ascii === true ? '*' : '•'} ${t(e)}`);
    lines.push(`     why: ${t(f.why)}`);
    lines.push(`     fix: ${t(f.fix.summary)}`);
    for (const cmd of f.fix.commands) lines.push(`       $ ${sanitize(cmd.line)}`);
    for (const file of f.fix.files ?? []) lines.push(`       ${fileNote(file.path)}`);
    for (const hint of hintsOfFix(f.fix)) {
      lines.push(`     terraform hint (if ${sanitize(hint.resource)} is managed as code, change it there instead):`);
      for (const l of hint.hcl.split('\n')) lines.push(`       ${sanitize(l)}`);
    }
    for (const alt of f.fix.alternatives ?? []) {
      lines.push(`     or: ${t(alt.summary)}`);
      for (const cmd of alt.commands) lines.push(`       $ ${sanitize(cmd.line)}`);
    }
    const doc = f.docs?.[0];
    if (doc !== undefined) lines.push(`     docs: ${sanitize(doc.url)}  (vpce-doctor explain ${sanitize(f.id)})`);
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
      lines.push(`  ${mark[k.status]} ${sanitize(k.id)}${basis}: ${t(k.detail)}`);
    }
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}

// Markdown (a pull-request comment) lives in its own file.

export function renderJson(report: Report): string {
  return terminalSafeJson(report, 2) + '\n';
}
