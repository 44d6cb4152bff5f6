/**
 * The first screen's last step: the map has drawn its first places. What is not the first screen's
 * — the offline copy, the service worker and its precache download — waits for it (or a few
 * seconds), so that on a slow phone, or on one bar of signal, it does not push the first markers back.
 */
let shown!: () => void;
export const mapShown = new Promise<void>((resolve) => (shown = resolve));
export const showMap = () => shown();

const MAP_WAIT_MS = 5000; // the longest anything waits for the map (no tiles, a map that failed)

/** Resolves at an idle moment once the map has drawn its first places, or MAP_WAIT_MS after it is asked. */
export function afterFirstScreen(): Promise<void> {
  const idle = () => new Promise<void>((resolve) => ('requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: 3000 }) : setTimeout(resolve, 300)));
  return Promise.race([mapShown, new Promise((r) => setTimeout(r, MAP_WAIT_MS))]).then(idle);
}
