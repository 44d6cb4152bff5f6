/**
 * "What is along this route": the corridor question over the station and merchant listings, with
 * the nearest query's filters, in route order. The API (POST /api/corridor) and the PWA's offline
 * copy both answer it here, so a corridor computed in a dead zone is the one the server would send.
 */
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, maskOf } from './catalog';
import { byRouteOrder, type CorridorHit, type CorridorIndex, type Route } from './geo/corridor';
import type { ListingCore } from './listing-core';

/** Honest caps: the most one question may ask for (the API refuses more with a 400). */
export const CORRIDOR_LIMITS = {
  points: 10_000, // positions in a line (a 1,200 km route needs a few thousand)
  width: 50_000, // metres; wider is a region, not a corridor
  items: 2000, // items per answer
  itemsDefault: 500,
};

export interface CorridorFilters {
  /** metres from the route */
  width: number;
  kinds?: ('stations' | 'merchants')[];
  open?: 'now' | '24h';
  amenities?: string[];
  types?: string[];
  categories?: string[];
  /** stations with a current notice of one of these kinds (merchants have none: left out) */
  notices?: string[];
}

export interface CorridorSide {
  core: ListingCore;
  index: CorridorIndex;
}

export type CorridorFound = CorridorHit & { kind: 'station' | 'merchant' };

/** Stations before merchants where both are as far along. */
export const corridorOrder = (a: CorridorFound, b: CorridorFound) => byRouteOrder(a, b) || (a.kind === b.kind ? 0 : a.kind === 'station' ? -1 : 1);

/** Places within the width of the route, in route order: the first `limit`, and whether there were more. */
export function corridorFind(
  sides: { stations: CorridorSide; merchants: CorridorSide }, route: Route, q: CorridorFilters, limit: number, at: Date,
): { found: CorridorFound[]; truncated: boolean } {
  const kinds = new Set(q.kinds ?? ['stations', 'merchants']);
  const search = ({ core, index }: CorridorSide, kind: CorridorFound['kind'], all: number, any: number): CorridorFound[] => {
    const open = q.open === 'now' ? (i: number) => core.openNow(i, at) === true : undefined;
    const noticed = core.noticeTest(q.notices, at);
    return index.query(route, {
      width: q.width, all, any, limit: limit + 1, only24h: q.open === '24h',
      predicate: open && noticed ? (i) => noticed(i) && open(i) : (noticed ?? open),
    }).map((h) => ({ ...h, kind }));
  };
  if (q.notices?.length) kinds.delete('merchants');
  const found = [
    ...(kinds.has('stations') ? search(sides.stations, 'station', maskOf(AMENITY_KEYS, q.amenities ?? []), maskOf(STATION_TYPE_KEYS, q.types ?? [])) : []),
    ...(kinds.has('merchants') ? search(sides.merchants, 'merchant', 0, maskOf(MERCHANT_CATEGORY_KEYS, q.categories ?? [])) : []),
  ].sort(corridorOrder);
  return { found: found.slice(0, limit), truncated: found.length > limit };
}

/** Metres rounded to 0.1 m, as answers carry them. */
export const roundMetres = (m: number) => Math.round(m * 10) / 10;
