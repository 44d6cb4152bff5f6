/**
 * A connection lost as it starts, as when PostgreSQL restarts or fails over while the pool
 * reconnects. postgres.js (3.4.9) asks a new connection for the array types first and drops that
 * query's promise: lost then, it was an unhandled rejection, and Node ended the API process
 * (api/store/pg.ts, containTypeFetchRejections). Here a real API process reaches PostgreSQL
 * through a TCP proxy that resets the first connection to ask for the array types after every
 * connection was dropped; the process must live on, be ready again and take writes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, freshPgUrl } from '../pg';
import { builtOnce, call, startApi, until, type ApiProcess } from './processes';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

describe.skipIf(!PG_URL)('a connection lost as it starts (the database restarting)', { timeout: 60_000 }, () => {
  let db: Awaited<ReturnType<typeof freshPgUrl>>;
  let proxy: TcpProxy;
  let api: ApiProcess;

  beforeAll(async () => {
    await builtOnce();
    db = await freshPgUrl();
    const target = new URL(db.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    api = await startApi({ name: 'API', databaseUrl: proxy.via(db.url), demoStations: 50 });
  });
  afterAll(async () => {
    await api?.crash();
    await proxy?.close();
    await db?.drop();
  });

  it('leaves the process serving: ready again, and writes go through', async () => {
    expect((await call(api, 'GET', '/api/ready')).status).toBe(200);
    proxy.cutWhen('typarray'); // postgres.js's array-type query, the first a new connection sends
    await proxy.down();
    await proxy.up(); // every connection from here on is new
    await until('a new connection lost as it asked for the array types', async () => {
      await call(api, 'GET', '/api/ready').catch(() => undefined); // (the listener reconnects by itself too)
      return proxy.cuts() > 0;
    });
    const ended = api.exited().then(() => Promise.reject(new Error(`the API process ended (${api.child.exitCode ?? api.child.signalCode}):\n${api.log()}`)));
    await Promise.race([until('ready again', async () => (await call(api, 'GET', '/api/ready')).status === 200), ended]);
    const stations = (await call(api, 'GET', '/api/stations/nearest?lat=32.06&lng=118.79&limit=1')).body.items;
    const report = { clientId: randomUUID(), targetType: 'station', targetId: stations[0].id, kind: 'closed' };
    const r = await call(api, 'POST', '/api/reports', { body: report });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(api.child.exitCode, api.log()).toBeNull();
    expect(api.log()).toContain("postgres.js's array-type query failed on a new connection (ECONNRESET); it retries");
  });
});
