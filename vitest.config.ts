import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // vitest hands our own code graphql's ESM entry while CommonJS packages (@apollo/server,
    // @graphql-tools/utils) load its CommonJS one; two graphql-js copies break its instanceof checks.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts', '{lib,drizzle,gateway,subgraphs,registry}/**/*.test.ts'],
    // Integration suites start real servers and databases; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
