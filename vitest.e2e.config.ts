import { defineConfig } from 'vitest/config';

// The slow end-to-end tier (`npm run test:e2e`): tmux UI sessions, the fix loop, the packed
// tarball. Same emulator and environment as vitest.config.ts, which leaves test/e2e/ out.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      FORCE_COLOR: '0',
      // Never the real instance metadata address: a test that needs IMDS starts its own server on loopback.
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  },
});
