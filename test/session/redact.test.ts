// Redaction for sharing: nothing that names the account, its people or its data survives, and
// the redacted file replays to the same diagnosis.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactSession } from '../../src/session/redact.js';
import { addressMap } from '../../src/session/redact-addresses.js';
import { SessionSchema } from '../../src/session/schema.js';
import { rerun } from '../../src/session/rerun.js';
import { redactChecked } from '../../src/cli/redact.js';
import type { SessionFile } from '../../src/session/schema.js';
import { ROOT, runCli } from '../support/cli.js';
import { MODULES } from '../../src/analysis/modules/index.js';

const load = (name: string) => SessionSchema.parse(JSON.parse(readFileSync(join(ROOT, 'recordings', name), 'utf8')));

type Doc = Record<string, unknown> & { probes: { key: string; outcome: { value?: unknown } }[] };
const raw = (name: string): Doc => JSON.parse(readFileSync(join(ROOT, 'recordings', name), 'utf8')) as Doc;
const valueOf = <T>(doc: Doc, key: string): T => doc.probes.find((p) => p.key === key)?.outcome.value as T;

/** An edited recording made whole again: its report is what the engine reaches from the edited facts. */
async function consistent(doc: Doc): Promise<SessionFile> {
  const session = SessionSchema.parse(doc);
  const { state, missing } = await rerun(session, MODULES);
  expect(missing).toEqual([]);
  if (state.view.kind !== 'done') throw new Error('the edited session did not finish');
  return { ...session, report: state.view.outcome.report };
}

/** Redacts as the CLI does (same diagnosis proven) and returns the copy as text with the replacements. */
async function redacted(session: SessionFile): Promise<{ text: string; kinds: Set<string> }> {
  const result = await redactChecked(session, 'session.json');
  if (result === 'changed-diagnosis') throw new Error('redaction changed the diagnosis');
  expect(result.addresses).toBe(true);
  return { text: JSON.stringify(result.session), kinds: new Set(result.replacements.map((r) => r.kind)) };
}

describe('redactSession', () => {
  it('a block with no bit to map (10.0.0.0/8, 0.0.0.0/0) is never counted as left unchanged, so it cannot use up the redraws', () => {
    const map = addressMap(randomBytes(32));
    map('10.0.0.0/8 172.16.0.0/12 0.0.0.0/0');
    expect([...map.unchanged]).toEqual([]);
  });

  it('a key that maps the 10.0/16 network to itself (1 key in 256) is drawn again: 10.0.1.25 never survives redaction', () => {
    let n = 0;
    const keyOf = (i: number): Buffer => createHash('sha256').update(`key-${i}`).digest();
    while (addressMap(keyOf(n))('10.0.1.25') !== '10.0.1.25') n++;
    const identity = keyOf(n);
    const session = load('sg.endpoint-ingress-missing.json');
    let drawn = 0;
    const { session: out, replacements } = redactSession(session, {
      newKey: () => (drawn++ === 0 ? identity : randomBytes(32)),
    });
    expect(drawn).toBeGreaterThan(1);
    expect(JSON.stringify(out)).not.toContain('10.0.1.25');
    expect(replacements.find((r) => r.from === '10.0.1.25')?.to).toMatch(/^10\.\d+\.1\.25$/);
  });

  it('replaces the account, role, session, bucket and key everywhere, embedded policies included', () => {
    const original = load('policy.bucket-sourcevpce-mismatch.json');
    const { session, replacements } = redactSession(original);
    const text = JSON.stringify(session);
    for (const secret of ['123456789012', 'PlatformOps', 'jdoe', 'acme-app-artifacts', 'releases/app-1.4.2.tar.gz'])
      expect(text).not.toContain(secret);
    expect(text).toContain('arn:aws:sts::111111111111:assumed-role/role-1/session-1');
    expect(text).toContain('bucket-1');
    expect([...new Set(replacements.map((r) => r.kind))].sort()).toEqual([
      'account',
      'address',
      'bucket',
      'cidr',
      'key',
      'name-tag',
      'role',
      'session',
      'user-id',
    ]);
    expect(session.answers['target.bucket']).toBe('bucket-1');
  });

  it('an edited caller account of "-1" (not an account id) is not a redaction target: the IpProtocol "-1" of every all-traffic rule stays, and the diagnosis with it', async () => {
    const original = load('endpoint.wrong-type.json');
    const edited = { ...original, identity: { ...original.identity, Account: '-1' } } as SessionFile;
    const { session, replacements } = redactSession(edited);
    expect(replacements.map((r) => r.from)).not.toContain('-1');
    expect(JSON.stringify(session)).toContain('"IpProtocol":"-1"');
    expect(await redactChecked(edited, 'edited.json')).not.toBe('changed-diagnosis');
  });

  it('hides the proxy host a source uses', () => {
    const original = load('client.proxy.json');
    const proxy = JSON.stringify(original.probes.find((p) => p.key === 'host.proxy-env'));
    const host = /https?:\/\/([^:/"]+)/.exec(proxy)?.[1] ?? '';
    expect(host).not.toBe('');
    const { session } = redactSession(original);
    expect(JSON.stringify(session)).not.toContain(host);
    expect(JSON.stringify(session)).toContain('proxy-1.example');
  });

  it('leaves service names alone even when a bucket shares a word with them', () => {
    const original = load('endpoint.missing.json');
    const withBucket = { ...original, answers: { ...original.answers, 'target.bucket': 's3' } };
    const { session } = redactSession(withBucket);
    expect(JSON.stringify(session.probes)).toContain('com.amazonaws.us-east-1.s3');
  });

  it.each(readdirSync(join(ROOT, 'recordings')).filter((f) => f.endsWith('.json')))(
    '%s redacted (addresses too) still replays to the same diagnosis',
    async (file) => {
      const result = await redactChecked(load(file), file);
      expect(result).not.toBe('changed-diagnosis');
      if (result === 'changed-diagnosis') return;
      expect(result.addresses).toBe(true);
      const { state, missing } = await rerun(result.session, MODULES);
      expect(missing).toEqual([]);
      expect(state.view.kind === 'done' && state.view.outcome.report).toEqual(result.session.report);
    },
  );
});

describe('redaction, category by category (each over a recording that holds it)', () => {
  it('third-party account ids in a policy principal and condition, not only the caller', async () => {
    const doc = raw('policy.endpoint-denies.json');
    const endpoints = valueOf<{ PolicyDocument?: string }[]>(doc, 'ec2.vpc-endpoints');
    const withPolicy = endpoints.find((e) => typeof e.PolicyDocument === 'string');
    const policy = JSON.parse(withPolicy?.PolicyDocument ?? '{}') as { Statement: unknown[] };
    policy.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalAccount': ['777788889999'], 'aws:SourceAccount': '222233334444' } },
    });
    if (withPolicy) withPolicy.PolicyDocument = JSON.stringify(policy);
    const { text, kinds } = await redacted(await consistent(doc));
    for (const id of ['123456789012', '444455556666', '777788889999', '222233334444']) expect(text).not.toContain(id);
    expect(text).toContain('111111111111');
    expect(kinds.has('account')).toBe(true);
  });

  it('the organization, root and OU ids: in the org-path answer, the policy that names them and the report; the diagnosis replays', async () => {
    const doc = raw('policy.endpoint-denies.json');
    const endpoints = valueOf<{ PolicyDocument?: string }[]>(doc, 'ec2.vpc-endpoints');
    const withPolicy = endpoints.find((e) => typeof e.PolicyDocument === 'string');
    const policy = JSON.parse(withPolicy?.PolicyDocument ?? '{}') as { Statement: unknown[] };
    policy.Statement.push({
      Sid: 'OtherOu',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-99999999/*' } },
    });
    if (withPolicy) withPolicy.PolicyDocument = JSON.stringify(policy);
    (doc['answers'] as Record<string, string>)['target.principal-org-path'] = 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/';
    const { text, kinds } = await redacted(await consistent(doc));
    for (const id of ['o-a1b2c3d4e5', 'ou-ab12-11111111', 'ou-ab12-99999999', 'r-ab12/'])
      expect(text).not.toContain(id);
    expect(text).toContain('o-0000000001/r-0001/ou-0000-0000000');
    for (const kind of ['organization', 'organization-root', 'organizational-unit']) expect(kinds.has(kind)).toBe(true);
  });

  it('every bucket name, not only the target bucket', async () => {
    const { text } = await redacted(load('policy.endpoint-denies.json'));
    for (const bucket of ['acme-app-artifacts', 'acme-logs']) expect(text).not.toContain(bucket);
  });

  it('private and public addresses and the CIDRs of the network, with containment kept', async () => {
    const session = load('gateway.route-table-not-associated.json');
    const original = JSON.stringify(session);
    const { text, kinds } = await redacted(session);
    for (const ip of ['10.0.0.0/16', '52.216.0.0/15', '54.231.0.0/16']) {
      expect(original).toContain(ip);
      expect(text).not.toContain(ip);
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['cidr']));
    const source = await redacted(load('sg.endpoint-ingress-missing.json'));
    expect(JSON.stringify(load('sg.endpoint-ingress-missing.json'))).toContain('10.0.1.25');
    expect(source.text).not.toContain('10.0.1.25');
    expect([...source.kinds]).toEqual(expect.arrayContaining(['address', 'cidr']));
    // On-premises DNS servers in 192.168/16 (a Resolver rule's targets).
    const onprem = await redacted(load('dns.resolver-rule-override.json'));
    expect(JSON.stringify(load('dns.resolver-rule-override.json'))).toContain('192.168.10.53');
    expect(onprem.text).not.toContain('192.168.10.53');
  });

  it('Name tags and other tag values', async () => {
    const doc = raw('client.companion-endpoints.json');
    const vpc = valueOf<{ Tags?: { Key: string; Value: string }[] }>(doc, 'ec2.vpc');
    vpc.Tags = [...(vpc.Tags ?? []), { Key: 'Name', Value: 'payments-prod' }, { Key: 'CostCenter', Value: 'cc-4711' }];
    const { text, kinds } = await redacted(await consistent(doc));
    for (const value of ['payments-prod', 'cc-4711', 'app-prod']) expect(text).not.toContain(value);
    expect([...kinds]).toEqual(expect.arrayContaining(['name-tag', 'tag']));
  });

  it('private hosted zones and the DHCP domain-name, but not AWS service names', async () => {
    const doc = raw('client.companion-endpoints.json');
    valueOf<unknown[]>(doc, 'route53.hosted-zones-by-vpc').push({
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'corp.example.com.',
    });
    const dhcp = valueOf<{ DhcpConfigurations: { Key: string; Values: { Value: string }[] }[] }>(
      doc,
      'ec2.dhcp-options',
    );
    const domain = dhcp.DhcpConfigurations.find((c) => c.Key === 'domain-name');
    if (domain) domain.Values = [{ Value: 'office.acme.internal' }];
    const { text, kinds } = await redacted(await consistent(doc));
    for (const name of ['corp.example.com', 'office.acme.internal', 'acme']) expect(text).not.toContain(name);
    expect(text).toContain('com.amazonaws.us-east-1.ecr.api');
    expect(kinds.has('domain')).toBe(true);
  });

  it("a zone's record names and CNAME targets (ListResourceRecordSets), but not the service name", async () => {
    const doc = raw('dns.phz-shadow.json');
    valueOf<unknown[]>(doc, 'route53.zone-records').push(
      { Name: 'billing.payments-corp.example.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '10.0.9.9' }] },
      {
        Name: 'api.us-east-1.amazonaws.com.',
        Type: 'CNAME',
        TTL: 300,
        ResourceRecords: [{ Value: 'gw.payments-corp.example' }],
      },
    );
    const { text } = await redacted(await consistent(doc));
    expect(text).not.toContain('payments-corp');
    expect(text).toContain('sqs.us-east-1.amazonaws.com');
  });

  it('Resolver rule domains, but not a rule for amazonaws.com', async () => {
    const kept = await redacted(load('dns.resolver-rule-override.json'));
    expect(kept.text).toContain('"DomainName":"amazonaws.com."');
    const doc = raw('dns.resolver-rule-override.json');
    valueOf<{ DomainName: string }>(doc, 'route53resolver.rule').DomainName = 'onprem.corp.example.';
    const { text } = await redacted(await consistent(doc));
    expect(text).not.toContain('corp.example');
  });
});

describe('vpce-doctor redact', () => {
  it('prints the redacted session on stdout and a summary on stderr; the result replays', async () => {
    const r = await runCli(['redact', join(ROOT, 'recordings/policy.endpoint-denies.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Redacted .*account.*; it replays to the same diagnosis\.\n$/);
    expect(r.stdout).not.toContain('123456789012');
    expect(SessionSchema.parse(JSON.parse(r.stdout)).report.findings.map((f) => f.id)).toContain(
      'policy.endpoint-denies',
    );
  });

  it('refuses to overwrite the original', async () => {
    const path = join(ROOT, 'recordings/endpoint.missing.json');
    const r = await runCli(['redact', path, '--save', path]);
    expect(r.code).toBe(2);
    expect(readFileSync(path, 'utf8')).toContain('123456789012');
  });
});
