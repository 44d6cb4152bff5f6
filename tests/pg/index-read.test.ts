/**
 * The listings' index read on PostgreSQL (api/store/pg-index.ts) against SQLite's read of the same
 * records: the same columns, in rowid order, for names holding what text formats escape (tabs,
 * line breaks, backslashes, "\N"), for rows PostgreSQL has rewritten out of rowid order, and
 * without the deleted, closed or unapproved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../../api/store/pg';
import { openSqliteStore } from '../../api/store/sqlite';
import type { Store } from '../../api/store/port';
import { merchant, station } from '../api/helpers';
import { freshPgUrl } from '../pg';

const NAMES = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N \\t', '\\N', "quote ' \" ", '驿站 🚚 G50沪渝高速', '', ' spaces '];

let dir: string;
let target: { url: string; drop(): Promise<void> };
let pg: Store;
let lite: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-index-read-'));
  target = await freshPgUrl();
  pg = await openPgStore(target.url, { listen: false });
  lite = openSqliteStore(join(dir, 'yizhan.db'));
  const stations = Array.from({ length: 300 }, (_, i) => station({
    id: `r-${i}`, name: `${NAMES[i % NAMES.length]}${i}`, lat: 20 + (i % 17) * 0.731, lng: 100 + i * 0.0731,
    ...(i % 3 === 0 ? { opening_hours: i % 2 ? 'Mo-Fr 08:00-18:00' : '24/7' } : {}),
    ...(i % 5 === 0 ? { status: 'closed' as const } : i % 7 === 0 ? { status: 'temporarily_closed' as const, closed_until: '2027-01-01' } : {}),
  }));
  const merchants = Array.from({ length: 40 }, (_, i) => merchant({ id: `rm-${i}`, name: `${NAMES[i % NAMES.length]}店${i}`, status: i % 4 === 0 ? 'pending' : 'approved' }));
  for (const store of [pg, lite]) {
    await store.upsertStations(stations);
    await store.upsertMerchants(merchants);
    // rewritten rows: PostgreSQL puts their new versions at the end of the table, out of rowid order
    await store.upsertStations(stations.filter((_, i) => i % 10 === 1).map((s) => station({ ...s, name: `${s.name}\tnew`, lng: s.lng + 0.001 })));
    await store.deleteStations(['r-2', 'r-13']);
  }
});
afterAll(async () => {
  await pg?.close();
  await lite?.close();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the index read on PostgreSQL', () => {
  it('gives the stations SQLite gives, in rowid order, names with tabs and backslashes included', async () => {
    const [fromPg, fromLite] = [await pg.stationIndex(), await lite.stationIndex()];
    expect(fromPg.id.length).toBeGreaterThan(200);
    expect(fromPg).toEqual(fromLite);
    expect([...fromPg.rowid]).toEqual([...fromPg.rowid].sort((a, b) => a - b));
    expect(fromPg.name).toContain(`${NAMES[1]}${1}\tnew`);
    expect(fromPg.id).not.toContain('r-2');
  });

  it('gives the approved merchants SQLite gives', async () => {
    const [fromPg, fromLite] = [await pg.merchantIndex(), await lite.merchantIndex()];
    expect(fromPg.id).toHaveLength(30);
    expect(fromPg).toEqual(fromLite);
  });
});
