import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The slow tier (tmux sessions, the fix loop, the packed tarball) runs with `npm run test:e2e` (vitest.e2e.config.ts).
    exclude: ['test/e2e/**', '**/node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker per core minus one: on a 2-core machine ONE, and the whole
    // suite ran file after file. Much of it waits rather than computes (spawned CLIs, moto,
    // pseudo-terminals, time limits running out), so a second worker overlaps those waits. Not
    // more: the round-trip and time-limit tests judge timing, and on a saturated 2-core machine
    // they already fail with one worker (CLIs starved: critical path 5-6, 30 s timeouts); a third
    // worker only adds to that. More cores keep vitest's own default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      FORCE_COLOR: '0',
      // Never the real instance metadata address: a test that needs IMDS starts its own server on loopback.
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  },
});
