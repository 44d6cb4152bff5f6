/**
 * Opening-hours evaluation (data/hours.ts, the same code the API uses) is loaded on demand: the
 * OSM opening_hours parser is large, so the first screen never waits for it — the list shows the
 * server's open/closed state at once and gains "closes at 18:00" when the parser arrives.
 */
import { useEffect, useState } from 'preact/hooks';

export type HoursModule = typeof import('../../data/hours');

let loading: Promise<HoursModule> | null = null;

/** Loads data/hours once. */
function loadHours(): Promise<HoursModule> {
  return (loading ??= import('../../data/hours').catch((e: unknown) => {
    loading = null; // a failed chunk load (offline) may succeed later, whoever asked first
    throw e;
  }));
}

/**
 * The hours module once wanted (null until it has arrived): `now` loads it at once (the detail
 * sheet needs the week), `idle` when the browser has nothing else to do (the list's "closes at").
 */
export function useHours(want: 'now' | 'idle' | false): HoursModule | null {
  const [mod, setMod] = useState<HoursModule | null>(null);
  useEffect(() => {
    if (!want || mod) return;
    let live = true;
    const load = () =>
      loadHours().then(
        (m) => live && setMod(m),
        () => undefined, // asked again when wanted again
      );
    let idle = 0;
    if (want === 'now' || !('requestIdleCallback' in window)) void load();
    else idle = requestIdleCallback(() => void load(), { timeout: 5000 });
    return () => {
      live = false;
      if (idle) cancelIdleCallback(idle);
    };
  }, [want, mod]);
  return mod;
}
