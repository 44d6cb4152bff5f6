/**
 * Test harness for the API: a real store (a SQLite file in a temp dir, or a PostgreSQL database:
 * test-store.ts), a fixed clock, the real app.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { createListings } from '../../api/listings';
import { openTestStore } from './test-store';
import type { Store } from '../../api/store/port';
import { canonicalMerchant, canonicalStation } from '../../data/records';
import type { Merchant, Offer, Station, StationInput } from '../../data/schema';

/** 2026-11-23 10:00 in Shanghai (a Monday). */
export const NOW = new Date('2026-11-23T02:00:00Z');

export interface TestEnv {
  store: Store;
  app: ReturnType<typeof createApp>;
  dir: string;
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh store in a temp dir with the given records, and the app over it. */
export async function testEnv(stations: Station[] = [], merchants: Merchant[] = [], now = NOW): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-test-'));
  const { store, where, drop } = await openTestStore(dir);
  if (stations.length) await store.upsertStations(stations);
  if (merchants.length) await store.upsertMerchants(merchants);
  const config = { ...loadConfig({}), ...where, webRoot: join(dir, 'no-web') };
  const listings = await createListings(store, { checkIntervalMs: 0 });
  const app = createApp({ store, config, listings, clock: () => now });
  return {
    store,
    app,
    dir,
    refresh: () => listings.refreshNow(),
    close: async () => {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
/** A canonical station with sensible defaults. */
export function station(over: Partial<StationInput> & { id?: string } = {}): Station {
  seq++;
  return canonicalStation(
    { id: `t-${seq}`, name: `测试驿站${seq}`, type: 'union_station', lat: 32.06, lng: 118.79, amenities: ['drinking_water'], status: 'open', ...over } as StationInput & { id: string },
    NOW.toISOString(),
  );
}

/** A canonical merchant with sensible defaults. */
export function merchant(over: Partial<Merchant> = {}, offers: Partial<Offer>[] = []): Merchant {
  seq++;
  const id = over.id ?? `tm-${seq}`;
  const full = offers.map((o, k) => ({
    id: `${id}-o${k}`, merchant_id: id, title: `会员优惠${k}`, kind: 'percent_off', value: 10, status: 'approved', updated_at: NOW.toISOString(), ...o,
  })) as Offer[];
  return canonicalMerchant({ id, name: `测试商户${seq}`, category: 'tires', lat: 32.06, lng: 118.79, status: 'approved', offers: full, ...over } as Merchant, NOW.toISOString());
}

/** GET through app.request and parse JSON. */
export async function getJson(env: TestEnv, path: string, headers: Record<string, string> = {}) {
  const res = await env.app.request(path, { headers });
  const text = await res.text();
  return { res, status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}
