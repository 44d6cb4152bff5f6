/**
 * GET /api/search?q=&lat=&lng=&limit=: stations and approved merchants by name (Chinese substring,
 * case-insensitive for Latin letters) or exact id. Names that start with the query come first,
 * then names containing it; within each, nearest to the given position first.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { haversine } from '../../data/geo/haversine';
import type { NearestHit } from '../../data/geo/nearest';
import type { AppEnv } from '../app';
import { jsonText } from '../http-cache';
import { merchantItems, stationItems } from '../items';
import type { Listing } from '../listing';
import { lat, lng } from '../params';
import { validate } from '../problem';

const searchQuery = z
  .object({
    q: z.string({ error: 'q is required' }).trim().min(1, 'q must not be empty').max(50, 'q must be at most 50 characters'),
    lat,
    lng,
    limit: z.string().transform(Number).pipe(z.number().int().min(1).max(50, 'limit must be ≤ 50')).optional(),
  });

interface Match extends NearestHit {
  rank: number; // 0 name starts with q (or id equals it), 1 name contains q
}

/** The best `limit` matches of one listing. */
function matches(listing: Listing, q: string, limit: number, at: { lng: number; lat: number }): Match[] {
  const needle = q.toLowerCase();
  const { name, id, lng: lngs, lat: lats } = listing.cols;
  const found: Match[] = [];
  for (let i = 0; i < listing.size; i++) {
    const n = name[i].toLowerCase();
    const pos = id[i] === q ? 0 : n.indexOf(needle);
    if (pos < 0) continue;
    found.push({ i, rank: pos === 0 ? 0 : 1, distance: haversine(at.lng, at.lat, lngs[i], lats[i]) });
  }
  found.sort((a, b) => a.rank - b.rank || a.distance - b.distance || a.i - b.i);
  return found.slice(0, limit);
}

export const searchRoutes = new Hono<AppEnv>().get('/', validate('query', searchQuery), (c) => {
  const q = c.req.valid('query');
  const { listings, store, clock } = c.get('deps');
  const at = { lng: q.lng, lat: q.lat };
  const limit = q.limit ?? 30;
  const now = clock();
  const s = matches(listings.stations(), q.q, limit, at).map((h) => ({ h, kind: 'station' as const }));
  const m = matches(listings.merchants(), q.q, limit, at).map((h) => ({ h, kind: 'merchant' as const }));
  const best = [...s, ...m].sort((a, b) => a.h.rank - b.h.rank || a.h.distance - b.h.distance).slice(0, limit);
  const items = best.map(({ h, kind }) =>
    kind === 'station'
      ? stationItems(listings.stations(), store, [h], now, '"kind":"station",')[0]
      : merchantItems(listings.merchants(), store, [h], now, '"kind":"merchant",')[0],
  );
  return jsonText(c, `{"items":[${items.filter(Boolean).join(',')}]}`, 'public, max-age=60');
});
