/**
 * The one bridge between the page and the service worker (workbox-window). Registers the worker
 * in production builds only (there is none under `vite dev`) and offers updates — never forces
 * them: `onUpdate` receives a function that activates the waiting worker and reloads.
 */
export interface BridgeOptions {
  /** a new version is waiting; call `apply` when the user agrees */
  onUpdate(apply: () => void): void;
}

/** Registers /sw.js after the page has loaded, so it never competes with the first paint. */
export async function registerServiceWorker(o: BridgeOptions): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
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
