/**
 * The PWA's budgets: first-load JS + CSS gzipped (≤ 100 KB), read from the built dist/web/index.html
 * and the static imports of its entry chunks; Lighthouse mobile (performance ≥ 0.95, accessibility 1,
 * best practices 1; the median of 3 runs) against the built app served like `npm start` serves it,
 * with local tiles and a temp database; and the map at national scale (400 k stations) on a fresh
 * phone with the CPU throttled 4×: first markers, bytes on the wire, JS heap (median of 3).
 * Lighthouse and the phone are Debian's Chromium (CHROME_PATH).
 */
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import type { CDPSession, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, ensureBuilt, startAppServer } from '../e2e/app-server';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/fixtures';
import { startTileServer } from '../e2e/tiles';
import { makeDb } from './api';
import { THROTTLE, freshPhone, machineQuiet, stallText, watchingStalls, type Stalls } from './phone';
import { median, type Row } from './table';

const RUNS = 3; // Lighthouse and the phone runs: the median of this many

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

/** Lighthouse RUNS times (a fresh profile each), each category and metric the median of the runs. */
async function lighthouseRuns(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-lh-'));
  const tiles = await startTileServer();
  const app = await startAppServer({ dir, tileUrl: tiles.url, demoStations: 3000 });
  process.env.CHROME_PATH = CHROMIUM;
  try {
    type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];
    const runs: Result[] = [];
    const stalls: Stalls[] = [];
    for (let k = 0; k < RUNS; k++) {
      await machineQuiet(); // the server done with its start-up (seeding, the snapshot builder), as for the phone runs
      mkdirSync(join(dir, `profile-${k}`));
      const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS, userDataDir: join(dir, `profile-${k}`) });
      try {
        const [result, stall] = await watchingStalls(() => lighthouse(`${app.url}/`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
        }));
        if (!result) throw new Error('lighthouse returned nothing');
        runs.push(result.lhr);
        stalls.push(stall);
      } finally {
        chrome.kill();
      }
    }
    const score = (cat: string) => median(runs.map((r) => r.categories[cat]?.score ?? 0));
    const metric = (id: string) => median(runs.map((r) => r.audits[id]?.numericValue ?? 0));
    // the audits that lost points in any run
    const failing = (cat: string) =>
      [...new Set(runs.flatMap((r) => (r.categories[cat]?.auditRefs ?? []).filter((ref) => ref.weight > 0 && (r.audits[ref.id]?.score ?? 1) < 1).map((ref) => ref.id)))].join(', ');
    const of = `median of ${RUNS}: ${runs.map((r) => r.categories.performance.score).join(' / ')}`;
    return [
      { name: 'lighthouse mobile performance', value: score('performance'), unit: 'score', note: `bar ≥ 0.95; ${of}; ${failing('performance')}` },
      { name: 'lighthouse accessibility', value: score('accessibility'), unit: 'score', note: `bar 1 ${failing('accessibility')}` },
      { name: 'lighthouse best practices', value: score('best-practices'), unit: 'score', note: `bar 1 ${failing('best-practices')}` },
      { name: 'lighthouse LCP', value: Math.round(metric('largest-contentful-paint')), unit: 'ms', note: 'simulated slow 4G, 4× CPU' },
      { name: 'lighthouse TBT', value: Math.round(metric('total-blocking-time')), unit: 'ms', note: `bar ≤ 150 ms; runs ${runs.map((r) => Math.round(r.audits['total-blocking-time']?.numericValue ?? 0)).join(' / ')}; the machine stalled ${stalls.map(stallText).join(' / ')} ms in each run` },
      { name: 'lighthouse CLS', value: Math.round(metric('cumulative-layout-shift') * 1000) / 1000, unit: '' },
    ];
  } finally {
    app.stop();
    await tiles.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface PhoneRun {
  /** ms from navigation to the first marker or cluster on the map */
  firstMarkers: number;
  /** how long the machine stalled until then (watchingStalls) */
  stall: Stalls;
  /** bytes on the wire (page and its requests) by the first markers, and once the first visit settled */
  firstViewBytes: number;
  settledBytes: number;
  /** JS heap in use once settled, after a garbage collection, in bytes */
  heap: number;
  /** the same once the whole country is kept for offline use (the deliberate background download of an unmetered connection); NaN when it did not come */
  countryBytes: number;
  countryHeap: number;
}

/** Bytes the page has received (the document and every resource, as transferred), of requests begun before `before` ms if given. */
const pageBytes = (page: Page, before: number | null = null) =>
  page.evaluate((end) => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .filter((e) => end === null || e.startTime < end).reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0), before);

/** The whole country's download: its size, then its snapshot (a region's snapshot asks `near`, a delta `since` a version). */
const isCountryRequest = (url: URL) => url.pathname === '/api/sync/size' || (url.pathname === '/api/sync' && url.search === '?since=0');

/** When the whole country's download began (ms after navigation), or null. */
const countryStart = (page: Page) => page.evaluate(() => performance.getEntriesByName('yizhan:country-download')[0]?.startTime ?? null);

/** Resolves once no request has been in flight for `quietMs`, or `done()` says so. */
async function networkQuiet(page: Page, quietMs: number, done: () => Promise<boolean> = async () => false): Promise<void> {
  let inFlight = 0, last = Date.now();
  const on = () => { inFlight++; last = Date.now(); };
  const off = () => { inFlight = Math.max(0, inFlight - 1); last = Date.now(); };
  page.on('request', on);
  page.on('requestfinished', off);
  page.on('requestfailed', off);
  try {
    while ((inFlight > 0 || Date.now() - last < quietMs) && !(await done())) await page.waitForTimeout(250); // polling a condition, not a fixed wait
  } finally {
    page.off('request', on);
    page.off('requestfinished', off);
    page.off('requestfailed', off);
  }
}

/** The JS heap in use after a garbage collection, in bytes. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
}

const FIRST_MARKERS = 'yizhan-bench:first-markers ';
/**
 * Page script (a string: no bundler helpers in it) that logs FIRST_MARKERS and the time of the frame
 * that first shows a marker or cluster (a MutationObserver sees it come, the next animation frame is
 * the one that draws it: what polling each frame measured). The observer costs the page next to
 * nothing; Playwright's waitForFunction first evaluates its injected script in the page, a ~170 ms
 * task on a 4× phone in the middle of start-up, which held back the start-up it measured.
 */
const FIRST_MARKERS_WATCH = `{
  const watch = new MutationObserver(() => {
    if (!document.querySelector('.leaflet-marker-pane .mk')) return;
    watch.disconnect();
    requestAnimationFrame(() => console.log(${JSON.stringify(FIRST_MARKERS)} + performance.now()));
  });
  watch.observe(document, { childList: true, subtree: true });
}`;

/**
 * One fresh phone (new profile, throttled CPU) opening the app: first markers, bytes, heap — of the
 * first visit (settled: its region copy stored, then 3 s without a request, or the whole country's
 * download begun, which an unmetered connection starts in the background once the page is quiet),
 * then with the whole country kept (its sync done).
 */
async function phoneRun(url: string): Promise<PhoneRun> {
  const { browser, page, cdp } = await freshPhone(url);
  try {
    // The app is opened in a browser that has started, as a phone's has when a page is opened (and as
    // Lighthouse opens it): Chromium's own start-up (its GPU, network and renderer processes) ran
    // into the navigation on this 2-core machine, stalling even a high-priority watcher 400–750 ms,
    // and was measured as the app's (first markers 1,325–1,913 ms against 1,110–1,436 settled: 5 traced
    // runs each, 2026-12-07).
    await machineQuiet();
    await page.addInitScript({ content: FIRST_MARKERS_WATCH });
    // The whole country's requests wait until the first visit is measured (its download raced the heap's
    // measure). Paused through the DevTools protocol, sync requests only: a Playwright route would pass every
    // request of the visit through this process, and turn the browser's HTTP cache off.
    let release!: () => void, held = false;
    const measured = new Promise<void>((resolve) => (release = resolve));
    cdp.on('Fetch.requestPaused', (e: { requestId: string; request: { url: string } }) => {
      const go = () => void cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => {});
      if (!isCountryRequest(new URL(e.request.url))) return go();
      held = true;
      void measured.then(go);
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/api/sync*' }] });
    const seen = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(FIRST_MARKERS), timeout: 120_000 });
    seen.catch(() => {}); // read below; a failed goto closes the browser first
    const [firstMarkers, stall] = await watchingStalls(async () => {
      await page.goto('/');
      return Number((await seen).text().slice(FIRST_MARKERS.length));
    });
    const firstViewBytes = await pageBytes(page);
    // The first visit's own offline copy (the region around the person, 8 s after the page began) is part
    // of it: waited for, so that a visit quiet for 3 s before then is not measured without it (runs
    // that stalled less settled before it came: 89 against 460 KB).
    await page.waitForFunction(() => performance.getEntriesByName('yizhan:sync').some((m) => (m as PerformanceMeasure).detail?.want === 'region'), null, { timeout: 60_000, polling: 250 }).catch(() => {});
    // a held request is in flight: the visit has settled once one is held (or the country's download is marked)
    await networkQuiet(page, 3000, async () => held || (await countryStart(page)) !== null);
    const heap = await heapAfterGc(cdp);
    const settledBytes = await pageBytes(page, await countryStart(page));
    release();
    // the country: its download begins once the page is quiet (8 s at the earliest, ≤ 10 s more waiting for an
    // idle moment) — none on a metered connection or a small device — and is in memory once the copy is loaded again
    const started = await page.waitForFunction(() => performance.getEntriesByName('yizhan:country-download').length > 0, null, { timeout: 60_000, polling: 500 }).then(() => true, () => false);
    const loaded = started && await page.waitForFunction(() => {
      const sync = performance.getEntriesByName('yizhan:sync').find((m) => (m as PerformanceMeasure).detail?.want === 'all');
      return sync !== undefined && performance.getEntriesByName('yizhan:load-copy').some((m) => m.startTime >= sync.startTime + sync.duration);
    }, null, { timeout: 600_000, polling: 1000 }).then(() => true, () => false);
    const country = loaded ? { countryBytes: await pageBytes(page), countryHeap: await heapAfterGc(cdp) } : { countryBytes: NaN, countryHeap: NaN };
    return { firstMarkers, stall, firstViewBytes, settledBytes, heap, ...country };
  } finally {
    await browser.close();
  }
}

/**
 * A first view's requests (nearest list, map view, config) in five other cities: the server's code
 * for them run before the first phone, as a serving replica's is. Without it the first phone of
 * each set met a just-started server and was the slowest of most sets (e.g. 1,750 / 1,591 / 1,447
 * ms; in a harness 1,620 against 1,390 ms, medians of six first and six warmed runs). Not at the
 * phone's own place, whose answers it would leave in the server's caches.
 */
async function firstViewsElsewhere(url: string): Promise<void> {
  const cities = [[116.4074, 39.9042], [104.0665, 30.5723], [113.2644, 23.1291], [108.9398, 34.3416], [114.3055, 30.5928]];
  for (const [lng, lat] of cities) {
    const box = [lng - 0.0042, lat - 0.0077, lng + 0.0042, lat + 0.0077].map((v) => v.toFixed(5)).join(',');
    for (const path of [`/api/stations/nearest?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&limit=20`, `/api/stations?bbox=${box}&zoom=16`, '/api/config']) {
      const res = await fetch(url + path);
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    }
  }
}

/** The map at national scale: RUNS fresh phones against a server holding 400 k stations. */
export async function nationalMapRuns(): Promise<Row[]> {
  const n = Number(process.env.BENCH_MAP_STATIONS ?? 400_000);
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-bench-map-'));
  const tiles = await startTileServer();
  try {
    renameSync(await makeDb(dir, n), join(dir, 'yizhan.db')); // where startAppServer looks; not empty, so not seeded
    const app = await startAppServer({ dir, tileUrl: tiles.url });
    try {
      await firstViewsElsewhere(app.url);
      const runs: PhoneRun[] = [];
      for (let k = 0; k < RUNS; k++) {
        await machineQuiet(); // the server warm, and done with the run before
        runs.push(await phoneRun(app.url));
      }
      const m = (f: (r: PhoneRun) => number) => median(runs.map(f));
      const k = `${Math.round(n / 1000)} k`;
      const each = (f: (r: PhoneRun) => number, unit = 1) => runs.map((r) => Math.round(f(r) / unit)).join(' / ');
      return [
        { name: `map ${k}: first markers (${THROTTLE}× CPU)`, value: Math.round(m((r) => r.firstMarkers)), unit: 'ms', note: `bar ≤ 1500 ms; runs ${each((r) => r.firstMarkers)}; the machine stalled ${runs.map((r) => stallText(r.stall)).join(' / ')} ms until then` },
        { name: `map ${k}: bytes by first markers`, value: kb(m((r) => r.firstViewBytes)), unit: 'KB', note: `bar ≤ 300 KB for the first view; runs ${each((r) => r.firstViewBytes, 1024)} KB` },
        { name: `map ${k}: bytes once the first visit settled`, value: kb(m((r) => r.settledBytes)), unit: 'KB', note: `its region copy stored, then 3 s without a request, or the country's download begun; runs ${each((r) => r.settledBytes, 1024)} KB` },
        { name: `map ${k}: JS heap once settled`, value: Math.round(m((r) => r.heap) / 1e5) / 10, unit: 'MB', note: `after a GC; bar ≤ 50 MB; runs ${each((r) => r.heap, 1e6)} MB` },
        { name: `map ${k}: bytes with the whole country offline`, value: kb(m((r) => r.countryBytes)), unit: 'KB', note: `an unmetered connection's background download, done; runs ${each((r) => r.countryBytes, 1024)} KB` },
        { name: `map ${k}: JS heap with the whole country offline`, value: Math.round(m((r) => r.countryHeap) / 1e5) / 10, unit: 'MB', note: `after a GC; the copy in memory; runs ${each((r) => r.countryHeap, 1e6)} MB` },
      ];
    } finally {
      app.stop();
    }
  } finally {
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
    { name: 'web  of which the map', value: kb(chunkSize('create-map') + chunkSize('leaflet-')), unit: 'KB', note: `preloaded, evaluated after the list paints; Leaflet's parts ${kb(chunkSize('leaflet-'))} KB (web/lib/map/leaflet.ts)` },
    { name: 'web hours chunk gzip (on demand)', value: kb(chunkSize('hours')), unit: 'KB', note: "opening_hours parser: a place's week, and a record without the server's verdict (never list items)" },
  ];
  try {
    rows.push(...(await lighthouseRuns()));
  } catch (e) {
    rows.push({ name: 'lighthouse', value: 0, unit: '', note: `could not run: ${String(e).slice(0, 200)}` });
  }
  rows.push(...(await nationalMapRuns()));
  return rows;
}
