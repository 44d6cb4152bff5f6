import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, merchant, station, testEnv, type TestEnv } from './helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv(
    Array.from({ length: 40 }, (_, i) => station({ lat: 30 + i * 0.01, lng: 120, notes: '演示数据 '.repeat(20) })),
    [merchant({ status: 'approved' }), merchant({ status: 'pending' })],
  );
});
afterAll(() => env.close());

describe('meta routes', () => {
  it('GET /api/health counts stations and approved merchants', async () => {
    const { status, body } = await getJson(env, '/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', stations: 40, merchants: 1 });
    expect(body.version).toBeGreaterThan(0);
  });

  it('GET /api/config tells the PWA its tiles and whether routing is available', async () => {
    const { body } = await getJson(env, '/api/config');
    expect(body.tiles).toMatchObject({ crs: 'wgs84', allowPrefetch: false });
    expect(body.tiles.url).toContain('{z}');
    expect(body.routing).toEqual({ available: false });
  });

  it('GET /api/openapi.json describes every read endpoint', async () => {
    const { body } = await getJson(env, '/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    for (const p of ['/api/health', '/api/stations/nearest', '/api/stations', '/api/stations/{id}', '/api/merchants/nearest', '/api/merchants', '/api/merchants/{id}', '/api/sync']) {
      expect(body.paths[p]).toBeDefined();
    }
    expect(body.components.schemas.Station.properties.opening_hours).toBeDefined();
  });

  it('unknown API paths and methods are 404 problems', async () => {
    for (const [method, path] of [['GET', '/api/nope'], ['DELETE', '/api/stations/x'], ['POST', '/api/health']]) {
      const res = await env.app.request(path, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('sets CORS and nosniff on the API, and the full security headers on pages', async () => {
    const res = await env.app.request('/api/health', { headers: { Origin: 'https://example.org' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const problem = await env.app.request('/api/stations/nearest');
    expect(problem.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await env.app.request('/');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('answers CORS preflights', async () => {
    const res = await env.app.request('/api/reports', { method: 'OPTIONS', headers: { Origin: 'https://x.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('gzips large responses only', async () => {
    const big = await env.app.request('/api/stations/nearest?lat=30&lng=120&limit=40', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    const small = await env.app.request('/api/health', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('sends a list of a packet or two as fast brotli when accepted (else fast gzip), a longer one as gzip, the same JSON either way', async () => {
    const q = (more: string) => `/api/stations/nearest?lat=32.06&lng=118.79&${more}`;
    const short = 'limit=15', long = 'limit=40&fields=full';
    const sizes: number[] = [];
    for (const more of [short, long]) {
      const plain = Buffer.from(await (await env.app.request(q(more))).arrayBuffer());
      sizes.push(plain.byteLength);
      const res = await env.app.request(q(more), { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      const packed = Buffer.from(await res.arrayBuffer());
      const coding = plain.byteLength <= 12 * 1024 ? 'br' : 'gzip';
      expect(res.headers.get('content-encoding'), `${plain.byteLength} bytes`).toBe(coding);
      expect(res.headers.get('vary')).toContain('Accept-Encoding');
      expect((coding === 'br' ? brotliDecompressSync(packed) : gunzipSync(packed)).equals(plain)).toBe(true);
    }
    expect(sizes[0]).toBeGreaterThan(2048); // compressed at all…
    expect(sizes[1]).toBeGreaterThan(12 * 1024); // …and one of each
    const brOnly = await Promise.all([short, long].map((more) => env.app.request(q(more), { headers: { 'Accept-Encoding': 'br' } })));
    expect(brOnly.map((r) => r.headers.get('content-encoding'))).toEqual(['br', null]); // no gzip accepted: the long one as it is
    const gzipOnly = await env.app.request(q(short), { headers: { 'Accept-Encoding': 'gzip' } }); // the short one at gzip's fast level
    expect(gzipOnly.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzipOnly.arrayBuffer())).byteLength).toBe(sizes[0]);
  });

  it('refuses bodies over the limit with 413 problem', async () => {
    const res = await env.app.request('/api/sync', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 10), headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves a page at / even before the web app is built', async () => {
    const res = await env.app.request('/');
    expect(res.status).toBe(200);
  });
});
