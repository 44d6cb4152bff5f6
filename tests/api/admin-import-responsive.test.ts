/**
 * An admin import of many rows over HTTP does not freeze the API: it is parsed, validated and
 * written in a child process, and reads are answered while it runs (their speed is the bench's job).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authEnv, signInAdmin, type AuthEnv } from './auth-helpers';
import { station } from './helpers';

const ROWS = 20_000;
let env: AuthEnv;
let admin: string;
beforeAll(async () => {
  env = await authEnv([station({ id: 'r-1', lat: 32.06, lng: 118.79 })]);
  admin = (await signInAdmin(env)).cookie;
});
afterAll(() => env.close());

describe('admin import while reads go on', () => {
  it('reads are answered while a large import runs, and the import lands whole', async () => {
    const lines = ['id,name,type,lat,lng,opening_hours'];
    for (let i = 0; i < ROWS; i++) lines.push(`big-${i},大批驿站${i},union_station,${(22 + (i % 2000) / 100).toFixed(4)},${(100 + Math.floor(i / 2000) / 2).toFixed(4)},24/7`);
    let done = false;
    const upload = Promise.resolve(env.app
      .request('/api/admin/import?kind=stations', { method: 'POST', body: lines.join('\n'), headers: { Origin: 'http://localhost', Cookie: admin, 'Content-Type': 'text/csv' } }))
      .finally(() => (done = true));
    let answered = 0;
    while (!done) {
      await new Promise((r) => setImmediate(r)); // in-process requests never yield to I/O by themselves
      const res = await env.app.request('/api/stations/nearest?lat=32.06&lng=118.79&limit=1');
      expect(res.status).toBe(200);
      if (!done) answered++;
    }
    const res = await upload;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, added: ROWS });
    expect(answered).toBeGreaterThanOrEqual(3);
    expect((await env.store.counts()).stations).toBe(ROWS + 1);
  }, 60_000);
});
