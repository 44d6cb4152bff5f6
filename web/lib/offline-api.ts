/**
 * The Api the app uses: the HTTP client (api.ts) with the offline copy behind it, same methods,
 * same answers, each saying where it came from (`source`). Which one answers:
 *   - the copy, at once, when it is in memory and either the server confirmed it current within
 *     FRESH_MS or the network is known to be down — the two give identical answers (the same
 *     data/ code over the same data), so on one bar of signal the rider gets the answer in
 *     milliseconds and spends no data; the sync loop keeps the copy within minutes of the server;
 *   - otherwise the network: a failed, slow (http.ts's one timeout gives up on it when the copy is
 *     in memory) or refused-by-a-broken-server request is answered from the copy, and so is one
 *     the worker answered with its last answer; without a copy, the worker's last answer stands.
 * Records the copy lacks (a station added minutes ago) are asked of the network.
 * The copy comes in as an argument: a CopySlot made in main.tsx, filled by the offline runtime.
 */
import { ApiError, type Answer, type Api, type AppConfig } from './api';
import { TOO_SLOW } from './http';
import type { Engine } from './offline-engine';
import { answeredBy, offlineState, setOfflineState } from './offline-status';

/** The server confirmed the copy this recently: answer from it without asking. */
export const FRESH_MS = 20 * 60_000;
const CONFIG_KEY = 'yizhan.config';
/** How long a request that failed before the offline side started waits for it. */
const ATTACH_WAIT_MS = 10_000;

/** The offline copy as the runtime (offline-runtime.ts, loaded after the first paint) holds it. */
export interface CopyHandle {
  /** the copy in memory, or null */
  ready(): Engine | null;
  /** the copy once loading has been tried (null: there is none) */
  loaded(): Promise<Engine | null>;
}
/** The place the runtime puts its copy once it has started (`attach`); until then it holds none. */
export interface CopySlot extends CopyHandle {
  attach(c: CopyHandle): void;
}

/** An empty slot; `loaded()` waits a little for the runtime when it has not started yet. */
export function copySlot(): CopySlot {
  let copy: CopyHandle | null = null;
  let attached: (c: CopyHandle) => void = () => {};
  const once = new Promise<CopyHandle>((resolve) => (attached = resolve));
  return {
    attach(c) {
      copy = c;
      attached(c);
    },
    ready: () => copy?.ready() ?? null,
    async loaded() {
      const c = copy ?? (await Promise.race([once, new Promise<null>((r) => setTimeout(() => r(null), ATTACH_WAIT_MS))]));
      return c ? c.loaded() : null;
    },
  };
}

function answerLocally(e: Engine | null): e is Engine {
  if (!e) return false;
  const s = offlineState();
  return !s.online || (s.copy !== null && Date.now() - s.copy.checkedAt < FRESH_MS);
}

/** The copy's answer; `strict` while the network can be asked instead (a regional copy then answers only what it holds whole). */
type Local<T> = (e: Engine, strict: boolean) => Promise<T | undefined> | T | undefined;

/** The copy's answer, once it has loaded (undefined: no copy, or a record it lacks). */
async function fromCopy<T>(copy: CopyHandle, local: Local<T>): Promise<Answer<T> | undefined> {
  const e = await copy.loaded();
  const r = e ? await local(e, false) : undefined;
  return r === undefined ? undefined : { data: r, source: 'offline' };
}

async function answer<T>(copy: CopyHandle, remote: () => Promise<Answer<T>>, local: Local<T>, signal?: AbortSignal): Promise<Answer<T>> {
  const e = copy.ready();
  if (answerLocally(e)) {
    const t0 = performance.now();
    const r = await local(e, offlineState().online);
    performance.clearMeasures('yizhan:local-answer'); // the last one is enough (DevTools, the benchmark)
    performance.measure('yizhan:local-answer', { start: t0, end: performance.now() });
    if (r !== undefined) return { data: r, source: 'offline' };
  }
  let a: Answer<T>;
  try {
    a = await remote();
  } catch (err) {
    if (signal?.aborted || !(err instanceof ApiError) || (err.kind !== 'network' && err.kind !== 'server')) throw err;
    if (err.kind === 'network' && err.message !== TOO_SLOW) setOfflineState({ online: false }); // slow is not down
    return (await fromCopy(copy, local)) ?? Promise.reject(err);
  }
  answeredBy(a.source, a.fresh === true);
  // the worker's last answer means the network failed or was slow: the copy's is fresher
  return a.source === 'network' ? a : ((await fromCopy(copy, local)) ?? a);
}

function savedConfig(): AppConfig | undefined {
  try {
    return JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The search box has the focus: the copy starts building its search index if it would answer the search (Engine.prepareSearch). */
export function prepareSearch(copy: CopyHandle): void {
  const e = copy.ready();
  if (answerLocally(e)) void e.prepareSearch(offlineState().online);
}

/** The app's Api: `api`'s methods, answered from the offline copy in `copy` when that is better. */
export function withOfflineCopy(api: Api, copy: CopyHandle): Api {
  return {
    ...api,
    async config(signal) {
      let a: Answer<AppConfig>;
      try {
        a = await api.config(signal);
      } catch (e) {
        if (!(e instanceof ApiError) || e.kind !== 'network') throw e;
        setOfflineState({ online: false });
        const data = savedConfig();
        if (!data) throw e;
        return { data, source: 'offline' };
      }
      answeredBy(a.source, a.fresh === true);
      try {
        if (a.source === 'network') localStorage.setItem(CONFIG_KEY, JSON.stringify(a.data));
      } catch {
        // not remembered
      }
      return a;
    },
    nearestStations: (q, signal) => answer(copy, () => api.nearestStations(q, signal), (e, t) => e.nearestStations(q, new Date(), t), signal),
    nearestMerchants: (q, signal) => answer(copy, () => api.nearestMerchants(q, signal), (e, t) => e.nearestMerchants(q, new Date(), t), signal),
    inView: (kind, bbox, zoom, f, signal) => answer(copy, () => api.inView(kind, bbox, zoom, f, signal), (e, t) => e.inView(kind, bbox, zoom, f, new Date(), t), signal),
    station: (id, signal) => answer(copy, () => api.station(id, signal), (e, t) => e.station(id, new Date(), t), signal),
    merchant: (id, signal) => answer(copy, () => api.merchant(id, signal), (e, t) => e.merchant(id, new Date(), t), signal),
    search: (q, at, signal) => answer(copy, () => api.search(q, at, signal), (e, t) => e.search(q, at, new Date(), undefined, t), signal),
    corridor: (q, signal) => answer(copy, () => api.corridor(q, signal), (e, t) => e.corridor(q, new Date(), t), signal),
  };
}
