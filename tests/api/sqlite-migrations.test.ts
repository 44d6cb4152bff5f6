/**
 * A file made by an older version gets the new migrations on its next start, and what they add
 * covers the rows it already holds. Here 13: a temporary closure's last day, by which the
 * once-a-minute reopen check finds the closures (generated from the documents).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrate } from '../../api/store/migrations';
import { openStore } from '../../api/store/open';
import { canonicalStation } from '../../data/records';
import type { StationInput } from '../../data/schema';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const station = (id: string, over: Partial<StationInput>) =>
  canonicalStation({ id, name: `驿站${id}`, type: 'union_station', lat: 32.06, lng: 118.79, amenities: ['drinking_water'], status: 'open', ...over } as StationInput & { id: string }, '2026-11-23T02:00:00.000Z');

it('13: the temporary closures a file held before it are found by the reopen check', async () => {
  const path = join(dir, 'at-12.db');
  const ends = station('ends', { status: 'temporarily_closed', closed_until: '2027-03-01' } as Partial<StationInput>);
  const rows = [ends, station('endless', { status: 'temporarily_closed' }), station('open-with-a-day', { closed_until: '2027-03-01' } as Partial<StationInput>)];
  const db = new Database(path);
  migrate(db, 12);
  const insert = db.prepare(`INSERT INTO stations (id, name, doc, lng, lat, type, amenities, status, version) VALUES (?, ?, ?, ?, ?, 1, 1, ?, 1)`);
  for (const s of rows) insert.run(s.id, s.name, JSON.stringify(s), s.lng, s.lat, s.status);
  db.close();

  const store = await openStore({ path });
  try {
    expect(await store.closingStationDocs()).toEqual([JSON.stringify(ends)]);
  } finally {
    await store.close();
  }
});
