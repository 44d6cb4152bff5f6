import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { createListings } from '../../api/listings';
import { openSqliteStore } from '../../api/store/sqlite';
import { canonicalStation } from '../../data/records';
import { station } from './helpers';

// items.ts keeps each served station's item (after its distance) for the minute: the live fields
// must still follow the clock across minutes, and the record must follow writes.
const dir = mkdtempSync(join(tmpdir(), 'yizhan-items-'));
const store = openSqliteStore(join(dir, 'test.db'));
const shop = station({ id: 'day', name: '白天驿站', opening_hours: '08:00-18:00', lat: 32.0601, lng: 118.7901 });
await store.upsertStations([shop]);
const listings = await createListings(store, { checkIntervalMs: 0 });
let now = new Date('2026-11-23T09:59:30Z'); // 17:59:30 in Shanghai
const app = createApp({ store, listings, clock: () => now, config: { ...loadConfig({}), databasePath: join(dir, 'test.db'), webRoot: join(dir, 'no-web') } });
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const nearest = async () => {
  const res = await app.request('/api/stations/nearest?lat=32.06&lng=118.79&limit=1');
  return (await res.json()).items[0];
};

describe('nearest items over time', () => {
  it('are the same within a minute and follow the clock into the next', async () => {
    const first = await nearest();
    expect(first).toMatchObject({ id: 'day', openNow: true, nextChange: '2026-11-23T10:00:00.000Z', name: '白天驿站' });
    now = new Date('2026-11-23T09:59:59Z');
    expect(await nearest()).toEqual(first);
    now = new Date('2026-11-23T10:00:01Z'); // 18:00:01: closed until 08:00 tomorrow
    expect(await nearest()).toMatchObject({ id: 'day', openNow: false, nextChange: '2026-11-24T00:00:00.000Z', distance: first.distance });
  });

  it('follow writes to the record', async () => {
    await store.upsertStations([canonicalStation({ ...shop, name: '改名驿站' }, now.toISOString())]);
    await listings.refreshNow('stations');
    expect(await nearest()).toMatchObject({ id: 'day', name: '改名驿站' });
  });
});

describe('nearest items while a request waits for documents', () => {
  it('a station patched meanwhile gets its new live fields, and the stations that shared its hours keep theirs', async () => {
    const here = mkdtempSync(join(tmpdir(), 'yizhan-items-race-'));
    const db = openSqliteStore(join(here, 'test.db'));
    const day = { opening_hours: '08:00-18:00', name: '白天驿站' };
    await db.upsertStations([
      station({ ...day, id: 'a', lat: 32.0601, lng: 118.7901 }),
      station({ ...day, id: 'b', lat: 32.0611, lng: 118.7911 }),
      station({ ...day, id: 'c', lat: 32.0621, lng: 118.7921 }),
    ]);
    const ls = await createListings(db, { checkIntervalMs: 0 });
    let at = new Date('2026-11-23T02:00:30Z'); // 10:00:30 in Shanghai: open until 18:00
    const web = createApp({ store: db, listings: ls, clock: () => at, config: { ...loadConfig({}), databasePath: join(here, 'test.db'), webRoot: join(here, 'no-web') } });
    const items = async (limit: number) => (await (await web.request(`/api/stations/nearest?lat=32.06&lng=118.79&limit=${limit}`)).json()).items;
    try {
      expect((await items(2)).map((i: { id: string }) => i.id)).toEqual(['a', 'b']); // a and b encoded, c not yet
      at = new Date('2026-11-23T02:01:30Z'); // the next minute: the live members are made afresh
      let release!: () => void, reached!: () => void;
      const gate = new Promise<void>((r) => (release = r)), waiting = new Promise<void>((r) => (reached = r));
      const read = db.stationDocs;
      db.stationDocs = async (rowids) => (reached(), await gate, read(rowids)); // c's document waits
      const answer = items(3);
      await waiting;
      const listing = ls.stations(), a = listing.indexOf('a')!, row = listing.row(a);
      listing.patch([{ i: a, values: { name: row.name, all: row.all, any: row.any, status: row.status, hours: '24/7', tz: row.tz } }]);
      release();
      const [first, second, third] = await answer;
      db.stationDocs = read;
      expect(first).toMatchObject({ id: 'a', is24h: true, openNow: true });
      expect(first.nextChange).toBeUndefined();
      for (const other of [second, third, ...(await items(3)).slice(1)]) {
        expect(other).toMatchObject({ is24h: false, openNow: true, nextChange: '2026-11-23T10:00:00.000Z' });
      }
    } finally {
      db.close();
      rmSync(here, { recursive: true, force: true });
    }
  });
});
