// The PWA's HTTP core (web/lib/http.ts) and the offline-aware Api over it (web/lib/offline-api.ts):
// problem documents become ApiErrors a screen can act on; answers say where they came from
// ({ data, source }); the one network timeout gives up a slow read for the offline copy, takes the
// worker's last answer, or waits on. Fake fetch, fake clock, a fake copy.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { askNearestEarly, createApi, type NearStation } from '../../web/lib/api';
import { ApiError, FROM_CACHE_HEADER, NETWORK_WAIT_MS, TOO_SLOW, createHttp, problemOf, retryAfterOf, sender } from '../../web/lib/http';
import { copySlot, withOfflineCopy } from '../../web/lib/offline-api';
import type { Engine } from '../../web/lib/offline-engine';
import { answeredBy, offlineState, revalidating, setOfflineState } from '../../web/lib/offline-status';

const problem = (status: number, doc: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(doc), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
const fetchOf = (answer: (url: string, init?: RequestInit) => Response | Promise<Response>) =>
  (async (url: string | URL | Request, init?: RequestInit) => answer(String(url), init)) as typeof fetch;
/** A network that never answers (until the request is aborted); `asked` counts requests, `aborted` aborts. */
function hangingNet() {
  const s = { asked: 0, aborted: 0 };
  const f = ((_url: string | URL | Request, init?: RequestInit) => {
    s.asked++;
    return new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => {
        s.aborted++;
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  }) as typeof fetch;
  return { s, f };
}

describe('http core', () => {
  it('reads problem+json into ApiErrors: kind, status, detail, invalid params; a proxy page is the status alone', async () => {
    const http = createHttp({
      fetch: fetchOf((url) => {
        if (url.endsWith('/bad')) return problem(400, { detail: 'lat must be a number', invalid_params: [{ name: 'lat', reason: 'not a number' }] });
        if (url.endsWith('/gone')) return problem(404, { detail: 'No such station' });
        return new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
      }),
    });
    const fail = (p: Promise<unknown>) => p.then(() => null, (e: ApiError) => e);
    const bad = await fail(http.json('/bad'));
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ kind: 'bad_request', status: 400, message: 'lat must be a number', problem: { invalid_params: [{ name: 'lat', reason: 'not a number' }] } });
    expect(await fail(http.json('/gone'))).toMatchObject({ kind: 'not_found', status: 404, message: 'No such station' });
    expect(await fail(http.json('/proxy'))).toMatchObject({ kind: 'server', status: 502, message: 'Bad Gateway', problem: {} });
  });

  it('no response is a network error; an abort stays an abort; JSON bodies go with their content type', async () => {
    const down = sender({ fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch });
    await expect(down('/x')).rejects.toMatchObject({ kind: 'network', status: 0 });
    const aborting = sender({ fetch: (async () => Promise.reject(new DOMException('stop', 'AbortError'))) as typeof fetch });
    await expect(aborting('/x')).rejects.toMatchObject({ name: 'AbortError' });
    let seen: RequestInit | undefined;
    const post = sender({ baseUrl: 'http://h', fetch: fetchOf((_u, init) => ((seen = init), new Response('{}'))) });
    await post('/api/reports', { json: { a: 1 }, headers: { accept: 'application/json' } });
    expect(seen).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json', accept: 'application/json' } });
  });

  it('Retry-After: the problem document first, else the header in seconds', async () => {
    const r1 = problem(429, { retryAfter: 601 }, { 'retry-after': '5' });
    expect(retryAfterOf(r1, await problemOf(r1))).toBe(601);
    const r2 = problem(429, {}, { 'retry-after': '120' });
    expect(retryAfterOf(r2, await problemOf(r2))).toBe(120);
    const r3 = new Response('not json', { status: 429 });
    expect(await problemOf(r3.clone())).toEqual({});
    expect(retryAfterOf(r3, {})).toBeUndefined();
  });

  it('answers say whether the network or the worker\'s cache gave them', async () => {
    const http = createHttp({
      fetch: fetchOf((url) => Response.json({ n: 1 }, url.endsWith('/cached') ? { headers: { [FROM_CACHE_HEADER]: 'cache' } } : {})),
    });
    expect(await http.read('/live', {})).toEqual({ data: { n: 1 }, source: 'network' });
    expect(await http.read('/cached', {})).toEqual({ data: { n: 1 }, source: 'cache' });
  });

  it('an answer to a request past the HTTP cache is fresh (the server gave it); a plain request\'s may be the HTTP cache\'s', async () => {
    const modes: (RequestCache | undefined)[] = [];
    const http = createHttp({ fetch: fetchOf((_url, init) => (modes.push(init?.cache), Response.json({ n: 1 }))) });
    expect(await http.read('/live', { cache: 'no-cache' })).toEqual({ data: { n: 1 }, source: 'network', fresh: true });
    expect(await http.json('/live', { cache: 'reload' })).toEqual({ data: { n: 1 }, source: 'network', fresh: true });
    expect(await http.read('/live', {})).toEqual({ data: { n: 1 }, source: 'network' });
    expect(modes).toEqual(['no-cache', 'reload', undefined]);
  });
});

describe('the one network timeout', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('gives a slow read up after NETWORK_WAIT_MS when the caller has another answer', async () => {
    const { s, f } = hangingNet();
    const p = createHttp({ fetch: f }).read('/api/stations/nearest?x=1', { giveUp: () => true });
    const settled = p.then(() => 'answered', (e: ApiError) => e);
    await vi.advanceTimersByTimeAsync(NETWORK_WAIT_MS - 1);
    expect(s.aborted).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled).toMatchObject({ kind: 'network', message: TOO_SLOW });
    expect(s.aborted).toBe(1); // the late answer is not waited for
  });

  it('takes the worker\'s last answer for the same URL at the timeout', async () => {
    const stored = Response.json({ from: 'cache' }, { headers: { date: new Date().toUTCString() } });
    const match = vi.fn(async () => stored);
    vi.stubGlobal('caches', { match });
    const { s, f } = hangingNet();
    const p = createHttp({ fetch: f }).read('/api/config', {});
    await vi.advanceTimersByTimeAsync(NETWORK_WAIT_MS);
    expect(await p).toEqual({ data: { from: 'cache' }, source: 'cache' });
    expect(match).toHaveBeenCalledWith('/api/config', { cacheName: 'yizhan-api' });
    expect(s.aborted).toBe(1);
  });

  it('with nothing else to offer, waits for the network as long as it takes', async () => {
    let answer: (r: Response) => void = () => {};
    const f = (() => new Promise<Response>((resolve) => (answer = resolve))) as typeof fetch;
    const p = createHttp({ fetch: f }).read('/api/config', { giveUp: () => false });
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(NETWORK_WAIT_MS * 5);
    expect(done).toBe(false);
    answer(Response.json({ late: true }));
    expect(await p).toEqual({ data: { late: true }, source: 'network' });
  });
});

describe('the offline-aware Api: { data, source }', () => {
  const fromNet = [{ id: 'net' }] as NearStation[];
  const fromCopy = [{ id: 'copy' }] as NearStation[];
  const engine = { nearestStations: () => fromCopy } as unknown as Engine;
  const q = { lng: 118.78, lat: 32.06 };
  const withCopy = (f: typeof fetch, e: Engine | null = engine) => {
    const copy = copySlot();
    copy.attach({ ready: () => e, loaded: async () => e });
    return withOfflineCopy(createApi({ fetch: f, giveUp: () => copy.ready() !== null, revalidate: revalidating }), copy); // as web/main.tsx makes it
  };
  beforeEach(() => setOfflineState({ online: true, copy: null }));
  afterEach(() => vi.useRealTimers());

  it('the network\'s answer when it comes; the network is then known to be up', async () => {
    setOfflineState({ online: false });
    // offline state says down, but no copy in memory: the network is asked, and answers
    const api = withCopy(fetchOf(() => Response.json({ items: fromNet })), null);
    expect(await api.nearestStations(q)).toEqual({ data: fromNet, source: 'network', fresh: true }); // asked past the HTTP cache, while believed offline
    expect(offlineState().online).toBe(true);
  });

  it('while the browser says it is offline, an answer "from the network" is its HTTP cache\'s: the network is not called up', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    try {
      setOfflineState({ online: false });
      const api = withCopy(fetchOf((url) => Response.json(url.includes('/config') ? { version: 1 } : { items: fromNet })), null);
      expect(await api.nearestStations(q)).toEqual({ data: fromNet, source: 'network', fresh: true });
      expect(await api.config()).toMatchObject({ source: 'network' });
      expect(offlineState().online).toBe(false);
      vi.stubGlobal('navigator', { onLine: true }); // and once it says online again, an answer is believed
      await api.nearestStations(q);
      expect(offlineState().online).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reads go past the HTTP cache while the app believes it is offline: only such an answer says the network is back', async () => {
    // a page reloaded while offline, the browser still saying online: the HTTP cache keeps answers 30–60 s, the server is not reached
    const modes: (RequestCache | undefined)[] = [];
    let up = false;
    const net = fetchOf((url, init) => {
      modes.push(init?.cache);
      if (!up && (init?.cache === 'no-cache' || url.includes('/config'))) throw new TypeError('Failed to fetch'); // not kept: the network is asked
      return Response.json(url.includes('/config') ? { version: 1 } : { items: fromNet }); // the HTTP cache's (or, once up, the server's)
    });
    const api = withCopy(net, null);
    expect(await api.nearestStations(q)).toEqual({ data: fromNet, source: 'network' }); // the HTTP cache's, asked as usual
    expect(offlineState().online).toBe(true); // nothing has said otherwise yet
    await expect(api.config()).rejects.toMatchObject({ kind: 'network' });
    expect(offlineState().online).toBe(false);
    await expect(api.nearestStations(q)).rejects.toMatchObject({ kind: 'network' }); // asked past the HTTP cache: the network is down
    answeredBy('network', false); // an answer the HTTP cache may have given (a request made before) does not say it is back
    expect(offlineState().online).toBe(false);
    up = true;
    expect(await api.nearestStations(q)).toEqual({ data: fromNet, source: 'network', fresh: true });
    expect(offlineState().online).toBe(true);
    expect(await api.nearestStations(q)).toEqual({ data: fromNet, source: 'network' }); // online again: the HTTP cache may answer
    expect(modes).toEqual([undefined, undefined, 'no-cache', 'no-cache', undefined]);
  });

  it('the worker\'s cached answer is not an error: the copy answers instead, or else the cached answer stands', async () => {
    const cached = fetchOf(() => Response.json({ items: fromNet }, { headers: { [FROM_CACHE_HEADER]: 'cache' } }));
    expect(await withCopy(cached).nearestStations(q)).toEqual({ data: fromCopy, source: 'offline' });
    expect(offlineState().online).toBe(false);
    setOfflineState({ online: true });
    expect(await withCopy(cached, null).nearestStations(q)).toEqual({ data: fromNet, source: 'cache' });
  });

  it('a failed network: the copy answers; without a copy the ApiError stands', async () => {
    const down = (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    expect(await withCopy(down).nearestStations(q)).toEqual({ data: fromCopy, source: 'offline' });
    expect(offlineState().online).toBe(false);
    setOfflineState({ online: true });
    await expect(withCopy(down, null).nearestStations(q)).rejects.toMatchObject({ kind: 'network' });
    const broken = fetchOf(() => problem(503, { detail: 'busy' }));
    expect(await withCopy(broken).nearestStations(q)).toEqual({ data: fromCopy, source: 'offline' });
  });

  it('one bar of signal: the copy answers after NETWORK_WAIT_MS, and slow is not called down', async () => {
    vi.useFakeTimers();
    const { s, f } = hangingNet();
    const p = withCopy(f).nearestStations(q);
    await vi.advanceTimersByTimeAsync(NETWORK_WAIT_MS);
    expect(await p).toEqual({ data: fromCopy, source: 'offline' });
    expect(s).toEqual({ asked: 1, aborted: 1 });
    expect(offlineState().online).toBe(true);
  });

  it('a fresh copy in memory answers at once without asking', async () => {
    setOfflineState({ copy: { version: 1, syncedAt: Date.now(), checkedAt: Date.now(), stations: 1, merchants: 0 } });
    const { s, f } = hangingNet();
    expect(await withCopy(f).nearestStations(q)).toEqual({ data: fromCopy, source: 'offline' });
    expect(s.asked).toBe(0);
  });

  it('a request that fails before the runtime starts waits for the copy to be passed in', async () => {
    const copy = copySlot();
    const api = withOfflineCopy(createApi({ fetch: (async () => Promise.reject(new TypeError('down'))) as typeof fetch }), copy);
    const p = api.nearestStations(q);
    await vi.waitFor(() => expect(offlineState().online).toBe(false));
    copy.attach({ ready: () => engine, loaded: async () => engine });
    expect(await p).toEqual({ data: fromCopy, source: 'offline' });
  });
});

describe('the first list asked for early (askNearestEarly): the Api\'s first request for it takes that answer', () => {
  const q = { lng: 118.78, lat: 32.06, limit: 20 };
  const path = '/api/stations/nearest?lat=32.060000&lng=118.780000&limit=20';
  const early = [{ id: 'early' }] as NearStation[];
  /** The page's fetch (what askNearestEarly asks with): `answer`, the requests and their signals. */
  function pageFetch(answer: (signal: AbortSignal) => Promise<Response>) {
    const asked: string[] = [], signals: AbortSignal[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => (asked.push(url), signals.push(init.signal!), answer(init.signal!)));
    return { asked, signals };
  }
  /** The Api's own fetch, counting. */
  function ownFetch() {
    const asked: string[] = [];
    const f = fetchOf((url) => (asked.push(url), Response.json({ items: [{ id: 'own' }] })));
    return { asked, f };
  }
  /** An answer that never comes, until its request is aborted (as fetch does). */
  const hanging = (signal: AbortSignal) => new Promise<Response>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('the same question: one request, the early one, answers it — once', async () => {
    const page = pageFetch(async () => Response.json({ items: early }));
    askNearestEarly(q);
    const own = ownFetch();
    const api = createApi({ fetch: own.f });
    expect(await api.config().catch(() => null)).not.toBeNull(); // another request passes by, leaving it
    expect(await api.nearestStations(q)).toEqual({ data: early, source: 'network' });
    expect(page.asked).toEqual([path]);
    expect(own.asked).toEqual(['/api/config']);
    // taken once: the next request for the same list asks anew
    expect(await api.nearestStations(q)).toMatchObject({ data: [{ id: 'own' }] });
    expect(own.asked).toHaveLength(2);
  });

  it('another question (the position or filters changed): the early request is aborted and the Api asks its own', async () => {
    const page = pageFetch(hanging);
    askNearestEarly(q);
    const own = ownFetch();
    expect(await createApi({ fetch: own.f }).nearestStations({ ...q, open: 'now' })).toMatchObject({ data: [{ id: 'own' }] });
    expect(own.asked).toEqual([`${path}&open=now`]);
    expect(page.signals[0].aborted).toBe(true);
  });

  it('a failed early request is reported by the request that takes it, as the network\'s', async () => {
    pageFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    askNearestEarly(q);
    const err = await createApi({ fetch: ownFetch().f }).nearestStations(q).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('network');
  });

  it('asked in another cache mode (the app has since come to believe it is offline): the Api asks its own, past the HTTP cache', async () => {
    const page = pageFetch(hanging);
    askNearestEarly(q);
    const own = ownFetch();
    expect(await createApi({ fetch: own.f, revalidate: () => true }).nearestStations(q)).toMatchObject({ data: [{ id: 'own' }], fresh: true });
    expect(own.asked).toEqual([path]);
    expect(page.signals[0].aborted).toBe(true);
  });

  it('the taker\'s abort aborts the early request: it rejects at once, as fetch does', async () => {
    const page = pageFetch(hanging);
    askNearestEarly(q);
    const ctl = new AbortController();
    const p = createApi({ fetch: ownFetch().f }).nearestStations(q, ctl.signal).catch((e: unknown) => e);
    ctl.abort();
    expect(((await p) as Error).name).toBe('AbortError');
    expect(page.signals[0].aborted).toBe(true);
  });

  it('an Api with a base URL (another origin) never takes it; untaken, it is let go after 10 s', async () => {
    vi.useFakeTimers();
    const page = pageFetch(hanging);
    askNearestEarly(q);
    const own = ownFetch();
    expect(await createApi({ baseUrl: 'https://elsewhere.example', fetch: own.f }).nearestStations(q)).toMatchObject({ data: [{ id: 'own' }] });
    expect(own.asked).toEqual([`https://elsewhere.example${path}`]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(page.signals[0].aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(page.signals[0].aborted).toBe(true);
    // and the page's own Api, asking later, asks anew
    expect(await createApi({ fetch: own.f }).nearestStations(q)).toMatchObject({ data: [{ id: 'own' }] });
    expect(own.asked).toEqual([`https://elsewhere.example${path}`, path]);
  });
});
