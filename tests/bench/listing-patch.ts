/**
 * npm run bench listing-patch: what one station write costs the in-memory listings at 400 k
 * stations — an in-place patch from the change feed against the full rebuild it replaces (index
 * read, build, and the lazily built parts rebuilt on next use). BENCH_PATCH_DB names a database to
 * copy (it is never written); otherwise one is made (BENCH_STATIONS, default 400 000).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createListings } from '../../api/listings';
import { openSqliteStore } from '../../api/store/sqlite';
import { canonicalStation } from '../../data/records';
import type { Station } from '../../data/schema';
import { mapAnswer } from '../../data/map-answer';
import { makeDb } from './api';
import { median, type Row } from './table';

const ms = (t0: number) => performance.now() - t0;

/** The longest the event loop was held while `work` ran: the gap between turns, in ms. */
async function longestHold<T>(work: Promise<T>): Promise<number> {
  let done = false, last = performance.now(), longest = 0;
  void work.finally(() => (done = true));
  while (!done) {
    await new Promise((r) => setImmediate(r));
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }
  return longest;
}

/** Full rebuild vs in-place patch of one changed station, in ms. */
export async function benchListingPatch(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-patch-'));
  try {
    const path = join(dir, 'patch.db');
    if (process.env.BENCH_PATCH_DB) copyFileSync(process.env.BENCH_PATCH_DB, path);
    else copyFileSync(await makeDb(dir, Number(process.env.BENCH_STATIONS ?? 400_000)), path);
    const store = openSqliteStore(path);
    const listings = await createListings(store, { checkIntervalMs: 0 });
    const n = listings.stations().size;
    const lazyParts = () => {
      const t0 = performance.now();
      const l = listings.stations();
      l.warm();
      l.corridor();
      for (const q of [{ open: '24h' as const }, { amenities: ['shower'] }]) mapAnswer(l, [73, 18, 135, 54], 5, q, new Date());
      return ms(t0);
    };
    lazyParts();
    lazyParts(); // the id map and everything else the patch path reads: built once per listing
    listings.stations().indexOf('');

    const rows: Row[] = [];
    let t0 = performance.now();
    const held = await longestHold(listings.refreshNow('stations', { rebuild: true }));
    const rebuild = ms(t0);
    const lazy = lazyParts();
    listings.stations().indexOf('');
    rows.push({ name: 'full rebuild (read + build, in turns)', value: rebuild, unit: 'ms', note: `${n} stations; the lazy parts the old listing had built included` });
    rows.push({ name: '  longest hold of the event loop', value: held, unit: 'ms', note: 'target ≤ 100 (issue 14 #3)' });
    rows.push({ name: 'lazy parts after a rebuild', value: lazy, unit: 'ms', note: 'the two filtered map views asked for (the rest was built before the swap); the server builds them in turns' });

    // one station written, then the listing brought up to date: as the admin or operator routes do
    const ids = Array.from({ length: 15 }, (_, k) => listings.stations().cols.id[Math.floor((k * n) / 15)]);
    const edits: [string, (s: Station) => Station][] = [
      ['name', (s) => ({ ...s, name: `${s.name}·改` })],
      ['hours → 24/7', (s) => ({ ...s, opening_hours: '24/7' })],
      ['amenities', (s) => ({ ...s, amenities: ['shower', 'wifi'] })],
      ['paused', (s) => ({ ...s, status: 'temporarily_closed' })],
    ];
    const before = listings.stats().stations.builds;
    for (const [what, edit] of edits) {
      const times: number[] = [], after: number[] = [];
      for (const id of ids) {
        const s = JSON.parse((await store.stationDoc(id))!) as Station;
        await store.upsertStations([canonicalStation(edit(s), new Date().toISOString())]);
        t0 = performance.now();
        await listings.refreshNow('stations');
        times.push(ms(t0));
        after.push(lazyParts()); // whatever the patch dropped, rebuilt by the next queries
      }
      rows.push({ name: `patch: ${what}`, value: median(times), unit: 'ms', note: `median of ${times.length}, max ${Math.max(...times).toFixed(1)}` });
      rows.push({ name: `  then lazy parts`, value: median(after), unit: 'ms', note: `max ${Math.max(...after).toFixed(1)}; CPU: the server builds them in turns (warmed, mapReady)` });
    }
    if (listings.stats().stations.builds !== before) throw new Error('a patchable write rebuilt the listing');
    await store.close();
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
