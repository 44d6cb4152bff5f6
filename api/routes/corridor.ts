/**
 * POST /api/corridor: stations and approved merchants within `width` metres of a line, in route
 * order, each with `along` (metres from the start to where the route passes nearest) and `offset`
 * (metres from the route). Amenities and types filter stations, categories filter merchants.
 *
 * Paging: an answer cut at `limit` carries `next`; the same question with `cursor: next` continues
 * in route order after the last item, nothing repeated or skipped while the data is unchanged. If
 * the data changes between pages, the next page continues after the same place on the route over
 * the new data: places added or moved before it are not shown, removed ones are not listed, none
 * is repeated (bar places at exactly the last item's along and offset, ordered by listing position).
 * `open: "now"` is evaluated when each page is asked for.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, NOTICE_KIND_KEYS, STATION_TYPE_KEYS } from '../../data/catalog';
import { CORRIDOR_LIMITS, corridorFind, corridorOrder, decodeCursor, encodeCursor, roundMetres, type CorridorFound } from '../../data/corridor-listing';
import { routeCache } from '../../data/geo/corridor';
import type { AppEnv } from '../env';
import { jsonText } from '../http-cache';
import { itemsJson, merchantItems, stationItems, withFields, type Item } from '../items';
import type { Listing } from '../listing';
import type { Store } from '../store/port';
import { problem, validate } from '../problem';

export { CORRIDOR_LIMITS };

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
  notices: keys(NOTICE_KIND_KEYS, 'notice kind').optional(),
  limit: z.number().int('limit must be a whole number').min(1, 'limit must be ≥ 1').max(CORRIDOR_LIMITS.items, `limit must be ≤ ${CORRIDOR_LIMITS.items}`).optional(),
  cursor: z.string({ error: 'cursor must be the "next" string of the previous page' }).min(1).max(200, 'cursor is too long').optional(),
});

/** The lines of the last few corridors asked for, prepared: the next page of one reads on where the last ended. */
const prepared = routeCache();

export const corridorRoutes = new Hono<AppEnv>().post('/', validate('json', corridorBody), async (c) => {
  const q = c.req.valid('json');
  const { listings, store, clock } = c.get('deps');
  const at = clock(), route = prepared(q.line), stations = listings.stations(), merchants = listings.merchants();
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, route, q.width);
  if (after && 'error' in after) return problem(c, 400, after.error, { invalid_params: [{ name: 'cursor', reason: after.error }] });
  await Promise.all([stations.corridorReady(), merchants.corridorReady()]); // built between other requests on first use
  const { found, truncated, next } = corridorFind({ stations, merchants }, route, q, q.limit ?? CORRIDOR_LIMITS.itemsDefault, at, after);
  const items = [
    ...(await itemsWithHits(stations, store, found.filter((h) => h.kind === 'station'), at, stationItems)),
    ...(await itemsWithHits(merchants, store, found.filter((h) => h.kind === 'merchant'), at, merchantItems)),
  ].sort((a, b) => corridorOrder(a.hit, b.hit));
  const more = next ? `"next":${JSON.stringify(encodeCursor(next, route, q.width))},` : '';
  const body = itemsJson(items.map((t) => t.item), `{"length":${roundMetres(route.length)},"truncated":${truncated},${more}"items":[`);
  return jsonText(c, body, 'no-store');
});

type ItemBuilder = typeof stationItems;

/** Items (the record spliced with kind, along, offset, open now…) paired with their hits; records gone since the index was built are left out. */
async function itemsWithHits(l: Listing, store: Store, hits: CorridorFound[], at: Date, build: ItemBuilder): Promise<{ hit: CorridorFound; item: Item }[]> {
  const extra = (h: CorridorFound) => `"kind":"${h.kind}","along":${roundMetres(h.along)},"offset":${roundMetres(h.offset)},`;
  const all = await build(l, store, hits.map((h) => ({ i: h.i, distance: h.offset })), at, '');
  return hits.flatMap((hit, k) => {
    const item = all[k];
    return item ? [{ hit, item: withFields(item, extra(hit)) }] : [];
  });
}
