/**
 * A route as the app holds it, and the steps around it that are not screens: making a line fit
 * the corridor question, reading a route file the driver picked, the corridor question for the
 * chosen width and filters, and handing a saved route over as a GPX file.
 */
import { CORRIDOR_LIMITS } from '../../data/corridor-listing';
import { simplifyLine } from '../../data/geo/simplify';
import { MAX_ROUTE_FILE_CHARS, RouteFileError, parseRouteFile, toGpx } from '../../data/route-file';
import type { CorridorItem, CorridorQuery, LngLat } from './api';
import type { Filters } from './prefs';

/** The route on screen: what the corridor is asked about. */
export interface ActiveRoute {
  name: string;
  /** WGS-84, at most CORRIDOR_LIMITS.points positions */
  line: LngLat[];
  /** metres, from the router or the saved route */
  distance?: number;
  /** seconds, from the router */
  duration?: number;
}

/** Corridor widths offered (metres). */
export const WIDTHS = [1000, 2000, 5000, 10_000] as const;
export const DEFAULT_WIDTH = 2000;
/** Places listed along a route (the API's cap; a national route can pass more, then filters narrow it). */
export const ROUTE_ITEMS = CORRIDOR_LIMITS.items;

/**
 * The line with at most CORRIDOR_LIMITS.points positions: simplified below the data's accuracy
 * (5 m), and coarser (10, 20, … m) only when a long, dense track needs it — corridor distances
 * are exact to that tolerance.
 */
export function fitLine(line: LngLat[]): LngLat[] {
  let toleranceM = 5;
  let out = simplifyLine(line, toleranceM);
  while (out.length > CORRIDOR_LIMITS.points) out = simplifyLine(line, (toleranceM *= 2));
  return out.map(([lng, lat]) => [round6(lng), round6(lat)]); // 0.1 m: a GPS track's 15 digits would only weigh on the upload
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** The corridor question for a route, a width and the list filters (merchants only when asked for). */
export function corridorQuery(route: ActiveRoute, width: number, f: Filters): CorridorQuery {
  return {
    line: route.line,
    width,
    kinds: f.merchants ? ['stations', 'merchants'] : ['stations'],
    open: f.openNow ? 'now' : f.only24h ? '24h' : undefined,
    amenities: f.amenities,
    types: f.types,
    ...(f.notices.length ? { notices: f.notices } : {}),
    limit: ROUTE_ITEMS,
  };
}

/** Reads a GPX or GeoJSON file the driver picked; throws RouteFileError with a reason. */
export async function readRouteFile(file: File): Promise<ActiveRoute> {
  // a UTF-8 file has no more characters than bytes: refuse a big one before reading it
  if (file.size > MAX_ROUTE_FILE_CHARS) throw new RouteFileError('too_large', `${file.name} is ${file.size} bytes`);
  const text = await file.text();
  const parsed = parseRouteFile(text, file.name, (s) => new DOMParser().parseFromString(s, 'application/xml'));
  return { name: parsed.name, line: fitLine(parsed.line) };
}

/** Downloads the route with its stops as GPX (waypoints for the stops, a track for the line). */
export function downloadGpx(name: string, line: LngLat[], items: readonly CorridorItem[]): void {
  const gpx = toGpx({
    name,
    line,
    stops: items.map((p) => ({ name: p.name, lng: p.lng, lat: p.lat, description: p.address })),
    createdAt: new Date(),
  });
  const url = URL.createObjectURL(new Blob([gpx], { type: 'application/gpx+xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 80) || 'route'}.gpx`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
