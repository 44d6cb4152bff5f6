/**
 * The embedded SQLite store (better-sqlite3, WAL). Records are canonical JSON documents with the
 * columns the indexes read beside them; deletions stay as tombstones so /api/sync can report them.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MERCHANT_STATUSES, STATION_STATUSES } from '../../data/catalog';
import { LISTED_STATUS, isListed } from '../../data/listing-query';
import { stationValues } from '../../data/listing-record';
import { contentKey } from '../../data/records';
import type { Station } from '../../data/schema';
import { migrate } from './migrations';
import { indexPages, indexQuery } from './sqlite-index';
import { merchantMethods } from './sqlite-merchants';
import { accountMethods } from './sqlite-accounts';
import { moderationMethods } from './sqlite-moderation';
import { reportMethods } from './sqlite-reports';
import { operatorMethods } from './sqlite-operators';
import { membershipMethods } from './sqlite-membership';
import type { IndexColumns, Progress, Store, WriteSummary } from './port';
import { inOrderOf } from './rows';
import { storeErrorOf } from './sqlite-errors';
import { resilientStore } from './sqlite-resilient';
import { asyncStore, type SqliteConnection } from './sqlite-async';
import { rateMethods } from './sqlite-rates';
import { redemptionMethods } from './sqlite-redemptions';
import { benefitMethods } from './sqlite-benefits';
import { checkpointAway } from './sqlite-checkpoint';

/**
 * The server's lock wait, in ms. better-sqlite3 would wait on the event loop (a 50 ms wait per
 * write held every request while an import ran), so the server's connection does not wait at all:
 * a call that finds the database locked is tried again after a pause, off the loop, until this long.
 */
export const SERVER_BUSY_WAIT_MS = 250;

export interface SqliteOptions {
  /**
   * How long a call waits for another writer's lock before StoreBusyError, in ms, blocking (a CLI
   * may). Without it, the server's way: no blocking wait, retries for SERVER_BUSY_WAIT_MS.
   */
  busyTimeoutMs?: number;
  /** WAL checkpoints by a worker thread, not by this connection's commits (the server: sqlite-checkpoint.ts) */
  checkpointAway?: boolean;
}

/**
 * Opens (creating and migrating if needed) the SQLite database at `path`. Driver errors leave as
 * typed store errors, and a database found read-only is reopened once it can be written again.
 */
export function openSqliteStore(path: string, opts: SqliteOptions = {}): Store {
  return asyncStore(resilientStore(path, () => openConnection(path, opts)), { busyWaitMs: opts.busyTimeoutMs === undefined ? SERVER_BUSY_WAIT_MS : 0 });
}

/** One connection's store (resilientStore replaces it when the file becomes writable again). */
function openConnection(path: string, opts: SqliteOptions): SqliteConnection {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = openDatabase(path, opts);
  const stopCheckpoints = opts.checkpointAway && path !== ':memory:' ? checkpointAway(db, path) : async () => {};

  const q = {
    version: db.prepare(`SELECT value FROM meta WHERE key = 'version'`).pluck(),
    bump: db.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version' RETURNING value`).pluck(),
    count: db.prepare(`SELECT
      (SELECT count(*) FROM stations WHERE deleted = 0) AS stations,
      (SELECT count(*) FROM merchants WHERE deleted = 0 AND status = 'approved') AS merchants`),
    index: indexQuery(db, 'stations', 'amenities', 'type', `deleted = 0 AND status != '${LISTED_STATUS.stationsExcept}'`),
    pages: {
      stations: indexPages(db, 'stations', 'amenities', 'type', `deleted = 0`, STATION_STATUSES.filter((st) => isListed('stations', st))),
      merchants: indexPages(db, 'merchants', '0', 'category', `deleted = 0`, MERCHANT_STATUSES.filter((st) => isListed('merchants', st))),
    },
    noticeRows: db.prepare(`SELECT rowid, notices FROM stations WHERE notices IS NOT NULL AND deleted = 0`).raw(),
    changedCounts: db.prepare(`SELECT
      (SELECT count(*) FROM stations WHERE version > @since) AS stations,
      (SELECT count(*) FROM merchants WHERE version > @since) AS merchants`),
    tableVersions: db.prepare(`SELECT
      (SELECT coalesce(max(version), 0) FROM stations) AS stations,
      (SELECT coalesce(max(version), 0) FROM merchants) AS merchants`),
    // one statement for a page's documents: a statement per row cost ~1.5× as much (each one's own step and crossing)
    // `+deleted` keeps the planner on the rowid (one b-tree descent a row) instead of the index
    // stations_live (deleted, rowid) and then the table: 8 → 6 µs a document at 100 k
    docsByRowid: db.prepare(`SELECT rowid, doc FROM stations WHERE rowid IN (SELECT value FROM json_each(?)) AND +deleted = 0`).raw(),
    docById: db.prepare(`SELECT doc FROM stations WHERE id = ? AND deleted = 0`).pluck(),
    existing: db.prepare(`SELECT doc, deleted FROM stations WHERE id = ?`),
    upsert: db.prepare(`INSERT INTO stations (id, name, doc, lng, lat, type, amenities, status, hours, tz, notices, version, deleted)
      VALUES (@id, @name, @doc, @lng, @lat, @type, @amenities, @status, @hours, @tz, @notices, @version, 0)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, doc = excluded.doc, lng = excluded.lng, lat = excluded.lat,
        type = excluded.type, amenities = excluded.amenities, status = excluded.status,
        hours = excluded.hours, tz = excluded.tz, notices = excluded.notices, version = excluded.version, deleted = 0`),
    closing: db.prepare(`SELECT doc FROM stations WHERE closed_until IS NOT NULL AND deleted = 0`).pluck(), // by stations_closing
    del: db.prepare(`UPDATE stations SET deleted = 1, version = ? WHERE id = ? AND deleted = 0`),
    changes: db.prepare(`SELECT id, doc, deleted FROM stations WHERE version > ? ORDER BY version, rowid`).raw(),
  };
  let counted: { version: string; stations: number; merchants: number } | undefined;
  let lastDataVersion = db.pragma('data_version', { simple: true }) as number;
  let localWrites = false;

  /** Station index columns with each one's notice windows (the few stations with notices, placed by rowid). */
  function withNotices(cols: IndexColumns): IndexColumns {
    const spans = new Map((q.noticeRows.all() as [number, string][]).map(([rowid, json]) => [rowid, JSON.parse(json)]));
    const notices: IndexColumns['notices'] = new Array(cols.id.length).fill(null);
    if (spans.size) for (let i = 0; i < notices.length; i++) notices[i] = spans.get(cols.rowid[i]) ?? null;
    return { ...cols, notices };
  }

  /** Runs `write` in one transaction; the version is bumped once, on the first actual change. */
  function writeTx<T>(write: (version: () => number) => T): T {
    let v = 0;
    const version = () => (v ||= Number(q.bump.get()));
    // IMMEDIATE: take the write lock first, so a read-then-write never fails half-way on a busy database
    const result = db.transaction(() => write(version)).immediate();
    if (v) localWrites = true;
    return result;
  }

  function upsertStations(items: readonly Station[], onProgress?: Progress): WriteSummary {
    return writeTx((version) => {
      const summary = { added: 0, updated: 0, unchanged: 0, version: 0 };
      items.forEach((s, i) => {
        const old = q.existing.get(s.id) as { doc: string; deleted: number } | undefined;
        if (old && !old.deleted && contentKey(JSON.parse(old.doc)) === contentKey(s)) summary.unchanged++;
        else {
          q.upsert.run(stationRow(s, (summary.version = version())));
          if (old && !old.deleted) summary.updated++;
          else summary.added++;
        }
        if (onProgress && (i % 5000 === 4999 || i === items.length - 1)) onProgress(i + 1, items.length);
      });
      summary.version ||= Number(q.version.get());
      return summary;
    });
  }

  return {
    version: () => Number(q.version.get()),
    externallyChanged() {
      const dv = db.pragma('data_version', { simple: true }) as number;
      const changed = dv !== lastDataVersion || localWrites;
      lastDataVersion = dv;
      localWrites = false;
      return changed;
    },
    counts() {
      // counted again only when a station or merchant changed (reports and sign-ins bump the version too)
      const { stations, merchants } = q.tableVersions.get() as { stations: number; merchants: number };
      const v = `${stations}-${merchants}`;
      if (counted?.version !== v) counted = { version: v, ...(q.count.get() as { stations: number; merchants: number }) };
      return { stations: counted.stations, merchants: counted.merchants };
    },
    tableVersions: () => q.tableVersions.get() as { stations: number; merchants: number },
    changedCounts: (since) => q.changedCounts.get({ since }) as { stations: number; merchants: number },
    stationIndex: () => withNotices(q.index()),
    indexStatuses: (kind) => q.pages[kind].statuses(),
    indexPage: (kind, status, after, limit) => q.pages[kind].page(status, after, limit),
    withNotices,
    stationDocs: (rowids) => inOrderOf(rowids, q.docsByRowid.all(JSON.stringify(rowids)) as [number, string][]),
    stationDoc: (id) => q.docById.get(id) as string | undefined,
    stationDocsById: (ids) => ids.map((id) => q.docById.get(id) as string | undefined),
    closingStationDocs: () => q.closing.all() as string[],
    upsertStations,
    deleteStations: (ids) =>
      writeTx((version) => ids.filter((id) => {
        const row = q.existing.get(id) as { deleted: number } | undefined;
        return row !== undefined && !row.deleted && q.del.run(version(), id).changes > 0;
      }).length),
    stationChanges(since) {
      const version = Number(q.version.get());
      const upserts: string[] = [];
      const deleted: string[] = [];
      for (const [id, doc, del] of q.changes.all(since) as [string, string, number][]) {
        if (del) deleted.push(id);
        else upserts.push(doc);
      }
      return { version, upserts, deleted };
    },
    ...merchantMethods(db, writeTx),
    ...accountMethods(db),
    ...moderationMethods(db),
    ...reportMethods(db),
    ...operatorMethods(db),
    ...membershipMethods(db),
    writeStatus: () => ({ writable: true }),
    ...redemptionMethods(db),
    ...benefitMethods(db),
    ...rateMethods(db),
    begin: () => void db.exec('BEGIN IMMEDIATE'),
    commit: () => void db.exec('COMMIT'),
    rollback: () => void (db.inTransaction && db.exec('ROLLBACK')),
    close: () => {
      const stopped = stopCheckpoints();
      db.close();
      return stopped;
    },
  };
}

/**
 * Copies the database at `path` to `dest` with SQLite's online backup API: consistent while the
 * server keeps reading and writing (writes made during the copy restart it at the changed pages).
 */
export async function backupSqliteFile(path: string, dest: string, onProgress?: Progress): Promise<void> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    await db.backup(dest, {
      progress({ totalPages, remainingPages }) {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 1000; // pages per step: the server's writes get their turn in between
      },
    });
  } finally {
    db.close();
  }
}

/**
 * SQLite's own page cache, per connection (better-sqlite3's build: 16 MB). The operating system
 * caches the file as well; reads the cache serves are B-tree interior pages (a few hundred KB at
 * 400 k), the documents are read at random. At 400 k the start-up index scan filled the 16 MB, of
 * a 300 MB memory budget.
 */
const PAGE_CACHE_KB = 4096;

/** Opens, configures and migrates the file; its failures leave as the store's typed errors. */
function openDatabase(path: string, opts: SqliteOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? 0))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${PAGE_CACHE_KB}`);
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    throw storeErrorOf(err) ?? err;
  }
}

/** A station's row: its document and its index columns (data/listing-record.ts, as every listing computes them). */
function stationRow(s: Station, version: number) {
  const v = stationValues(s);
  return {
    id: s.id, name: v.name, doc: JSON.stringify(s), lng: s.lng, lat: s.lat, type: v.any, amenities: v.all, status: v.status,
    hours: v.hours, tz: v.tz, notices: v.notices ? JSON.stringify(v.notices) : null, version,
  };
}
