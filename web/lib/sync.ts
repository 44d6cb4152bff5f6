/**
 * Keeps the offline copy current from GET /api/sync?since=VERSION: a snapshot the first time (of
 * the region around the person, `near`, or of the whole country), then deltas (upserts and
 * deletions; always the whole country's, clipped to a regional copy's box: data/sync-region.ts). Each answer is
 * written in one transaction, and the stored version moves in that same transaction, so a sync cut
 * off anywhere (network, tab closed, a throw mid-write) leaves the previous copy whole and the
 * next sync simply asks again from the version the copy really has.
 */
import type { ListingKind } from '../../data/listing-core';
import type { Columns } from '../../data/sync-codec';
import { clipDelta, type SyncRegion } from '../../data/sync-region';
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
  /** a regional snapshot: what it covers (absent: the whole country) */
  region?: SyncRegion;
}

export interface SyncResult {
  /** the copy's records changed (the in-memory copy should be reloaded) */
  changed: boolean;
  full: boolean;
  /** records upserted or deleted */
  records: number;
  meta: CopyMeta;
}

/** What to ask for: what changed since the copy's version, the region around `near`, or the whole country. */
export type SyncWant = 'delta' | 'region' | 'all';

/** How far a download has come: bytes of the body read (uncompressed) and, when known, of all of it. */
export interface SyncProgress {
  phase: 'download' | 'store';
  done: number;
  total: number | null;
}

export interface SyncDeps extends HttpDeps {
  db: Db;
  /** ms since epoch */
  now?: () => number;
  signal?: AbortSignal;
  /** default 'delta' (a first sync without `near` is then the whole country, as before regions) */
  want?: SyncWant;
  /** [lng, lat]: where the person is, for a regional snapshot */
  near?: [number, number] | null;
  /** the uncompressed body's size when known (GET /api/sync/size `json`), for progress */
  expectBytes?: number;
  onProgress?(p: SyncProgress): void;
}

/** The /api/sync URL for a want, given the copy `from`. */
export function syncUrl(from: CopyMeta | undefined, want: SyncWant, near?: [number, number] | null): string {
  const at = (p: [number, number]) => `&near=${p[0].toFixed(4)},${p[1].toFixed(4)}`;
  if (want === 'all') return '/api/sync?since=0';
  if (want === 'region' && near) return `/api/sync?since=0${at(near)}`;
  // a regional copy asks for its region again should the server answer with a snapshot
  const region = from?.region ? at(from.region.center) : near && !from ? at(near) : '';
  return `/api/sync?since=${from?.version ?? 0}${region}`;
}

/** The whole-country snapshot's size (GET /api/sync/size): `bytes` to download, `json` uncompressed. */
export interface FullSize {
  version: number;
  stations: number;
  merchants: number;
  bytes: number;
  json: number;
}

/** Asks the server how big the whole-country copy is, before downloading it. */
export async function fetchFullSize(deps: HttpDeps = {}): Promise<FullSize> {
  const res = await sender(deps)('/api/sync/size', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`sync size failed: HTTP ${res.status}`);
  return (await res.json()) as FullSize;
}

/** Reads a response's body as text, telling `onProgress` how much has come. */
async function readBody(res: Response, expect: number | undefined, onProgress?: (p: SyncProgress) => void): Promise<string> {
  if (!onProgress || !res.body) return res.text();
  const plain = !res.headers.get('content-encoding') && Number(res.headers.get('content-length'));
  const total = expect ?? (plain || null);
  const reader = res.body.getReader();
  // decoded as it comes: one long decode of the whole body would hold the page for seconds
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let done = 0;
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    parts.push(decoder.decode(r.value, { stream: true }));
    done += r.value.length;
    onProgress({ phase: 'download', done, total });
  }
  parts.push(decoder.decode());
  return parts.join('');
}

const KINDS: readonly ListingKind[] = ['stations', 'merchants'];
/** Deltas kept beside the snapshot before they are folded into it. */
export const MAX_DELTAS = 12;

/** Asks the server for what changed since the copy's version and writes it. */
export async function syncOnce({ db, now = Date.now, signal, want = 'delta', near, expectBytes, onProgress, ...deps }: SyncDeps): Promise<SyncResult> {
  const from = await readCopyMeta(db);
  const res = await sender(deps)(syncUrl(from, want, near), { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`sync failed: HTTP ${res.status}`);
  const text = await readBody(res, expectBytes, onProgress);
  if (onProgress) {
    onProgress({ phase: 'store', done: 0, total: null });
    await new Promise((r) => setTimeout(r, 0)); // "saving…" is painted before the long parse
  }
  const payload = JSON.parse(text) as SyncPayload;
  const result = await applySync(db, from, payload, now());
  if (result.meta.deltas >= MAX_DELTAS) return { ...result, meta: await compactCopy(db, now()) };
  return result;
}

/** Writes one sync answer onto the copy `from` (undefined: there is none yet). */
export async function applySync(db: Db, from: CopyMeta | undefined, p: SyncPayload, now: number): Promise<SyncResult> {
  if (p.format !== 1) throw new Error(`unknown sync format ${p.format}`);
  const records = p.stations.n + p.merchants.n + p.deletedStations.length + p.deletedMerchants.length;
  if (p.full || !from) {
    const meta: CopyMeta = { ...emptyMeta(p.version, (from?.gen ?? 0) + 1, now), ...(p.region ? { region: p.region } : {}) };
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
    // a regional copy keeps what is inside its box: records outside (moved out, or never in) are dropped
    const decoded = delta ? decodeRecords(kind, cols) : null;
    const clipped = decoded && meta.region ? clipDelta(meta.region.bbox, decoded, deleted) : { upserts: decoded, deleted };
    const records = clipped.upserts;
    const drop = records ? [...clipped.deleted, ...records.map((r) => r.id)] : [];
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
  const meta: CopyMeta = { ...emptyMeta(from.version, from.gen + 1, from.syncedAt), checkedAt: from.checkedAt || now, ...(from.region ? { region: from.region } : {}) };
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
