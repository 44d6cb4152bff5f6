/**
 * The offline copy's storage format, as pure functions (no IndexedDB here; see db.ts).
 *
 * Records are kept in columnar chunks of CHUNK_ROWS, in the server's spatial order: an index part
 * (ids, names, positions as Float64Array, masks as Uint32Array, status/hours/zone as small
 * dictionaries — what the nearest index needs, cloned out of IndexedDB in a few milliseconds) and
 * a doc part (the full records in the sync codec's compact columns, as one JSON text, decoded
 * only for the chunks whose records are shown). A delta is one more chunk that names the ids it
 * replaces or deletes in earlier chunks (`drop`), so applying it writes only what changed.
 */
import type { ListingColumns, ListingKind } from '../../data/listing-core';
import { isListed } from '../../data/listing-query';
import { merchantValues, stationValues } from '../../data/listing-record';
import { localDate, merchantSearchText } from '../../data/merchants';
import type { Merchant, Station } from '../../data/schema';
import { decodeMerchants, decodeStations, encodeMerchants, encodeStations, sliceColumns, type Columns } from '../../data/sync-codec';
import type { NoticeSpan } from '../../data/notices';
import { pacer } from './tasks';

/** Records per chunk: small enough that showing one record decodes little, large enough to load fast. */
export const CHUNK_ROWS = 4096;

/** Repeated text as a dictionary: `d[i[r] - 1]` is row r's value, 0 means none. */
export interface Dict {
  d: string[];
  i: Uint16Array | Uint32Array;
}

/** The index part of a chunk. */
export interface IndexChunk {
  key: string;
  kind: ListingKind;
  n: number;
  /** ids whose records in earlier chunks this chunk replaces or deletes (empty in a snapshot) */
  drop: string[];
  id: string[];
  name: string[];
  lng: Float64Array;
  lat: Float64Array;
  all: Uint32Array;
  any: Uint32Array;
  status: Dict;
  hours: Dict;
  tz: Dict;
  /** [row, notice windows] of the few stations with notices (absent in copies made before notices) */
  notices?: [number, NoticeSpan[]][];
  /** merchants: what search finds them by besides the name (absent in copies made before it: found by name only) */
  text?: string[];
}

/**
 * An index chunk as IndexedDB stores it: ids and names as one text each instead of thousands of
 * small strings, which IndexedDB clones several times faster (ids cannot contain a newline).
 */
export type StoredIndexChunk = Omit<IndexChunk, 'id' | 'name'> & { ids: string; names: string };

/** The stored form of an index chunk. */
export function packChunk({ id, name, ...rest }: IndexChunk): StoredIndexChunk {
  return { ...rest, ids: id.join('\n'), names: JSON.stringify(name) };
}

/** An index chunk from its stored form. */
export function unpackChunk({ ids, names, ...rest }: StoredIndexChunk): IndexChunk {
  return { ...rest, id: rest.n ? ids.split('\n') : [], name: JSON.parse(names) as string[] };
}

/** The doc part of a chunk: its records as sync-codec columns, JSON-encoded. */
export interface DocChunk {
  key: string;
  json: string;
}

export type PlaceRecord = Station | Merchant;

/** Chunk keys sort in write order: kind, generation, sequence. */
export const chunkKey = (kind: ListingKind, gen: number, seq: number) =>
  `${kind}:${String(gen).padStart(6, '0')}:${String(seq).padStart(6, '0')}`;

function dict(values: (string | undefined)[]): Dict {
  const d: string[] = [];
  const seen = new Map<string, number>();
  const i = new (values.length < 65_536 ? Uint16Array : Uint32Array)(values.length);
  values.forEach((v, r) => {
    if (v === undefined) return;
    let k = seen.get(v);
    if (k === undefined) seen.set(v, (k = d.push(v)));
    i[r] = k;
  });
  return { d, i };
}

/** Value of row r in a dictionary column (null when absent). */
export const dictAt = (c: Dict, r: number): string | null => (c.i[r] === 0 ? null : c.d[c.i[r] - 1]);

/** Decodes a sync payload's columns of one kind into records. */
export function decodeRecords(kind: ListingKind, cols: Columns): PlaceRecord[] {
  return kind === 'stations' ? decodeStations(cols) : decodeMerchants(cols);
}

/** Records to put in chunks: `n` of them, read a part at a time. */
export interface RowSource {
  n: number;
  rows(start: number, end: number): PlaceRecord[];
}

/** Records already in memory. */
export const recordSource = (records: readonly PlaceRecord[]): RowSource => ({ n: records.length, rows: (a, b) => records.slice(a, b) });

/** A sync payload's columns, decoded a chunk at a time (a 100 k snapshot never exists as objects at once). */
export const columnSource = (kind: ListingKind, cols: Columns): RowSource => ({
  n: cols.n,
  rows: (a, b) => decodeRecords(kind, sliceColumns(kind, cols, a, b)),
});

/**
 * The chunks (index and docs) holding the source's records, numbered from `seq`; the first carries
 * `drop`. Built in steps (STEP_ROWS records decoded and indexed, a chunk's dictionaries, its docs),
 * pausing between them, so a large sync never freezes the page: on a slow phone a whole chunk at
 * once was a 200 ms task, and a step of 1,024 rows 80–100 ms on a first visit (code not yet compiled).
 */
export async function buildChunks(kind: ListingKind, source: RowSource, gen: number, seq: number, drop: string[] = [], pause = pacer()) {
  const index: IndexChunk[] = [];
  const docs: DocChunk[] = [];
  for (let start = 0; start < source.n || (start === 0 && drop.length > 0); start += CHUNK_ROWS) {
    const end = Math.min(source.n, start + CHUNK_ROWS), part: PlaceRecord[] = [];
    const built = indexBuilder(kind, chunkKey(kind, gen, seq++), end - start, start === 0 ? drop : []);
    for (let a = start; a < end; a += STEP_ROWS) {
      if (a > 0) await pause();
      const rows = source.rows(a, Math.min(end, a + STEP_ROWS));
      built.add(rows);
      part.push(...rows);
    }
    if (source.n > STEP_ROWS) await pause();
    index.push(built.done(part));
    if (source.n > STEP_ROWS) await pause();
    docs.push({ key: built.key, json: JSON.stringify(kind === 'stations' ? encodeStations(part as Station[]) : encodeMerchants(part as Merchant[])) });
  }
  return { index, docs, next: seq };
}
/**
 * Records decoded and indexed per step of buildChunks: about 5 ms on a first visit here (20 ms on
 * the 4× phone), under the 50 ms of a long task.
 */
const STEP_ROWS = 256;

/** The index part of a chunk of `n` records: their rows `add`ed a step at a time, then `done` with them all. */
function indexBuilder(kind: ListingKind, key: string, n: number, drop: string[]) {
  const c = {
    key, kind, n, drop, id: new Array<string>(n), name: new Array<string>(n),
    lng: new Float64Array(n), lat: new Float64Array(n), all: new Uint32Array(n), any: new Uint32Array(n),
  };
  const notices: [number, NoticeSpan[]][] = [];
  let k = 0;
  return {
    key,
    add(rows: readonly PlaceRecord[]): void {
      for (const r of rows) {
        c.id[k] = r.id;
        c.name[k] = r.name;
        c.lng[k] = r.lng;
        c.lat[k] = r.lat;
        // the index values as the server's store computes them (data/listing-record.ts)
        const v = kind === 'stations' ? stationValues(r as Station) : merchantValues(r as Merchant);
        c.all[k] = v.all;
        c.any[k] = v.any;
        if (v.notices) notices.push([k, v.notices]);
        k++;
      }
    },
    done(part: readonly PlaceRecord[]): IndexChunk {
      const day = localDate(new Date());
      return {
        ...c,
        ...(kind === 'merchants' ? { text: (part as Merchant[]).map((m) => merchantSearchText(m, day)) } : {}),
        status: dict(part.map((r) => r.status)),
        hours: dict(part.map((r) => r.opening_hours)),
        tz: dict(part.map((r) => r.timezone)),
        ...(notices.length ? { notices } : {}),
      };
    },
  };
}

/** Where a record lives: chunk number (in load order) and row. */
export interface Place {
  chunk: number;
  row: number;
}

/** The live records of a kind, merged from its chunks, as the columns a ListingCore is built over. */
export interface MergedListing {
  cols: ListingColumns;
  /** live records, listed or not */
  live: number;
  /** listing index → chunk number and row */
  chunkOf: Uint32Array;
  rowOf: Uint32Array;
  /** The live records left out of the listing (permanently closed stations), by id: found for their detail. */
  unlisted: ReadonlyMap<string, Place>;
}

/**
 * Merges chunks (in write order): a record is live unless a later chunk drops its id. Records that
 * the server leaves out of its listing (data/listing-query.ts `isListed`: permanently closed
 * stations) stay findable by id for their detail but are not indexed.
 */
export function mergeChunks(chunks: readonly IndexChunk[], kind: ListingKind): MergedListing {
  const live = liveRows(chunks);
  const listed = (status: string | null) => isListed(kind, status);
  // per chunk: which status dictionary entries are listed (index 0: no status)
  const listedBy = chunks.map((c) => [listed(null), ...c.status.d.map(listed)]);
  let total = 0;
  let alive = 0;
  chunks.forEach((c, k) => {
    for (let r = 0; r < c.n; r++) {
      if (live[k] && !live[k]![r]) continue;
      alive++;
      if (listedBy[k][c.status.i[r]]) total++;
    }
  });
  const cols = {
    id: new Array<string>(total), name: new Array<string>(total), lng: new Float64Array(total), lat: new Float64Array(total),
    all: new Uint32Array(total), any: new Uint32Array(total), status: new Array<string>(total),
    hours: new Array<string | null>(total), tz: new Array<string | null>(total),
    notices: new Array<NoticeSpan[] | null>(total).fill(null),
    ...(chunks.some((c) => c.kind === 'merchants') ? { text: new Array<string>(total) } : {}),
  };
  const spansOf = chunks.map((c) => (c.notices ? new Map(c.notices) : null));
  const chunkOf = new Uint32Array(total);
  const rowOf = new Uint32Array(total);
  const unlisted = new Map<string, Place>(); // live, not listed: the few permanently closed stations
  let i = 0;
  chunks.forEach((c, k) => {
    for (let r = 0; r < c.n; r++) {
      if (live[k] && !live[k]![r]) continue;
      if (!listedBy[k][c.status.i[r]]) {
        unlisted.set(c.id[r], { chunk: k, row: r });
        continue;
      }
      cols.id[i] = c.id[r];
      cols.name[i] = c.name[r];
      cols.lng[i] = c.lng[r];
      cols.lat[i] = c.lat[r];
      cols.all[i] = c.all[r];
      cols.any[i] = c.any[r];
      cols.status[i] = dictAt(c.status, r) ?? '';
      cols.hours[i] = dictAt(c.hours, r);
      cols.tz[i] = dictAt(c.tz, r);
      cols.notices[i] = spansOf[k]?.get(r) ?? null;
      if (cols.text) cols.text[i] = c.text?.[r] ?? '';
      chunkOf[i] = k;
      rowOf[i] = r;
      i++;
    }
  });
  return { cols, live: alive, chunkOf, rowOf, unlisted };
}

/** Per chunk, which rows are live (null: all of them — the common case without deltas). */
function liveRows(chunks: readonly IndexChunk[]): (Uint8Array | null)[] {
  const dropped = new Set<string>();
  const out: (Uint8Array | null)[] = new Array(chunks.length).fill(null);
  for (let k = chunks.length - 1; k >= 0; k--) {
    const c = chunks[k];
    if (dropped.size > 0) {
      const live = new Uint8Array(c.n);
      for (let r = 0; r < c.n; r++) live[r] = dropped.has(c.id[r]) ? 0 : 1;
      out[k] = live;
    }
    for (const id of c.drop) dropped.add(id);
  }
  return out;
}

/** The live records of all chunks of a kind, in order (for compaction: rewrite them as a snapshot). */
export function liveRecords(kind: ListingKind, chunks: readonly IndexChunk[], docs: readonly DocChunk[]): PlaceRecord[] {
  const live = liveRows(chunks);
  return chunks.flatMap((c, k) => {
    const records = decodeRecords(kind, JSON.parse(docs[k].json) as Columns);
    return live[k] ? records.filter((_, r) => live[k]![r]) : records;
  });
}
