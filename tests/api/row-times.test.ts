/**
 * Nearest rows spelt from the listing's columns and each station's row times (api/row-times.ts)
 * are byte for byte the rows read from the documents, and need no document read; a station that
 * changed since its times were read, or whose row the times cannot spell, is read as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { createListings } from '../../api/listings';
import { readRowTimes, rowTimesOf } from '../../api/row-times';
import { openSqliteStore } from '../../api/store/sqlite';
import type { Store } from '../../api/store/port';
import { generateDemo } from '../../data/demo/generate';
import { canonicalStation } from '../../data/records';
import type { Station } from '../../data/schema';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-row-times-'));
const store = openSqliteStore(join(dir, 'test.db'));
// demo stations around Nanjing (times written with +08:00), and a few the times cannot spell
const demo = generateDemo({ stations: 400, merchants: 0 }).stations.map((s, k) => ({ ...s, lat: 32 + (k % 20) * 0.01, lng: 118.7 + Math.floor(k / 20) * 0.01 }));
const [a, b, c, d] = demo.filter((s) => s.status === 'open');
const odd: Station[] = [
  { ...a, id: 'odd-out', amenities_unavailable: [a.amenities[0]] },
  { ...b, id: 'odd-closed', status: 'temporarily_closed', closed_until: '2026-12-24' },
  { ...d, id: 'odd-verified', verified_at: undefined },
];
// a document from before records were canonical: its time as it came
const oddTime = { ...canonicalStation({ ...c, id: 'odd-time' }, c.updated_at), updated_at: '2026-06-12T08:40:00+08:00' };
await store.upsertStations([...[...demo, ...odd].map((s) => canonicalStation(s, s.updated_at)), oddTime]);
const NOW = new Date('2026-11-23T02:00:30Z');
const config = { ...loadConfig({}), databasePath: join(dir, 'test.db'), webRoot: join(dir, 'no-web') };

/** The same store, counting the documents nearest reads. */
function counted(s: Store): Store & { read: number } {
  const c = Object.create(s) as Store & { read: number };
  c.read = 0;
  c.stationDocs = async (rowids) => {
    c.read += rowids.length;
    return s.stationDocs(rowids);
  };
  return c;
}

const fromDocs = counted(store), fromTimes = counted(store);
const plain = await createListings(store), timed = await createListings(store, { checkIntervalMs: 0, settleMovesMs: 200 });
const apps = [plain, timed].map((listings, k) => createApp({ store: k ? fromTimes : fromDocs, listings, clock: () => NOW, config }));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const nearestText = async (app: (typeof apps)[number], lat: number, lng: number) =>
  (await app.request(`/api/stations/nearest?lat=${lat}&lng=${lng}&limit=20`)).text();

describe('station rows from row times', () => {
  it('are the rows the documents give, without reading one', async () => {
    await readRowTimes(timed.stations(), store);
    const l = timed.stations();
    const unspelt = new Set(Array.from({ length: l.size }, (_, i) => i).filter((i) => !rowTimesOf(l, i)).map((i) => l.cols.id[i]));
    expect(unspelt.size).toBeLessThan(l.size / 20); // demo stations with amenities out of order or a closure's last day, and:
    for (const id of ['odd-out', 'odd-closed', 'odd-time']) expect(unspelt, id).toContain(id);
    expect(unspelt).not.toContain('odd-verified');
    const answered = new Set<string>();
    for (let k = 0; k < 25; k++) {
      const [lat, lng] = [32 + (k % 5) * 0.04, 118.7 + Math.floor(k / 5) * 0.04];
      const [a, b] = [await nearestText(apps[0], lat, lng), await nearestText(apps[1], lat, lng)];
      const items = JSON.parse(b).items as { id: string }[];
      expect(items).toHaveLength(20);
      expect(b).toBe(a);
      for (const x of items) answered.add(x.id);
    }
    expect(answered.size).toBeGreaterThan(300);
    expect(fromDocs.read).toBe(answered.size); // each station's document once, then its row is kept
    expect(fromTimes.read).toBe([...answered].filter((id) => unspelt.has(id)).length); // only those the times cannot spell
    expect(fromTimes.read).toBeGreaterThanOrEqual(3);
  });

  it('follow a change to the station: its row is read from its document again', async () => {
    const s = demo[100];
    await store.upsertStations([canonicalStation({ ...s, name: '改名驿站' }, '2026-11-23T02:00:00.000Z')]);
    await timed.refreshNow('stations');
    const l = timed.stations(), i = l.indexOf(s.id)!;
    expect(l.stamp(i)).toBeGreaterThan(0); // patched in place, not rebuilt
    expect(rowTimesOf(l, i)).toBeUndefined();
    const before = fromTimes.read;
    const item = JSON.parse(await nearestText(apps[1], s.lat, s.lng)).items.find((x: { id: string }) => x.id === s.id);
    expect(item).toMatchObject({ name: '改名驿站', updated_at: '2026-11-23T02:00:00.000Z' });
    expect(fromTimes.read).toBe(before + 1);
  });

  it('hold over a move in place, and carry over to the listing rebuilt after it: only the moved station is read again', async () => {
    const before = timed.stations(), s = demo[200], i = before.indexOf(s.id)!;
    const had = Array.from({ length: before.size }, (_, j) => j).filter((j) => rowTimesOf(before, j));
    expect(had).toContain(i);
    await store.upsertStations([canonicalStation({ ...s, lat: s.lat + 0.003 }, '2026-11-23T02:00:10.000Z')]);
    await Promise.all([timed.refreshNow('stations'), plain.refreshNow('stations')]);
    expect(timed.stations()).toBe(before); // moved in place
    expect(Array.from({ length: before.size }, (_, j) => j).filter((j) => rowTimesOf(before, j))).toEqual(had.filter((j) => j !== i));
    await vi.waitFor(() => expect(timed.stations()).not.toBe(before), { timeout: 10_000, interval: 20 }); // then rebuilt from the listing in hand
    const after = timed.stations();
    expect(after.indexOf(s.id)).toBe(i);
    expect(Array.from({ length: after.size }, (_, j) => j).filter((j) => rowTimesOf(after, j))).toEqual(had.filter((j) => j !== i));
    const docsBefore = fromTimes.read;
    const [a, b] = [await nearestText(apps[0], s.lat + 0.003, s.lng), await nearestText(apps[1], s.lat + 0.003, s.lng)];
    expect(b).toBe(a);
    const spelt = (JSON.parse(b).items as { id: string }[]).filter((x) => rowTimesOf(after, after.indexOf(x.id)!)).length;
    expect(fromTimes.read - docsBefore).toBeLessThanOrEqual(20 - spelt); // documents only for rows the times cannot spell
    expect(spelt).toBeGreaterThan(10);
    const reader = counted(store);
    await readRowTimes(after, reader);
    expect(reader.read).toBe(after.size - had.length + 1); // the moved one, and those no times spell
    expect(rowTimesOf(after, i)).toMatchObject({ updated: Date.parse('2026-11-23T02:00:10.000Z') });
  });

  it('stop being read for a listing no longer served (a rebuilt one replaced it)', async () => {
    const ls = await createListings(store), l = ls.stations();
    let batches = 0;
    await readRowTimes(l, store, () => batches++ < 1);
    const read = Array.from({ length: l.size }, (_, i) => i).filter((i) => rowTimesOf(l, i));
    expect(read.length).toBeGreaterThan(100);
    expect(Math.max(...read)).toBeLessThan(256); // the first batch only
  });

  it('are not read from a store that cannot be read; rows come from documents meanwhile', async () => {
    const gone = openSqliteStore(join(dir, 'gone.db'));
    await gone.upsertStations(demo.slice(0, 10).map((s) => canonicalStation(s, s.updated_at)));
    const ls = await createListings(gone);
    await gone.close();
    await expect(readRowTimes(ls.stations(), gone)).rejects.toThrow();
    expect(rowTimesOf(ls.stations(), 0)).toBeUndefined();
  });
});
