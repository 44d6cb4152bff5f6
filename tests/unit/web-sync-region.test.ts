// A regional offline copy (the first visit on a phone): the snapshot holds the region around the
// person; later deltas, always the whole country's, are clipped to it — a record that moves out is
// dropped, one that moves in is kept, one far away is never stored —; the whole-country download
// replaces it; compaction keeps the region. IndexedDB is fake-indexeddb here.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalStation } from '../../data/records';
import { openDb, readCopyMeta, type Db } from '../../web/lib/db';
import { loadEngine } from '../../web/lib/offline-engine';
import { compactCopy, syncOnce, syncUrl, type SyncWant } from '../../web/lib/sync';
import { NOW, merchant, station, testEnv, type TestEnv } from '../api/helpers';

let env: TestEnv;
let db: Db;
let dbs = 0;
const NANJING: [number, number] = [118.78, 32.04];
const near = Array.from({ length: 40 }, (_, i) => station({ id: `nj${i}`, lat: 32 + i / 100, lng: 118.7 + i / 100, province: '江苏省' }));
const far = Array.from({ length: 10 }, (_, i) => station({ id: `lz${i}`, lat: 36 + i / 100, lng: 103.8, province: '甘肃省' }));
const sync = (want: SyncWant = 'delta') => syncOnce({ db, want, near: NANJING, fetch: async (url) => env.app.request(String(url)), now: () => NOW.getTime() });
const copyIds = async () => {
  const e = (await loadEngine(db))!;
  const all = [...near, ...far, { id: 'moved' }, { id: 'new-far' }, { id: 'new-near' }];
  return (await Promise.all(all.map(async (s) => ((await e.station(s.id, NOW)) ? s.id : null)))).filter(Boolean).sort();
};
const sorted = (a: { id: string }[]) => a.map((s) => s.id).sort();

beforeEach(async () => {
  env = await testEnv([...near, ...far], [merchant({ id: 'm-nj', lat: 32.05, lng: 118.8 }), merchant({ id: 'm-lz', lat: 36.05, lng: 103.8 })]);
  db = await openDb(`sync-region-${dbs++}`);
});
afterEach(() => env.close());

describe('a regional copy', () => {
  it('the first sync near Nanjing stores the region only and remembers it', async () => {
    const r = await sync('region');
    expect(r).toMatchObject({ full: true, records: 41 });
    expect(r.meta.region).toMatchObject({ radius: 300_000, province: '江苏省' });
    expect(await copyIds()).toEqual(sorted(near));
    expect((await loadEngine(db))!.counts).toEqual({ stations: 40, merchants: 1 });
  });

  it('a whole-country delta is clipped: changed inside kept, moved out dropped, far never stored, moved in kept, deleted gone', async () => {
    await sync('region');
    const meta = (await readCopyMeta(db))!;
    expect(syncUrl(meta, 'delta')).toBe(`/api/sync?since=${meta.version}&near=${meta.region!.center.map((x) => x.toFixed(4)).join(',')}`);
    const renamed = canonicalStation({ ...near[0], name: '改名了' }, NOW.toISOString());
    await env.store.upsertStations([
      renamed,
      canonicalStation({ ...near[1], lat: 36.2, lng: 103.9 }, NOW.toISOString()), // moved to Lanzhou
      canonicalStation({ ...far[0], lat: 32.1, lng: 118.9 }, NOW.toISOString()), // moved to Nanjing
      station({ id: 'new-far', lat: 36.3, lng: 103.7 }),
      station({ id: 'new-near', lat: 32.2, lng: 118.6 }),
    ]);
    await env.store.deleteStations(['nj2']);
    const r = await sync();
    expect(r).toMatchObject({ full: false, changed: true });
    expect(r.meta.region).toEqual(meta.region);
    const want = [...sorted(near).filter((id) => id !== 'nj1' && id !== 'nj2'), 'lz0', 'new-near'].sort();
    expect(await copyIds()).toEqual(want);
    expect((await (await loadEngine(db))!.station('nj0', NOW))!.name).toBe('改名了');
    // compaction folds the deltas and keeps the region
    const compacted = await compactCopy(db, NOW.getTime());
    expect(compacted.region).toEqual(meta.region);
    expect(await copyIds()).toEqual(want);
  });

  it('the whole-country download replaces it; deltas are then kept whole', async () => {
    await sync('region');
    const r = await sync('all');
    expect(r.full).toBe(true);
    expect(r.meta.region).toBeUndefined();
    expect(await copyIds()).toEqual(sorted([...near, ...far]));
    await env.store.upsertStations([station({ id: 'new-far', lat: 36.3, lng: 103.7 })]);
    await sync();
    expect(await copyIds()).toContain('new-far');
  });

  it('reports download progress up to the whole body', async () => {
    const seen: number[] = [];
    const size = await (await env.app.request('/api/sync/size')).json();
    await syncOnce({ db, want: 'all', expectBytes: size.json, fetch: async (url) => env.app.request(String(url)), onProgress: (p) => p.phase === 'download' && seen.push(p.done / p.total!) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(1);
  });
});
