/**
 * One kind of listing (stations or merchants) in memory: the shared listing core from data/ (the
 * same code the PWA runs over its offline copy) plus what only the server needs: store row ids,
 * a small cache of served documents and the route-corridor index.
 */
import { createCorridorIndex, type CorridorIndex } from '../data/geo/corridor';
import { createListingCore, type ListingCore, type ListingKind } from '../data/listing-core';
import type { IndexColumns, IndexRow } from './store/port';

export type { ListingQuery } from '../data/listing-core';

export interface Listing extends ListingCore<IndexColumns> {
  /** Record i as an object (for the few places that want one). */
  row(i: number): IndexRow;
  /** Documents by listing index, from a small cache in front of `load` (cleared with the listing). */
  docs(ids: readonly number[], load: (rowids: number[]) => Promise<(string | undefined)[]>): Promise<(string | undefined)[]>;
  /** The route-corridor index over the same points (built on first use: ≈ 25 MB at 400 k stations). */
  corridor(): CorridorIndex;
}

const DOC_CACHE_ENTRIES = 10_000; // served documents kept in memory per listing (≈ 1–2 KB each)

/** Builds the indexes of one listing from its columns. */
export function buildListing(cols: IndexColumns, kind: ListingKind): Listing {
  const core = createListingCore(cols, kind);
  const docCache = new Map<number, string>();
  async function docs(ids: readonly number[], load: (rowids: number[]) => Promise<(string | undefined)[]>) {
    const out = ids.map((i) => docCache.get(i));
    const missing = ids.filter((_, k) => out[k] === undefined);
    if (missing.length === 0) return out;
    const loaded = await load(missing.map((i) => cols.rowid[i]));
    missing.forEach((i, k) => {
      const doc = loaded[k];
      if (doc === undefined) return;
      if (docCache.size >= DOC_CACHE_ENTRIES) docCache.delete(docCache.keys().next().value!);
      docCache.set(i, doc);
      out[ids.indexOf(i)] = doc;
    });
    return out;
  }
  const row = (i: number): IndexRow => ({
    rowid: cols.rowid[i], id: cols.id[i], name: cols.name[i], lng: cols.lng[i], lat: cols.lat[i],
    all: cols.all[i], any: cols.any[i], status: cols.status[i], hours: cols.hours[i], tz: cols.tz[i],
  });
  let corridorIndex: CorridorIndex | undefined;
  return Object.assign(core, {
    row,
    docs,
    corridor: () => (corridorIndex ??= createCorridorIndex(core.points)),
  });
}
