/**
 * GET /api/search?q=&lat=&lng=&limit=: stations and approved merchants by name (characters, pinyin
 * or initials; every word of a multi-word query) or exact id — data/search-index.ts, the index the
 * offline copy searches too. Names that start with the query come first, then names holding every
 * word; within each, nearest to the given position first.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { mergeSearch, type ListingKind, type SearchMatch } from '../../data/listing-core';
import { LIMITS } from '../../data/listing-query';
import type { AppEnv } from '../env';
import { jsonText } from '../http-cache';
import { itemsJson, merchantItems, stationItems, present } from '../items';
import type { Listing } from '../listing';
import type { Listings } from '../listings';
import { lat, lng } from '../params';
import { validate } from '../problem';

const searchQuery = z
  .object({
    q: z.string({ error: 'q is required' }).trim().min(1, 'q must not be empty').max(50, 'q must be at most 50 characters'),
    lat,
    lng,
    limit: z.string().transform(Number).pipe(z.number().int().min(1).max(LIMITS.searchMax, `limit must be ≤ ${LIMITS.searchMax}`)).optional(),
  });

export const searchRoutes = new Hono<AppEnv>().get('/', validate('query', searchQuery), async (c) => {
  const q = c.req.valid('query');
  const { listings, store, clock } = c.get('deps');
  const at = { lng: q.lng, lat: q.lat };
  const limit = q.limit ?? LIMITS.searchDefault;
  const now = clock();
  type Hit = { h: SearchMatch; kind: 'station' | 'merchant' };
  const [stations, merchants] = await Promise.all((['stations', 'merchants'] as const).map((kind) => searchable(listings, kind)));
  const s = stations.search(q.q, at, limit).map((h): Hit => ({ h, kind: 'station' }));
  const m = merchants.search(q.q, at, limit).map((h): Hit => ({ h, kind: 'merchant' }));
  const best = mergeSearch(s, m, limit);
  // each kind's records in one read, then back in the merged order (records gone meanwhile are left out)
  const built = {
    station: await stationItems(stations, store, best.filter((b) => b.kind === 'station').map((b) => b.h), now, '"kind":"station",'),
    merchant: await merchantItems(merchants, store, best.filter((b) => b.kind === 'merchant').map((b) => b.h), now, '"kind":"merchant",'),
  };
  const next = { station: 0, merchant: 0 };
  const items = present(best.map(({ kind }) => built[kind][next[kind]++]));
  return jsonText(c, itemsJson(items), 'public, max-age=60');
});

/**
 * The listing a search reads (Listings.searchable) once its search index is built (built in turns,
 * not while this request holds the event loop). When a newer listing replaced it meanwhile and its
 * index is not built yet, the one just waited for answers: under a stream of writes, waiting for
 * each new one could go on for ever, and a listing a moment old answers consistently from its own records.
 */
async function searchable(listings: Listings, kind: ListingKind): Promise<Listing> {
  const listing = listings.searchable(kind);
  await listing.searchReady();
  const now = listings.searchable(kind);
  return now.prepareSearch(0) ? now : listing;
}
