/**
 * Keeps the offline copy current from GET /api/sync?since=VERSION: a full snapshot the first time
 * (or when the server's data was replaced), then deltas (upserts and deletions). Each answer is
 * written in one transaction, and the stored version moves in that same transaction, so a sync cut
 * off anywhere (network, tab closed, a throw mid-write) leaves the previous copy whole and the
 * next sync simply asks again from the version the copy really has.
 */
import type { ListingKind } from '../../data/listing-core';
import type { Columns } from '../../data/sync-codec';
import { readCopyMeta, readDocChunks, readIndexChunks, writeCopyMeta, writeDelta, writeSnapshot, type CopyMeta, type Db } from './db';
import { sender, type HttpDeps } from './http';
import { buildChunks, columnSource, decodeRecords, liveRecords, recordSource, type DocChunk, type IndexChunk } from './offline-copy';

/** The body of GET /api/sync (format 1). */
export interface SyncPayload {
  format: number;
  version: number;
  since: number;
  full: boolean;
  stations: Columns;
  deletedStations: string[];
  merchants: Columns;
  deletedMerchants: string[];
}

export interface SyncResult {
  /** the copy's records changed (the in-memory copy should be reloaded) */
  changed: boolean;
  full: boolean;
  /** records upserted or deleted */
  records: number;
  meta: CopyMeta;
}

export interface SyncDeps extends HttpDeps {
  db: Db;
  /** ms since epoch */
  now?: () => number;
  signal?: AbortSignal;
}

const KINDS: readonly ListingKind[] = ['stations', 'merchants'];
/** Deltas kept beside the snapshot before they are folded into it. */
export const MAX_DELTAS = 12;

/** Asks the server for what changed since the copy's version and writes it. */
export async function syncOnce({ db, now = Date.now, signal, ...deps }: SyncDeps): Promise<SyncResult> {
  const from = await readCopyMeta(db);
  const res = await sender(deps)(`/api/sync?since=${from?.version ?? 0}`, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`sync failed: HTTP ${res.status}`);
  const payload = (await res.json()) as SyncPayload;
  const result = await applySync(db, from, payload, now());
  if (result.meta.deltas >= MAX_DELTAS) return { ...result, meta: await compactCopy(db, now()) };
  return result;
}

/** Writes one sync answer onto the copy `from` (undefined: there is none yet). */
export async function applySync(db: Db, from: CopyMeta | undefined, p: SyncPayload, now: number): Promise<SyncResult> {
  if (p.format !== 1) throw new Error(`unknown sync format ${p.format}`);
  const records = p.stations.n + p.merchants.n + p.deletedStations.length + p.deletedMerchants.length;
  if (p.full || !from) {
    const meta = emptyMeta(p.version, (from?.gen ?? 0) + 1, now);
    const { index, docs } = await chunksOf(p, meta, false);
    await writeSnapshot(db, from, meta, index, docs);
    return { changed: true, full: true, records, meta };
  }
  if (records === 0) {
    const meta = { ...from, version: p.version, checkedAt: now };
    await writeCopyMeta(db, from, meta);
    return { changed: false, full: false, records, meta };
  }
  const meta: CopyMeta = { ...from, version: p.version, chunks: { ...from.chunks }, counts: { ...from.counts }, deltas: from.deltas + 1, syncedAt: now, checkedAt: now };
  const { index, docs } = await chunksOf(p, meta, true);
  await writeDelta(db, from, meta, index, docs);
  return { changed: true, full: false, records, meta };
}

/** The chunks of a payload, appended to `meta` (whose seq, chunk lists and counts it updates). */
async function chunksOf(p: SyncPayload, meta: CopyMeta, delta: boolean) {
  const index: IndexChunk[] = [];
  const docs: DocChunk[] = [];
  for (const kind of KINDS) {
    const cols = kind === 'stations' ? p.stations : p.merchants;
    const deleted = kind === 'stations' ? p.deletedStations : p.deletedMerchants;
    // a delta (small) is decoded at once: its upserts replace the earlier record of the same id,
    // its deletions remove it; a snapshot is decoded a chunk at a time
    const records = delta ? decodeRecords(kind, cols) : null;
    const drop = records ? [...deleted, ...records.map((r) => r.id)] : [];
    const built = await buildChunks(kind, records ? recordSource(records) : columnSource(kind, cols), meta.gen, meta.seq, drop);
    meta.seq = built.next;
    meta.chunks[kind] = [...meta.chunks[kind], ...built.index.map((c) => c.key)];
    if (!delta) meta.counts[kind] = cols.n; // after a delta the loaded copy counts exactly
    index.push(...built.index);
    docs.push(...built.docs);
  }
  return { index, docs };
}

function emptyMeta(version: number, gen: number, now: number): CopyMeta {
  return { version, gen, seq: 0, chunks: { stations: [], merchants: [] }, deltas: 0, counts: { stations: 0, merchants: 0 }, syncedAt: now, checkedAt: now };
}

/** Folds the deltas into a new snapshot of the live records (same data, fewer chunks), atomically. */
export async function compactCopy(db: Db, now: number): Promise<CopyMeta> {
  const from = await readCopyMeta(db);
  if (!from) throw new Error('no offline copy to compact');
  const meta = { ...emptyMeta(from.version, from.gen + 1, from.syncedAt), checkedAt: from.checkedAt || now };
  const index: IndexChunk[] = [];
  const docs: DocChunk[] = [];
  for (const kind of KINDS) {
    const live = liveRecords(kind, await readIndexChunks(db, from, kind), await readDocChunks(db, from, kind));
    const built = await buildChunks(kind, recordSource(live), meta.gen, meta.seq);
    meta.seq = built.next;
    meta.chunks[kind] = built.index.map((c) => c.key);
    meta.counts[kind] = live.length;
    index.push(...built.index);
    docs.push(...built.docs);
  }
  await writeSnapshot(db, from, meta, index, docs);
  return meta;
}
