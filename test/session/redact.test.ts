// Redaction for sharing: nothing that names the account, its people or its data survives, and
// the redacted file replays to the same diagnosis.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactSession } from '../../src/session/redact.js';
import { SessionSchema } from '../../src/session/schema.js';
import { rerun } from '../../src/session/rerun.js';
import { MODULES } from '../../src/analysis/modules/index.js';
import { ROOT, runCli } from '../support/cli.js';

const load = (name: string) => SessionSchema.parse(JSON.parse(readFileSync(join(ROOT, 'recordings', name), 'utf8')));

describe('redactSession', () => {
  it('replaces the account, role, session, bucket and key everywhere, embedded policies included', () => {
    const original = load('policy.bucket-sourcevpce-mismatch.json');
    const { session, replacements } = redactSession(original);
    const text = JSON.stringify(session);
    for (const secret of ['123456789012', 'PlatformOps', 'jdoe', 'acme-app-artifacts', 'releases/app-1.4.2.tar.gz'])
      expect(text).not.toContain(secret);
    expect(text).toContain('arn:aws:sts::111111111111:assumed-role/role-1/session-1');
    expect(text).toContain('bucket-1');
    expect(replacements.map((r) => r.kind).sort()).toEqual(['account', 'bucket', 'key', 'role', 'session', 'user-id']);
    expect(session.answers['target.bucket']).toBe('bucket-1');
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
    '%s redacted still replays to the same report',
    async (file) => {
      const { session } = redactSession(load(file));
      const { state, missing } = await rerun(session, MODULES);
      expect(missing).toEqual([]);
      expect(state.view.kind === 'done' && state.view.outcome.report).toEqual(session.report);
    },
  );
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
