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
