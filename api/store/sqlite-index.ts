/**
 * Bulk reads of the index columns for the in-memory listings.
 */
import type Database from 'better-sqlite3';
import type { IndexColumns } from './port';

const INDEX_FIELDS = ['rowid', 'id', 'name', 'lng', 'lat', 'all', 'any', 'status', 'hours', 'tz'] as const;

/**
 * Reads the index columns of every matching row in one statement: SQLite builds one JSON array
 * per column natively (from a covering index), which is several times faster than making a JS
 * object per row — start-up at 400 k stations depends on it. Numbers go into typed arrays, and
 * the few distinct statuses, opening hours and zones are shared strings, not one copy per row
 * (at 400 k stations the hours alone would hold ≈ 20 MB of copies).
 */
export function indexQuery(db: Database.Database, table: string, allCol: string, anyCol: string, where: string): () => IndexColumns {
  const cols = { rowid: 'rowid', id: 'id', name: 'name', lng: 'lng', lat: 'lat', all: allCol, any: anyCol, status: 'status', hours: 'hours', tz: 'tz' };
  const select = INDEX_FIELDS.map((f) => `json_group_array(${cols[f]})`).join(', ');
  const stmt = db.prepare(`SELECT ${select} FROM ${table} WHERE ${where}`).raw();
  return () => {
    const read = columnsOf(stmt.get() as string[]);
    return { ...read, status: interned(read.status), hours: interned(read.hours), tz: interned(read.tz) };
  };
}

/** Rows a page of the paged index read holds (≈ 15 ms of work at 400 k stations). */
export const INDEX_PAGE_ROWS = 8192;

/** The paged read of the same columns: the listed statuses, then each status's rows by rowid, a page at a time. */
export interface IndexPages {
  /** the statuses whose rows the index holds */
  statuses(): string[];
  /** up to `limit` rows of `status` with rowid > `after`, by rowid */
  page(status: string, after: number, limit: number): IndexColumns;
}

/**
 * The index read in pages (a read of 400 k stations at once held the event loop 2.4 s). Each page
 * is one statement over the same covering index (deleted, status, rowid, …), so the caller can let
 * other work run in between; rows changed meanwhile are caught up by the change feed.
 */
export function indexPages(db: Database.Database, table: string, allCol: string, anyCol: string, where: string, listed: readonly string[]): IndexPages {
  const cols = { rowid: 'rowid', id: 'id', name: 'name', lng: 'lng', lat: 'lat', all: allCol, any: anyCol, status: 'status', hours: 'hours', tz: 'tz' };
  const select = INDEX_FIELDS.map((f) => `json_group_array(c_${f})`).join(', ');
  const inner = INDEX_FIELDS.map((f) => `${cols[f]} AS c_${f}`).join(', ');
  const page = db.prepare(`SELECT ${select} FROM (SELECT ${inner} FROM ${table}
    WHERE ${where} AND status = ? AND rowid > ? ORDER BY rowid LIMIT ?)`).raw();
  return {
    statuses: () => [...listed], // the catalogue's (a DISTINCT over the index would scan all of it)
    page: (status, after, limit) => columnsOf(page.get(status, after, limit) as string[]),
  };
}

/** Index columns from one row of json_group_array texts (in INDEX_FIELDS order). */
function columnsOf(json: string[]): IndexColumns {
  const column = (f: (typeof INDEX_FIELDS)[number]) => {
    const k = INDEX_FIELDS.indexOf(f);
    const values = JSON.parse(json[k]);
    json[k] = '';
    return values;
  };
  return {
    rowid: Float64Array.from(column('rowid') as number[]),
    id: column('id'),
    name: column('name'),
    lng: Float64Array.from(column('lng') as number[]),
    lat: Float64Array.from(column('lat') as number[]),
    all: Uint32Array.from(column('all') as number[]),
    any: Uint32Array.from(column('any') as number[]),
    status: column('status'),
    hours: column('hours'),
    tz: column('tz'),
  };
}

/**
 * Joins pages into one set of columns as they are read (a few milliseconds a page): a record read
 * twice (its status changed between pages) is kept once, as last read; equal statuses, hours and
 * zones are shared strings.
 */
export function indexJoiner(): { add(page: IndexColumns): void; result(): IndexColumns } {
  const at = new Map<number, number>(); // rowid → its place in the output
  const rowid: number[] = [], id: string[] = [], name: string[] = [], lng: number[] = [], lat: number[] = [];
  const all: number[] = [], any: number[] = [], status: string[] = [], hours: (string | null)[] = [], tz: (string | null)[] = [];
  const shared = new Map<string, string>();
  const share = <T extends string | null>(v: T): T => {
    if (v === null) return v;
    const first = shared.get(v);
    if (first !== undefined) return first as T;
    shared.set(v, v);
    return v;
  };
  return {
    add(p) {
      for (let i = 0; i < p.rowid.length; i++) {
        let j = at.get(p.rowid[i]);
        if (j === undefined) at.set(p.rowid[i], (j = rowid.length));
        rowid[j] = p.rowid[i]; id[j] = p.id[i]; name[j] = p.name[i]; lng[j] = p.lng[i]; lat[j] = p.lat[i];
        all[j] = p.all[i]; any[j] = p.any[i]; status[j] = share(p.status[i]); hours[j] = share(p.hours[i]); tz[j] = share(p.tz[i]);
      }
    },
    result: () => ({
      rowid: Float64Array.from(rowid), id, name, lng: Float64Array.from(lng), lat: Float64Array.from(lat),
      all: Uint32Array.from(all), any: Uint32Array.from(any), status, hours, tz,
    }),
  };
}

/** The same values with equal strings shared (in place). */
function interned<T extends string | null>(values: T[]): T[] {
  const seen = new Map<string, T>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    const first = seen.get(v);
    if (first === undefined) seen.set(v, v);
    else values[i] = first;
  }
  return values;
}
