/**
 * The one bridge between the page and the service worker (workbox-window). Registers the worker
 * in production builds only (there is none under `vite dev`), offers updates — never forces them:
 * `onUpdate` receives a function that activates the waiting worker and reloads — passes the
 * worker's news (reports it sent in the background) to the page, asks for Background Sync, and
 * switches the worker off and on (the settings panel, or `?sw=off` / `?sw=on` in the address).
 */
import type { Sliced } from '../../data/slices';
import { inTasks } from './tasks';

export interface BridgeOptions {
  /** a new version is waiting; call `apply` when the user agrees */
  onUpdate(apply: () => void): void;
  /** the worker changed the outbox (sent reports in the background) */
  onOutbox?(): void;
}

/** Messages the worker posts to its pages. */
export type WorkerMessage = { type: 'OUTBOX' };

const SETTING = 'yizhan.sw';
const supported = () => import.meta.env.PROD && 'serviceWorker' in navigator;

function stored(): string | null {
  try {
    return localStorage.getItem(SETTING);
  } catch {
    return null;
  }
}

/** Whether the worker is wanted: `?sw=off|on` in the address sets it, the stored setting keeps it. */
export function serviceWorkerWanted(search = location.search): boolean {
  const asked = new URLSearchParams(search).get('sw');
  if (asked === 'off' || asked === 'on') {
    try {
      localStorage.setItem(SETTING, asked);
    } catch {
      // not remembered: this visit only
    }
    return asked === 'on';
  }
  return stored() !== 'off';
}

/**
 * Registers /sw.js. The map's app calls it once its first screen is done (first-view.ts: the install
 * downloads the whole app); the card and the verifier at once (main.tsx: no map holds them up).
 */
export async function registerServiceWorker(o: BridgeOptions): Promise<void> {
  if (!supported()) return;
  if (!serviceWorkerWanted()) return void (await unregister());
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent<WorkerMessage | null>) => {
    if (e.data?.type === 'OUTBOX') o.onOutbox?.();
  });
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    o.onUpdate(() => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    });
  });
  await wb.register();
}

/** Removes the worker and the caches it filled (the offline copy in IndexedDB stays). */
async function unregister(): Promise<void> {
  const regs = await navigator.serviceWorker.getRegistrations();
  await Promise.all(regs.map((r) => r.unregister()));
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith('yizhan-') || k.startsWith('workbox-')).map((k) => caches.delete(k)));
}

/** Switches the worker on or off (remembered); takes effect now for off, on the next load for on. */
export async function setServiceWorkerEnabled(on: boolean): Promise<void> {
  try {
    localStorage.setItem(SETTING, on ? 'on' : 'off');
  } catch {
    // storage blocked: the choice lasts this visit
  }
  if (!supported()) return;
  if (!on) await unregister();
}

interface SyncRegistration extends ServiceWorkerRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Asks the worker to run `tag` when the network is back (Background Sync); false where unsupported. */
export async function requestBackgroundSync(tag: string): Promise<boolean> {
  if (!supported() || !navigator.serviceWorker.controller) return false;
  try {
    const reg = (await navigator.serviceWorker.ready) as SyncRegistration;
    if (!reg.sync) return false;
    await reg.sync.register(tag);
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls `cb` once when a worker first takes control of this page (the first visit: what the page
 * loaded before that did not pass through the worker's caches). Returns the unsubscribe.
 */
export function onFirstControl(cb: () => void): () => void {
  if (!supported() || navigator.serviceWorker.controller) return () => {};
  navigator.serviceWorker.addEventListener('controllerchange', cb, { once: true });
  return () => navigator.serviceWorker.removeEventListener('controllerchange', cb);
}

/**
 * Passes tiles already on screen through the worker, so the first view is kept for offline use
 * like every later one (the browser's HTTP cache usually answers: no new download, no prefetch).
 * Starting a request costs the main thread about a millisecond on a slow phone: a screenful of
 * them is sent a few at a time (tasks.ts), never as one long task.
 */
export function keepViewedTiles(urls: readonly string[]): void {
  void inTasks(requestEach(urls));
}

/** Sliced work: one request per slice. */
function* requestEach(urls: readonly string[]): Sliced<void> {
  for (const url of urls) {
    void fetch(url, { mode: 'cors', credentials: 'same-origin' }).catch(() => {});
    yield;
  }
}
