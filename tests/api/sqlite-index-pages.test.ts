// The SQLite index is read in pages (8,192 rows each, a turn of the event loop between them): the
// paged read equals the one-statement read, a write between pages cannot list a record twice, and
// other work runs while a large index is read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATION_STATUSES } from '../../data/catalog';
import { generateDemo } from '../../data/demo/generate';
import { canonicalStation } from '../../data/records';
import type { Station } from '../../data/schema';
import { openSqliteStore } from '../../api/store/sqlite';
import { INDEX_PAGE_ROWS, indexJoiner, indexQuery } from '../../api/store/sqlite-index';
import { finish } from '../../data/slices';
import type { IndexColumns, Store } from '../../api/store/port';
import { NOW } from './helpers';

let dir: string;
let path: string;
let store: Store;
let stations: Station[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-pages-'));
  path = join(dir, 'pages.db');
  store = openSqliteStore(path);
  const at = NOW.toISOString();
  // more than two pages of open stations, and every other status
  stations = generateDemo({ stations: 3 * INDEX_PAGE_ROWS, merchants: 0 }).stations
    .map((s, k) => canonicalStation({ ...s, status: k % 7 === 0 ? STATION_STATUSES[k % STATION_STATUSES.length] : 'open' }, at));
  await store.upsertStations(stations);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows by rowid, for comparing two reads whatever their order. */
const rows = (c: IndexColumns) =>
  new Map(Array.from(c.rowid, (r, i) => [r, [c.id[i], c.name[i], c.lng[i], c.lat[i], c.all[i], c.any[i], c.status[i], c.hours[i], c.tz[i]]]));

describe('paged index read (SQLite)', () => {
  it('equals the one-statement read', async () => {
    const db = new Database(path, { readonly: true });
    const whole = indexQuery(db, 'stations', 'amenities', 'type', `deleted = 0 AND status != 'closed'`)();
    db.close();
    const paged = await store.stationIndex();
    expect(paged.rowid.length).toBe(whole.rowid.length);
    expect(paged.rowid.length).toBeGreaterThan(2 * INDEX_PAGE_ROWS);
    expect(rows(paged)).toEqual(rows(whole));
    expect(paged.notices).toHaveLength(paged.rowid.length);
  });

  it('lets other work run between pages', async () => {
    let between = false;
    const reading = store.stationIndex().then(() => between);
    setImmediate(() => (between = true));
    expect(await reading).toBe(true); // a read in one statement finishes before any other turn
  });

  it('joins pages into rowid order, a record read twice kept as last read', () => {
    const page = (status: string, rowids: number[]): IndexColumns => ({
      rowid: Float64Array.from(rowids), id: rowids.map((r) => `s${r}`), name: rowids.map((r) => `${status} ${r}`),
      lng: Float64Array.from(rowids, (r) => 100 + r), lat: Float64Array.from(rowids, (r) => 30 + r / 100),
      all: Uint32Array.from(rowids), any: Uint32Array.from(rowids, (r) => r * 2), status: rowids.map(() => status),
      hours: rowids.map((r) => (r % 2 ? '24/7' : null)), tz: rowids.map(() => 'Asia/Shanghai'),
    });
    const joiner = indexJoiner();
    // two pages of one status, then another status's page holding 4, which moved there between reads
    for (const p of [page('open', [1, 4, 6]), page('open', [8, 9]), page('temporarily_closed', [2, 4, 7])]) joiner.add(p);
    const out = finish(joiner.result());
    expect(Array.from(out.rowid)).toEqual([1, 2, 4, 6, 7, 8, 9]);
    expect(out.name).toEqual(['open 1', 'temporarily_closed 2', 'temporarily_closed 4', 'open 6', 'temporarily_closed 7', 'open 8', 'open 9']);
    expect(out.status[2]).toBe('temporarily_closed');
    expect(Array.from(out.lng)).toEqual([101, 102, 104, 106, 107, 108, 109]);
    expect(Array.from(out.any)).toEqual([2, 4, 8, 12, 14, 16, 18]);
    expect(out.hours).toEqual(['24/7', null, null, null, '24/7', null, '24/7']);
    expect(out.id).toEqual(['s1', 's2', 's4', 's6', 's7', 's8', 's9']);

    // three statuses, an empty page, runs starting on the same rowid, a record read three times: its last read stays
    const again = indexJoiner();
    for (const p of [page('open', [3, 5]), page('open', []), page('closed', [3, 4]), page('temporarily_closed', [1, 3])]) again.add(p);
    const three = finish(again.result());
    expect(Array.from(three.rowid)).toEqual([1, 3, 4, 5]);
    expect(three.status).toEqual(['temporarily_closed', 'temporarily_closed', 'closed', 'open']);
    // one status read whole: the rows as read
    const one = indexJoiner();
    one.add(page('open', [2, 5, 7]));
    expect(finish(one.result()).name).toEqual(['open 2', 'open 5', 'open 7']);
  });

  it('lists a record once when its status changes between pages', async () => {
    const reading = store.stationIndex();
    const moved = stations.find((s) => s.status === 'open')!;
    await new Promise((r) => setImmediate(r)); // a page or more read, others to come
    await store.upsertStations([{ ...moved, status: 'temporarily_closed' }]);
    const ids = (await reading).id as string[];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === moved.id)).toHaveLength(1);
  });
});
