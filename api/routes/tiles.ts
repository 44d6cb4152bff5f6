/**
 * /tiles/{z}/{x}/{y}[.png|.jpg|.webp]: raster tiles from the configured MBTiles file (MBTILES_PATH),
 * a tile source the PWA may save for offline use. Mounted outside /api, like any tile server.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import type { Mbtiles } from '../mbtiles';
import { problem, validate } from '../problem';

/** Tiles change only when the file is replaced: a week, then revalidated by ETag. */
const TILE_CACHE = 'public, max-age=604800';

const whole = (what: string) =>
  z.string().regex(/^\d{1,10}$/, `${what} must be a whole number`).transform(Number);
const tileParams = z
  .object({
    z: whole('z').pipe(z.number().max(30, 'z must be ≤ 30')),
    x: whole('x'),
    y: z.string().regex(/^\d{1,10}(\.(png|jpe?g|webp))?$/, 'y must be a whole number, optionally with .png, .jpg or .webp')
      .transform((s) => Number.parseInt(s, 10)),
  })
  .superRefine((p, ctx) => {
    for (const k of ['x', 'y'] as const) {
      if (p[k] >= 2 ** p.z) ctx.addIssue({ code: 'custom', path: [k], message: `${k} must be < 2^z (${2 ** p.z})` });
    }
  });

/** The tile routes over an MBTiles file (opened at start-up, so a bad file fails there), or none. */
export function createTileRoutes(source: Mbtiles | null) {
  const app = new Hono<AppEnv>();
  if (!source) {
    return app.all('*', (c) => problem(c, 404, 'This server serves no map tiles (set MBTILES_PATH to an MBTiles file)'));
  }
  return app
    .get('/:z/:x/:y', validate('param', tileParams), (c) => {
      const { z: zoom, x, y } = c.req.valid('param');
      const data = source.tile(zoom, x, y);
      if (!data) return problem(c, 404, `No tile at ${zoom}/${x}/${y}`);
      const etag = `"${createHash('sha1').update(data).digest('base64url').slice(0, 22)}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', TILE_CACHE);
      if (c.req.header('If-None-Match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
      return c.body(new Uint8Array(data), 200, { 'Content-Type': source.contentType });
    })
    .all('*', (c) => problem(c, 404, `No tile resource at ${c.req.path}: tiles are /tiles/{z}/{x}/{y}`));
}
