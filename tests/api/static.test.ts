/**
 * The built web apps served by the API: precompressed assets, cache headers, deep-link fallbacks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { testEnv, type TestEnv } from './helpers';
import { createListings } from '../../api/listings';
import { POSITION_HINT_COOKIE } from '../../data/wire';

let env: TestEnv;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  env = await testEnv();
  const web = join(env.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  mkdirSync(join(web, 'business'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>pwa</title>');
  writeFileSync(join(web, 'business', 'index.html'), '<!doctype html><title>business</title>');
  const js = 'console.log("x");'.repeat(200);
  writeFileSync(join(web, 'assets', 'app-abc.js'), js);
  writeFileSync(join(web, 'assets', 'app-abc.js.gz'), gzipSync(js));
  app = createApp({ store: env.store, listings: await createListings(env.store), config: { ...loadConfig({}), webRoot: web } });
});
afterAll(() => env.close());

describe('static web apps', () => {
  it('serves hashed assets precompressed and immutable', async () => {
    const res = await app.request('/assets/app-abc.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('falls back to the PWA for deep links and to the business app under /business/', async () => {
    const pwa = await app.request('/some/deep/link?station=x');
    expect(await pwa.text()).toContain('<title>pwa</title>');
    expect(pwa.headers.get('cache-control')).toBe('no-cache');
    const biz = await app.request('/business/queue');
    expect(await biz.text()).toContain('<title>business</title>');
  });

  it('tells the browser to connect to a tile server of another origin with the page, and only with pages', async () => {
    const page = await app.request('/');
    expect(page.headers.get('link')).toBe('<https://tile.openstreetmap.org>; rel=preconnect; crossorigin'); // the default tiles
    expect((await app.request('/business/queue')).headers.get('link')).toContain('rel=preconnect');
    expect((await app.request('/assets/app-abc.js')).headers.get('link')).toBeNull();
    expect((await app.request('/api/config')).headers.get('link')).toBeNull();
    // the API's own tiles (same origin), and a host chosen per tile ({s}): nothing to connect to ahead
    for (const url of ['/tiles/{z}/{x}/{y}', 'https://{s}.tile.example.org/{z}/{x}/{y}.png']) {
      const base = loadConfig({});
      const own = createApp({ store: env.store, listings: await createListings(env.store), config: { ...base, webRoot: join(env.dir, 'web'), tiles: { ...base.tiles, url } } });
      expect((await own.request('/')).headers.get('link')).toBeNull();
    }
  });

  it("names the whole country's first map tiles with a first visit's page, and with no other response", async () => {
    const nav = { 'Sec-Fetch-Mode': 'navigate' };
    const preloads = (res: Response) => [...(res.headers.get('link') ?? '').matchAll(/<([^>]+)>; rel=preload; as=image; crossorigin/g)].map((m) => m[1]);
    const first = ['4/12/5', '4/13/5', '4/12/6', '4/13/6', '4/12/4', '4/13/4', '4/12/7', '4/13/7']; // data/map-tiles.ts firstScreenTiles, Leaflet's order
    const page = await app.request('/', { headers: nav });
    expect(preloads(page)).toEqual(first.map((t) => `https://tile.openstreetmap.org/${t}.png`));
    expect(page.headers.get('link')).toMatch(/^<https:\/\/tile\.openstreetmap\.org>; rel=preconnect; crossorigin, </);
    // a shared place opens first; the worker's own fetch of the page (the copy return visits are served); a browser that keeps a position; other pages
    const others: [string, RequestInit][] = [
      ['/?station=x', { headers: nav }], ['/?merchant=x', { headers: nav }], ['/', {}], ['/', { headers: { 'Sec-Fetch-Mode': 'cors' } }],
      ['/', { method: 'HEAD', headers: nav }], ['/', { headers: { ...nav, Cookie: `${POSITION_HINT_COOKIE}=1` } }], ['/card', { headers: nav }], ['/business/', { headers: nav }], ['/assets/app-abc.js', { headers: nav }],
    ];
    for (const [path, init] of others) expect(preloads(await app.request(path, init)), path).toEqual([]);
    // the API's own tiles: same-origin, in the template's own form
    const base = loadConfig({});
    const own = createApp({ store: env.store, listings: await createListings(env.store), config: { ...base, webRoot: join(env.dir, 'web'), tiles: { ...base.tiles, url: '/tiles/{z}/{x}/{y}' } } });
    expect(preloads(await own.request('/', { headers: nav }))).toEqual(first.map((t) => `/tiles/${t}`));
    // a template the map cannot fill either (Leaflet throws for {apikey}), and one whose tiles depend on the
    // screen's density ({r}: '@2x' on most phones, which the page cannot know): the page, without preloads
    for (const url of ['https://t.example/{z}/{x}/{y}.png?key={apikey}', 'https://t.example/{z}/{x}/{y}{r}.png']) {
      const other = createApp({ store: env.store, listings: await createListings(env.store), config: { ...base, webRoot: join(env.dir, 'web'), tiles: { ...base.tiles, url } } });
      const res = await other.request('/', { headers: nav });
      expect(res.status).toBe(200);
      expect(preloads(res), url).toEqual([]);
    }
  });

  it('never answers unknown API paths with the page', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('problem+json');
  });
});
