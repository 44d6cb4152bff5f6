// The offline copy's sync: a full snapshot, then deltas that apply upserts and deletions; a sync
// interrupted mid-write (a throw inside the IndexedDB transaction) leaves the previous copy whole;
// compaction folds deltas without changing a record. IndexedDB is fake-indexeddb here.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalStation } from '../../data/records';
import { openDb, readCopyMeta, type Db } from '../../web/lib/db';
import { loadEngine } from '../../web/lib/offline-engine';
import { CHUNK_ROWS } from '../../web/lib/offline-copy';
import { MAX_DELTAS, compactCopy, syncOnce, type SyncPayload } from '../../web/lib/sync';
import { NOW, merchant, station, testEnv, type TestEnv } from '../api/helpers';

let env: TestEnv;
let db: Db;
let dbs = 0;
const stations = Array.from({ length: CHUNK_ROWS + 50 }, (_, i) => station({ id: `s${i}`, lat: 30 + (i % 100) / 100, lng: 120 + Math.floor(i / 100) / 100 }));
const sync = () => syncOnce({ db, fetch: async (url) => env.app.request(String(url)), now: () => NOW.getTime() });
const at = { lat: 30.5, lng: 120.2 };
const ids = async () => (await (await loadEngine(db))!.nearestStations({ ...at, limit: 100, maxDistance: 2_000_000 }, NOW)).map((s) => s.id).sort();
const copyIds = async () => {
  const e = (await loadEngine(db))!;
  return Promise.all(stations.map(async (s) => ((await e.station(s.id, NOW)) ? s.id : null))).then((a) => a.filter(Boolean));
};

beforeEach(async () => {
  env = await testEnv(stations, [merchant({ id: 'm1' }, [{ title: '九折' }])]);
  db = await openDb(`sync-${dbs++}`);
});
afterEach(() => env.close());

/** Makes every IndexedDB put after the first `okPuts` throw, as a crash mid-write would. */
function failPutsAfter(okPuts: number): () => void {
  const proto = globalThis.IDBObjectStore.prototype;
  const put = proto.put;
  let n = 0;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (++n > okPuts) throw new DOMException('disk full (test)', 'QuotaExceededError');
    return put.apply(this, args);
  };
  return () => (proto.put = put);
}

describe('sync', () => {
  it('a first sync writes a full snapshot in chunks', async () => {
    const r = await sync();
    expect(r).toMatchObject({ full: true, changed: true });
    const meta = (await readCopyMeta(db))!;
    expect(meta.version).toBe(await env.store.version());
    expect(meta.chunks.stations).toHaveLength(2);
    expect(meta.counts).toEqual({ stations: stations.length, merchants: 1 });
    expect((await loadEngine(db))!.counts.stations).toBe(stations.length);
  });

  it('a delta applies upserts (changed and new) and deletions', async () => {
    await sync();
    await env.store.upsertStations([canonicalStation({ ...stations[3], name: '改名了' }, NOW.toISOString()), station({ id: 'new-1', ...at })]);
    await env.store.deleteStations(['s7', 's4100']);
    await env.store.upsertMerchants([merchant({ id: 'm1', status: 'suspended' })]);
    const r = await sync();
    expect(r).toMatchObject({ full: false, changed: true, records: 5 });
    const e = (await loadEngine(db))!;
    expect((await e.station('s3', NOW))!.name).toBe('改名了');
    expect(await e.station('new-1', NOW)).toMatchObject({ id: 'new-1' });
    expect(await e.station('s7', NOW)).toBeUndefined();
    expect(await e.station('s4100', NOW)).toBeUndefined();
    expect(await e.merchant('m1', NOW)).toBeUndefined();
    expect(e.counts).toEqual({ stations: stations.length - 1, merchants: 0 });
    // the renamed station is listed once, under its new name
    const near = await e.nearestStations({ lat: stations[3].lat, lng: stations[3].lng, limit: 3 }, NOW);
    expect(near.filter((s) => s.id === 's3').map((s) => s.name)).toEqual(['改名了']);
  });

  it('nothing new: only the check time and version move', async () => {
    await sync();
    const before = (await readCopyMeta(db))!;
    const r = await sync();
    expect(r).toMatchObject({ changed: false, records: 0 });
    const after = (await readCopyMeta(db))!;
    expect(after.chunks).toEqual(before.chunks);
  });

  it('an interrupted delta leaves the previous copy and version intact; the next sync catches up', async () => {
    await sync();
    const before = (await readCopyMeta(db))!;
    const was = await copyIds();
    await env.store.deleteStations(['s1', 's2']);
    await env.store.upsertStations([station({ id: 'new-2', ...at })]);
    const restore = failPutsAfter(1);
    await expect(sync()).rejects.toThrow(/disk full/);
    restore();
    expect(await readCopyMeta(db)).toEqual(before);
    expect(await copyIds()).toEqual(was);
    await sync();
    const e = (await loadEngine(db))!;
    expect(await e.station('s1', NOW)).toBeUndefined();
    expect(await e.station('new-2', NOW)).toBeDefined();
  });

  it('an interrupted full snapshot (the server data was replaced) keeps the old copy', async () => {
    await sync();
    const before = (await readCopyMeta(db))!;
    const was = await ids();
    const restore = failPutsAfter(2);
    const replaced: Partial<SyncPayload> = { since: 999, full: true };
    await expect(
      syncOnce({
        db,
        now: () => NOW.getTime(),
        fetch: async (url) => {
          const res = await env.app.request(String(url).replace(/since=\d+/, 'since=0'));
          return new Response(JSON.stringify({ ...(await res.json()), ...replaced }));
        },
      }),
    ).rejects.toThrow(/disk full/);
    restore();
    expect(await readCopyMeta(db)).toEqual(before);
    expect(await ids()).toEqual(was);
  });

  it(`after ${MAX_DELTAS} deltas the copy is compacted into one snapshot with the same records`, async () => {
    await sync();
    for (let k = 0; k < MAX_DELTAS; k++) {
      await env.store.upsertStations([canonicalStation({ ...stations[k], name: `第${k}次改名` }, NOW.toISOString())]);
      await env.store.deleteStations([`s${100 + k}`]);
      await sync();
    }
    const meta = (await readCopyMeta(db))!;
    expect(meta.deltas).toBe(0);
    expect(meta.chunks.stations).toHaveLength(2);
    const e = (await loadEngine(db))!;
    expect(e.counts.stations).toBe(stations.length - MAX_DELTAS);
    expect((await e.station('s5', NOW))!.name).toBe('第5次改名');
    expect(await e.station('s105', NOW)).toBeUndefined();
  });

  it('a copy changed meanwhile (another tab synced) is not written over', async () => {
    await sync();
    await env.store.upsertStations([station({ id: 'new-3', ...at })]);
    await sync();
    const meta = (await readCopyMeta(db))!;
    // a compaction computed now, racing a delta written by another tab, must not lose the delta
    const racing = compactCopy(db, NOW.getTime());
    await env.store.upsertStations([station({ id: 'new-4', ...at })]);
    await Promise.allSettled([racing, sync()]);
    const e = (await loadEngine(db))!;
    expect(await e.station('new-3', NOW)).toBeDefined();
    expect(await e.station('new-4', NOW)).toBeDefined();
    expect((await readCopyMeta(db))!.version).toBeGreaterThan(meta.version);
  });
});

describe('chunks', () => {
  it('a slice of sync columns decodes to the same records as the whole, for any cut', async () => {
    const { decodeStations, encodeStations, sliceColumns } = await import('../../data/sync-codec');
    const all = stations.slice(0, 300);
    const cols = JSON.parse(JSON.stringify(encodeStations(all)));
    for (const [a, b] of [[0, 1], [0, 300], [1, 2], [17, 171], [299, 300], [250, 400]]) {
      expect(decodeStations(sliceColumns('stations', cols, a, b))).toEqual(all.slice(a, b));
    }
  });
});
