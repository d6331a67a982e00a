// How long a diagnosis waits on AWS: each acceptance scenario runs through a loopback proxy that
// holds every call a fixed time, and the proxy's log says how many calls the run made, whether
// any was made twice, and how many had to wait for one another (the critical path). Target:
// the source lookup beside STS, then at most three more rounds; 25 calls at most.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { ec2 } from '../support/moto-scenarios.js';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.mjs';
import { ROUND_TRIP_SCENARIOS } from '../support/round-trip-scenarios.js';

const url = inject('motoUrl');
/**
 * Far above the emulator's own answer time, so calls sent together overlap and chains do not;
 * 60 ms was not enough on a loaded 2-core machine (calls sent together were seen in sequence).
 */
const DELAY_MS = 150;

describe.skipIf(!url)('round trips of a diagnosis through a counting proxy', () => {
  let client: EC2Client;
  let proxy: CountingProxy;
  beforeAll(async () => {
    client = ec2(url);
    proxy = await startCountingProxy(url, { delayMs: DELAY_MS });
  });
  afterAll(async () => {
    await proxy.close();
  });

  for (const scenario of ROUND_TRIP_SCENARIOS) {
    it(`${scenario.name}: at most 4 sequential round trips, at most 25 calls, none twice`, async () => {
      const answers = await scenario.build(client, url);
      proxy.reset();
      const { report } = await runAnswers<{ verdict: string }>(proxy.url, answers);
      const stats = proxy.stats();
      // Planning changes when facts are read, never the diagnosis: every check could run.
      expect(['healthy', 'problems']).toContain(report.verdict);
      expect(stats.duplicates).toEqual([]);
      expect(stats.unscoped).toEqual([]);
      expect(stats.calls).toBeLessThanOrEqual(25);
      expect(stats.roundTrips).toBeLessThanOrEqual(4);
    });
  }
});
