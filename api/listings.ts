/**
 * The in-memory side of the store: nearest and viewport indexes for stations and approved
 * merchants, built from the store's index rows and rebuilt when the store reports a write (an
 * import from another process, or a write through another API process on PostgreSQL, shows up
 * without a restart). While a rebuild runs, the listings it replaces keep answering.
 */
import type { Store } from './store/port';
import { buildListing, type Listing } from './listing';

type Kind = 'stations' | 'merchants';

export interface Listings {
  stations(): Listing;
  merchants(): Listing;
  /**
   * Rebuilds the stale listings if anyone wrote to the store (asked at most once per interval);
   * resolves when that rebuild is done or has failed (at once when nothing changed); never rejects.
   */
  refreshIfChanged(): Promise<void>;
  /** Rebuilds now (after this process wrote), only the named listing when given; resolves when it serves. */
  refreshNow(kind?: Kind): Promise<void>;
  /** The store version the listings were built at (every table's newest write was at or below it). */
  builtAt(): number;
  /**
   * Builds the lazily built parts (nearest filter trees, clusters) now, e.g. right after the server
   * starts listening. The route-corridor index stays lazy: few use it, and it costs ≈ 25 MB and
   * 0.4 s at 400 k stations.
   */
  warm(): void;
}

export interface ListingsOptions {
  /** minimum time between two checks of the store for writes, in ms */
  checkIntervalMs?: number;
}

/** Builds both listings from the store. */
export async function createListings(store: Store, options: ListingsOptions = {}): Promise<Listings> {
  const checkIntervalMs = options.checkIntervalMs ?? 1000;
  store.externallyChanged(); // what is read next is the baseline
  let builtAt = await store.version();
  let built = await store.tableVersions();
  let stations = buildListing(await store.stationIndex(), 'stations');
  let merchants = buildListing(await store.merchantIndex(), 'merchants');
  let lastCheck = Date.now();
  let running: Promise<void> = Promise.resolve();
  let failed = false; // the last rebuild failed (database gone): try again on the next check

  /** Rebuilds the named listings (by default: those whose table has a newer version), one rebuild at a time. */
  function rebuild(kinds?: Kind[]): Promise<void> {
    const next = running.then(async () => {
      const version = await store.version();
      const now = await store.tableVersions();
      const stale = kinds ?? (['stations', 'merchants'] as const).filter((k) => now[k] !== built[k]);
      if (stale.includes('stations')) stations = buildListing(await store.stationIndex(), 'stations');
      if (stale.includes('merchants')) merchants = buildListing(await store.merchantIndex(), 'merchants');
      built = { ...built, ...Object.fromEntries(stale.map((k) => [k, now[k]])) };
      builtAt = version;
    });
    running = next.then(() => void (failed = false), () => void (failed = true));
    return next;
  }

  return {
    stations: () => stations,
    merchants: () => merchants,
    refreshIfChanged() {
      const now = Date.now();
      if (now - lastCheck < checkIntervalMs) return Promise.resolve();
      lastCheck = now;
      // the old listings keep answering if the store cannot be read now
      return store.externallyChanged() || failed ? rebuild().catch(() => {}) : Promise.resolve();
    },
    refreshNow: (kind) => rebuild(kind ? [kind] : ['stations', 'merchants']),
    builtAt: () => builtAt,
    warm() {
      for (const l of [stations, merchants]) l.warm();
    },
  };
}
