/**
 * Applying the reports that the first triage could only resolve: "amenity missing" marks the
 * amenity out of order (kept, shown as unavailable, gone from the amenity filter), and
 * "temporarily closed" may carry the closure's last day, after which the station is open again
 * (api/reopen.ts, audited as the system) — the admin's station edit takes the same last day.
 * Bad combinations are 400/409 problems.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reopenEnded } from '../../api/reopen';
import { authEnv, send, signInAdmin, type AuthEnv } from './auth-helpers';
import { station } from './helpers';

let env: AuthEnv;
let admin: string;
const HOUR = 3600_000;

async function file(targetId: string, kind: string, extra: Record<string, unknown> = {}): Promise<string> {
  env.advance(60_000);
  const body = { clientId: randomUUID(), targetType: 'station', targetId, kind, ...extra };
  const r = await send(env, 'POST', '/api/reports', { body, origin: false });
  if (r.status !== 201) throw new Error(`report: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.report.id;
}
const resolve = (id: string, body: object) => send(env, 'POST', `/api/admin/reports/${id}/resolve`, { cookie: admin, body });
const nearest = async (q = '') => (await send(env, 'GET', `/api/stations/nearest?lat=32.06&lng=118.79&limit=10${q}`)).body.items as { id: string; openNow: boolean }[];
const stationOf = async (id: string) => (await send(env, 'GET', `/api/stations/${id}`)).body.station;

beforeAll(async () => {
  env = await authEnv([
    station({ id: 'w-1', name: '饮水驿站', opening_hours: '24/7', amenities: ['drinking_water', 'microwave'] }),
    station({ id: 'w-2', name: '暂停驿站', opening_hours: '24/7', lat: 32.061 }),
    station({ id: 'w-3', name: '另一驿站', opening_hours: '24/7', lat: 32.062 }),
  ]);
  ({ cookie: admin } = await signInAdmin(env));
});
afterAll(() => env.close());

describe('amenity_missing', () => {
  it('apply marks the amenity out of order: kept on the station, left out of the amenity filter, audited', async () => {
    expect((await nearest('&amenities=drinking_water')).map((s) => s.id)).toContain('w-1');
    const a = await file('w-1', 'amenity_missing', { amenity: 'drinking_water' });
    const b = await file('w-1', 'amenity_missing', { amenity: 'drinking_water' });
    const x = await resolve(a, { apply: true });
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ resolvedAlso: 1, station: { amenities: ['drinking_water', 'microwave'], amenities_unavailable: ['drinking_water'] } });
    expect((await env.store.reportById(b))!.status).toBe('resolved');
    expect((await stationOf('w-1')).amenities_unavailable).toEqual(['drinking_water']);
    expect((await nearest('&amenities=drinking_water')).map((s) => s.id)).not.toContain('w-1');
    const log = await send(env, 'GET', '/api/admin/audit?targetType=station&targetId=w-1', { cookie: admin });
    expect(log.body.items[0]).toMatchObject({ action: 'station.amenity_unavailable' });
  });

  it('an amenity the station does not list cannot be applied (409, the report stays open)', async () => {
    const a = await file('w-1', 'amenity_missing', { amenity: 'shower' });
    const x = await resolve(a, { apply: true });
    expect(x.status).toBe(409);
    expect(x.res.headers.get('content-type')).toContain('application/problem+json');
    expect(x.body.detail ?? x.body.title).toContain('shower');
    expect((await env.store.reportById(a))!.status).toBe('open');
    expect((await resolve(a, {})).status).toBe(200);
  });
});

describe('temporarily_closed with an end', () => {
  it('closed_until must be a real date, today or later, and only with apply on a temporary closure', async () => {
    const t = await file('w-2', 'temporarily_closed');
    const other = await file('w-3', 'closed');
    for (const [id, body] of [
      [t, { apply: true, closed_until: '2026-13-01' }],
      [t, { apply: true, closed_until: 'next week' }],
      [t, { apply: true, closed_until: '2026-11-22' }], // yesterday in China
      [t, { closed_until: '2026-12-01' }],
      [other, { apply: true, closed_until: '2026-12-01' }],
    ] as const) {
      const x = await resolve(id, body);
      expect(x.status, JSON.stringify(body)).toBe(400);
      expect(x.body.invalid_params[0].name).toBe('closed_until');
    }
    expect((await env.store.reportById(t))!.status).toBe('open');
  });

  it('closes the station until the end of that day in its zone, then the server opens it again (audited as the system)', async () => {
    const t = (await env.store.reports({ targetId: 'w-2', status: 'open', limit: 5 }))[0].id;
    const x = await resolve(t, { apply: true, closed_until: '2026-11-25', note: '装修' });
    expect(x.status).toBe(200);
    expect(x.body.station).toMatchObject({ status: 'temporarily_closed', closed_until: '2026-11-25' });
    expect((await nearest()).find((s) => s.id === 'w-2')).toMatchObject({ openNow: false });
    // 2026-11-25 ends at 16:00 UTC (midnight in Shanghai): not yet
    expect(await reopenEnded(env, new Date('2026-11-25T15:59:00Z'))).toEqual([]);
    expect(await reopenEnded(env, new Date('2026-11-25T16:00:00Z'))).toEqual(['w-2']);
    const s = await stationOf('w-2');
    expect(s.status).toBe('open');
    expect(s).not.toHaveProperty('closed_until');
    expect((await nearest()).find((s) => s.id === 'w-2')).toMatchObject({ openNow: true });
    const log = await send(env, 'GET', '/api/admin/audit?targetType=station&targetId=w-2', { cookie: admin });
    expect(log.body.items[0]).toMatchObject({ action: 'station.status.open', actor_id: 'system', after: { status: 'open' } });
    expect(await reopenEnded(env, new Date('2026-11-26T00:00:00Z'))).toEqual([]); // nothing left to do
  });

  it('without an end the closure stays until someone reopens it', async () => {
    const t = await file('w-3', 'temporarily_closed');
    expect((await resolve(t, { apply: true })).body.station).not.toHaveProperty('closed_until');
    env.advance(24 * HOUR);
    expect(await reopenEnded(env, new Date('2030-01-01T00:00:00Z'))).toEqual([]);
    expect((await stationOf('w-3')).status).toBe('temporarily_closed');
  });
});

describe('the admin station edit takes a closure’s last day too', () => {
  const patch = (body: object) => send(env, 'PATCH', '/api/admin/stations/w-1', { cookie: admin, body });

  it('with a temporary closure only, and not a day already over (400 naming closed_until)', async () => {
    for (const body of [{ closed_until: '2030-01-01' }, { status: 'closed', closed_until: '2030-01-01' }, { status: 'temporarily_closed', closed_until: '2020-01-01' }, { status: 'temporarily_closed', closed_until: '1.1.2030' }]) {
      const x = await patch(body);
      expect(x.status, JSON.stringify(body)).toBe(400);
      expect(x.body.invalid_params[0].name).toBe('closed_until');
    }
    expect((await stationOf('w-1')).status).toBe('open');
  });

  it('closes until that day; reopening by hand drops the end', async () => {
    const x = await patch({ status: 'temporarily_closed', closed_until: '2030-01-01' });
    expect(x.status).toBe(200);
    expect(x.body.station).toMatchObject({ status: 'temporarily_closed', closed_until: '2030-01-01' });
    const y = await patch({ status: 'open' });
    expect(y.body.station.status).toBe('open');
    expect(y.body.station).not.toHaveProperty('closed_until');
    const created = await send(env, 'POST', '/api/admin/stations', { cookie: admin, body: { id: 'w-9', name: '新驿站', type: 'union_station', lat: 32.07, lng: 118.79, status: 'open', closed_until: '2030-01-01' } });
    expect(created.status).toBe(400);
  });

  it('a later "temporarily closed" report applied without a day keeps the closure’s end', async () => {
    await patch({ status: 'temporarily_closed', closed_until: '2030-01-01' });
    const t = await file('w-1', 'temporarily_closed');
    const x = await resolve(t, { apply: true });
    expect(x.body.station).toMatchObject({ status: 'temporarily_closed', closed_until: '2030-01-01' });
  });
});
