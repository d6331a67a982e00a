// The report as Markdown that reads well as a pull-request comment: one summary line, a table
// of findings, then each finding's evidence and fix folded in <details>, and the checks folded.
import type { Report } from '../engine/verdict.js';
import type { Finding } from '../findings/types.js';
import type { RenderContext } from './render.js';
import { resourceIds } from './sarif.js';
import { hintsOfFix } from '../findings/terraform.js';
import { MARK, SEVERITY_MARK } from './marks.js';
import { PICTURE_TITLE, pathPictureText } from './path-picture.js';
import { sanitize } from './sanitize.js';

const VERDICT_MARK: Record<Report['verdict'], string> = { healthy: '✓', problems: '✗', incomplete: '–' };
const VERDICT_TEXT: Record<Report['verdict'], string> = {
  healthy: 'healthy: nothing on the path blocks the request',
  problems: 'problems found on the path',
  incomplete: 'incomplete: some checks could not run, so this is not a clean bill of health',
};

const mdEscape = (s: string): string => sanitize(s).replace(/([|*_`<>[\]\\])/g, '\\$1');
/** Inside a code span nothing is markup; a backtick in the text would end it. */
const code = (s: string): string => `\`${sanitize(s).replace(/`/g, "'")}\``;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderMarkdown(report: Report, ctx: RenderContext = {}): string {
  const count = (s: Finding['severity']): number => report.findings.filter((f) => f.severity === s).length;
  const tally = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'note'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, w]) => plural(n as number, w as string));
  const lines: string[] = [
    `## ${VERDICT_MARK[report.verdict]} vpce-doctor: ${VERDICT_TEXT[report.verdict]}${tally.length > 0 ? ` — ${tally.join(', ')}` : ''}`,
    '',
  ];
  if (ctx.identity || ctx.region) lines.push(mdEscape([ctx.identity, ctx.region].filter(Boolean).join(' · ')), '');
  if (ctx.answers !== undefined) {
    // In a code block, so the arrows stay under the hops; nothing in it is markup. Markdown is
    // read in a browser, where the glyphs draw: --ascii is for terminals.
    const clean = (s: string): string => sanitize(s).replace(/`/g, "'");
    const picture = pathPictureText(report.checks, ctx.answers, { clean });
    lines.push(`**${PICTURE_TITLE}**`, '', '```text', ...picture, '```', '');
  }

  if (report.findings.length > 0) {
    lines.push('| | finding | layer | resources |', '|---|---|---|---|');
    report.findings.forEach((f, i) => {
      const doc = f.docs?.[0];
      const title = doc !== undefined ? `[${mdEscape(f.title)}](${doc.url})` : mdEscape(f.title);
      const resources = resourceIds(f).map(code).join(' ');
      lines.push(
        `| ${SEVERITY_MARK[f.severity]} ${f.severity} | ${i + 1}. ${title} ${code(f.id)} | ${f.layer} | ${resources} |`,
      );
    });
    lines.push('');
    report.findings.forEach((f, i) => {
      lines.push(
        '<details>',
        `<summary>${i + 1}. ${SEVERITY_MARK[f.severity]} ${mdEscape(f.title)} (${code(f.id)})</summary>`,
        '',
      );
      for (const e of f.evidence) lines.push(`- ${mdEscape(e)}`);
      lines.push('', `**Why:** ${mdEscape(f.why)}`, '', `**Fix:** ${mdEscape(f.fix.summary)}`, '');
      if (f.fix.commands.length > 0) lines.push('```sh', ...f.fix.commands.map((c) => sanitize(c.line)), '```', '');
      for (const file of f.fix.files ?? [])
        lines.push(`${mdEscape(file.path)}:`, '', '```json', sanitize(file.contents).replace(/\n+$/, ''), '```', '');
      const hints = hintsOfFix(f.fix);
      if (hints.length > 0)
        lines.push(
          `Terraform hint (where ${hints.map((h) => code(h.resource)).join(', ')} is managed as code, change it there instead):`,
          '',
          '```hcl',
          ...hints.flatMap((h, i) => (i === 0 ? [sanitize(h.hcl)] : ['', sanitize(h.hcl)])),
          '```',
          '',
        );
      for (const alt of f.fix.alternatives ?? []) {
        lines.push(`Or: ${mdEscape(alt.summary)}`, '');
        if (alt.commands.length > 0) lines.push('```sh', ...alt.commands.map((c) => sanitize(c.line)), '```', '');
      }
      const docs = (f.docs ?? []).map((d) => `[${mdEscape(d.title)}](${d.url})`);
      lines.push(`Docs: ${[...docs, code(`vpce-doctor explain ${f.id}`)].join(' · ')}`, '', '</details>', '');
    });
  }

  const passed = report.checks.filter((k) => k.status === 'pass').length;
  const failed = report.checks.filter((k) => k.status === 'fail' || k.status === 'warn').length;
  const notRun = report.checks.filter((k) => k.status === 'skipped' || k.status === 'error').length;
  lines.push(
    '<details>',
    `<summary>Checks: ${passed} passed, ${failed} failed or warned, ${notRun} could not run</summary>`,
    '',
    '| status | check | detail |',
    '|---|---|---|',
  );
  for (const k of report.checks)
    lines.push(
      `| ${MARK[k.status]} ${k.status} | ${code(k.id)} | ${mdEscape(k.detail)}${k.basis ? ` (${k.basis})` : ''} |`,
    );
  lines.push('', '</details>');
  return lines.join('\n') + '\n';
}
