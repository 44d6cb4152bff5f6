/**
 * Bulk reads of the index columns for the in-memory listings.
 */
import type Database from 'better-sqlite3';
import { SLICE_ITEMS, type Sliced } from '../../data/slices';
import { rowidOrder } from '../rowid-order';
import type { IndexColumns } from './port';

const INDEX_FIELDS = ['rowid', 'id', 'name', 'lng', 'lat', 'all', 'any', 'status', 'hours', 'tz'] as const;
// a page holds one status, so it is not read (400 k copies of a few strings, parsed and then shared)
const PAGE_FIELDS = INDEX_FIELDS.filter((f) => f !== 'status');

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

/** Rows a page of the paged index read holds (≈ 8 ms of work at 400 k stations; 70 ms with an import writing meanwhile at 8192). */
export const INDEX_PAGE_ROWS = 4096;

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
  const select = PAGE_FIELDS.map((f) => `json_group_array(c_${f})`).join(', ');
  const inner = PAGE_FIELDS.map((f) => `${cols[f]} AS c_${f}`).join(', ');
  const page = db.prepare(`SELECT ${select} FROM (SELECT ${inner} FROM ${table}
    WHERE ${where} AND status = ? AND rowid > ? ORDER BY rowid LIMIT ?)`).raw();
  return {
    statuses: () => [...listed], // the catalogue's (a DISTINCT over the index would scan all of it)
    page: (status, after, limit) => columnsOf(page.get(status, after, limit) as string[], PAGE_FIELDS, status),
  };
}

/** Index columns from one row of json_group_array texts, in `fields` order (`status`: the rows', when it is not among them). */
function columnsOf(json: string[], fields: readonly (typeof INDEX_FIELDS)[number][] = INDEX_FIELDS, status?: string): IndexColumns {
  const column = (f: (typeof INDEX_FIELDS)[number]) => {
    const k = fields.indexOf(f);
    const values = JSON.parse(json[k]);
    json[k] = '';
    return values;
  };
  const rowid = Float64Array.from(column('rowid') as number[]);
  return {
    rowid,
    id: column('id'),
    name: column('name'),
    lng: Float64Array.from(column('lng') as number[]),
    lat: Float64Array.from(column('lat') as number[]),
    all: Uint32Array.from(column('all') as number[]),
    any: Uint32Array.from(column('any') as number[]),
    status: status === undefined ? column('status') : new Array<string>(rowid.length).fill(status),
    hours: column('hours'),
    tz: column('tz'),
  };
}

/**
 * Joins pages into one set of columns, in rowid order: a record read twice (its status changed
 * between pages) is kept once, as last read; equal hours and zones are shared strings (a page's
 * status is one already). Pages are kept as read and joined at the end, each column taken straight
 * from the pages into its final order: appending row by row to 400 k-element arrays (and a rowid →
 * place Map) cost more with every page, up to 0.16 s for the last one, and joining, then ordering
 * copied each column twice. Each status's rows ascend by rowid, so the order is a merge of those runs.
 */
export function indexJoiner(): { add(page: IndexColumns): void; result(): Sliced<IndexColumns> } {
  const pages: IndexColumns[] = [];
  const shared = new Map<string, string>(); // across pages
  return {
    add: (p) => void pages.push({ ...p, hours: interned(p.hours, shared), tz: interned(p.tz, shared) }),
    *result() {
      const joined = joinTyped(pages.map((p) => p.rowid), Float64Array);
      const order = yield* rowidOrder(joined); // null: the rows as read are in order
      const n = order ? order.length : joined.length;
      // where each row as read goes (−1: read again later); none when the rows as read are in order
      const to = order && placesOf(order, joined.length);
      // a column at a time, straight from the pages into its final array, by a loop for each kind of
      // column (row by row through one loop for every column, the join was 120–190 ms of a start at 400 k)
      function* column<A extends Float64Array | Uint32Array | unknown[]>(f: keyof IndexColumns, out: A, scatter: Scatter<A>): Sliced<A> {
        for (let k = 0, at = 0, done = 0; k < pages.length; at += pages[k++].rowid.length) {
          const part = pages[k][f] as unknown as A;
          if (to) scatter(part, to, at, out);
          else place(part, out, at);
          if ((done += part.length) >= SLICE_ITEMS) {
            done = 0;
            yield;
          }
        }
        return out;
      }
      const floats = (f: 'rowid' | 'lng' | 'lat') => column(f, new Float64Array(n), scatterFloats);
      const masks = (f: 'all' | 'any') => column(f, new Uint32Array(n), scatterMasks);
      // made at their length and filled (pushing 400 k values took 4× as long: the array grew and was copied)
      const strings = <T>(f: 'id' | 'name' | 'status' | 'hours' | 'tz') => column(f, new Array<T>(n), scatterValues<T>);
      return {
        rowid: order ? yield* floats('rowid') : joined,
        id: yield* strings<string>('id'), name: yield* strings<string>('name'),
        lng: yield* floats('lng'), lat: yield* floats('lat'), all: yield* masks('all'), any: yield* masks('any'),
        status: yield* strings<string>('status'), hours: yield* strings<string | null>('hours'), tz: yield* strings<string | null>('tz'),
      };
    },
  };
}

/** Row k of `order` (a row as read, by position) goes to place k; the place of each row as read, −1 for those not in it. */
function placesOf(order: Uint32Array, read: number): Int32Array {
  const to = new Int32Array(read).fill(-1);
  for (let k = 0; k < order.length; k++) to[order[k]] = k;
  return to;
}

/** `part` (rows as read from `at`) into `out` at their places `to`: a function for each kind of column, each loop compiled for one kind of array. */
type Scatter<A> = (part: A, to: Int32Array, at: number, out: A) => void;

function scatterFloats(part: Float64Array, to: Int32Array, at: number, out: Float64Array): void {
  for (let i = 0; i < part.length; i++) if (to[at + i] >= 0) out[to[at + i]] = part[i];
}

function scatterMasks(part: Uint32Array, to: Int32Array, at: number, out: Uint32Array): void {
  for (let i = 0; i < part.length; i++) if (to[at + i] >= 0) out[to[at + i]] = part[i];
}

function scatterValues<T>(part: T[], to: Int32Array, at: number, out: T[]): void {
  for (let i = 0; i < part.length; i++) if (to[at + i] >= 0) out[to[at + i]] = part[i];
}

/** `part` into `out` from `at`. */
function place<A extends Float64Array | Uint32Array | unknown[]>(part: A, out: A, at: number): void {
  if (ArrayBuffer.isView(out)) (out as Float64Array).set(part as Float64Array, at);
  else for (let i = 0; i < part.length; i++) (out as unknown[])[at + i] = (part as unknown[])[i];
}

/** Typed arrays one after another, in one. */
function joinTyped<A extends Float64Array | Uint32Array>(parts: A[], Type: { new (n: number): A }): A {
  const out = new Type(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The same values with equal strings shared (in place), with those `seen` before too. */
function interned<T extends string | null>(values: T[], seen = new Map<string, string>()): T[] {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    const first = seen.get(v);
    if (first === undefined) seen.set(v, v);
    else values[i] = first as T;
  }
  return values;
}
