/**
 * Starts the offline side (IndexedDB copy, sync, outbox — its own chunk) once the first answers
 * and the map's first places have painted, and tells the app about reports that reached a final state.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxItem } from '../lib/db';
import type { CopySlot } from '../lib/offline-api';
import type { OfflineRuntime } from '../lib/offline-runtime';
import { afterFirstScreen } from '../lib/first-view';
import { loadOfflineDbSeen } from '../lib/prefs';

/** A first visit's runtime starts this long after the navigation at the earliest (its first copy waits 8 s). */
export const FIRST_VISIT_START_MS = 5000;

/**
 * The runtime once started; it puts its copy in `copy` (the slot the app's Api answers from). It
 * starts once the first answers and the map's first places have painted — on a first visit (this
 * browser never opened its database: no copy to load, no report waiting) not before
 * FIRST_VISIT_START_MS either, unless `wanted` (a place's detail or the settings are open, which
 * offer what it runs). Offline it starts at once.
 */
export function useOfflineRuntime(copy: CopySlot, onSettled: (items: OutboxItem[]) => void, wanted: boolean): OfflineRuntime | null {
  const [runtime, setRuntime] = useState<OfflineRuntime | null>(null);
  const settled = useRef(onSettled);
  settled.current = onSettled;
  const want = useRef<() => void>(() => {});
  useEffect(() => {
    // (the copy's own code, with the opening-hours parser, is loaded by the runtime once there is a copy)
    const start = () =>
      void import('../lib/offline-runtime')
        .then((m) => m.startOffline({ copy, onSettled: (items) => settled.current(items) }))
        .then(setRuntime, (e: unknown) => console.warn('offline copy unavailable', e));
    // Offline there is nothing else to wait for: the copy is the only source of answers. Online
    // the map's first places come first (on a slow phone the copy's loading held them back ~1 s),
    // and a first visit's start (its database made, its code loaded: ~100 ms of blocking time on a
    // slow phone) waits for the page to be done with its own, or for the person to want it.
    if (!navigator.onLine) return start();
    const first = !loadOfflineDbSeen();
    const wantedNow = new Promise<void>((resolve) => (want.current = resolve));
    void afterFirstScreen()
      .then(() => first && Promise.race([wantedNow, new Promise((resolve) => setTimeout(resolve, FIRST_VISIT_START_MS - performance.now()))]))
      .then(start);
  }, []);
  useEffect(() => {
    if (wanted) want.current();
  }, [wanted]);
  return runtime;
}
