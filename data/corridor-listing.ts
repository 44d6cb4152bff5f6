/**
 * "What is along this route": the corridor question over the station and merchant listings, with
 * the nearest query's filters, in route order. The API (POST /api/corridor) and the PWA's offline
 * copy both answer it here, so a corridor computed in a dead zone is the one the server would send.
 */
import { byRouteOrder, type CorridorHit, type Route, type RoutePlace } from './geo/corridor';
import type { ListingCore } from './listing-core';
import { filterMasks, type ListingFilters } from './listing-query';

/** Honest caps: the most one question may ask for (the API refuses more with a 400). */
export const CORRIDOR_LIMITS = {
  points: 10_000, // positions in a line (a 1,200 km route needs a few thousand)
  width: 50_000, // metres; wider is a region, not a corridor
  items: 2000, // items per answer
  itemsDefault: 500,
};

/** The nearest filters (a notices filter leaves merchants out: they have none), the width and which kinds. */
export interface CorridorFilters extends ListingFilters {
  /** metres from the route */
  width: number;
  kinds?: ('stations' | 'merchants')[];
}

export type CorridorFound = CorridorHit & { kind: 'station' | 'merchant' };

/** Stations before merchants where both are as far along. */
export const corridorOrder = (a: CorridorFound, b: CorridorFound) => byRouteOrder(a, b) || (a.kind === b.kind ? 0 : a.kind === 'station' ? -1 : 1);

/** Where a page ended: the last item's place in route order, its kind and its id (stable across listings and rebuilds). */
export interface CorridorPlace {
  along: number;
  offset: number;
  kind: CorridorFound['kind'];
  id: string;
}

/**
 * Places within the width of the route, in route order: the first `limit` after `after` (a page's
 * last place; absent: from the start), whether there were more, and if so where this page ends.
 */
export function corridorFind(
  sides: { stations: ListingCore; merchants: ListingCore }, route: Route, q: CorridorFilters, limit: number, at: Date,
  after?: CorridorPlace,
): { found: CorridorFound[]; truncated: boolean; next?: CorridorPlace } {
  const kinds = new Set(q.kinds ?? ['stations', 'merchants']);
  const from = (kind: CorridorFound['kind']): RoutePlace | undefined =>
    after && { along: after.along, offset: after.offset, tieAfter: tieAfter(sides, after, kind) };
  const search = (core: ListingCore, kind: CorridorFound['kind']): CorridorFound[] => {
    const { all, any } = filterMasks(core.kind, q);
    const open = q.open === 'now' ? (i: number) => core.openNow(i, at) === true : undefined;
    const noticed = core.noticeTest(q.notices, at);
    const hits = core.corridor().hits(route, {
      width: q.width, all, any, limit: limit + 1, only24h: q.open === '24h', after: from(kind),
      predicate: open && noticed ? (i) => noticed(i) && open(i) : (noticed ?? open),
    });
    return Array.from({ length: hits.size }, (_, k) => ({ i: hits.i[k], along: hits.along[k], offset: hits.offset[k], kind }));
  };
  if (q.notices?.length) kinds.delete('merchants');
  const found = [
    ...(kinds.has('stations') ? search(sides.stations, 'station') : []),
    ...(kinds.has('merchants') ? search(sides.merchants, 'merchant') : []),
  ].sort(corridorOrder);
  if (found.length <= limit) return { found, truncated: false };
  const last = found[limit - 1], side = last.kind === 'station' ? sides.stations : sides.merchants;
  return { found: found.slice(0, limit), truncated: true, next: { along: last.along, offset: last.offset, kind: last.kind, id: side.cols.id[last.i] } };
}

/**
 * Route order is along, offset, index, then stations before merchants: whether a place of `kind`
 * exactly at p's along and offset, with index i, comes after p. p's index is looked up only on
 * such a tie (rare: two places at one position); a place gone since p was given counts as -1.
 */
function tieAfter(sides: { stations: ListingCore; merchants: ListingCore }, p: CorridorPlace, kind: CorridorFound['kind']): (i: number) => boolean {
  let pi: number | undefined;
  return (i) => {
    pi ??= Array.prototype.indexOf.call((p.kind === 'station' ? sides.stations : sides.merchants).cols.id, p.id) as number;
    return i > pi || (i === pi && p.kind === 'station' && kind === 'merchant');
  };
}

/**
 * A page's end as the opaque `next`/`cursor` text (JSON: the place with exact numbers, plus the
 * route's length and the width, so that a cursor sent with another question is refused, not misread).
 */
export function encodeCursor(p: CorridorPlace, route: Route, width: number): string {
  return JSON.stringify([1, p.along, p.offset, p.kind, p.id, route.length, width]);
}

/** The place a cursor names, or why it cannot be used with this route and width. */
export function decodeCursor(text: string, route: Route, width: number): CorridorPlace | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = null;
  }
  const ok = Array.isArray(v) && v.length === 7 && v[0] === 1 && [v[1], v[2], v[5], v[6]].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (v[3] === 'station' || v[3] === 'merchant') && typeof v[4] === 'string';
  if (!ok) return { error: 'cursor is not one this API gave (pass back the "next" of the previous page unchanged)' };
  const [, along, offset, kind, id, length, w] = v as [1, number, number, CorridorFound['kind'], string, number, number];
  if (length !== route.length || w !== width) return { error: 'cursor belongs to another route or width: page with the same line and width' };
  return { along, offset, kind, id };
}

/** Metres rounded to 0.1 m, as answers carry them. */
export const roundMetres = (m: number) => Math.round(m * 10) / 10;
