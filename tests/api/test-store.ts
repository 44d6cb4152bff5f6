/**
 * The store an API test runs on: a SQLite file in the test's temp dir, or — in the PostgreSQL
 * project of vitest.config.ts (YIZHAN_TEST_STORE=postgres) — a fresh database on the server at
 * YIZHAN_TEST_DATABASE_URL. The same tests run on both.
 */
import { join } from 'node:path';
import type { Config } from '../../api/config';
import type { Store } from '../../api/store/port';
import { openPgStore } from '../../api/store/pg';
import { openSqliteStore } from '../../api/store/sqlite';
import { freshPgUrl } from '../pg';

export const ON_POSTGRES = process.env.YIZHAN_TEST_STORE === 'postgres';

export interface TestStore {
  store: Store;
  /** the config fields that name it (child processes open it from these) */
  where: Pick<Config, 'databasePath' | 'databaseUrl'>;
  /** another connection to the same database (as another process would have) */
  another(): Promise<Store>;
  /** closes the store and drops its database */
  drop(): Promise<void>;
}

/** A new, empty store for one test environment (`dir` holds the SQLite file). */
export async function openTestStore(dir: string): Promise<TestStore> {
  const databasePath = join(dir, 'test.db');
  if (!ON_POSTGRES) {
    const store = openSqliteStore(databasePath);
    return { store, where: { databasePath }, another: async () => openSqliteStore(databasePath), drop: () => store.close() };
  }
  const db = await freshPgUrl();
  const store = await openPgStore(db.url);
  return {
    store,
    where: { databasePath, databaseUrl: db.url },
    another: () => openPgStore(db.url),
    async drop() {
      await store.close();
      await db.drop();
    },
  };
}
