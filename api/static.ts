/**
 * Serving the built web apps: hashed assets immutable and precompressed (.br/.gz written by the
 * build), index.html revalidated, and deep links falling back to the right app's index.html
 * (/business/… to the merchant/admin app, everything else to the PWA).
 */
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppEnv } from './env';
import { firstScreenTiles, tileUrl } from '../data/map-tiles';
import { POSITION_HINT_COOKIE, type TileConfig } from '../data/wire';

/**
 * Mounts the static web apps in `root` on `app` (after the API routes). `tiles`: the map's tile
 * source. When its tiles come from another origin, pages tell the browser to open a connection to
 * it while the scripts load (`Link: rel=preconnect`), not after the map is made; and a first
 * visit's page names its map's first tiles (firstScreenPreloads).
 */
export function mountWeb(app: Hono<AppEnv>, root: string, tiles: TileConfig): void {
  if (!existsSync(root)) {
    app.get('*', (c) => c.text('Yizhan API is running. The web app is not built: run `npm run build:web`.', 200));
    return;
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  const preconnect = tileOrigin(tiles.url);
  const preloads = firstScreenPreloads(tiles);
  app.use('*', async (c, next) => {
    await next();
    const html = c.res.headers.get('Content-Type')?.startsWith('text/html');
    if (!c.res.ok || !html) return;
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
    // the tiles are asked for with CORS (crossorigin), from a connection of their own: opened so
    const links = [...(preconnect ? [`<${preconnect}>; rel=preconnect; crossorigin`] : []), ...(countryFirst(c) ? preloads : [])];
    if (links.length) c.header('Link', links.join(', '));
  });
  app.use('*', serveStatic({ root, precompressed: true }));
  for (const [prefix, page] of [['/business/*', 'business/index.html'], ['*', 'index.html']] as const) {
    const serve = serveStatic<AppEnv>({ root, path: page, precompressed: true });
    app.get(prefix, async (c, next) => {
      if (existsSync(join(root, page))) return serve(c, next);
      if (prefix !== '*') return next();
      return c.text('Yizhan API is running. The web app is not built: run `npm run build:web`.', 200);
    });
  }
}

/**
 * Preloads of the tiles the map shows first when it starts at the whole country (data/map-tiles.ts
 * firstScreenTiles), as it asks for them (CORS, the same URLs): the browser fetches them while the
 * scripts load, and the map finds them fetched. On slow 4G the map's first tiles came ~0.5 s after
 * the map's scripts; now they are there when the map is made.
 */
function firstScreenPreloads(tiles: TileConfig): string[] {
  try {
    const urls = firstScreenTiles(tiles).map(({ z, x, y }) => [false, true].map((retina) => tileUrl(tiles.url, tiles.subdomains, z, x, y, { retina })));
    // a URL that depends on the screen's density ({r}: '@2x' on most phones) is not known here: none rather than the wrong ones
    if (urls.some(([plain, dense]) => plain !== dense)) return [];
    return urls.map(([url]) => `<${url}>; rel=preload; as=image; crossorigin`);
  } catch {
    return []; // a placeholder the map cannot fill either, such as {apikey}: tileUrl throws as Leaflet does
  }
}

/**
 * Whether this request opens the map at the whole country: a navigation (not the worker's fetch of
 * the page it keeps, so a return visit, served from that copy, fetches no tiles it will not show)
 * to the map's page with no shared place to open first, from a browser that keeps no position
 * (POSITION_HINT_COOKIE: one whose worker is gone starts where it was). (A position found at once
 * on a first visit moves the map elsewhere: the page cannot know; those few tiles are the cost.)
 */
function countryFirst(c: Context<AppEnv>): boolean {
  const req = c.req.raw;
  if (req.method !== 'GET' || req.headers.get('Sec-Fetch-Mode') !== 'navigate' || getCookie(c, POSITION_HINT_COOKIE) !== undefined) return false;
  const url = new URL(req.url);
  return url.pathname === '/' && !url.searchParams.has('station') && !url.searchParams.has('merchant');
}

/** The origin of absolute http(s) tile URLs (none for the API's own tiles or a templated host such as {s}.tile…). */
export function tileOrigin(url: string): string | undefined {
  if (!/^https?:\/\/[^/?#{}]+([/?#]|$)/i.test(url)) return undefined;
  return new URL(url.replace(/\{[^}]*\}/g, '0')).origin;
}
