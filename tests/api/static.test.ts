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

  it('never answers unknown API paths with the page', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('problem+json');
  });
});
