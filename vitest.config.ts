import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // vitest hands our own code graphql's ESM entry while CommonJS packages (@apollo/server,
    // @graphql-tools/utils) load its CommonJS one; two graphql-js copies break its instanceof checks.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts', '{lib,drizzle,gateway,subgraphs,registry}/**/*.test.ts'],
    // Integration suites start real servers and databases, and several run at once on a shared
    // 2-core machine: bounds are generous so that only a hang, never a slow machine, fails a test.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
