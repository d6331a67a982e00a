// The three renderings of one report: what each shows, and what it keeps quiet.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/verdict.js';
import { renderJson, renderText } from '../../src/report/render.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { ReportSchema } from '../../src/session/schema.js';
import { pathPictureText } from '../../src/report/path-picture.js';

const report: Report = {
  version: 1,
  verdict: 'problems',
  findings: [
    {
      id: 'dns.resolver-rule-override',
      severity: 'error',
      layer: 'dns',
      title: 'Resolver rule rslvr-rr-1 forwards sqs.us-east-1.amazonaws.com away',
      why: 'A FORWARD rule wins.',
      evidence: ['rule rslvr-rr-1 FORWARD amazonaws.com.'],
      fix: {
        summary: 'Add a SYSTEM rule.',
        commands: [{ argv: ['aws'], line: 'aws route53resolver create-resolver-rule --rule-type SYSTEM' }],
        alternatives: [
          {
            summary: 'Disassociate the rule.',
            commands: [
              {
                argv: ['aws'],
                line: 'aws route53resolver disassociate-resolver-rule --vpc-id vpc-1 --resolver-rule-id rslvr-rr-1',
              },
            ],
          },
        ],
      },
    },
    {
      id: 'policy.endpoint-denies',
      severity: 'error',
      layer: 'endpoint-policy',
      title: 'The VPC endpoint policy does not allow this request',
      why: 'Endpoint policies are checked first.',
      evidence: ['implicit deny'],
      fix: {
        summary: 'Replace the policy.',
        commands: [
          {
            argv: ['aws'],
            line: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --policy-document file://endpoint-policy.json',
          },
        ],
        files: [{ path: 'endpoint-policy.json', contents: '{\n  "Version": "2012-10-17"\n}\n' }],
      },
    },
  ],
  checks: [
    { id: 'endpoint.exists', layer: 'endpoint', status: 'pass', detail: 'vpce-1 serves sqs' },
    { id: 'dns.answer', layer: 'dns', status: 'fail', detail: 'forwarded', basis: 'reasoned' },
    {
      id: 'policy.identity',
      layer: 'identity',
      status: 'skipped',
      detail: 'access denied (needs iam:SimulatePrincipalPolicy)',
    },
  ],
};

describe('text', () => {
  const text = renderText(report, { region: 'us-east-1' });
  it('numbers findings, shows evidence, why, fix commands and the alternatives', () => {
    expect(text).toContain('✗ 1. [dns] Resolver rule rslvr-rr-1');
    expect(text).toContain('$ aws route53resolver create-resolver-rule --rule-type SYSTEM');
    expect(text).toMatch(/or: Disassociate the rule\.\n\s+\$ aws route53resolver disassociate-resolver-rule/);
  });
  it('hides passing checks unless --verbose, and marks skipped and reasoned ones', () => {
    expect(text).not.toContain('endpoint.exists');
    expect(text).toContain('– policy.identity: access denied (needs iam:SimulatePrincipalPolicy)');
    expect(text).toContain('✗ dns.answer [reasoned]: forwarded');
    expect(renderText(report, { verbose: true })).toContain('✓ endpoint.exists');
  });
  it('says where an unsaved fix document is, and where a written one went', () => {
    expect(text).toContain('endpoint-policy.json: the document is in fix.files of the --json report');
    const written = {
      ...report,
      findings: report.findings.map((f) =>
        f.fix.files ? { ...f, fix: { ...f.fix, files: [{ path: '/tmp/s.endpoint-policy.json', contents: '{}' }] } } : f,
      ),
    };
    expect(renderText(written)).toContain('(wrote /tmp/s.endpoint-policy.json)');
  });
  it('can leave out the verdict line the wizard already showed', () => {
    expect(renderText(report, { verdict: false })).not.toContain('Problems found on the path.');
  });
});

describe('markdown', () => {
  it('puts commands in sh blocks and fix documents in json blocks', () => {
    const md = renderMarkdown(report);
    expect(md).toContain(
      '```sh\naws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --policy-document file://endpoint-policy.json\n```',
    );
    expect(md).toContain('endpoint-policy.json:\n\n```json\n{\n  "Version": "2012-10-17"\n}\n```');
    expect(md).toContain('Or: Disassociate the rule.');
    expect(md).toContain('| – skipped | `policy.identity` |');
  });
});

describe('json', () => {
  it('is exactly the report, valid against the published schema', () => {
    const parsed = JSON.parse(renderJson(report)) as unknown;
    expect(parsed).toEqual(report);
    expect(ReportSchema.safeParse(parsed).success).toBe(true);
  });
});

describe('the path picture in the text and Markdown reports', () => {
  const broken: Report = {
    version: 1,
    verdict: 'problems',
    findings: [],
    checks: [
      { id: 'source.located', layer: 'endpoint', status: 'pass', detail: 'i-1 is in subnet-1' },
      { id: 'sg.source-egress', layer: 'security-group', status: 'pass', detail: 'allowed' },
      { id: 'nacl.source-subnet', layer: 'nacl', status: 'pass', detail: 'allowed' },
      { id: 'gateway.route-table', layer: 'route', status: 'fail', detail: 'rtb-1 has no route' },
      { id: 'endpoint.exists', layer: 'endpoint', status: 'pass', detail: 'vpce-1 serves s3' },
      { id: 'dns.vpc-dns-support', layer: 'dns', status: 'pass', detail: 'on' },
    ],
  };
  const answers = { region: 'us-east-1', service: 's3', 'source.kind': 'instance', 'source.id': 'i-1' };

  it('a failing route table: the text report draws the hops in order, marks the route table as where the request dies, DNS and policy beside', () => {
    const text = renderText(broken, { answers });
    expect(text).toContain(
      [
        'The path:',
        '  ✓ i-1 (where the request starts)',
        '  ↓',
        '  ✓ its security groups (outbound)',
        '  ↓',
        "  ✓ its subnet's network ACL",
        '  ↓',
        '  ✗ the route table ← the request dies here',
        '  ↓',
        '  ✓ the endpoint',
        '  ↓',
        '  s3',
        '  beside it: DNS ✓ · Policy —',
      ].join('\n'),
    );
    // Before the findings and checks: where the request dies is seen before the text.
    expect(text.indexOf('The path:')).toBeLessThan(text.indexOf('Checks ('));
  });

  it('--ascii draws the same picture with ASCII marks and arrows, and no Unicode mark anywhere in the text report', () => {
    const text = renderText(broken, { answers, ascii: true });
    expect(text).toContain("  v its subnet's network ACL\n  |\n  x the route table <- the request dies here");
    expect(text).toContain('  beside it: DNS v, Policy -');
    expect(text).not.toMatch(/[✓✗–‼‽↓←—•·]/);
  });

  it('Markdown puts the same lines in a text code block, under a heading, before the checks', () => {
    const md = renderMarkdown(broken, { answers });
    const picture = pathPictureText(broken.checks, answers, { clean: (s) => s });
    expect(md).toContain(['**The path**', '', '```text', ...picture, '```'].join('\n'));
    expect(md.indexOf('**The path**')).toBeLessThan(md.indexOf('<summary>Checks'));
  });

  it('text from the answers cannot break out of the Markdown code block or reach the terminal raw', () => {
    const hostile = { ...answers, 'source.id': 'i-1```\u001b[31m' };
    const md = renderMarkdown(broken, { answers: hostile });
    const block = md.slice(md.indexOf('```text'), md.indexOf('```', md.indexOf('```text') + 3) + 3);
    expect(block).toContain("i-1'''");
    expect(md).not.toContain('\u001b');
    expect(renderText(broken, { answers: hostile })).not.toContain('\u001b');
  });

  it('without the answers (a report alone) there is no picture', () => {
    expect(renderText(broken)).not.toContain('The path');
    expect(renderMarkdown(broken)).not.toContain('The path');
  });
});
