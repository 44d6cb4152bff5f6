/**
 * /api/health and /api/ready (both say whether writes work), /api/config (what the PWA reads at run time: tiles, routing) and /api/openapi.json.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { isStoreOutage } from '../store/errors';
import type { TileConfig } from '../../data/wire';
import { openApiDocument } from '../openapi';

/**
 * The meta routes. `tiles` is the tile source with, when it is the API's own /tiles/, what its
 * MBTiles file covers (api/mbtiles.ts tileConfig): the PWA keeps "save for offline" to the zooms
 * and area that exist.
 */
export const createMetaRoutes = (tiles: TileConfig) => new Hono<AppEnv>()
  .get('/health', async (c) => {
    const { store, config, listings } = c.get('deps');
    // the database's figures; while it cannot be reached, those of the indexes this process serves from
    const held = () => ({ stations: listings.stations().cols.id.length, merchants: listings.merchants().cols.id.length, version: listings.builtAt() });
    const figures = await Promise.all([store.counts(), store.version()])
      .then(([counts, version]) => ({ ...counts, version }), (err) => (isStoreOutage(err) ? held() : Promise.reject(err)));
    const writes = store.writeStatus();
    c.header('Cache-Control', 'no-store');
    // reads are served either way (200); "degraded" says writes are answered 503 until an operator acts
    return c.json({ status: writes.writable ? 'ok' : 'degraded', writes, ...figures, store: store.kind, app: config.version });
  })
  // for a load balancer: 503 while this process has lost its database (its reads would go stale)
  .get('/ready', (c) => {
    const writes = c.get('deps').store.writeStatus();
    const ready = writes.writable || writes.reason !== 'unreachable';
    c.header('Cache-Control', 'no-store');
    return c.json({ ready, writes }, ready ? 200 : 503);
  })
  .get('/config', (c) => {
    const { config } = c.get('deps');
    c.header('Cache-Control', 'no-cache');
    return c.json({
      tiles,
      routing: { available: config.routerUrl !== '' },
      version: config.version,
    });
  })
  .get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(openApiDocument());
  });
