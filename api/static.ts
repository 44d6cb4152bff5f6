/**
 * Serving the built web apps: hashed assets immutable and precompressed (.br/.gz written by the
 * build), index.html revalidated, and deep links falling back to the right app's index.html
 * (/business/… to the merchant/admin app, everything else to the PWA).
 */
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppEnv } from './env';

/**
 * Mounts the static web apps in `root` on `app` (after the API routes). `tileUrl`: the map's tile
 * URL template; when its tiles come from another origin, pages tell the browser to open a
 * connection to it while the scripts load (`Link: rel=preconnect`), not after the map is made.
 */
export function mountWeb(app: Hono<AppEnv>, root: string, tileUrl = ''): void {
  if (!existsSync(root)) {
    app.get('*', (c) => c.text('Yizhan API is running. The web app is not built: run `npm run build:web`.', 200));
    return;
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  const preconnect = tileOrigin(tileUrl);
  app.use('*', async (c, next) => {
    await next();
    const html = c.res.headers.get('Content-Type')?.startsWith('text/html');
    if (c.res.ok && html && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
    // the tiles are asked for with CORS (crossorigin), from a connection of their own: opened so
    if (c.res.ok && html && preconnect) c.header('Link', `<${preconnect}>; rel=preconnect; crossorigin`);
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

/** The origin of absolute http(s) tile URLs (none for the API's own tiles or a templated host such as {s}.tile…). */
export function tileOrigin(url: string): string | undefined {
  if (!/^https?:\/\/[^/?#{}]+([/?#]|$)/i.test(url)) return undefined;
  return new URL(url.replace(/\{[^}]*\}/g, '0')).origin;
}
