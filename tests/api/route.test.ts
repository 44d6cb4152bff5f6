/**
 * GET /api/route against a local OSRM-compatible stub (the real OSRM cannot run here): what is
 * tested is the contract of ROUTER_URL — the request made, the answer used, every way it fails.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { createListings } from '../../api/listings';
import { openSqliteStore } from '../../api/store/sqlite';
import { NOW } from './helpers';

const ROUTE = [[118.79, 32.06], [119.0, 32.1], [119.45, 32.2]];
const requests: string[] = [];
let stub: Server;
let base = '';

/** The stub answers by the first coordinate of the request. */
function answer(path: string): [number, string] {
  const first = /^\/route\/v1\/driving\/([^;?]+)/.exec(path)?.[1] ?? '';
  const json = (status: number, body: unknown): [number, string] => [status, JSON.stringify(body)];
  switch (first) {
    case '1,1': return [500, 'Internal Server Error'];
    case '2,2': return [200, '<html>not json</html>'];
    case '3,3': return json(400, { code: 'NoRoute', message: 'Impossible route between points' });
    case '4,4': return json(200, { code: 'Ok', routes: [{ distance: 1, duration: 1, geometry: { type: 'Point', coordinates: [1, 1] } }] });
    case '6,6': return json(400, { code: 'NoSegment', message: 'Could not find a matching segment' });
    case '7,7': { // a dense track: 30,000 positions a metre or so apart, gently curving
      const coordinates = Array.from({ length: 30_000 }, (_, k) => [118 + k * 1e-5, 32 + 0.01 * Math.sin(k / 3000)]);
      return json(200, { code: 'Ok', routes: [{ distance: 28_000, duration: 1500, geometry: { type: 'LineString', coordinates } }] });
    }
    case '8,8': return json(429, { code: 'TooBig', message: 'Too many requests' });
    default:
      return json(200, {
        code: 'Ok', waypoints: [],
        routes: [{ distance: 71_234.5, duration: 3456.7, weight: 1, legs: [], geometry: { type: 'LineString', coordinates: ROUTE.map((p) => [...p, 12]) } }],
      });
  }
}

interface Env { app: ReturnType<typeof createApp>; close(): void }
const envs: Env[] = [];

/** The app with the given environment (ROUTER_URL and friends). */
async function appWith(vars: Record<string, string>): Promise<Env> {
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-route-'));
  const store = openSqliteStore(join(dir, 'test.db'));
  const config = { ...loadConfig(vars), databasePath: join(dir, 'test.db'), webRoot: join(dir, 'no-web') };
  const app = createApp({ store, config, listings: await createListings(store, { checkIntervalMs: 0 }), clock: () => NOW });
  const env = { app, close: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
  envs.push(env);
  return env;
}

async function get(env: Env, path: string) {
  const res = await env.app.request(path);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

let routed: Env;
beforeAll(async () => {
  stub = createServer((req, res) => {
    requests.push(req.url ?? '');
    const [status, body] = answer(req.url ?? '');
    if ((req.url ?? '').startsWith('/route/v1/driving/5,5')) return void setTimeout(() => res.writeHead(200).end('{}'), 2000);
    res.writeHead(status, { 'content-type': body.startsWith('{') ? 'application/json' : 'text/html' }).end(body);
  });
  await new Promise<void>((done) => stub.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  // the slow stub takes 2 s; every other answer (a dense 30,000-point route too) must fit in 1.5 s on a busy machine
  routed = await appWith({ ROUTER_URL: `${base}/`, ROUTER_TIMEOUT_MS: '1500' });
});
afterAll(async () => {
  for (const env of envs) env.close();
  stub.closeAllConnections();
  await new Promise((done) => stub.close(done));
});

describe('GET /api/route', () => {
  it('asks the router for the full GeoJSON geometry through the waypoints and returns line, distance, duration', async () => {
    const { status, body } = await get(routed, '/api/route?from=118.79,32.06&to=119.45,32.2&via=119,32.1;119.2,32.15');
    expect(status).toBe(200);
    expect(requests.at(-1)).toBe('/route/v1/driving/118.79,32.06;119,32.1;119.2,32.15;119.45,32.2?overview=full&geometries=geojson');
    expect(body).toEqual({ line: ROUTE, distance: 71_234.5, duration: 3456.7 });
  });

  it('answers the same route again from its cache', async () => {
    const before = requests.length;
    const first = await get(routed, '/api/route?from=118.8,32.06&to=119.45,32.2');
    const again = await get(routed, '/api/route?from=118.8,32.06&to=119.45,32.2');
    expect(again.body).toEqual(first.body);
    expect(requests.length).toBe(before + 1);
  });

  it('simplifies a dense geometry (30,000 positions a metre apart) to within a few metres', async () => {
    const { status, body } = await get(routed, '/api/route?from=7,7&to=8,9');
    expect(status).toBe(200);
    expect(body.line.length).toBeLessThan(2000);
    expect(body.line[0]).toEqual([118, 32]);
    expect(body.line.at(-1)).toEqual([118 + 29_999 * 1e-5, 32 + 0.01 * Math.sin(29_999 / 3000)]);
  });

  const failures: [string, string, number, RegExp][] = [
    ['the router fails', '1,1', 502, /HTTP 500/],
    ['the router answers something not JSON', '2,2', 502, /not JSON/],
    ['the router answers JSON that is not a route', '4,4', 502, /not a route/],
    ['the router is too slow', '5,5', 502, /within 1.5 s/],
    ['the router refuses', '8,8', 502, /HTTP 429/],
    ['there is no route', '3,3', 422, /no driving route/],
    ['a point is far from any road', '6,6', 422, /too far from any road/],
  ];
  for (const [name, from, status, detail] of failures) {
    it(`${status} problem when ${name}`, async () => {
      const res = await get(routed, `/api/route?from=${from}&to=119,32`);
      expect(res.status).toBe(status);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.detail).toMatch(detail);
    });
  }

  it('502 problem when the router cannot be reached', async () => {
    const down = await appWith({ ROUTER_URL: 'http://127.0.0.1:9' });
    const res = await get(down, '/api/route?from=118,32&to=119,32');
    expect(res.status).toBe(502);
    expect(res.body.detail).toMatch(/could not be reached/);
  });

  it('503 problem with a clear message when no router is configured', async () => {
    const res = await get(await appWith({}), '/api/route?from=118,32&to=119,32');
    expect(res.status).toBe(503);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/No routing service is configured/);
  });

  const bad: [string, string][] = [
    ['to=119,32', 'from'],
    ['from=118,32', 'to'],
    ['from=abc&to=119,32', 'from'],
    ['from=118&to=119,32', 'from'],
    ['from=118,32,5&to=119,32', 'from'],
    ['from=118,32&to=119,89', 'to'],
    ['from=181,32&to=119,32', 'from'],
    ['from=118,32&to=119,32&via=119.5', 'via'],
    ['from=118,32&to=119,32&via=119.5,32;;', 'via'],
    [`from=118,32&to=119,32&via=${Array.from({ length: 26 }, () => '119,32').join(';')}`, 'via'],
  ];
  for (const [qs, param] of bad) {
    it(`400 problem naming "${param}" for ?${qs.slice(0, 50)}`, async () => {
      for (const env of [routed, await appWith({})]) { // bad input is a 400 whether or not a router is configured
        const res = await get(env, `/api/route?${qs}`);
        expect(res.status).toBe(400);
        expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(param);
      }
    });
  }
});
