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
    const json = stmt.get() as string[];
    const column = (f: (typeof INDEX_FIELDS)[number]) => {
      const k = INDEX_FIELDS.indexOf(f);
      const values = JSON.parse(json[k]);
      json[k] = ''; // the JSON text can go as soon as it is parsed
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
      status: interned(column('status')),
      hours: interned(column('hours')),
      tz: interned(column('tz')),
    };
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
