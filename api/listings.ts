/**
 * The in-memory side of the store: nearest and viewport indexes for stations and approved
 * merchants, built from the store's index rows and rebuilt when the store reports a write
 * (an import from another process shows up without a restart).
 */
import type { NearestHit } from '../data/geo/nearest';
import type { Store } from './store/port';
import { buildListing, type Listing } from './listing';

export interface Listings {
  stations(): Listing;
  merchants(): Listing;
  /** Rebuilds the indexes if anyone wrote to the store (checked at most once a second). */
  refreshIfChanged(): void;
  /** Rebuilds now (after this process wrote), only the named listing when given. */
  refreshNow(kind?: 'stations' | 'merchants'): void;
  /** Builds the lazily built parts (clusters) now, e.g. right after the server starts listening. */
  warm(): void;
}

export interface ListingsOptions {
  /** minimum time between two checks of the store for writes, in ms */
  checkIntervalMs?: number;
}

/** Builds both listings from the store. */
export function createListings(store: Store, options: ListingsOptions = {}): Listings {
  const checkIntervalMs = options.checkIntervalMs ?? 1000;
  let stations = buildListing(store.stationIndex(), 'stations');
  let merchants = buildListing(store.merchantIndex(), 'merchants');
  store.externallyChanged(); // the state just read is the baseline
  let lastCheck = Date.now();
  return {
    stations: () => stations,
    merchants: () => merchants,
    refreshIfChanged() {
      const now = Date.now();
      if (now - lastCheck < checkIntervalMs) return;
      lastCheck = now;
      if (!store.externallyChanged()) return;
      stations = buildListing(store.stationIndex(), 'stations');
      merchants = buildListing(store.merchantIndex(), 'merchants');
    },
    refreshNow(kind) {
      if (!kind) store.externallyChanged(); // both rebuilt: this write is seen
      if (kind !== 'merchants') stations = buildListing(store.stationIndex(), 'stations');
      if (kind !== 'stations') merchants = buildListing(store.merchantIndex(), 'merchants');
    },
    warm() {
      stations.viewport().build();
      merchants.viewport().build();
    },
  };
}

/** Distance in metres rounded to 0.1 m for responses. */
export const roundDistance = (h: NearestHit) => Math.round(h.distance * 10) / 10;
