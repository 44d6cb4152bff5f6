/**
 * The Hono app: middleware, one sub-app per resource, the built PWA from `/`.
 * Dependencies come in as arguments so tests build it on a temp SQLite file and a fixed clock.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config';
import type { AppDeps, AppEnv } from './env';
import { apiCors, compressLarge, limitBodies } from './middleware';
import { onError, problem } from './problem';
import { mountWeb } from './static';
import { stationRoutes } from './routes/stations';
import { merchantRoutes } from './routes/merchants';
import { syncRoutes } from './routes/sync';
import { searchRoutes } from './routes/search';
import { createMetaRoutes } from './routes/meta';
import { createAuthRoutes } from './routes/auth';
import { myRoutes } from './routes/my';
import { IMPORT_PATH, adminRoutes } from './routes/admin';
import { adminReportRoutes } from './routes/admin-reports';
import { stationNoticeRoutes } from './routes/station-notices';
import { myStationRoutes } from './routes/my-stations';
import { adminApplicationRoutes, adminMemberRoutes } from './routes/admin-membership';
import { membershipRoutes } from './routes/membership';
import { myRedemptionRoutes } from './routes/my-redemptions';
import { adminBenefitRoutes, myBenefitRoutes } from './routes/benefits';
import { createReportRoutes } from './routes/reports';
import { corridorRoutes } from './routes/corridor';
import { createRouteRoutes } from './routes/route';
import { createTileRoutes } from './routes/tiles';
import { openMbtiles, tileConfig } from './mbtiles';
import { sameOrigin } from './auth/request';
import { loadSession } from './auth/session';


/** How long a request waits for the listings to take in another process's write; then the listings in hand answer. */
const REFRESH_WAIT_MS = 2000;

/** `p`, or nothing once `ms` have passed. */
function within(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<void>((done) => (timer = setTimeout(done, ms)))]).finally(() => clearTimeout(timer));
}

/** Builds the whole HTTP app. */
export function createApp(deps: AppDeps) {
  const full: Required<AppDeps> = {
    store: deps.store,
    config: deps.config,
    clock: deps.clock ?? (() => new Date()),
    listings: deps.listings,
  };
  const mbtiles = full.config.mbtilesPath ? openMbtiles(full.config.mbtilesPath) : null;
  const tiles = tileConfig(full.config.tiles, mbtiles && full.config.tiles.url.startsWith('/tiles/') ? mbtiles.extent : null);
  const app = new Hono<AppEnv>();
  app.onError(onError);
  // Pages get the full set of security headers; JSON only needs nosniff, set by apiCors.
  const pageHeaders = secureHeaders({ contentSecurityPolicy: csp(full.config), crossOriginEmbedderPolicy: false });
  app.use('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : pageHeaders(c, next)));
  // admin import files may be larger: that route sets its own limit (routes/admin-data.ts)
  app.use('/api/*', apiCors, limitBodies([IMPORT_PATH]), compressLarge);
  app.use('/api/*', async (c, next) => {
    c.set('deps', full);
    const due = full.listings.refreshIfChanged();
    if (due) await within(due, REFRESH_WAIT_MS);
    await next();
  });

  app.route('/api', createMetaRoutes(tiles));
  app.route('/api/stations', stationRoutes);
  app.route('/api/merchants', merchantRoutes);
  app.route('/api/sync', syncRoutes);
  app.route('/api/search', searchRoutes);
  app.route('/api/corridor', corridorRoutes);
  app.route('/api/route', createRouteRoutes());
  // public and without the Origin check: the service worker replays reports queued offline (see routes/reports.ts)
  app.route('/api/reports', createReportRoutes(full.clock));
  // accounts: CSRF Origin check on every write, then the session (if any) from the cookie
  for (const path of ['/api/auth/*', '/api/my/*', '/api/admin/*']) app.use(path, sameOrigin, loadSession);
  app.route('/api/auth', createAuthRoutes(full.clock));
  // station operators' routes (admin or that station's operator) come before the admin-only ones
  app.route('/api/my/stations', myStationRoutes);
  app.route('/api/my/redemptions', myRedemptionRoutes);
  app.route('/api/my/benefit-redemptions', myBenefitRoutes);
  app.route('/api/my', myRoutes);
  app.route('/api/admin/stations', stationNoticeRoutes);
  app.route('/api/admin', adminRoutes);
  app.route('/api/admin/reports', adminReportRoutes);
  app.route('/api/admin/applications', adminApplicationRoutes);
  app.route('/api/admin/members', adminMemberRoutes);
  app.route('/api/admin/benefits', adminBenefitRoutes);
  // public verifier endpoints first, then the member's own behind a session (routes/membership.ts)
  app.route('/api/membership', membershipRoutes);
  app.all('/api/*', (c) => problem(c, 404, `No API resource at ${c.req.method} ${c.req.path}`));

  app.route('/tiles', createTileRoutes(mbtiles));
  mountWeb(app, full.config.webRoot, tiles);
  return app;
}

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
