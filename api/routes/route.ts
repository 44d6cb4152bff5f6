/**
 * GET /api/route?from=lng,lat&to=lng,lat&via=lng,lat;lng,lat: a driving route from the
 * OSRM-compatible service at ROUTER_URL (keys and caching stay on the server), as
 * { line: [[lng, lat], …], distance (m), duration (s) }. The line is simplified below the accuracy
 * of the data (a few metres) and to at most the corridor's limit of positions.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { simplifyLine } from '../../data/geo/simplify';
import type { AppEnv } from '../env';
import { decimalOrNaN } from '../params';
import { problem, validate } from '../problem';
import { CORRIDOR_LIMITS } from './corridor';

const ROUTE = {
  maxVia: 25, // waypoints between from and to
  cacheEntries: 200, // routes kept in memory
  cacheMs: 3_600_000, // how long a route is reused
  toleranceM: 5, // simplification in metres: below the accuracy of station positions
};

/** A "lng,lat" position, or null (latitudes within ±85: the map's Web Mercator range). */
function lngLat(s: string): [number, number] | null {
  const p = s.split(',').map(decimalOrNaN);
  return p.length === 2 && p[0] >= -180 && p[0] <= 180 && p[1] >= -85 && p[1] <= 85 ? [p[0], p[1]] : null;
}
const position = (what: string) =>
  z.string({ error: `${what} is required` }).transform((s, ctx) => {
    const p = lngLat(s);
    if (!p) ctx.addIssue({ code: 'custom', message: `${what} must be lng,lat in WGS-84 degrees (lat within ±85)` });
    return p ?? z.NEVER;
  });

const routeQuery = z.object({
  from: position('from'),
  to: position('to'),
  via: z.string().optional().transform((s, ctx) => {
    const out = s ? s.split(';').map(lngLat) : [];
    if (out.length > ROUTE.maxVia) ctx.addIssue({ code: 'custom', message: `via takes at most ${ROUTE.maxVia} positions` });
    if (out.some((p) => !p)) ctx.addIssue({ code: 'custom', message: 'via must be lng,lat;lng,lat;… in WGS-84 degrees (lat within ±85)' });
    return out as [number, number][];
  }),
});

/** What the router must answer (extra fields ignored). */
const osrmAnswer = z.object({
  code: z.literal('Ok'),
  routes: z.array(z.object({
    distance: z.number().nonnegative(),
    duration: z.number().nonnegative(),
    geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()], z.number())).min(2) }),
  })).min(1),
});

interface Routed {
  line: [number, number][];
  distance: number;
  duration: number;
}

class RouterError extends Error {
  constructor(readonly status: 422 | 502, message: string) {
    super(message);
  }
}

/** The routes, with their own small in-memory cache (least recently used first out). */
export function createRouteRoutes() {
  const cache = new Map<string, { at: number; route: Routed }>();
  return new Hono<AppEnv>().get('/', validate('query', routeQuery), async (c) => {
    const { from, to, via } = c.req.valid('query');
    const { routerUrl, routerTimeoutMs } = c.get('deps').config;
    if (!routerUrl) return problem(c, 503, 'No routing service is configured on this server (ROUTER_URL); import a GPX track or tap waypoints instead');
    const coords = [from, ...via, to].map((p) => `${p[0]},${p[1]}`).join(';');
    const key = `${routerUrl} ${coords}`, hit = cache.get(key);
    let route: Routed;
    if (hit && Date.now() - hit.at < ROUTE.cacheMs) {
      route = hit.route;
      cache.delete(key); // most recently used last
      cache.set(key, hit);
    } else {
      try {
        route = await fetchRoute(routerUrl, coords, routerTimeoutMs);
      } catch (err) {
        if (err instanceof RouterError) return problem(c, err.status, err.message);
        throw err;
      }
      cache.set(key, { at: Date.now(), route });
      if (cache.size > ROUTE.cacheEntries) cache.delete(cache.keys().next().value!);
    }
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(route);
  });
}

/** Asks the router; a RouterError says why it could not (422: no route there; 502: the router failed). */
async function fetchRoute(base: string, coords: string, timeoutMs: number): Promise<Routed> {
  const url = `${base.replace(/\/+$/, '')}/route/v1/driving/${coords}?overview=full&geometries=geojson`;
  let status = 0, body: unknown;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'application/json' } });
    status = res.status;
    body = await res.json();
  } catch (err) {
    const why = (err as Error).name === 'TimeoutError' ? `did not answer within ${timeoutMs / 1000} s` : status ? `answered HTTP ${status} with a body that is not JSON` : 'could not be reached';
    throw new RouterError(502, `The routing service ${why}. Please try again later.`);
  }
  const code = (body as { code?: unknown } | null)?.code;
  if (code === 'NoRoute' || code === 'NoSegment') {
    throw new RouterError(422, code === 'NoRoute' ? 'There is no driving route between these points.' : 'One of the points is too far from any road.');
  }
  const ok = osrmAnswer.safeParse(body);
  if (status !== 200 || !ok.success) {
    throw new RouterError(502, `The routing service answered ${status === 200 ? 'something that is not a route' : `HTTP ${status}`}${typeof code === 'string' ? ` (${code})` : ''}. Please try again later.`);
  }
  const { distance, duration, geometry } = ok.data.routes[0];
  let line = simplifyLine(geometry.coordinates, ROUTE.toleranceM);
  for (let tol = ROUTE.toleranceM * 2; line.length > CORRIDOR_LIMITS.points; tol *= 2) line = simplifyLine(line, tol);
  return { line, distance, duration };
}
