/**
 * The demo dataset on an empty database, so a new user sees a working map at once.
 */
import { generateDemo } from '../data/demo/generate';
import { canonicalMerchant, canonicalStation } from '../data/records';
import type { Store } from './store/port';

/** Loads `stations` demo stations (and merchants) when the store has no stations; returns how many. */
export async function seedIfEmpty(store: Store, stations: number, now = new Date()): Promise<number> {
  if ((await store.counts()).stations > 0 || (await store.version()) > 0) return 0;
  const demo = generateDemo({ stations, merchants: Math.round(stations / 5) });
  const at = now.toISOString();
  await store.upsertStations(demo.stations.map((s) => canonicalStation(s, s.updated_at ?? at)));
  await store.upsertMerchants(demo.merchants.map((m) => canonicalMerchant(m, m.updated_at ?? at)));
  return demo.stations.length;
}
