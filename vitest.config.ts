import { defineConfig } from 'vitest/config';

/** API tests that are about SQLite itself (locks, files, the CLI on a file) or build their own stores. */
const SQLITE_ONLY = [
  'tests/api/store-busy.test.ts', 'tests/api/store-outage.test.ts', 'tests/api/items-cache.test.ts', 'tests/api/route.test.ts',
  'tests/api/tiles.test.ts', 'tests/api/static.test.ts', 'tests/api/store-contract.test.ts', 'tests/api/import-cli.test.ts',
  'tests/api/admin-create.test.ts', 'tests/api/server.test.ts', 'tests/api/server-limits.test.ts', 'tests/api/backup-cli.test.ts',
  'tests/api/sqlite-checkpoint.test.ts', 'tests/api/store-busy-retry.test.ts', 'tests/api/sqlite-migrations.test.ts',
];

const shared = {
  // The process time zone is deliberately not Asia/Shanghai: "open now" must never depend on it.
  env: { TZ: 'America/New_York' },
  testTimeout: 30_000,
  hookTimeout: 120_000,
  // expect.poll waits for a condition and returns as soon as it holds: its default 1 s was too short
  // for a lazily loaded chunk on a busy machine (the detail's week table failed a run so)
  expect: { poll: { timeout: 15_000 } },
  pool: 'forks' as const,
};

// The API suite runs a second time on PostgreSQL when a server is given (.ci/run starts one).
const pg = process.env.YIZHAN_TEST_DATABASE_URL;
if (!pg) console.warn('PostgreSQL half skipped: set YIZHAN_TEST_DATABASE_URL=postgres://… to run the API tests on PostgreSQL too.');

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/e2e/**/*.test.ts'] } },
      ...(pg
        ? [{ test: { ...shared, name: 'postgres', include: ['tests/api/**/*.test.ts', 'tests/pg/**/*.test.ts'], exclude: SQLITE_ONLY, env: { ...shared.env, YIZHAN_TEST_STORE: 'postgres' } } }]
        : []),
    ],
  },
});
