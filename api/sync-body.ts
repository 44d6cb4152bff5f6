/**
 * The /api/sync body: what changed since a version, columnar (data/sync-codec.ts). Built in the
 * server for small stores and in the background process (background-worker.ts) for large ones.
 */
import { publicMerchant } from '../data/merchants';
import type { Station } from '../data/schema';
import { encodeMerchants, encodeStations, spatialOrder } from '../data/sync-codec';
import type { Store } from './store/port';

/** The sync body for `since` against the store's current state, with the offers of `day`. */
export async function syncBody(store: Store, since: number, day: string): Promise<string> {
  const version = await store.version();
  const full = since === 0 || since > version;
  const from = full ? 0 : since;
  const s = await store.stationChanges(from);
  const m = await store.merchantChanges(from);
  const stations = s.upserts.map((d) => JSON.parse(d) as Station);
  return JSON.stringify({
    format: 1,
    version: s.version,
    since: from,
    full,
    stations: encodeStations(spatialOrder(stations)),
    deletedStations: full ? [] : s.deleted,
    merchants: encodeMerchants(spatialOrder(m.upserts.map((x) => publicMerchant(x, day, true)))),
    deletedMerchants: full ? [] : m.deleted,
  });
}
