// `vpce-doctor explain`: every finding id explains itself from the catalogue — meaning,
// read-only commands to confirm it by hand, the fix and AWS documentation pages.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, finding } from '../../src/findings/catalogue.js';
import { explainText, findingEntry } from '../../src/cli/explain.js';
import { UsageHintError } from '../../src/cli/usage.js';
import { runCli } from '../support/cli.js';

const entries = Object.entries(CATALOGUE);

describe('the catalogue carries what explain needs', () => {
  it.each(entries)('%s: AWS documentation pages, a remedy and read-only confirm commands', (_id, e) => {
    expect(e.docs.length).toBeGreaterThan(0);
    for (const d of e.docs) {
      expect(d.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/[\w./-]+\.html$/);
      expect(d.title.length).toBeGreaterThan(5);
    }
    expect(e.remedy.length).toBeGreaterThan(20);
    expect(e.confirm.length).toBeGreaterThan(0);
    for (const c of e.confirm) {
      // Confirming never changes the account: describe/get/list/simulate calls, or a look from the host.
      expect(c).toMatch(
        /^(aws [a-z0-9-]+ (describe|get|list|simulate)-[a-z-]+|aws (sts get-caller-identity|configure get) |dig \+short |env \| grep)/,
      );
      expect(c).not.toMatch(/\b(create|delete|modify|put|update|authorize|revoke|associate|disassociate)-/);
    }
  });

  it('a finding in a report carries its documentation links', () => {
    const f = finding('gateway.route-table-not-associated', { evidence: ['x'], fix: { summary: 'y', commands: [] } });
    expect(f.docs?.[0]?.url).toBe('https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html');
  });
});

describe('explain', () => {
  it('prints meaning, confirm commands, fix and docs, in that order', () => {
    const text = explainText('dns.private-dns-disabled', findingEntry('dns.private-dns-disabled'));
    const order = ['What it means', 'Confirm it by hand', 'Fix', 'AWS documentation'].map((h) => text.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('$ aws ec2 describe-vpc-endpoints --vpc-endpoint-ids $VPCE_ID');
    expect(text).toMatch(/first set .*VPCE_ID/);
    expect(text).toContain('first set VPCE_ID to your own values');
  });

  it('a close misspelling suggests the id', () => {
    expect(() => findingEntry('gateway.route-table-not-asociated')).toThrow(UsageHintError);
    try {
      findingEntry('dns.privat-dns-disabled');
    } catch (err) {
      expect((err as UsageHintError).hint).toMatch(/^Did you mean dns\.private-dns-disabled\?/);
    }
  });

  it('binary: explain an id → exit 0; a misspelt id → exit 2 with the suggestion; --json is the same data', async () => {
    const ok = await runCli(['explain', 'sg.endpoint-ingress-missing']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html');
    const bad = await runCli(['explain', 'sg.endpoint-ingres-missing']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Did you mean sg.endpoint-ingress-missing?');
    const json = await runCli(['explain', 'cost.s3-via-nat', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'cost.s3-via-nat', severity: 'info' });
  });
});
