/**
 * What every half of the PostgreSQL store is made of: a postgres.js handle (the pool, or the
 * transaction of `atomically`) and the write transaction that bumps the change version.
 */
import type { Sql, TransactionSql } from 'postgres';

/** The pool or an open transaction: every half is a function of one. */
export type Db = Sql | TransactionSql;

/** The channel every version bump is announced on (the payload is the new version). */
export const CHANGES_CHANNEL = 'yizhan_changes';

/**
 * Runs `fn` in a transaction: a new one on the pool, or the one `db` already is (its caller
 * commits or rolls back; a failure inside aborts it anyway). A transaction is told by `savepoint`:
 * it has `begin` too (postgres.js 4), which would open a savepoint inside it.
 */
export function inTransaction<T>(db: Db, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return 'savepoint' in db ? fn(db) : (db.begin(fn) as Promise<T>);
}

/**
 * Runs `write` in a write transaction; `version()` bumps the change version on the first call
 * (only writes that change something call it) and answers the same number after.
 */
export type WriteTx = <T>(write: (tx: TransactionSql, version: () => Promise<number>) => Promise<T>) => Promise<T>;

/** The lock every write transaction takes first: writers queue here, so versions follow commit order. */
export async function lockVersion(tx: TransactionSql): Promise<number> {
  const [{ value }] = await tx<{ value: string }[]>`SELECT value FROM meta WHERE key = 'version' FOR UPDATE`;
  return Number(value);
}

/** One transaction's version: bumped (and announced, on commit) at most once. */
export function versionBump(tx: TransactionSql) {
  let pending: Promise<number> | undefined;
  let bumped = 0;
  return {
    version: () =>
      (pending ??= tx<{ v: string }[]>`UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'version'
        RETURNING value AS v, pg_notify(${CHANGES_CHANNEL}, value)`.then(([{ v }]) => (bumped = Number(v)))),
    /** The version this transaction wrote, or 0. */
    bumped: () => bumped,
  };
}

/** The current change version (0 on a new database). */
export async function currentVersion(db: Db): Promise<number> {
  const [{ value }] = await db<{ value: string }[]>`SELECT value FROM meta WHERE key = 'version'`;
  return Number(value);
}
