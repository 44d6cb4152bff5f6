/**
 * One server and one browser for every e2e file of a `vitest run`. vitest runs each file in its own
 * process, so the first file (under a lock) builds the app if needed and starts tests/e2e/services.ts
 * as a detached process; every file then connects to the same browser and server via state.json.
 * The services stop by themselves when the vitest process exits.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from './app-server';
import { NANJING } from './fixtures';

interface State {
  baseUrl: string;
  tileUrl: string;
  wsEndpoint: string;
}

export interface PhoneOptions {
  locale?: 'zh-CN' | 'en';
  /** emulated position with permission granted; null: permission not granted */
  geolocation?: { latitude: number; longitude: number } | null;
  colorScheme?: 'light' | 'dark';
  width?: number;
  height?: number;
  serviceWorkers?: 'allow' | 'block';
  /** keep an offline copy of the listings (the app's default); false as if switched off in settings */
  offlineCopy?: boolean;
  /** the browser's user agent (Chromium's own unless told), e.g. an Android or iPhone one */
  userAgent?: string;
}

export interface Harness {
  baseUrl: string;
  /** the test server's SQLite file (read it to check what the server stored) */
  dbPath: string;
  browser: Browser;
  /** GET a JSON API path from the test server */
  api<T>(path: string): Promise<T>;
  /** A fresh phone-sized context (390×844 unless told) and a page in it. */
  phone(o?: PhoneOptions): Promise<{ context: BrowserContext; page: Page }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, 'lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (i > 1200) throw new Error('timed out waiting for the e2e lock');
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// Files of one run share the vitest process as parent: it names the run.
const stateDir = () => join(tmpdir(), `yizhan-e2e-${process.ppid}`);

async function servicesState(): Promise<State> {
  const dir = stateDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'state.json');
  return withLock(dir, async () => {
    if (!existsSync(file)) {
      ensureBuilt();
      const log = openSync(join(dir, 'services.log'), 'a');
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/e2e/services.ts'), dir, String(process.ppid)], {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', log, log],
      });
      child.unref();
      for (let i = 0; !existsSync(file); i++) {
        if (i > 900) throw new Error(`e2e services did not start; see ${join(dir, 'services.log')}`);
        if (child.exitCode !== null) throw new Error(`e2e services exited: ${readFileSync(join(dir, 'services.log'), 'utf8')}`);
        await sleep(100);
      }
    }
    return JSON.parse(readFileSync(file, 'utf8')) as State;
  });
}

let shared: Promise<Harness> | undefined;

/** The shared harness (started on first use). */
export function harness(): Promise<Harness> {
  return (shared ??= (async () => {
    const state = await servicesState();
    const browser = await chromium.connect(state.wsEndpoint);
    return {
      baseUrl: state.baseUrl,
      dbPath: join(stateDir(), 'yizhan.db'),
      browser,
      async api<T>(path: string) {
        const res = await fetch(state.baseUrl + path);
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        return (await res.json()) as T;
      },
      async phone(o: PhoneOptions = {}) {
        const geo = o.geolocation === undefined ? NANJING : o.geolocation;
        const context = await browser.newContext({
          baseURL: state.baseUrl,
          viewport: { width: o.width ?? 390, height: o.height ?? 844 },
          isMobile: true,
          hasTouch: true,
          locale: o.locale ?? 'zh-CN',
          // A device zone far from the stations': hours must still read in Shanghai time.
          timezoneId: 'America/New_York',
          colorScheme: o.colorScheme ?? 'light',
          ...(o.userAgent ? { userAgent: o.userAgent } : {}),
          serviceWorkers: o.serviceWorkers ?? 'block',
          ...(geo ? { geolocation: geo, permissions: ['geolocation'] } : {}),
        });
        if (o.offlineCopy === false) await context.addInitScript(() => localStorage.setItem('yizhan.offline', 'off'));
        const page = await context.newPage();
        return { context, page };
      },
    };
  })());
}

/**
 * Cuts the network of a phone, its service worker's included. `context.setOffline` alone does not
 * reach a worker that Chromium has stopped (it stops one idle for 30 s): the worker restarts on the
 * next request with the network up, and its answers say "online". So, on a page the worker
 * controls, the cut is checked through the worker — a request only the network can answer (a new
 * URL each time, never cached) — and set again, now that the request has woken it, until it holds.
 * The setting is not awaited before that request: for a worker being stopped it can wait on the
 * worker's answer, which comes only once a request wakes it (under CPU load the test hung there for
 * its whole timeout), so it is awaited after, and for 10 s at most.
 */
export async function cutNetwork(context: BrowserContext, page: Page): Promise<void> {
  for (let i = 0; ; i++) {
    const set = context.setOffline(true);
    const reached = await page.evaluate(async (n) => {
      if (!navigator.serviceWorker?.controller) return false; // no worker: the page's own requests are cut
      try {
        await fetch(`/api/health?network-probe=${Date.now()}-${n}`, { cache: 'no-store' });
        return true;
      } catch {
        return false;
      }
    }, i);
    await settled(set, 10_000);
    if (!reached) return;
    if (i === 5) throw new Error('the network could not be cut: the service worker still reaches the server');
    await settled(context.setOffline(false), 10_000);
  }
}

/** Waits for `p` to settle, or `ms` at most (a failure is not this wait's to report). */
async function settled(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p.catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * The phone's Back within the app: one step back in the history, resolved once its popstate has
 * been dispatched (the listeners registered before this one have run; what they start, and a
 * hashchange, may still be under way: wait for what the step should show). Not `page.goBack()`:
 * that waits for Playwright to see a navigation, and twice under CPU load a step back inside the
 * page was never seen as one, so the test hung for its whole timeout. A step that leaves the page fails here.
 */
export async function historyBack(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const late = setTimeout(() => reject(new Error('no popstate within 10 s of history.back()')), 10_000);
    addEventListener('popstate', () => (clearTimeout(late), resolve()), { once: true });
    history.back();
  }));
}
