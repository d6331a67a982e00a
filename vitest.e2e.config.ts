import { defineConfig } from 'vitest/config';

// The slow end-to-end tier (tmux UI sessions, the fix loop): `npm run test:e2e`. Same global
// setup (moto on a free port) and environment as vitest.config.ts.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      FORCE_COLOR: '0',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  },
});
