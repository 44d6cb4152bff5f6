/**
 * Server configuration: the only module that reads process.env.
 * Every setting has a default that runs the product on its embedded SQLite file and demo data.
 */
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Crs } from '../data/catalog';
import type { TileSource } from '../data/wire';

export type { TileSource };

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** postgres://user:pass@host:port/db: the shared PostgreSQL store (several API processes); unset = the SQLite file at databasePath */
  databaseUrl?: string;
  /** Directory of the built PWA served from `/`. */
  webRoot: string;
  /** Load the demo dataset when the database has no stations. */
  seedDemo: boolean;
  demoStations: number;
  tiles: TileSource;
  /** OSRM-compatible routing service base URL, or '' when none is configured. */
  routerUrl: string;
  /** How long a routing request may take before the API gives up (ms). */
  routerTimeoutMs: number;
  /** MBTiles file of raster tiles the API serves at /tiles/{z}/{x}/{y}, or '' for none. */
  mbtilesPath: string;
  /** How often the server looks for writes by other processes (ms): SQLite's data_version, PostgreSQL's change notifications. */
  refreshIntervalMs: number;
  /** Independent visitor confirmations within 30 days that refresh a station's verified_at (default 2). */
  confirmationsToVerify?: number;
  /** Slow clients: how long the request headers may take, the whole request may take, and an idle keep-alive may stay (ms). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are refused (a slow-loris cap). */
  maxConnections: number;
  version: string;
  /** Member card signing keys (JSON, mode 0600), made by `npm run keys:create`; no file, no cards. */
  membershipKeyPath: string;
  /** The `iss` claim of member cards. */
  membershipIssuer: string;
  /** The issuing union named on a card when the application names none. */
  membershipOrg: string;
}

/** The project directory: the nearest folder above this module with a package.json (src or dist). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const root = projectRoot();

const OSM_TILES: TileSource = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  subdomains: '',
  attribution: '© OpenStreetMap contributors',
  crs: 'wgs84',
  maxZoom: 19,
  allowPrefetch: false,
};

/** Reads the configuration from an environment (process.env by default); throws on bad values. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    return n;
  };
  const crs = env.TILE_CRS ?? OSM_TILES.crs;
  // an MBTiles file and no other tile URL: the API's own tiles, which may be saved for offline use
  const ownTiles = !env.TILE_URL && !!env.MBTILES_PATH;
  if (!['wgs84', 'gcj02', 'bd09'].includes(crs)) throw new Error(`TILE_CRS must be wgs84, gcj02 or bd09, got "${crs}"`);
  return {
    port: int('PORT', 8787),
    host: env.HOST || '0.0.0.0',
    databasePath: resolve(env.DATABASE_PATH || resolve(root, 'data', 'yizhan.db')),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    webRoot: resolve(env.WEB_ROOT || resolve(root, 'dist', 'web')),
    seedDemo: env.SEED_DEMO !== '0',
    demoStations: int('DEMO_STATIONS', 3000),
    tiles: {
      url: env.TILE_URL || (ownTiles ? '/tiles/{z}/{x}/{y}' : OSM_TILES.url),
      subdomains: env.TILE_SUBDOMAINS ?? OSM_TILES.subdomains,
      attribution: env.TILE_ATTRIBUTION ?? (env.TILE_URL || ownTiles ? '' : OSM_TILES.attribution),
      crs: crs as Crs,
      maxZoom: int('TILE_MAX_ZOOM', OSM_TILES.maxZoom),
      allowPrefetch: env.TILE_URL ? env.TILE_ALLOW_PREFETCH === '1' : ownTiles && env.TILE_ALLOW_PREFETCH !== '0',
    },
    routerUrl: env.ROUTER_URL || '',
    routerTimeoutMs: int('ROUTER_TIMEOUT_MS', 10_000),
    mbtilesPath: env.MBTILES_PATH ? resolve(env.MBTILES_PATH) : '',
    refreshIntervalMs: int('REFRESH_INTERVAL_MS', 250),
    confirmationsToVerify: int('CONFIRMATIONS_TO_VERIFY', 2),
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 120_000), // a 32 MB admin import on a slow uplink
    keepAliveTimeoutMs: int('KEEP_ALIVE_TIMEOUT_MS', 5_000),
    maxConnections: int('MAX_CONNECTIONS', 2048),
    version: env.npm_package_version || '0.1.0',
    membershipKeyPath: resolve(env.MEMBERSHIP_KEY_PATH || resolve(root, 'data', 'membership-keys.json')),
    membershipIssuer: env.MEMBERSHIP_ISSUER || 'yizhan',
    membershipOrg: env.MEMBERSHIP_ORG || '驿站演示工会',
  };
}

/** DATABASE_URL, checked: a postgres:// or postgresql:// URL, or unset. */
function databaseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(raw)) throw new Error('DATABASE_URL must be a postgres:// URL (postgres://user:pass@host:5432/db)');
  return raw;
}
