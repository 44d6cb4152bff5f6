/**
 * The Api the app uses: the HTTP client (api.ts) with the offline copy behind it, same methods,
 * same answers. Which one answers:
 *   - the copy, at once, when it is in memory and either the server confirmed it current within
 *     FRESH_MS or the network is known to be down — the two give identical answers (the same
 *     data/ code over the same data), so on one bar of signal the rider gets the answer in
 *     milliseconds and spends no data; the sync loop keeps the copy within minutes of the server;
 *   - otherwise the network, but with a copy at hand for no longer than NETWORK_WAIT_MS: a failed,
 *     slow or refused-by-a-broken-server request is answered from the copy (or, without a copy,
 *     from the service worker's last answer).
 * Records the copy lacks (a station added minutes ago) are asked of the network.
 */
import { ApiError, type Api, type AppConfig } from './api';
import type { Engine } from './offline-engine';
import { offlineState, setOfflineState } from './offline-status';

/** The server confirmed the copy this recently: answer from it without asking. */
export const FRESH_MS = 20 * 60_000;
/** With a copy at hand, wait no longer than this for the network. */
export const NETWORK_WAIT_MS = 3_000;
const CONFIG_KEY = 'yizhan.config';

/** The offline copy as the runtime (offline-runtime.ts, loaded after the first paint) holds it. */
export interface CopyHandle {
  /** the copy in memory, or null */
  ready(): Engine | null;
  /** the copy once loading has been tried (null: there is none) */
  loaded(): Promise<Engine | null>;
}

/** How long a request that failed before the offline side started waits for it. */
const ATTACH_WAIT_MS = 10_000;

let copy: CopyHandle | null = null;
let attached: (c: CopyHandle) => void = () => {};
const attachedOnce = new Promise<CopyHandle>((resolve) => (attached = resolve));

/** Called by the runtime once it holds the copy. */
export function attachCopy(c: CopyHandle): void {
  copy = c;
  attached(c);
}

/** The copy's handle, waiting a little for the runtime when it has not started yet. */
function handle(): Promise<CopyHandle | null> {
  if (copy) return Promise.resolve(copy);
  return Promise.race([attachedOnce, new Promise<null>((r) => setTimeout(() => r(null), ATTACH_WAIT_MS))]);
}

function answerLocally(e: Engine | null): e is Engine {
  if (!e) return false;
  const s = offlineState();
  return !s.online || (s.copy !== null && Date.now() - s.copy.checkedAt < FRESH_MS);
}

/** A signal that aborts with `outer` or when `abort` is called. */
function linked(outer?: AbortSignal) {
  const ctl = new AbortController();
  if (outer?.aborted) ctl.abort();
  outer?.addEventListener('abort', () => ctl.abort(), { once: true });
  return ctl;
}

async function answer<T>(remote: (signal: AbortSignal) => Promise<T>, local: (e: Engine) => Promise<T | undefined> | T | undefined, signal?: AbortSignal): Promise<T> {
  const e = copy?.ready() ?? null;
  if (answerLocally(e)) {
    const t0 = performance.now();
    const r = await local(e);
    performance.clearMeasures('yizhan:local-answer'); // the last one is enough (DevTools, the benchmark)
    performance.measure('yizhan:local-answer', { start: t0, end: performance.now() });
    if (r !== undefined) return r;
  }
  const ctl = linked(signal);
  const timer = e ? setTimeout(() => ctl.abort(), NETWORK_WAIT_MS) : 0;
  try {
    const r = await remote(ctl.signal);
    setOfflineState({ online: true });
    return r;
  } catch (err) {
    if (signal?.aborted) throw err;
    const timedOut = ctl.signal.aborted;
    const failed = err instanceof ApiError && (err.kind === 'network' || err.kind === 'server');
    if (!timedOut && !failed) throw err;
    if (err instanceof ApiError && err.kind === 'network') setOfflineState({ online: false });
    const eng = await (await handle())?.loaded();
    const r = eng ? await local(eng) : undefined;
    if (r !== undefined) return r;
    if (err instanceof ApiError && err.cached !== undefined) return err.cached as T;
    throw timedOut ? new ApiError('network', 0, 'the network is too slow') : err;
  } finally {
    clearTimeout(timer);
  }
}

function savedConfig(): AppConfig | undefined {
  try {
    return JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The app's Api: `api`'s methods, answered from the offline copy when that is better. */
export function withOfflineCopy(api: Api): Api {
  return {
    ...api,
    async config(signal) {
      try {
        const c = await api.config(signal);
        setOfflineState({ online: true });
        try {
          localStorage.setItem(CONFIG_KEY, JSON.stringify(c));
        } catch {
          // not remembered
        }
        return c;
      } catch (e) {
        if (!(e instanceof ApiError) || e.kind !== 'network') throw e;
        setOfflineState({ online: false });
        const c = (e.cached as AppConfig | undefined) ?? savedConfig();
        if (!c) throw e;
        return c;
      }
    },
    nearestStations: (q, signal) => answer((s) => api.nearestStations(q, s), (e) => e.nearestStations(q, new Date()), signal),
    nearestMerchants: (q, signal) => answer((s) => api.nearestMerchants(q, s), (e) => e.nearestMerchants(q, new Date()), signal),
    inView: (kind, bbox, zoom, f, signal) => answer((s) => api.inView(kind, bbox, zoom, f, s), (e) => e.inView(kind, bbox, zoom, f, new Date()), signal),
    station: (id, signal) => answer((s) => api.station(id, s), (e) => e.station(id, new Date()), signal),
    merchant: (id, signal) => answer((s) => api.merchant(id, s), (e) => e.merchant(id, new Date()), signal),
    search: (q, at, signal) => answer((s) => api.search(q, at, s), (e) => e.search(q, at, new Date()), signal),
    corridor: (q, signal) => answer((s) => api.corridor(q, s), (e) => e.corridor(q, new Date()), signal),
  };
}
