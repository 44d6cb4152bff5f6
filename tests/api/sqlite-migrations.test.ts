/**
 * A file made by an older version gets the new migrations on its next start, with what they add
 * filled in from the rows it holds. Here 13: a temporary closure's last day beside the document (the
 * once-a-minute reopen check finds closures by it). The file at 12 is a new one with 13 undone.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../api/store/open';
import { canonicalStation } from '../../data/records';
import type { StationInput } from '../../data/schema';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const station = (id: string, over: Partial<StationInput>) =>
  canonicalStation({ id, name: `驿站${id}`, type: 'union_station', lat: 32.06, lng: 118.79, amenities: ['drinking_water'], status: 'open', ...over } as StationInput & { id: string }, '2026-11-23T02:00:00.000Z');

it('13: a file from before it gets its temporary closures\' last days filled in, and the reopen check finds them', async () => {
  const path = join(dir, 'at-12.db');
  const ends = station('ends', { status: 'temporarily_closed', closed_until: '2027-03-01' } as Partial<StationInput>);
  const endless = station('endless', { status: 'temporarily_closed' });
  const store = await openStore({ path });
  await store.upsertStations([ends, endless, station('open', {})]);
  await store.close();

  const db = new Database(path);
  db.exec('DROP INDEX stations_closing; ALTER TABLE stations DROP COLUMN closed_until');
  db.pragma('user_version = 12');
  db.close();

  const again = await openStore({ path });
  try {
    expect(await again.closingStationDocs()).toEqual([JSON.stringify(ends)]);
  } finally {
    await again.close();
  }
});
