/**
 * POST /api/corridor: stations and approved merchants within `width` metres of a line, in route
 * order, each with `along` (metres from the start to where the route passes nearest) and `offset`
 * (metres from the route). Amenities and types filter stations, categories filter merchants.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, maskOf } from '../../data/catalog';
import { byRouteOrder, prepareRoute, type CorridorHit, type CorridorIndex } from '../../data/geo/corridor';
import type { AppEnv } from '../app';
import { jsonText } from '../http-cache';
import { merchantItems, stationItems } from '../items';
import type { Listing } from '../listing';
import type { Store } from '../store/port';
import { validate } from '../problem';

/** Honest caps: the most one request may ask for. */
export const CORRIDOR_LIMITS = {
  points: 10_000, // positions in a line (a 1,200 km route needs a few thousand)
  width: 50_000, // metres; wider is a region, not a corridor
  items: 2000, // items per response
  itemsDefault: 500,
};

const lng = z.number({ error: 'longitude must be a number' }).min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180');
const lat = z.number({ error: 'latitude must be a number' }).min(-85, 'latitude must be ≥ -85').max(85, 'latitude must be ≤ 85');
const keys = <K extends string>(all: readonly [K, ...K[]], what: string) =>
  z.array(z.enum(all, { error: `unknown ${what}; allowed: ${all.join(', ')}` }), { error: `must be an array of ${what} keys` });

export const corridorBody = z.object({
  line: z
    .array(z.tuple([lng, lat], z.number()), { error: 'line must be an array of [lng, lat] positions' })
    .min(2, 'line needs at least 2 positions')
    .max(CORRIDOR_LIMITS.points, `line may have at most ${CORRIDOR_LIMITS.points} positions; simplify it first`),
  width: z.number({ error: 'width must be a number of metres' }).min(1, 'width must be ≥ 1 m').max(CORRIDOR_LIMITS.width, `width must be ≤ ${CORRIDOR_LIMITS.width} m`),
  kinds: z.array(z.enum(['stations', 'merchants'], { error: 'kinds are "stations" and "merchants"' })).min(1, 'kinds must not be empty').optional(),
  open: z.enum(['now', '24h'], { error: 'open must be "now" or "24h"' }).optional(),
  amenities: keys(AMENITY_KEYS, 'amenity').optional(),
  types: keys(STATION_TYPE_KEYS, 'station type').optional(),
  categories: keys(MERCHANT_CATEGORY_KEYS, 'category').optional(),
  limit: z.number().int('limit must be a whole number').min(1, 'limit must be ≥ 1').max(CORRIDOR_LIMITS.items, `limit must be ≤ ${CORRIDOR_LIMITS.items}`).optional(),
});

/** One corridor index per listing, built on first use (a listing is replaced, never changed). */
const indexOf = (l: Listing): CorridorIndex => l.corridor();

type Found = CorridorHit & { kind: 'station' | 'merchant' };

export const corridorRoutes = new Hono<AppEnv>().post('/', validate('json', corridorBody), (c) => {
  const q = c.req.valid('json');
  const { listings, store, clock } = c.get('deps');
  const at = clock(), route = prepareRoute(q.line), limit = q.limit ?? CORRIDOR_LIMITS.itemsDefault;
  const kinds = new Set(q.kinds ?? ['stations', 'merchants']);
  const search = (l: Listing, kind: Found['kind'], all: number, any: number): Found[] =>
    indexOf(l).query(route, {
      width: q.width, all, any, limit: limit + 1, only24h: q.open === '24h',
      predicate: q.open === 'now' ? (i) => l.openNow(i, at) === true : undefined,
    }).map((h) => ({ ...h, kind }));
  const found = [
    ...(kinds.has('stations') ? search(listings.stations(), 'station', maskOf(AMENITY_KEYS, q.amenities ?? []), maskOf(STATION_TYPE_KEYS, q.types ?? [])) : []),
    ...(kinds.has('merchants') ? search(listings.merchants(), 'merchant', 0, maskOf(MERCHANT_CATEGORY_KEYS, q.categories ?? [])) : []),
  ].sort((a, b) => byRouteOrder(a, b) || (a.kind === b.kind ? 0 : a.kind === 'station' ? -1 : 1));
  const shown = found.slice(0, limit);
  const items = [
    ...texts(listings.stations(), store, shown.filter((h) => h.kind === 'station'), at, stationItems),
    ...texts(listings.merchants(), store, shown.filter((h) => h.kind === 'merchant'), at, merchantItems),
  ].sort((a, b) => byRouteOrder(a.hit, b.hit) || (a.hit.kind === b.hit.kind ? 0 : a.hit.kind === 'station' ? -1 : 1));
  const body = `{"length":${round(route.length)},"truncated":${found.length > limit},"items":[${items.map((t) => t.text).join(',')}]}`;
  return jsonText(c, body, 'no-store');
});

type ItemBuilder = typeof stationItems;

/**
 * Item texts (the record spliced with kind, along, offset, open now…) paired with their hits. The
 * builders skip records gone since the index was built, so they go one hit at a time when any is.
 */
function texts(l: Listing, store: Store, hits: Found[], at: Date, build: ItemBuilder): { hit: Found; text: string }[] {
  const extra = (h: Found) => `"kind":"${h.kind}","along":${round(h.along)},"offset":${round(h.offset)},`;
  const near = hits.map((h) => ({ i: h.i, distance: h.offset }));
  const all = build(l, store, near, at, '');
  if (all.length === hits.length) return all.map((t, k) => ({ hit: hits[k], text: `{${extra(hits[k])}${t.slice(1)}` }));
  return hits.flatMap((h, k) => build(l, store, [near[k]], at, extra(h)).map((text) => ({ hit: h, text })));
}

/** Metres rounded to 0.1 m for responses. */
const round = (m: number) => Math.round(m * 10) / 10;
