// Freshness: visitor confirmations count once per client per station per day and refresh
// verified_at at N (default 2) within 30 days; the 180-day inspection list (JSON and CSV, per
// region); several "closed" reports within a week put a station first in the report queue.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { station } from './helpers';
import { PASSWORD, authEnv, send, sessionCookie, signInAdmin, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
let admin: { cookie: string };
const DAY = 24 * 3600_000;

const report = (targetId: string, kind: string, from: string) =>
  send(env, 'POST', '/api/reports', { origin: false, headers: { 'X-Forwarded-For': from }, body: { clientId: randomUUID(), targetType: 'station', targetId, kind } });
const detail = async (id: string) => (await send(env, 'GET', `/api/stations/${id}`)).body.station;

beforeEach(async () => {
  env = await authEnv([
    station({ id: 'a', province: '江苏省', city: '南京市', verified_at: '2026-01-01T00:00:00Z', verified_by: 'import' }),
    station({ id: 'b', province: '江苏省', city: '苏州市', verified_at: '2026-11-01T00:00:00Z' }),
    station({ id: 'c', province: '四川省', city: '达州市' }), // never verified, updated at NOW
  ]);
  admin = await signInAdmin(env);
});
afterEach(() => env.close());

describe('visitor confirmations', () => {
  it('count once per client per day; two clients within 30 days refresh verified_at (by visitors)', async () => {
    expect((await report('a', 'confirmed', '10.0.0.1')).status).toBe(201);
    expect((await report('a', 'confirmed', '10.0.0.1')).status).toBe(201); // same client, same day: not counted again
    let a = await detail('a');
    expect(a.confirmations).toEqual({ count: 1, last: env.now().toISOString() });
    expect(a.verified_at).toBe('2026-01-01T00:00:00.000Z');
    env.advance(DAY);
    await report('a', 'confirmed', '10.0.0.1'); // the next day it counts again, but it is the same client…
    a = await detail('a');
    expect(a.confirmations.count).toBe(2);
    // …and N counts confirmations, not clients: two within 30 days since the last verification refresh it
    expect(a).toMatchObject({ verified_at: env.now().toISOString(), verified_by: 'visitors' });
    const item = (await send(env, 'GET', '/api/stations/nearest?lat=32.06&lng=118.79&limit=5&fields=full')).body.items.find((s: any) => s.id === 'a');
    expect(item).toMatchObject({ verified_by: 'visitors', confirmations: { count: 2 } });
    expect(item.confirmed_on).toBeUndefined();
    env.advance(31 * DAY);
    expect((await detail('a')).confirmations).toEqual({ count: 0 });
  });

  it('other report kinds and merchants are not confirmations', async () => {
    await report('b', 'other', '10.0.0.2');
    await report('b', 'amenity_missing', '10.0.0.3');
    expect((await detail('b')).confirmations).toEqual({ count: 0 });
  });
});

describe('inspection list', () => {
  it('lists stations unverified for 180 days per region, as JSON and as CSV', async () => {
    const all = await send(env, 'GET', '/api/admin/inspection', { cookie: admin.cookie });
    expect(all.status).toBe(200);
    expect(all.body.items.map((s: any) => s.id)).toEqual(['a']);
    expect(all.body.items[0].days_unverified).toBe(326);
    env.advance(200 * DAY);
    admin = { cookie: sessionCookie((await send(env, 'POST', '/api/auth/login', { body: { email: 'admin@example.org', password: PASSWORD } })).res) };
    const later = await send(env, 'GET', '/api/admin/inspection?province=江苏省', { cookie: admin.cookie });
    expect(later.body.items.map((s: any) => s.id)).toEqual(['a', 'b']);
    const csv = await send(env, 'GET', `/api/admin/inspection?province=${encodeURIComponent('江苏省')}&city=${encodeURIComponent('苏州市')}&format=csv`, { cookie: admin.cookie });
    expect(csv.res.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,name,type,province,city,district,address,phone,operator,status,verified_at,verified_by,updated_at,days_unverified');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['b']);
    expect((await send(env, 'GET', '/api/admin/inspection?format=xml', { cookie: admin.cookie })).status).toBe(400);
    expect((await send(env, 'GET', '/api/admin/inspection')).status).toBe(401);
  });
});

describe('closed reports', () => {
  it('three "closed" reports within a week flag the station first in the queue; it stays open', async () => {
    for (let k = 0; k < 4; k++) await report('c', 'other', `10.0.1.${k}`);
    for (let k = 0; k < 2; k++) await report('b', 'closed', `10.0.2.${k}`);
    let items = (await send(env, 'GET', '/api/admin/reports/summary', { cookie: admin.cookie })).body.items;
    expect(items.map((s: any) => [s.targetId, s.flagged])).toEqual([['c', false], ['b', false]]);
    await report('b', 'closed', '10.0.2.9');
    items = (await send(env, 'GET', '/api/admin/reports/summary', { cookie: admin.cookie })).body.items;
    expect(items.map((s: any) => [s.targetId, s.flagged])).toEqual([['b', true], ['c', false]]);
    expect((await detail('b')).status).toBe('open');
    env.advance(8 * DAY);
    items = (await send(env, 'GET', '/api/admin/reports/summary', { cookie: admin.cookie })).body.items;
    expect(items.map((s: any) => s.flagged)).toEqual([false, false]);
  });
});
