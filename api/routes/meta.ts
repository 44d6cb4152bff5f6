/**
 * /api/health and /api/ready (both say whether writes work), /api/config (what the PWA reads at run time: tiles, routing) and /api/openapi.json.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { TileExtent } from '../mbtiles';
import { openApiDocument } from '../openapi';

/**
 * The meta routes. `own` is what the MBTiles file the API serves covers, when the configured tile
 * URL is the API's own /tiles/: the PWA keeps "save for offline" to the zooms and area that exist.
 */
export const createMetaRoutes = (own: TileExtent | null) => new Hono<AppEnv>()
  .get('/health', (c) => {
    const { store, config } = c.get('deps');
    const { stations, merchants } = store.counts();
    const writes = store.writeStatus();
    c.header('Cache-Control', 'no-store');
    // reads are served either way (200); "degraded" says writes are answered 503 until an operator acts
    return c.json({ status: writes.writable ? 'ok' : 'degraded', writes, stations, merchants, version: store.version(), app: config.version });
  })
  .get('/ready', (c) => {
    const writes = c.get('deps').store.writeStatus();
    c.header('Cache-Control', 'no-store');
    return c.json({ ready: true, writes });
  })
  .get('/config', (c) => {
    const { config } = c.get('deps');
    const { url, subdomains, attribution, crs, maxZoom, allowPrefetch } = config.tiles;
    c.header('Cache-Control', 'no-cache');
    return c.json({
      tiles: {
        url, subdomains, attribution, crs, maxZoom, allowPrefetch,
        ...(own && { minZoom: own.minZoom, maxNativeZoom: own.maxZoom, bounds: own.bounds, tileBytes: own.tileBytes }),
      },
      routing: { available: config.routerUrl !== '' },
      version: config.version,
    });
  })
  .get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(openApiDocument());
  });
