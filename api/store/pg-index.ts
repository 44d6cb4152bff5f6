/**
 * Bulk reads of the index columns for the in-memory listings (PostgreSQL), and the chunking
 * every bulk write shares.
 */
import { LISTED_STATUS } from '../../data/listing-query';
import type { IndexColumns } from './port';
import type { Db } from './pg-sql';

/** One index row as postgres.js hands it over (`.values()`: an array, no object per row). */
type IndexValues = [number, string, string, number, number, number, number, string, string | null, string | null];

/**
 * Reads the index columns of every live row of `table` in one statement, straight into typed
 * arrays; the few distinct statuses, opening hours and zones become shared strings, not one copy
 * per row (at 400 k stations the hours alone would hold ≈ 20 MB of copies). Rows come as arrays
 * (`.values()`: no object per row) in one fetch, unsorted: the server would sort 400 k rows on
 * disk, so the listing's order (by rowid, as SQLite's paged read joins them) is made here instead.
 */
export async function readIndexColumns(db: Db, table: 'stations' | 'merchants'): Promise<IndexColumns> {
  const rows = (await (table === 'stations'
    ? db`SELECT rowid, id, name, lng, lat, amenities, type, status, hours, tz FROM stations WHERE NOT deleted AND status <> ${LISTED_STATUS.stationsExcept}`
    : db`SELECT rowid, id, name, lng, lat, 0, category, status, hours, tz FROM merchants WHERE NOT deleted AND status = ${LISTED_STATUS.merchantsOnly}`
  ).values()) as unknown as IndexValues[];
  const n = rows.length;
  const cols: IndexColumns = {
    rowid: new Float64Array(n), id: new Array(n), name: new Array(n), lng: new Float64Array(n), lat: new Float64Array(n),
    all: new Uint32Array(n), any: new Uint32Array(n), status: new Array(n), hours: new Array(n), tz: new Array(n),
  };
  const shared = new Map<string, string>();
  const share = (s: string | null) => (s === null ? null : shared.get(s) ?? (shared.set(s, s), s));
  const order = byRowid(rows);
  for (let i = 0; i < n; i++) {
    const [rowid, id, name, lng, lat, all, any, status, hours, tz] = rows[order[i]];
    cols.rowid[i] = rowid;
    cols.id[i] = id;
    cols.name[i] = name;
    cols.lng[i] = lng;
    cols.lat[i] = lat;
    cols.all[i] = all;
    cols.any[i] = any;
    cols.status[i] = share(status)!;
    cols.hours[i] = share(hours);
    cols.tz[i] = share(tz);
  }
  return cols;
}

/** Row positions ordered by rowid. */
function byRowid(rows: IndexValues[]): Uint32Array {
  const keys = Float64Array.from(rows, (r) => r[0]);
  return new Uint32Array(rows.length).map((_, i) => i).sort((a, b) => keys[a] - keys[b]);
}

/**
 * Splits `items` into chunks of at most `size` in which no key appears twice: a repeated id
 * starts a new chunk, so its second write sees the first, as writing one by one would.
 */
export function* distinctChunks<T>(items: readonly T[], size: number, keys: (item: T) => string[]): Generator<T[]> {
  let chunk: T[] = [];
  let seen = new Set<string>();
  for (const item of items) {
    const ks = keys(item);
    if (chunk.length >= size || ks.some((k) => seen.has(k))) {
      yield chunk;
      [chunk, seen] = [[], new Set()];
    }
    chunk.push(item);
    for (const k of ks) seen.add(k);
  }
  if (chunk.length) yield chunk;
}
