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

/** Mounts the static web apps in `root` on `app` (after the API routes). */
export function mountWeb(app: Hono<AppEnv>, root: string): void {
  if (!existsSync(root)) {
    app.get('*', (c) => c.text('Yizhan API is running. The web app is not built: run `npm run build:web`.', 200));
    return;
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    await next();
    const html = c.res.headers.get('Content-Type')?.startsWith('text/html');
    if (c.res.ok && html && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
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
