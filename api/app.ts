/**
 * The Hono app: middleware, one sub-app per resource, the built PWA from `/`.
 * Dependencies come in as arguments so tests build it on a temp SQLite file and a fixed clock.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config';
import type { Store } from './store/port';
import { createListings, type Listings } from './listings';
import { onError, problem } from './problem';
import { mountWeb } from './static';
import { stationRoutes } from './routes/stations';
import { merchantRoutes } from './routes/merchants';
import { syncRoutes } from './routes/sync';
import { searchRoutes } from './routes/search';
import { metaRoutes } from './routes/meta';
import { createAuthRoutes } from './routes/auth';
import { myRoutes } from './routes/my';
import { IMPORT_PATH, adminRoutes } from './routes/admin';
import { adminReportRoutes } from './routes/admin-reports';
import { createReportRoutes } from './routes/reports';
import { sameOrigin } from './auth/request';
import { loadSession } from './auth/session';

export type Clock = () => Date;

export interface AppDeps {
  store: Store;
  config: Config;
  clock?: Clock;
  /** Prebuilt listings (the server builds them once); built from the store when absent. */
  listings?: Listings;
}

export interface AppEnv {
  Variables: { deps: Required<AppDeps> };
}

/** Builds the whole HTTP app. */
export function createApp(deps: AppDeps) {
  const full: Required<AppDeps> = {
    store: deps.store,
    config: deps.config,
    clock: deps.clock ?? (() => new Date()),
    listings: deps.listings ?? createListings(deps.store),
  };
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', secureHeaders({ contentSecurityPolicy: csp(full.config), crossOriginEmbedderPolicy: false }));
  app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'], maxAge: 86400 }));
  const smallBodies = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => problem(c, 413, 'Request body is larger than 1 MB') });
  // admin import files may be larger: that route sets its own limit (routes/admin-data.ts)
  app.use('/api/*', (c, next) => (c.req.path === IMPORT_PATH ? next() : smallBodies(c, next)));
  app.use('/api/*', compress({ threshold: COMPRESS_MIN_BYTES }), measureBody);
  app.use('/api/*', async (c, next) => {
    c.set('deps', full);
    full.listings.refreshIfChanged();
    await next();
  });

  app.route('/api', metaRoutes);
  app.route('/api/stations', stationRoutes);
  app.route('/api/merchants', merchantRoutes);
  app.route('/api/sync', syncRoutes);
  app.route('/api/search', searchRoutes);
  // public and without the Origin check: the service worker replays reports queued offline (see routes/reports.ts)
  app.route('/api/reports', createReportRoutes(full.clock));
  // accounts: CSRF Origin check on every write, then the session (if any) from the cookie
  for (const path of ['/api/auth/*', '/api/my/*', '/api/admin/*']) app.use(path, sameOrigin, loadSession);
  app.route('/api/auth', createAuthRoutes(full.clock));
  app.route('/api/my', myRoutes);
  app.route('/api/admin', adminRoutes);
  app.route('/api/admin/reports', adminReportRoutes);
  app.all('/api/*', (c) => problem(c, 404, `No API resource at ${c.req.method} ${c.req.path}`));

  mountWeb(app, full.config.webRoot);
  return app;
}

const COMPRESS_MIN_BYTES = 2048; // smaller bodies cost more to gzip than they save

/**
 * Gives a body without a length (Hono's JSON responses) its Content-Length, so compress() can
 * leave small bodies alone. Only when the client accepts gzip at all.
 */
const measureBody: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.req.header('Accept-Encoding') || !c.res.body || c.res.headers.has('Content-Length')) return;
  const bytes = await c.res.arrayBuffer();
  c.res = new Response(bytes, c.res);
  c.res.headers.set('Content-Length', String(bytes.byteLength));
};

/** Content-Security-Policy: our own origin, plus the configured tile host for map images. */
function csp(config: Config) {
  const tileHost = tileOrigin(config.tiles.url);
  const img = ["'self'", 'data:', 'blob:', ...(tileHost ? [tileHost] : [])];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: img,
    connectSrc: ["'self'", ...(tileHost ? [tileHost] : [])],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
  };
}

/** The origin of a tile URL template ({s} subdomains become a wildcard), or null if same-origin. */
export function tileOrigin(template: string): string | null {
  if (template.startsWith('/')) return null;
  const m = /^(https?:\/\/)([^/]+)/.exec(template);
  if (!m) return null;
  const host = m[2].replace(/\{s\}/g, '*').replace(/\{[^}]+\}/g, '*');
  return m[1] + host;
}
