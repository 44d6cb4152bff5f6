/**
 * Runs the production server (dist/server/main.js, as `npm start` does) on a free port with a temp
 * database, demo data and local tiles; optionally imports extra stations through the import CLI
 * while it runs (the server picks imports up without a restart).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface AppServer {
  url: string;
  pid: number;
  stop(): void;
}

const newest = (paths: string[]): number => {
  let t = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach((p) => walk(join(ROOT, p)));
  return t;
};
const builtAt = (f: string) => (existsSync(join(ROOT, f)) ? statSync(join(ROOT, f)).mtimeMs : 0);

const BUILD_LOCK = join(ROOT, 'dist', '.build-lock');
const BUILD_LOCK_STALE_MS = 10 * 60_000;

/**
 * Runs `fn` holding the build lock (a directory): test files in parallel forks — browser tests
 * and the PostgreSQL process tests alike — must not build dist/ at the same time.
 */
function withBuildLock(fn: () => void): void {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(BUILD_LOCK).mtimeMs > BUILD_LOCK_STALE_MS) rmSync(BUILD_LOCK, { recursive: true, force: true }); // a crashed builder's
      } catch { /* released meanwhile */ }
      Atomics.wait(pause, 0, 0, 200); // ensureBuilt is synchronous: wait without spinning
    }
  }
  try {
    fn();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** Builds the PWA and the server when their sources are newer than the build (like scripts/start.mjs), one builder at a time. */
export function ensureBuilt(): void {
  withBuildLock(build);
}

function build(): void {
  const run = (args: string[]) => {
    // vitest sets NODE_ENV=test, which would make Vite build a development bundle (no service worker).
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (r.status !== 0) throw new Error(`build failed: node ${args.join(' ')}`);
  };
  const shared = ['data', 'package.json', 'package-lock.json'];
  if (newest(['web', 'vite.config.ts', ...shared]) > builtAt('dist/web/sw.js')) run([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
  if (newest(['api', 'scripts/build-api.mjs', ...shared]) > builtAt('dist/server/main.js')) run(['scripts/build-api.mjs']);
}

export interface AppServerOptions {
  dir: string;
  /** a tile server's URL template; absent: the server's own defaults (e.g. its MBTiles, with `env`) */
  tileUrl?: string;
  /** more environment for the server (MBTILES_PATH, ROUTER_URL, …) */
  env?: Record<string, string>;
  demoStations?: number;
  /** GeoJSON FeatureCollection of stations to import once the demo data is in */
  extraStations?: object;
}

/** Starts the compiled server and resolves once it answers (and the extra stations are imported). */
export async function startAppServer(o: AppServerOptions): Promise<AppServer> {
  const env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(o.dir, 'yizhan.db'),
    DEMO_STATIONS: String(o.demoStations ?? 1500),
    WEB_ROOT: join(ROOT, 'dist/web'),
    ...(o.tileUrl && { TILE_URL: o.tileUrl, TILE_ATTRIBUTION: '© OpenStreetMap contributors (local test tiles)' }),
    TILE_CRS: 'wgs84',
    REFRESH_INTERVAL_MS: '200',
    ...o.env,
  };
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'dist/server/main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let log = '';
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = /serving on (http:\/\/[^\s]+)/.exec(log);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
    setTimeout(() => reject(new Error(`server did not start in 60 s:\n${log}`)), 60_000).unref();
  });
  if (o.extraStations) {
    const file = join(o.dir, 'extra-stations.geojson');
    writeFileSync(file, JSON.stringify(o.extraStations));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'api/cli/import.ts'), file], { cwd: ROOT, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`import failed: ${r.stdout}\n${r.stderr}`);
    const ids = (o.extraStations as { features: { properties: { id: string } }[] }).features.map((f) => f.properties.id);
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${url}/api/stations/${ids[0]}`);
      if (res.ok) break;
      await new Promise((r2) => setTimeout(r2, 100));
    }
  }
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}
