/**
 * Starts the offline side (IndexedDB copy, sync, outbox — its own chunk) once the first answers
 * and the map's first places have painted, and tells the app about reports that reached a final state.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxItem } from '../lib/db';
import type { CopySlot } from '../lib/offline-api';
import type { OfflineRuntime } from '../lib/offline-runtime';
import { afterFirstScreen } from '../lib/first-view';

/** The runtime once started; it puts its copy in `copy` (the slot the app's Api answers from). */
export function useOfflineRuntime(copy: CopySlot, onSettled: (items: OutboxItem[]) => void): OfflineRuntime | null {
  const [runtime, setRuntime] = useState<OfflineRuntime | null>(null);
  const settled = useRef(onSettled);
  settled.current = onSettled;
  useEffect(() => {
    // (the copy's own code, with the opening-hours parser, is loaded by the runtime once there is a copy)
    const start = () =>
      void import('../lib/offline-runtime')
        .then((m) => m.startOffline({ copy, onSettled: (items) => settled.current(items) }))
        .then(setRuntime, (e: unknown) => console.warn('offline copy unavailable', e));
    // Offline there is nothing else to wait for: the copy is the only source of answers. Online
    // the map's first places come first (on a slow phone the copy's loading held them back ~1 s).
    if (!navigator.onLine) return start();
    void afterFirstScreen().then(start);
  }, []);
  return runtime;
}
