// `vpce-doctor demo`: the shipped recordings, listed with what each shows and replayed by name,
// so someone with no AWS account sees a real diagnosis. Runs the built binary.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/findings/catalogue.js';
import { demoTitle, findDemo, listDemos, RECORDINGS_DIR } from '../../src/cli/demo.js';
import { UsageHintError } from '../../src/cli/usage.js';
import { ROOT, runCli } from '../support/cli.js';

describe('demo: the recordings it ships', () => {
  it('lists every recording once, and every catalogue finding has one titled as the catalogue says', () => {
    const demos = listDemos();
    expect(RECORDINGS_DIR).toBe(join(ROOT, 'recordings/'));
    expect(new Set(demos.map((d) => d.name)).size).toBe(demos.length);
    for (const [id, entry] of Object.entries(CATALOGUE))
      expect(demos.find((d) => d.name === id)?.title, id).toBe(entry.title);
  });

  it('the package carries them as one file (dist/recordings.json, npm run build): each the session of recordings/NAME.json', () => {
    const pack = JSON.parse(readFileSync(join(ROOT, 'dist/recordings.json'), 'utf8')) as Record<string, unknown>;
    const files = readdirSync(RECORDINGS_DIR).filter((f) => f.endsWith('.json'));
    expect(Object.keys(pack).sort()).toEqual(files.map((f) => f.slice(0, -'.json'.length)).sort());
    for (const f of files)
      expect(pack[f.slice(0, -'.json'.length)], f).toEqual(JSON.parse(readFileSync(join(RECORDINGS_DIR, f), 'utf8')));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files.filter((f) => f.startsWith('recordings'))).toEqual([]);
  });

  it('names the others by verdict or as a variant of a finding', () => {
    expect(demoTitle('healthy.s3-gateway')).toBe('Healthy: s3 gateway');
    expect(demoTitle('incomplete.route-tables-denied')).toBe('Incomplete (a read was refused): route tables denied');
    expect(demoTitle('gateway.route-table-not-associated.explicit')).toBe(
      `${CATALOGUE['gateway.route-table-not-associated'].title} (explicit)`,
    );
  });

  it('finds a recording by exact name before a longer one it begins, or by a unique beginning', () => {
    expect(findDemo('gateway.route-table-not-associated').name).toBe('gateway.route-table-not-associated');
    expect(findDemo('sg.endpoint').name).toBe('sg.endpoint-ingress-missing');
  });

  it('an ambiguous beginning names the candidates; a typo gets the closest name', () => {
    const ambiguous = (() => {
      try {
        findDemo('dns.private');
      } catch (err) {
        return err;
      }
    })();
    expect(ambiguous).toBeInstanceOf(UsageHintError);
    expect((ambiguous as Error).message).toBe(
      '"dns.private" begins 2 recordings: dns.private-dns-conflict, dns.private-dns-disabled',
    );
    expect(() => findDemo('gatway.route-overriden')).toThrow('no recording named "gatway.route-overriden"');
    try {
      findDemo('gatway.route-overriden');
    } catch (err) {
      expect((err as UsageHintError).hint).toBe(
        'Did you mean gateway.route-overridden? Run vpce-doctor demo to list the recordings.',
      );
    }
  });
});

describe('binary: vpce-doctor demo', () => {
  it('with no name lists the recordings with their titles and exits 0', async () => {
    const r = await runCli(['demo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}sg\.endpoint-ingress-missing +The interface endpoint's security groups allow/m);
    expect(r.stdout.split('\n').filter((l) => /^ {2}\S/.test(l))).toHaveLength(listDemos().length);
  });

  it('with a unique beginning replays that recording (no terminal: its report) and exits 0 although it shows problems', async () => {
    const r = await runCli(['demo', 'sg.endpoint', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const session = JSON.parse(readFileSync(join(ROOT, 'recordings/sg.endpoint-ingress-missing.json'), 'utf8')) as {
      report: unknown;
    };
    expect(JSON.parse(r.stdout)).toEqual(session.report);
  });

  it('a name that matches nothing exits 2 with the closest name', async () => {
    const r = await runCli(['demo', 'nacl.source-subnet-block']);
    expect(r.code).toBe(0);
    const typo = await runCli(['demo', 'nacl.sorce-subnet-blocks']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'vpce-doctor: no recording named "nacl.sorce-subnet-blocks"\nDid you mean nacl.source-subnet-blocks? Run vpce-doctor demo to list the recordings.\n',
    );
  });
});
