// The report as SARIF 2.1.0 for code-scanning dashboards: one rule per finding id of the
// catalogue (help text and the AWS page as helpUri), one result per finding, located by the
// AWS resource ids its evidence names (logical locations: there is no source file to point at).
import type { Report } from '../engine/verdict.js';
import { CATALOGUE } from '../findings/catalogue.js';
import type { Finding, Severity } from '../findings/types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** AWS resource ids (vpce-…, subnet-…, rtb-…, rslvr-rr-…) and ARNs named in evidence lines. */
const RESOURCE_ID =
  /\b(?:(?:vpce|vpc|subnet|rtb|sg|acl|pl|eni|i|igw|nat|tgw|tgw-attach|pcx|dopt|vgw|rslvr-rr|rslvr-in|rslvr-out)-[0-9a-f]{8,17}|arn:aws[\w-]*:[\w-]+:[\w-]*:\d*:[^\s,;()'"]+)/g;

export function resourceIds(finding: Finding): string[] {
  const ids = new Set<string>();
  for (const line of finding.evidence) for (const m of line.matchAll(RESOURCE_ID)) ids.add(m[0].replace(/[.:]+$/, ''));
  return [...ids];
}

export interface SarifContext {
  toolVersion: string;
  region?: string;
}

export function renderSarif(report: Report, ctx: SarifContext): string {
  const ids = Object.keys(CATALOGUE) as (keyof typeof CATALOGUE)[];
  const rules = ids.map((id) => {
    const e = CATALOGUE[id];
    const docs = e.docs.map((d) => `${d.title}: ${d.url}`).join('\n');
    return {
      id,
      name: id
        .split(/[.-]/)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(''),
      shortDescription: { text: e.title },
      fullDescription: { text: e.why },
      help: {
        text: `${e.why}\n\nFix: ${e.remedy}\n\nConfirm by hand:\n${e.confirm.join('\n')}\n\n${docs}\n\nvpce-doctor explain ${id}`,
        markdown: [
          e.why,
          '',
          `**Fix:** ${e.remedy}`,
          '',
          '**Confirm by hand** (replace each `<…>`):',
          '```sh',
          ...e.confirm,
          '```',
          ...e.docs.map((d) => `- [${d.title}](${d.url})`),
        ].join('\n'),
      },
      helpUri: e.docs[0]?.url,
      defaultConfiguration: { level: LEVEL[e.severity] },
      properties: { tags: ['aws', 'vpc-endpoint', e.layer] },
    };
  });
  const results = report.findings.map((f) => {
    const resources = resourceIds(f);
    const ruleIndex = ids.indexOf(f.id as keyof typeof CATALOGUE);
    return {
      ruleId: f.id,
      ...(ruleIndex >= 0 ? { ruleIndex } : {}),
      level: LEVEL[f.severity],
      message: { text: [f.title, ...f.evidence].join('\n') },
      ...(resources.length > 0
        ? {
            locations: [
              {
                logicalLocations: resources.map((r) => ({
                  name: r,
                  fullyQualifiedName: ctx.region !== undefined && !r.startsWith('arn:') ? `${ctx.region}/${r}` : r,
                  kind: 'resource',
                })),
              },
            ],
          }
        : {}),
      partialFingerprints: { 'vpceDoctorFinding/v1': [f.id, ...[...resources].sort()].join('|') },
      properties: { layer: f.layer, fix: f.fix },
    };
  });
  const notRun = report.checks.filter((c) => c.status === 'skipped' || c.status === 'error' || c.status === 'crashed');
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vpce-doctor',
            version: ctx.toolVersion,
            informationUri: 'https://www.npmjs.com/package/vpce-doctor',
            rules,
          },
        },
        invocations: [
          {
            // A check that could not run is not a clean run: say so to the dashboard.
            executionSuccessful: report.verdict !== 'incomplete',
            toolExecutionNotifications: notRun.map((c) => ({
              level: 'warning',
              message: { text: `${c.id} could not run: ${c.detail}` },
            })),
          },
        ],
        results,
        properties: { verdict: report.verdict },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
