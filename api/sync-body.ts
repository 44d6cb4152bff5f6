/**
 * The /api/sync body: what changed since a version, columnar (data/sync-codec.ts). Built in the
 * server for small stores and in the background process (background-worker.ts) for large ones.
 * A regional snapshot holds only the records in its box (data/sync-region.ts) and says which.
 */
import { haversine } from '../data/geo/haversine';
import { publicMerchant } from '../data/merchants';
import type { Station } from '../data/schema';
import { encodeMerchants, encodeStations, spatialOrder } from '../data/sync-codec';
import { inBox, type SyncRegion } from '../data/sync-region';
import type { Store } from './store/port';

/** The province of the station nearest the region's centre (the name the app shows for it). */
function provinceOf(region: SyncRegion, stations: readonly Station[]): string | undefined {
  let best: Station | undefined;
  let bestD = Infinity;
  for (const s of stations) {
    const d = s.province ? haversine(region.center[0], region.center[1], s.lng, s.lat) : Infinity;
    if (d < bestD) [best, bestD] = [s, d];
  }
  return best?.province;
}

/**
 * The sync body for `since` against the store's current state, with the offers of `day`; with a
 * region, a snapshot holds only the records inside it (a delta is always the whole country's).
 */
export async function syncBody(store: Store, since: number, day: string, region?: SyncRegion): Promise<string> {
  const version = await store.version();
  const full = since === 0 || since > version;
  const from = full ? 0 : since;
  const s = await store.stationChanges(from);
  const m = await store.merchantChanges(from);
  const within = full && region ? (r: { lng: number; lat: number }) => inBox(region.bbox, r.lng, r.lat) : () => true;
  const stations = s.upserts.map((d) => JSON.parse(d) as Station).filter(within);
  const place = full && region ? { region: { ...region, province: provinceOf(region, stations) } } : {};
  return JSON.stringify({
    format: 1,
    version: s.version,
    since: from,
    full,
    ...place,
    stations: encodeStations(spatialOrder(stations)),
    deletedStations: full ? [] : s.deleted,
    merchants: encodeMerchants(spatialOrder(m.upserts.filter(within).map((x) => publicMerchant(x, day, true)))),
    deletedMerchants: full ? [] : m.deleted,
  });
}
