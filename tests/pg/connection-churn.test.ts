/**
 * PostgreSQL's connections reset again and again while a real API process serves reads and
 * writes: a database restarting or failing over, a flaky network. Each reset goes through a TCP
 * proxy (tcp-proxy.ts): every open connection reset, new ones refused, then back at once.
 * postgres.js 3.4.9 ended the process here (a write it had queued for a socket already gone,
 * porsager/postgres#1154; a real `pg_ctlcluster restart` under load did the same) and answered
 * some requests 500 (part of a transaction sent on a new connection); 4.x does neither. The
 * process must live through it: reads answered, writes 200 or 503, never a 500, and afterwards
 * ready and writable again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/auth/accounts';
import { openPgStore } from '../../api/store/pg';
import { PG_URL, freshPgUrl } from '../pg';
import { PASSWORD, builtOnce, call, nearestNames, signIn, startApi, until, type ApiProcess } from './processes';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const ADMIN = 'admin@churn.example.org';
const RESETS = 20;

describe.skipIf(!PG_URL)('connections reset again and again under load', { timeout: 120_000 }, () => {
  let db: Awaited<ReturnType<typeof freshPgUrl>>;
  let proxy: TcpProxy;
  let api: ApiProcess;
  let admin: string;

  beforeAll(async () => {
    await builtOnce();
    db = await freshPgUrl();
    const store = await openPgStore(db.url, { listen: false });
    await createAccount(store, { email: ADMIN, password: PASSWORD, name: 'Admin', role: 'admin' }, new Date());
    await store.close();
    const target = new URL(db.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    api = await startApi({ name: 'API', databaseUrl: proxy.via(db.url), demoStations: 100 });
    admin = (await signIn(api, ADMIN)).cookie;
  });
  afterAll(async () => {
    await api?.crash();
    await proxy?.close();
    await db?.drop();
  });

  it('keeps the process serving: no 500, no crash, ready and writable after', async () => {
    const ids = (await nearestNames(api, 32.06, 118.79, 4)).ids;
    expect(ids).toHaveLength(4);
    const answers: Record<string, number> = {};
    let done = 0; // requests answered
    let stop = false;
    const tally = (what: string, status: number | string) => {
      answers[`${what} ${status}`] = (answers[`${what} ${status}`] ?? 0) + 1;
      done++;
    };
    const failed = (err: Error) => ({ status: `failed: ${err.message}` });
    const reads = async () => {
      for (let k = 0; !stop; k++) tally('read', (await call(api, 'GET', `/api/stations/nearest?lat=${31 + (k % 7) * 0.3}&lng=${118 + (k % 5) * 0.3}&limit=10`).catch(failed)).status);
    };
    const writes = async (id: string) => { // a station of each writer's own: no 409 for another writer's change
      for (let k = 0; !stop; k++) tally('write', (await call(api, 'PATCH', `/api/admin/stations/${id}`, { cookie: admin, body: { name: `换名 ${id} ${k}` } }).catch(failed)).status);
    };
    const load = [reads(), reads(), writes(ids[0]), writes(ids[1])];
    for (let r = 0; r < RESETS && api.child.exitCode === null; r++) {
      const [before, wrote] = [done, answers['write 200'] ?? 0]; // the database flaps: each reset once the last was got over
      await until('a write through since the last reset', async () => (done > before + 20 && (answers['write 200'] ?? 0) > wrote) || api.child.exitCode !== null);
      await proxy.down();
      await proxy.up();
    }
    stop = true;
    await Promise.all(load);
    console.log(`[churn] ${RESETS} resets: ${JSON.stringify(answers)}`);
    expect(api.child.exitCode, api.log()).toBeNull();
    expect(Object.keys(answers).filter((k) => !['read 200', 'write 200', 'write 503'].includes(k)), JSON.stringify(answers)).toEqual([]);

    await until('ready again', async () => (await call(api, 'GET', '/api/ready')).status === 200);
    const name = `重置之后 ${Date.now()}`;
    const w = await call(api, 'PATCH', `/api/admin/stations/${ids[2]}`, { cookie: admin, body: { name } });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect((await nearestNames(api, 32.06, 118.79, 4)).names).toContain(name);
  });
});
