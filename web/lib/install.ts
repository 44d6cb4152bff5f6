/**
 * The in-app install prompt. The browser fires `beforeinstallprompt` once, possibly before the
 * UI exists, so this module listens from the start and keeps the event until the user taps Install.
 */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let deferred: InstallPromptEvent | null = null;
const listeners = new Set<(available: boolean) => void>();
const notify = () => listeners.forEach((l) => l(deferred !== null));

/** Starts listening; call once at start-up. */
export function listenForInstall(): void {
  addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault(); // show our own button instead of the browser's mini-infobar
    deferred = e as InstallPromptEvent;
    notify();
  });
  addEventListener('appinstalled', () => {
    deferred = null;
    notify();
  });
}

/** Calls back now and whenever installing becomes possible or not; returns the unsubscribe. */
export function watchInstall(cb: (available: boolean) => void): () => void {
  listeners.add(cb);
  cb(deferred !== null);
  return () => listeners.delete(cb);
}

/** Shows the browser's install dialog; true if the user accepted. */
export async function promptInstall(): Promise<boolean> {
  const e = deferred;
  if (!e) return false;
  deferred = null;
  notify();
  await e.prompt();
  return (await e.userChoice).outcome === 'accepted';
}
