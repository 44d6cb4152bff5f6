/**
 * The one HTTP core of both apps and the worker: fetch (the caller's, for tests) with the network
 * failure as an ApiError, JSON and RFC 9457 problem documents read in one way, and the PWA's one
 * network timeout — a read that has not answered within NETWORK_WAIT_MS is answered from the
 * worker's last answer, or given up for the offline copy (web/lib/offline-api.ts). Answers come
 * back as `{ data, source }`; only failures are thrown. Kept tiny: the worker imports it too.
 */

/** The network's answer, the worker's last one ('cache'), or the offline copy's ('offline'). */
export type Source = 'network' | 'cache' | 'offline';
export interface Answer<T> {
  data: T;
  source: Source;
  /**
   * true: a network answer to a request that bypassed the browser's HTTP cache (`cache: 'no-cache'`),
   * so the server gave it just now. A plain request's network answer may be the HTTP cache's (the API
   * lets answers be kept 30–60 s), which says nothing about the network.
   */
  fresh?: boolean;
}

export type ApiErrorKind = 'network' | 'not_found' | 'bad_request' | 'server';

/** A failed call, classified so the UI can say what happened in plain words. */
export class ApiError extends Error {
  declare readonly kind: ApiErrorKind;
  declare readonly status: number;
  /** the problem document (RFC 9457), when the server sent one */
  declare readonly problem: Problem;
  constructor(kind: ApiErrorKind, status: number, detail: string, problem: Problem = {}) {
    super(detail);
    Object.assign(this, { kind, status, problem }); // plain fields: no class-field helpers in the worker's bundle
  }
}

/** What a failed response says: its problem document's fields, read leniently. */
export interface Problem {
  detail?: string;
  invalid_params?: { name: string; reason: string }[];
  /** seconds */
  retryAfter?: number;
  [field: string]: unknown;
}

/** Header the service worker sets on an answer it gives from its cache (web/sw.ts). */
export const FROM_CACHE_HEADER = 'x-yizhan-from';
/** The worker's cache of the last answers of the read API (web/sw.ts). */
export const API_CACHE = 'yizhan-api';
/** How long the worker keeps a last answer, in seconds. */
export const API_CACHE_MAX_AGE_S = 7 * 86_400;
/** The one network timeout: a read waits this long before a saved answer is used instead. */
export const NETWORK_WAIT_MS = 3_000;
/** The message of the ApiError('network') of a read given up as too slow (slow is not down). */
export const TOO_SLOW = 'the network is too slow';

export interface HttpDeps {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

export interface SendOptions extends RequestInit {
  /** sent as JSON (with its content type) when given */
  json?: unknown;
}

/** Whether a request in this cache mode is answered by the server, never by the HTTP cache's stored answer alone. */
const bypasses = (mode: RequestCache | undefined) => mode === 'no-cache' || mode === 'reload' || mode === 'no-store';

/** The kind of error an HTTP status is. */
export const errorKind = (status: number): ApiErrorKind => (status === 404 ? 'not_found' : status < 500 ? 'bad_request' : 'server');

/** The JSON body of a response (its problem document), or `{}` when it has none or it is not JSON (a proxy's error page). */
export async function problemOf(res: Response): Promise<Problem> {
  const doc: unknown = await res.json().catch(() => null);
  return doc && typeof doc === 'object' ? (doc as Problem) : {};
}

/** Seconds to wait before asking again: the problem's `retryAfter`, else the Retry-After header (in seconds). */
export function retryAfterOf(res: Response, problem: Problem): number | undefined {
  const header = Number(res.headers.get('retry-after'));
  return typeof problem.retryAfter === 'number' ? problem.retryAfter : Number.isFinite(header) && header > 0 ? header : undefined;
}

/** Sends a request to `path` and gives back the response, whatever its status. */
export type Send = (path: string, o?: SendOptions) => Promise<Response>;

/**
 * The bare sender (all the worker and the background senders need): no response at all is
 * ApiError('network'); an abort stays an AbortError. Tests pass their own fetch and base URL.
 */
export function sender({ baseUrl = '', fetch: doFetch = globalThis.fetch.bind(globalThis) }: HttpDeps = {}): Send {
  return async (path, { json, ...init } = {}) => {
    if (json !== undefined) {
      init.method ??= 'POST';
      init.body = JSON.stringify(json);
      init.headers = { 'content-type': 'application/json', ...init.headers };
    }
    try {
      return await doFetch(baseUrl + path, init);
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError('network', 0, String(e));
    }
  };
}

/** The PWA's reads: `sender` plus JSON answers and the network timeout. */
export function createHttp(deps: HttpDeps = {}) {
  const send = sender(deps);

  /** The JSON answer of a 2xx (`revalidated`: asked past the HTTP cache), else an ApiError carrying the problem document. */
  async function answer<T>(res: Response, revalidated: boolean): Promise<Answer<T>> {
    if (res.ok) {
      const data = (await res.json()) as T;
      if (res.headers.get(FROM_CACHE_HEADER) === 'cache') return { data, source: 'cache' };
      return revalidated ? { data, source: 'network', fresh: true } : { data, source: 'network' };
    }
    const problem = await problemOf(res);
    throw new ApiError(errorKind(res.status), res.status, problem.detail ?? res.statusText, problem);
  }

  return {
    /** The JSON answer or an ApiError. */
    json: async <T>(path: string, o?: SendOptions) => answer<T>(await send(path, o), bypasses(o?.cache)),
    /**
     * A read of the PWA with the network timeout: after NETWORK_WAIT_MS the worker's last answer
     * for the same URL is used; without one, `giveUp()` says whether to stop waiting (the caller
     * has another answer: ApiError 'network') or to wait for the network as long as it takes.
     */
    async read<T>(path: string, o: SendOptions & { signal?: AbortSignal; giveUp?: () => boolean }): Promise<Answer<T>> {
      const { giveUp, signal, ...init } = o;
      const ctl = new AbortController();
      const stop = () => ctl.abort();
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, { once: true });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const slow = new Promise<Answer<T> | null>((resolve, reject) => {
        timer = setTimeout(async () => {
          const last = init.json === undefined ? await lastAnswer((deps.baseUrl ?? '') + path) : undefined;
          if (last) resolve({ data: (await last.json()) as T, source: 'cache' });
          else if (giveUp?.()) reject(new ApiError('network', 0, TOO_SLOW));
          else resolve(null); // nothing else to offer: keep waiting for the network
        }, NETWORK_WAIT_MS);
      });
      const net = send(path, { ...init, signal: ctl.signal }).then((res) => answer<T>(res, bypasses(init.cache)));
      try {
        return await Promise.race([net, slow.then((a) => a ?? net)]);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        stop(); // a late network answer is not wanted any more
      }
    },
  };
}


/** The worker's last answer for `url`, when there is one young enough (pages without a worker have none). */
async function lastAnswer(url: string): Promise<Response | undefined> {
  const hit = await globalThis.caches?.match(url, { cacheName: API_CACHE }).catch(() => undefined);
  // as the worker's expiration reads it: by the Date header, and fresh when there is none
  return Date.now() - Date.parse(hit?.headers.get('date') ?? '') > API_CACHE_MAX_AGE_S * 1000 ? undefined : hit;
}
