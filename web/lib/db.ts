/**
 * IndexedDB (idb): the offline copy of the listings, the outbox of problem reports and the routes
 * saved for offline use (their tiles live in Cache Storage: web/lib/saved-routes.ts). One typed
 * schema, one upgrade function with numbered migrations, and task-level functions — no caller ever
 * sees a transaction. Every write that must be all-or-nothing runs in one transaction that is
 * aborted on any error, so an interrupted sync leaves the previous copy exactly as it was.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ReportKind } from '../../data/catalog';
import type { ListingKind } from '../../data/listing-core';
import type { SyncRegion } from '../../data/sync-region';
import type { CorridorItem } from './api';
import { packChunk, unpackChunk, type DocChunk, type IndexChunk, type StoredIndexChunk } from './offline-copy';

/** What the copy holds and how fresh it is. */
export interface CopyMeta {
  /** the server's data version the copy is at */
  version: number;
  /** generation of the snapshot the chunks belong to */
  gen: number;
  /** next chunk sequence number of this generation */
  seq: number;
  /** chunk keys per kind, in write order (snapshot first, then deltas) */
  chunks: Record<ListingKind, string[]>;
  /** deltas written since the snapshot (compacted when there are many) */
  deltas: number;
  counts: Record<ListingKind, number>;
  /** ms since epoch: when data last changed in the copy */
  syncedAt: number;
  /** ms since epoch: when the server last confirmed the copy is current */
  checkedAt: number;
  /** a regional copy: what it covers (absent: the whole country, as every copy made before regions) */
  region?: SyncRegion;
}

/** POST /api/reports body. */
export interface ReportBody {
  clientId: string;
  targetType: 'station' | 'merchant';
  targetId: string;
  kind: ReportKind;
  note?: string;
  amenity?: string;
}

/** A report in the outbox: waiting, sent (kept a while to show "sent"), or refused by the server. */
export interface OutboxItem {
  clientId: string;
  body: ReportBody;
  /** the place's name when it was reported, for messages */
  targetName: string;
  state: 'pending' | 'sent' | 'refused';
  createdAt: number;
  attempts: number;
  /** ms since epoch: not before (Retry-After, back-off) */
  notBefore: number;
  /** notBefore is the server's Retry-After (kept even when the network comes back) */
  rateLimited?: boolean;
  sentAt?: number;
  /** the server's report id */
  reportId?: string;
  /** why the server refused it */
  error?: string;
  /** the user has been told the final state */
  told?: boolean;
}

/**
 * Caches named with this prefix hold a saved route's tiles (`yizhan-route-<id>`); the service worker
 * answers tiles from them first. Here rather than in saved-routes.ts so the worker needs no more.
 */
export const ROUTE_TILE_CACHE_PREFIX = 'yizhan-route-';

/** A route saved for offline use: the line, its corridor listings and (maybe) the map tiles along it. */
export interface SavedRoute {
  /** crypto.randomUUID() */
  id: string;
  name: string;
  /** ms since epoch */
  createdAt: number;
  /** WGS-84, as queried */
  line: [number, number][];
  /** metres */
  length: number;
  /** metres either side of the line */
  width: number;
  /** the filters the corridor was asked with (opaque to storage) */
  query: Record<string, unknown>;
  items: CorridorItem[];
  /** tiles saved with it (in the Cache Storage cache `cache`), or null (source does not allow prefetch, or the user chose none) */
  tiles: { cache: string; minZoom: number; maxZoom: number; count: number; bytes: number } | null;
  /** bytes on the device: the record's JSON length (UTF-8) + tile bytes */
  bytes: number;
}

interface YizhanDB extends DBSchema {
  meta: { key: 'copy'; value: CopyMeta };
  chunks: { key: string; value: StoredIndexChunk };
  docs: { key: string; value: DocChunk };
  outbox: { key: string; value: OutboxItem };
  routes: { key: string; value: SavedRoute };
  /** member card and the verifier's keys/revocations (web/lib/membership-store.ts) */
  membership: { key: string; value: unknown };
}

export type Db = IDBPDatabase<YizhanDB>;
type Tx<S extends StoreNames<YizhanDB>[]> = IDBPTransaction<YizhanDB, S, 'readwrite'>;

/** Schema migrations: entry k upgrades version k to k + 1. Never edit one that has shipped. */
const MIGRATIONS: ((db: Db) => void)[] = [
  (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('chunks', { keyPath: 'key' });
    db.createObjectStore('docs', { keyPath: 'key' });
    db.createObjectStore('outbox', { keyPath: 'clientId' });
  },
  (db) => {
    db.createObjectStore('routes', { keyPath: 'id' });
  },
  (db) => {
    db.createObjectStore('membership');
  },
];

const opened = new Map<string, Promise<Db>>();

/** The database, opened (and upgraded) once per page or worker. */
export function openDb(name = 'yizhan'): Promise<Db> {
  let db = opened.get(name);
  if (!db) {
    db = openDB<YizhanDB>(name, MIGRATIONS.length, {
      upgrade(up, oldVersion) {
        for (let v = oldVersion; v < MIGRATIONS.length; v++) MIGRATIONS[v](up);
      },
      // another tab upgrades: let it, and reopen on next use
      blocking() {
        void db?.then((d) => d.close());
        opened.delete(name);
      },
    });
    db.catch(() => opened.delete(name));
    opened.set(name, db);
  }
  return db;
}

/** Runs `fn` in one readwrite transaction: committed when it resolves, aborted if it throws. */
async function inTransaction<S extends StoreNames<YizhanDB>[]>(db: Db, stores: S, fn: (tx: Tx<S>) => Promise<void>): Promise<void> {
  const tx = db.transaction(stores, 'readwrite') as Tx<S>;
  try {
    await fn(tx);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    await tx.done.catch(() => {});
    throw e;
  }
  await tx.done;
}

/**
 * Requests whose outcome the transaction reports: a failed one aborts it, and tx.done (awaited by
 * inTransaction) rejects — so their own promises are only kept from rejecting unobserved.
 */
function quiet(...requests: Promise<unknown>[]): void {
  for (const r of requests) r.catch(() => {});
}

/**
 * Puts the chunks' parts one after another, each after the last is stored: a put clones its value
 * on the page's thread, and a whole country's chunks cloned at once held it for seconds (a 3,000
 * station snapshot's four parts at once, 100 ms on the 4× phone). Waiting on each request keeps
 * the transaction alive (it stays all-or-nothing) while the page gets turns between.
 */
async function putAll(tx: Tx<['meta', 'chunks', 'docs']>, index: IndexChunk[], docs: DocChunk[]): Promise<void> {
  const chunks = tx.objectStore('chunks');
  const docStore = tx.objectStore('docs');
  for (let k = 0; k < Math.max(index.length, docs.length); k++) {
    if (index[k]) await chunks.put(packChunk(index[k])); // a failure rejects, and aborts the transaction
    if (docs[k]) await docStore.put(docs[k]);
  }
}

/** The copy's metadata, or undefined before the first sync. */
export const readCopyMeta = async (db: Db) => db.get('meta', 'copy');

/** The index parts of a kind's chunks, in write order. */
export async function readIndexChunks(db: Db, meta: CopyMeta, kind: ListingKind): Promise<IndexChunk[]> {
  const tx = db.transaction('chunks');
  const chunks = await Promise.all(meta.chunks[kind].map((k) => tx.store.get(k)));
  if (chunks.some((c) => !c)) throw new Error('offline copy is missing chunks');
  return (chunks as StoredIndexChunk[]).map(unpackChunk);
}

/** One chunk's docs. */
export const readDocChunk = async (db: Db, key: string) => db.get('docs', key);

/** Every doc chunk of a kind (compaction). */
export async function readDocChunks(db: Db, meta: CopyMeta, kind: ListingKind): Promise<DocChunk[]> {
  const tx = db.transaction('docs');
  return (await Promise.all(meta.chunks[kind].map((k) => tx.store.get(k)))) as DocChunk[];
}

/** Thrown when the copy moved (another tab synced) between reading it and writing over it. */
export class CopyChangedError extends Error {}

/** Aborts unless the stored copy is still the one a write was computed from. */
async function expectCopy(tx: Tx<['meta', 'chunks', 'docs']>, from: CopyMeta | undefined): Promise<void> {
  const now = await tx.objectStore('meta').get('copy');
  const same = (a?: CopyMeta, b?: CopyMeta) => a?.version === b?.version && a?.gen === b?.gen && a?.seq === b?.seq;
  if (!same(now, from)) throw new CopyChangedError('the offline copy changed meanwhile');
}

/**
 * Replaces the whole copy with a snapshot (a full sync or a compaction), atomically; `from` is
 * the copy it was computed from (undefined: none).
 */
export function writeSnapshot(db: Db, from: CopyMeta | undefined, meta: CopyMeta, index: IndexChunk[], docs: DocChunk[]): Promise<void> {
  return inTransaction(db, ['meta', 'chunks', 'docs'], async (tx) => {
    await expectCopy(tx, from);
    quiet(tx.objectStore('chunks').clear(), tx.objectStore('docs').clear());
    await putAll(tx, index, docs);
    await tx.objectStore('meta').put(meta, 'copy');
  });
}

/** Adds a delta's chunks to the copy `from` and moves it to `meta`'s version, atomically. */
export function writeDelta(db: Db, from: CopyMeta, meta: CopyMeta, index: IndexChunk[], docs: DocChunk[]): Promise<void> {
  return inTransaction(db, ['meta', 'chunks', 'docs'], async (tx) => {
    await expectCopy(tx, from);
    await putAll(tx, index, docs);
    await tx.objectStore('meta').put(meta, 'copy');
  });
}

/** Updates the metadata of the copy `from` alone (a sync that found nothing new). */
export function writeCopyMeta(db: Db, from: CopyMeta, meta: CopyMeta): Promise<void> {
  return inTransaction(db, ['meta', 'chunks', 'docs'], async (tx) => {
    await expectCopy(tx, from);
    await tx.objectStore('meta').put(meta, 'copy');
  });
}

/** Deletes the copy (settings: free the space). */
export function clearCopy(db: Db): Promise<void> {
  return inTransaction(db, ['meta', 'chunks', 'docs'], async (tx) => {
    await Promise.all([tx.objectStore('meta').clear(), tx.objectStore('chunks').clear(), tx.objectStore('docs').clear()]);
  });
}

/** Adds a report to the outbox. */
export const putOutboxItem = (db: Db, item: OutboxItem) => db.put('outbox', item).then(() => undefined);

/** Every report in the outbox, oldest first. */
export const outboxItems = async (db: Db) => (await db.getAll('outbox')).sort((a, b) => a.createdAt - b.createdAt);

/**
 * Changes one outbox item in a transaction of its own: `change` gets the stored item (undefined
 * if it is gone) and returns the new one, or null to delete it.
 */
export function updateOutboxItem(db: Db, clientId: string, change: (item: OutboxItem | undefined) => OutboxItem | null | undefined): Promise<void> {
  return inTransaction(db, ['outbox'], async (tx) => {
    const store = tx.objectStore('outbox');
    const next = change(await store.get(clientId));
    if (next === null) await store.delete(clientId);
    else if (next) await store.put(next);
  });
}

/** Stores a saved route (a new one, or over the one with its id). */
export const putRoute = (db: Db, route: SavedRoute) => db.put('routes', route).then(() => undefined);

/** One saved route, or undefined. */
export const readRoute = async (db: Db, id: string) => db.get('routes', id);

/** Every saved route, in no particular order. */
export const readRoutes = async (db: Db) => db.getAll('routes');

/** Deletes a saved route and returns it (undefined: there was none), so its tiles can go too. */
export async function removeRoute(db: Db, id: string): Promise<SavedRoute | undefined> {
  let removed: SavedRoute | undefined;
  await inTransaction(db, ['routes'], async (tx) => {
    removed = await tx.objectStore('routes').get(id);
    if (removed) await tx.objectStore('routes').delete(id);
  });
  return removed;
}
