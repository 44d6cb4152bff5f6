/**
 * The SQLite connection (synchronous, better-sqlite3) as the asynchronous port: each call runs at
 * once and resolves (or rejects) with its result. `atomically` holds BEGIN IMMEDIATE … COMMIT
 * around an async function; other callers wait for it, so nothing joins its transaction unasked.
 */
import type { ListingKind } from '../../data/listing-core';
import type { IndexColumns, Store, StoreMethods, WriteStatus } from './port';
import { inTurns, nextTurn } from '../turns';
import { INDEX_PAGE_ROWS, indexJoiner } from './sqlite-index';
import { StoreBusyError } from './errors';

/** One connection, synchronously: what the asynchronous port is made of. */
export interface SqliteConnection extends StoreMethods {
  /** the paged index read (sqlite-index.ts indexPages): the statuses, then pages of one */
  indexStatuses(kind: ListingKind): string[];
  indexPage(kind: ListingKind, status: string, after: number, limit: number): IndexColumns;
  /** station columns with their notice windows */
  withNotices(cols: IndexColumns): IndexColumns;
  externallyChanged(): boolean;
  writeStatus(): WriteStatus;
  /** BEGIN IMMEDIATE / COMMIT / ROLLBACK for `Store.atomically`. */
  begin(): void;
  commit(): void;
  rollback(): void;
  /** closes the connection; resolves once anything working on the file for it (the checkpoint worker) has stopped */
  close(): void | Promise<void>;
}

const SYNC_KEYS = new Set(['externallyChanged', 'writeStatus', 'begin', 'commit', 'rollback', 'close', 'indexStatuses', 'indexPage', 'withNotices']);

/**
 * The port over one (resilient) connection. A call that finds the database locked by another
 * process (StoreBusyError at once: the connection has no blocking busy timeout) is tried again
 * after a pause, for up to `busyWaitMs`: each call is one statement or one transaction, so it
 * either happened or did not.
 */
export function asyncStore(conn: SqliteConnection, { busyWaitMs = 0 } = {}): Store {
  let busy: Promise<void> | undefined; // the open transaction, if any

  function call(key: string, args: unknown[]): unknown {
    return (conn[key as keyof SqliteConnection] as (...a: unknown[]) => unknown)(...args);
  }
  function run(key: string, args: unknown[]): Promise<unknown> {
    try {
      return Promise.resolve(call(key, args));
    } catch (err) {
      return Promise.reject(err);
    }
  }
  /**
   * Runs `op` once no transaction of this port is open (each try waits: a retry must never land
   * inside another caller's transaction) and, while another process holds the lock, again after
   * growing pauses for up to `busyWaitMs` (then its StoreBusyError).
   */
  async function whenFree<T>(op: () => T): Promise<T> {
    const until = Date.now() + busyWaitMs;
    for (let pause = 2; ; pause = Math.min(2 * pause, 50)) {
      while (busy) await busy;
      try {
        return op();
      } catch (err) {
        if (!(err instanceof StoreBusyError) || Date.now() + pause > until) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  /** A port whose calls go straight to the connection (`direct`, inside a transaction) or wait for the open one. */
  function facade(direct: boolean): Store {
    const out: Record<string, unknown> = { kind: 'sqlite' };
    for (const key of Object.keys(conn)) {
      if (SYNC_KEYS.has(key)) continue;
      out[key] = direct ? (...args: unknown[]) => run(key, args) : (...args: unknown[]) => whenFree(() => call(key, args));
    }
    // outside a transaction the index is read in pages, other requests served in between
    if (!direct) {
      out.stationIndex = async () => {
        const cols = await pagedIndex('stations');
        await nextTurn();
        return conn.withNotices(cols);
      };
      out.merchantIndex = () => pagedIndex('merchants');
    }
    out.externallyChanged = () => conn.externallyChanged();
    out.writeStatus = () => conn.writeStatus();
    out.atomically = direct
      ? <T>(fn: (tx: Store) => Promise<T>) => fn(out as unknown as Store) // already inside one
      : atomically;
    out.close = async () => {
      while (busy) await busy;
      await conn.close();
    };
    return out as unknown as Store;
  }
  const inside = facade(true);

  /**
   * The listed records' index columns, a page at a time with a turn of the event loop between pages
   * (never inside another caller's transaction); a record whose status changed between pages is
   * kept as last read, and the change feed brings any other change since.
   */
  async function pagedIndex(kind: ListingKind): Promise<IndexColumns> {
    const joined = indexJoiner();
    const step = async <T>(read: () => T): Promise<T> => {
      while (busy) await busy;
      return read();
    };
    for (const status of await step(() => conn.indexStatuses(kind))) {
      for (let after = 0; ; ) {
        const page = await step(() => conn.indexPage(kind, status, after, INDEX_PAGE_ROWS));
        joined.add(page);
        if (page.rowid.length < INDEX_PAGE_ROWS) break;
        after = page.rowid.reduce((a, b) => Math.max(a, b), after);
        await nextTurn();
      }
    }
    return inTurns(joined.result()); // the join is a quarter of a second at 400 k: in turns too
  }

  async function atomically<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    let done!: () => void;
    // BEGIN IMMEDIATE and the claim on this port in one step: nothing runs between them
    await whenFree(() => {
      conn.begin();
      busy = new Promise((resolve) => (done = resolve));
    });
    try {
      const result = await fn(inside);
      conn.commit();
      return result;
    } catch (err) {
      conn.rollback();
      throw err;
    } finally {
      busy = undefined;
      done();
    }
  }
  return facade(false);
}
