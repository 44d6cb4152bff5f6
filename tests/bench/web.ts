/**
 * The PWA's budgets: first-load JS + CSS gzipped (≤ 100 KB), read from the built dist/web/index.html
 * and the static imports of its entry chunks; and a Lighthouse mobile run (performance ≥ 0.95,
 * accessibility 1, best practices 1) against the built app served like `npm start` serves it, with
 * local tiles and a temp database. Lighthouse drives Debian's Chromium (CHROME_PATH).
 */
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, ensureBuilt, startAppServer } from '../e2e/app-server';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/fixtures';
import { startTileServer } from '../e2e/tiles';
import type { Row } from './table';

const DIST = join(ROOT, 'dist/web');
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

/** Chunks a JS file imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import()`. */
function staticImports(file: string): string[] {
  const src = readFileSync(join(DIST, file), 'utf8');
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)) {
    out.push(m[1].startsWith('/') ? m[1].slice(1) : new URL(m[1], `http://x/${dir}`).pathname.slice(1));
  }
  return out;
}

/**
 * Files of the first load: entry scripts, their static imports, modulepreloaded chunks (the map),
 * stylesheets, and the CSS Vite splits out of those chunks (same chunk name, `.css`).
 */
export function firstLoadFiles(html = readFileSync(join(DIST, 'index.html'), 'utf8')): string[] {
  const rel = (u: string) => u.replace(/^\//, '');
  const files = new Set<string>();
  const scripts = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => rel(m[1]));
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => rel(m[1]));
  const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => rel(m[1]));
  const queue = [...scripts, ...preloads];
  while (queue.length) {
    const f = queue.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    queue.push(...staticImports(f));
  }
  styles.forEach((s) => files.add(s));
  const chunkName = (f: string) => f.replace(/-[\w-]{8}\.(js|css)$/, '');
  const names = new Set([...files].filter((f) => f.endsWith('.js')).map(chunkName));
  for (const css of assetNames().filter((n) => n.endsWith('.css'))) if (names.has(chunkName(`assets/${css}`))) files.add(`assets/${css}`);
  return [...files];
}

/** Every JS/CSS asset of the build (the service worker's precache list names them all). */
function assetNames(): string[] {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  return [...new Set([...sw.matchAll(/assets\/([\w.-]+\.(?:js|css))/g)].map((m) => m[1]))];
}

/** Gzipped bytes of the chunk whose name starts with `prefix` (JS and its CSS). */
function chunkSize(prefix: string): number {
  return assetNames().filter((n) => n.startsWith(prefix)).reduce((sum, n) => sum + gz(`assets/${n}`), 0);
}

async function lighthouseRun(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-lh-'));
  const tiles = await startTileServer();
  const app = await startAppServer({ dir, tileUrl: tiles.url, demoStations: 3000 });
  process.env.CHROME_PATH = CHROMIUM;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    mkdirSync(join(dir, 'profile'));
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS, userDataDir: join(dir, 'profile') });
    const result = await lighthouse(`${app.url}/`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    if (!result) throw new Error('lighthouse returned nothing');
    const { categories: c, audits: a } = result.lhr;
    const failing = (cat: string) =>
      (c[cat]?.auditRefs ?? [])
        .filter((r) => r.weight > 0 && (a[r.id]?.score ?? 1) < 1)
        .map((r) => r.id)
        .join(', ');
    return [
      { name: 'lighthouse mobile performance', value: c.performance.score ?? 0, unit: 'score', note: `bar ≥ 0.95 ${failing('performance')}` },
      { name: 'lighthouse accessibility', value: c.accessibility.score ?? 0, unit: 'score', note: `bar 1 ${failing('accessibility')}` },
      { name: 'lighthouse best practices', value: c['best-practices'].score ?? 0, unit: 'score', note: `bar 1 ${failing('best-practices')}` },
      { name: 'lighthouse LCP', value: Math.round(a['largest-contentful-paint'].numericValue ?? 0), unit: 'ms', note: 'simulated slow 4G, 4× CPU' },
      { name: 'lighthouse TBT', value: Math.round(a['total-blocking-time'].numericValue ?? 0), unit: 'ms' },
      { name: 'lighthouse CLS', value: Math.round((a['cumulative-layout-shift'].numericValue ?? 0) * 1000) / 1000, unit: '' },
    ];
  } finally {
    chrome?.kill();
    app.stop();
    await tiles.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bundle budget rows, then Lighthouse rows (or a row saying why Lighthouse could not run). */
export async function benchWeb(): Promise<Row[]> {
  ensureBuilt();
  const first = firstLoadFiles();
  const js = first.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
  const css = first.filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(f), 0);
  const rows: Row[] = [
    { name: 'web first load JS+CSS gzip', value: kb(js + css), unit: 'KB', note: `bar ≤ 100 KB (JS ${kb(js)} + CSS ${kb(css)}; ${first.length} files)` },
    { name: 'web  of which map (Leaflet)', value: kb(chunkSize('create-map')), unit: 'KB', note: 'preloaded, evaluated after the list paints' },
    { name: 'web hours chunk gzip (on demand)', value: kb(chunkSize('hours')), unit: 'KB', note: 'opening_hours parser: week view; list "closes at" until the API sends nextChange' },
  ];
  try {
    rows.push(...(await lighthouseRun()));
  } catch (e) {
    rows.push({ name: 'lighthouse', value: 0, unit: '', note: `could not run: ${String(e).slice(0, 200)}` });
  }
  return rows;
}
