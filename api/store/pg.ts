/**
 * The PostgreSQL + PostGIS store (postgres.js): the shared store of several API processes. Same
 * tables, documents and answers as the SQLite store; the halves live in pg-*.ts, each a function
 * of a postgres.js handle (the pool, or the transaction of `atomically`).
 *
 * Concurrent writers never lose an update, and "changes since v" never misses a commit:
 * - every listing write transaction (and every `atomically`) first locks the version row,
 *   `SELECT value FROM meta WHERE key = 'version' FOR UPDATE`, so such writers queue one behind
 *   the other, and whatever they read after the lock is what the previous one committed;
 * - it bumps the version at most once, and only when it changes something (as SQLite's writeTx),
 *   so version order is commit order: a reader that saw version v has seen every commit ≤ v;
 * - the bump runs `pg_notify('yizhan_changes', version)` in the same transaction: other processes
 *   hear of the commit when it happens (pg-feed.ts; NOTIFY is a hint, a timer catches up).
 * Writes that are not listings (sessions, reports, rate limits, redemptions, benefit uses) do not
 * queue on the version row: UNIQUE constraints (INSERT … ON CONFLICT) or per-key advisory locks
 * decide their races, so a long import never holds up a sign-in.
 *
 * Driver errors leave as the store's typed errors (pg-errors.ts). A write while the database is
 * down fails within a few seconds (connect_timeout, a short reconnect backoff); a lock held too
 * long is StoreBusyError (lock_timeout); no statement runs forever (statement_timeout).
 */
import postgres, { type Options, type Sql } from 'postgres';
import type { Async, Store, StoreMethods } from './port';
import { migratePg } from './pg-migrations';
import { pgStoreErrorOf } from './pg-errors';
import { StoreBusyError, StoreUnavailableError } from './errors';
import { changeFeed, pgHealth, type ChangeFeed, type PgHealth } from './pg-feed';
import { currentVersion, lockVersion, versionBump, type Db, type WriteTx } from './pg-sql';
import { nearbySameName, stationMethods, type NearbyDuplicate } from './pg-stations';
import { merchantMethods } from './pg-merchants';
import { accountMethods } from './pg-accounts';
import { moderationMethods } from './pg-moderation';
import { reportMethods } from './pg-reports';
import { operatorMethods } from './pg-operators';
import { membershipMethods } from './pg-membership';
import { redemptionMethods } from './pg-redemptions';
import { benefitMethods } from './pg-benefits';
import { rateMethods } from './pg-rates';

export type { NearbyDuplicate };

export interface PgOptions {
  /** Hear other processes' writes (a server). false for a CLI: no listener connection, no timer. Default true. */
  listen?: boolean;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** How long a write waits for another writer's lock before StoreBusyError, in ms (default 5000). */
  lockTimeoutMs?: number;
  /** The longest any statement may run, in ms (default 15000; an import's statements are chunks). */
  statementTimeoutMs?: number;
  /** How often the version is read in case a notification was lost, in ms (default 1000). */
  catchUpMs?: number;
}

/** The port, plus PostGIS queries only PostgreSQL answers. */
export interface PgStore extends Store {
  /** Stations already held (live, another id) with the same name within `metres` (default 50) of an item: likely duplicates. */
  nearbySameName(items: readonly { id: string; name: string; lng: number; lat: number }[], metres?: number): Promise<NearbyDuplicate[]>;
}

/** postgres.js settings shared by the pool and the listener. */
export function connectionOptions(opts: PgOptions): Options<{}> {
  return {
    connect_timeout: 2, // seconds: a write while the database is down fails fast
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1), // seconds before reconnecting (the default grows to 20)
    onnotice: () => {}, // "already exists, skipping" is not news
    // bigint columns (rowids, versions, masks, counts) as numbers: all stay far below 2^53
    types: { int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) } } as Options<{}>['types'],
    connection: {
      application_name: 'yizhan',
      lock_timeout: opts.lockTimeoutMs ?? 5000, // ms
      statement_timeout: opts.statementTimeoutMs ?? 15_000, // ms
      // a process stuck inside a transaction must not hold the version row (and every writer) forever
      idle_in_transaction_session_timeout: 30_000, // ms
    },
  };
}

/**
 * Opens the database at `url` (postgres://user:pass@host:port/db), migrating it first (an advisory
 * lock keeps processes starting together from racing), and starts listening for changes.
 */
export async function openPgStore(url: string, opts: PgOptions = {}): Promise<PgStore> {
  const options = connectionOptions(opts);
  const pool = replaceablePool(() => postgres(url, { ...options, max: opts.maxConnections ?? 10 }));
  const sql = pool.sql;
  let version: number;
  try {
    await migratePg(sql);
    version = await currentVersion(sql);
  } catch (err) {
    await pool.end(0);
    throw pgStoreErrorOf(err) ?? err;
  }
  const health = pgHealth();
  const feed = await changeFeed(url, options, health, version, { listen: opts.listen ?? true, catchUpMs: opts.catchUpMs ?? 1000 });
  return storeOn(pool, feed, health);
}

/**
 * How long a call may take. postgres.js 3.4.9 could lose a query sent just as the database came
 * back (it never settled: tests/pg/pool-wedge-repro.ts; not seen on 4.x, the guard stays). Past
 * its deadline a call fails (a 503, never a hang): soon after the database was unreachable it
 * counts as lost — StoreUnavailableError, and the pool is replaced; otherwise the process is
 * merely overloaded (queries queue for a connection) — StoreBusyError, and the pool is kept.
 * Statements are bounded by the server's statement_timeout too; these sit above it.
 */
const DEADLINE_MS = { quick: 5_000, bulk: 30_000, write: 120_000 } as const;
type Deadline = keyof typeof DEADLINE_MS;
/** Methods that read many rows, or write many, and so get a longer deadline than the rest. */
const BULK_READS = new Set(['stationIndex', 'merchantIndex', 'stationChanges', 'merchantChanges', 'allMerchants', 'staleStationDocs', 'stationDocsById', 'changedCounts', 'closedReportTimes', 'nearbySameName']);
const BULK_WRITES = new Set(['upsertStations', 'upsertMerchants', 'deleteStations', 'atomically']);
const deadlineOf = (method: string): Deadline => (BULK_WRITES.has(method) ? 'write' : BULK_READS.has(method) ? 'bulk' : 'quick');
const REPLACE_AT_MOST_EVERY_MS = 10_000;
/** A deadline missed this soon after the database was unreachable is a lost query, not a slow one. */
const LOST_AFTER_OUTAGE_MS = 60_000;

/** The pool behind one stable handle (what every half holds), replaced when it has lost a query. */
function replaceablePool(make: () => Sql) {
  let current = make();
  let replacedAt = 0;
  const sql = new Proxy(function pool() {} as unknown as Sql, {
    apply: (_target, _this, args) => (current as unknown as (...a: unknown[]) => unknown)(...args),
    get(_target, key) {
      const value = (current as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? value.bind(current) : value;
    },
    has: (_target, key) => key in current,
  });
  return {
    sql,
    /** A new pool for new calls; the old one's connections (and whatever they hold) are dropped. */
    replace() {
      if (Date.now() - replacedAt < REPLACE_AT_MOST_EVERY_MS) return;
      replacedAt = Date.now();
      const old = current;
      current = make();
      void old.end({ timeout: 0 }).catch(() => {});
    },
    end: (timeout: number) => current.end({ timeout }),
  };
}
type Pool = ReturnType<typeof replaceablePool>;

/** The store over the pool: its writes and `atomically` open transactions of their own. */
function storeOn(pool: Pool, feed: ChangeFeed, health: PgHealth): PgStore {
  const sql = pool.sql;
  const guard = guarded(health, pool.replace);

  /** A listing write: lock the version row, write, bump at most once; the feed hears of it after commit. */
  const writeTx: WriteTx = async (write) => {
    let bumped = 0;
    const result = await sql.begin(async (tx) => {
      await lockVersion(tx);
      const bump = versionBump(tx);
      const out = await write(tx, bump.version);
      bumped = bump.bumped();
      return out;
    });
    if (bumped) feed.wrote(bumped);
    return result as Awaited<ReturnType<typeof write>>;
  };

  const atomically = guard('atomically', async <T>(fn: (tx: Store) => Promise<T>): Promise<T> => {
    let bump: ReturnType<typeof versionBump> | undefined;
    const result = await sql.begin(async (tx) => {
      await lockVersion(tx); // as BEGIN IMMEDIATE: whatever fn reads, nobody writes until it commits
      const b = (bump = versionBump(tx));
      const inside: PgStore = methodsOver(tx, (write) => write(tx, b.version), guard, {
        atomically: (f) => f(inside), // already inside one
        close: () => Promise.reject(new Error('close the store, not a transaction')),
      });
      return fn(inside);
    });
    if (bump?.bumped()) feed.wrote(bump.bumped());
    return result as T;
  });

  return methodsOver(sql, writeTx, guard, {
    atomically,
    async close() {
      await feed.close();
      await pool.end(5);
    },
  });

  /** Every method of the port over `db`, guarded, with the feed's and health's answers. */
  function methodsOver(db: Db, write: WriteTx, guard: Guard, rest: Pick<Store, 'atomically' | 'close'>): PgStore {
    const methods: Async<StoreMethods> = {
      ...stationMethods(db, write), ...merchantMethods(db, write), ...accountMethods(db), ...moderationMethods(db),
      ...reportMethods(db), ...operatorMethods(db), ...membershipMethods(db), ...redemptionMethods(db),
      ...benefitMethods(db), ...rateMethods(db),
    };
    const guardedMethods = Object.fromEntries(Object.entries(methods).map(([k, f]) => [k, guard(k, f as (...a: unknown[]) => Promise<unknown>)]));
    return {
      ...(guardedMethods as Async<StoreMethods>),
      kind: 'postgres',
      externallyChanged: () => feed.externallyChanged(),
      writeStatus: () => health.writeStatus(),
      nearbySameName: guard('nearbySameName', (items: Parameters<PgStore['nearbySameName']>[0], metres?: number) => nearbySameName(db, items, metres)),
      ...rest,
    };
  }
}

type Guard = <A extends unknown[], R>(method: string, fn: (...args: A) => Promise<R>) => (...args: A) => Promise<R>;

/**
 * Wraps a call so driver errors leave as typed store errors, outages (and recoveries) reach
 * writeStatus, and a call past its deadline fails as unreachable (and has the pool replaced).
 */
function guarded(health: PgHealth, lost: () => void): Guard {
  return (method, fn) => async (...args) => {
    let timer: NodeJS.Timeout | undefined;
    const ms = DEADLINE_MS[deadlineOf(method)];
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const why = new Error(`${method} did not settle in ${ms} ms`);
        if (!health.unreachableWithin(LOST_AFTER_OUTAGE_MS)) return reject(new StoreBusyError(why));
        lost();
        reject(new StoreUnavailableError('unreachable', why));
      }, ms);
    });
    try {
      const result = await Promise.race([fn(...args), deadline]);
      health.ok();
      return result;
    } catch (err) {
      const typed = pgStoreErrorOf(err) ?? err;
      health.failed(typed);
      throw typed;
    } finally {
      clearTimeout(timer);
    }
  };
}
