/**
 * The first screen's last step: the map has drawn its first places. What is not the first screen's
 * — the offline copy, the service worker and its precache download — waits for it (or a few
 * seconds), so that on a slow phone, or on one bar of signal, it does not push the first markers back.
 */
let shown!: () => void;
const mapShown = new Promise<void>((resolve) => (shown = resolve));
let drawn = false;
export const showMap = () => {
  drawn = true;
  shown();
};
/** Whether the map has drawn its first places. */
export const mapDrawn = () => drawn;

/** Resolves once the map has drawn its first places, or after `ms`. */
export const mapShownWithin = (ms: number): Promise<void> => Promise.race([mapShown, new Promise<void>((r) => setTimeout(r, ms))]);

const MAP_WAIT_MS = 5000; // the longest anything waits for the map (no tiles, a map that failed)
const IDLE_WAIT_MS = 3000; // then an idle moment, at most this long
const NO_IDLE_CALLBACK_MS = 300; // where the browser has no requestIdleCallback (Safari)

let done: Promise<void> | undefined;

/**
 * Resolves at an idle moment once the map has drawn its first places, or MAP_WAIT_MS after it is
 * first asked: one moment for all who wait.
 */
export function afterFirstScreen(): Promise<void> {
  const idle = () => new Promise<void>((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS });
    else setTimeout(resolve, NO_IDLE_CALLBACK_MS);
  });
  return (done ??= mapShownWithin(MAP_WAIT_MS).then(idle));
}
