/**
 * Problem-report triage under /api/admin/reports: who may use it, the list and the summary by
 * target, resolving (409 the second time), and applying a report to its station through the
 * audited station write path — visible at once by id, in nearest and in /api/sync.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authEnv, send, signInAdmin, signUp, type AuthEnv } from './auth-helpers';
import { merchant, station } from './helpers';

let env: AuthEnv;
let admin: string;
let adminId: string;
let merchantCookie: string;
const MINUTE = 60_000;

/** Files a report (as a rider's phone does) one minute after the previous one; resolves to its id. */
async function file(targetId: string, kind: string, extra: Record<string, unknown> = {}): Promise<string> {
  env.advance(MINUTE);
  const body = { clientId: randomUUID(), targetType: 'station', targetId, kind, ...extra };
  const r = await send(env, 'POST', '/api/reports', { body, origin: false });
  if (r.status !== 201) throw new Error(`report: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.report.id;
}
const resolve = (id: string, body: object = {}, cookie = admin) =>
  send(env, 'POST', `/api/admin/reports/${id}/resolve`, { cookie, body });
const list = async (query = '') => send(env, 'GET', `/api/admin/reports${query}`, { cookie: admin });
const ids = (items: { id: string }[]) => items.map((x) => x.id);
const reportAudit = async (id: string) => await env.store.auditEntries({ limit: 10, target_type: 'report', target_id: id });
const nearest = async () => (await send(env, 'GET', '/api/stations/nearest?lat=32.06&lng=118.79&limit=10')).body.items as { id: string; openNow: boolean }[];

const r: Record<string, string> = {};
beforeAll(async () => {
  env = await authEnv(
    [
      station({ id: 'gl-1', name: '鼓楼驿站', lat: 32.06, lng: 118.79, opening_hours: '24/7' }),
      station({ id: 'gl-2', name: '新街口驿站', lat: 32.061, lng: 118.79, opening_hours: '24/7' }),
      station({ id: 'gl-3', name: '玄武驿站', lat: 32.062, lng: 118.79, verified_at: '2026-01-01T00:00:00Z' }),
    ],
    [merchant({ id: 'm-ok', name: '老王轮胎' })],
  );
  merchantCookie = (await signUp(env, 'shop@example.org')).cookie;
  ({ cookie: admin, user: { id: adminId } } = await signInAdmin(env));
  r.closedA = await file('gl-1', 'closed');
  r.confirmed1 = await file('gl-1', 'confirmed');
  r.closedB = await file('gl-1', 'closed', { note: '门锁了' });
  r.closedC = await file('gl-1', 'closed');
  r.water = await file('gl-1', 'amenity_missing', { amenity: 'drinking_water' });
  r.temp = await file('gl-2', 'temporarily_closed');
  r.confirmed3 = await file('gl-3', 'confirmed');
  r.shop = await file('m-ok', 'not_found', { targetType: 'merchant' });
});
afterAll(() => env.close());

describe('authorization', () => {
  const routes = () => [
    ['GET', '/api/admin/reports'],
    ['GET', '/api/admin/reports/summary'],
    ['POST', `/api/admin/reports/${r.water}/resolve`],
  ] as const;
  it('anonymous 401, merchant 403, admin 200 — and refused callers change nothing', async () => {
    for (const [method, path] of routes()) {
      const body = method === 'POST' ? {} : undefined;
      expect((await send(env, method, path, { body })).status).toBe(401);
      const m = await send(env, method, path, { body, cookie: merchantCookie });
      expect(m.status).toBe(403);
      expect(m.res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await list()).status).toBe(200);
    expect((await send(env, 'GET', '/api/admin/reports/summary', { cookie: admin })).status).toBe(200);
    expect((await env.store.reportById(r.water))!.status).toBe('open');
  });

  it('a resolve from a foreign Origin is refused (CSRF)', async () => {
    const x = await send(env, 'POST', `/api/admin/reports/${r.water}/resolve`, { cookie: admin, body: {}, origin: 'https://evil.example' });
    expect(x.status).toBe(403);
    expect((await env.store.reportById(r.water))!.status).toBe('open');
  });
});

describe('list and summary', () => {
  it('lists newest first, with the target’s name and status', async () => {
    const all = await list();
    expect(all.status).toBe(200);
    expect(ids(all.body.items)).toEqual([r.shop, r.confirmed3, r.temp, r.water, r.closedC, r.closedB, r.confirmed1, r.closedA]);
    expect(all.body.items.find((x: { id: string }) => x.id === r.closedB)).toMatchObject({
      targetType: 'station', targetId: 'gl-1', kind: 'closed', note: '门锁了', status: 'open', target: { name: '鼓楼驿站', status: 'open' },
    });
    expect(all.body.items[0]).toMatchObject({ targetType: 'merchant', target: { name: '老王轮胎', status: 'approved' } });
    expect(all.body.next).toBeNull();
  });

  it('filters by status, target type and target, and pages with a cursor', async () => {
    expect(ids((await list('?targetType=station&targetId=gl-1')).body.items)).toEqual([r.water, r.closedC, r.closedB, r.confirmed1, r.closedA]);
    expect(ids((await list('?targetType=merchant')).body.items)).toEqual([r.shop]);
    expect((await list('?status=resolved')).body.items).toEqual([]);
    const page1 = await list('?targetId=gl-1&limit=2');
    expect(ids(page1.body.items)).toEqual([r.water, r.closedC]);
    const page2 = await list(`?targetId=gl-1&limit=2&before=${page1.body.next}`);
    expect(ids(page2.body.items)).toEqual([r.closedB, r.confirmed1]);
  });

  it('bad query parameters are 400 problems naming them', async () => {
    for (const [query, name] of [['?status=done', 'status'], ['?limit=0', 'limit'], ['?limit=9999', 'limit'], ['?targetType=offer', 'targetType'], ['?before=r_nope', 'before']]) {
      const x = await list(query);
      expect(x.status, query).toBe(400);
      expect(x.body.invalid_params[0].name).toBe(name);
    }
  });

  it('the summary groups open reports by target, most reported first, with counts per kind', async () => {
    const s = await send(env, 'GET', '/api/admin/reports/summary', { cookie: admin });
    expect(s.body.items[0]).toEqual({
      targetType: 'station', targetId: 'gl-1', target: { name: '鼓楼驿站', status: 'open' }, open: 5,
      kinds: { closed: 3, confirmed: 1, amenity_missing: 1 }, lastAt: (await env.store.reportById(r.water))!.createdAt,
      flagged: true, // three "closed" reports within a week
    });
    expect(s.body.items.map((x: { targetId: string }) => x.targetId)).toEqual(['gl-1', 'm-ok', 'gl-3', 'gl-2']); // ties: newest first
    const stations = await send(env, 'GET', '/api/admin/reports/summary?targetType=station&limit=1', { cookie: admin });
    expect(stations.body.items.map((x: { targetId: string }) => x.targetId)).toEqual(['gl-1']);
  });
});

describe('resolve', () => {
  it('marks one report resolved (who, when, note), audited; the station is untouched', async () => {
    const version = await env.store.version();
    const x = await resolve(r.water, { note: '已联系站点，饮水机已修好' });
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ resolvedAlso: 0 });
    expect(x.body).not.toHaveProperty('station');
    expect(x.body.report).toMatchObject({
      id: r.water, status: 'resolved',
      resolution: { at: env.now().toISOString(), by: adminId, byEmail: 'admin@example.org', byName: 'Admin', note: '已联系站点，饮水机已修好', applied: false },
    });
    expect(await env.store.version()).toBe(version);
    const [entry] = await reportAudit(r.water);
    expect(entry).toMatchObject({ action: 'report.resolve', actor_id: adminId, before: { status: 'open' }, after: { status: 'resolved', alsoResolved: [] } });
    expect((await env.store.reportById(r.closedA))!.status).toBe('open');
  });

  it('a second resolve is 409; an unknown report is 404', async () => {
    const again = await resolve(r.water);
    expect(again.status).toBe(409);
    expect(again.res.headers.get('content-type')).toContain('application/problem+json');
    expect(await reportAudit(r.water)).toHaveLength(1);
    expect((await resolve('r_nope')).status).toBe(404);
  });

  it('bad bodies are 400 problems naming the field', async () => {
    for (const [body, name] of [[{ apply: 'yes' }, 'apply'], [{ note: 'x'.repeat(501) }, 'note']] as const) {
      const x = await resolve(r.closedA, body);
      expect(x.status).toBe(400);
      expect(x.body.invalid_params[0].name).toBe(name);
    }
    expect((await resolve(r.closedA, { reason: 'x' })).status).toBe(400);
  });

  it('apply is refused for kinds with nothing to apply and for merchants (400, nothing changes)', async () => {
    const filed = await file('gl-1', 'wrong_location');
    for (const id of [filed, r.shop]) {
      const x = await resolve(id, { apply: true });
      expect(x.status).toBe(400);
      expect(x.body.invalid_params[0].name).toBe('apply');
      expect((await env.store.reportById(id))!.status).toBe('open');
    }
  });
});

describe('resolve with apply', () => {
  it('closed: the station is closed (by id, gone from nearest), its other open closed reports resolved, all audited', async () => {
    const v0 = (await send(env, 'GET', '/api/sync')).body.version;
    expect(ids(await nearest())).toContain('gl-1');
    const x = await resolve(r.closedB, { apply: true, note: '电话核实已关闭' });
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ resolvedAlso: 2, station: { id: 'gl-1', status: 'closed' }, report: { status: 'resolved', resolution: { applied: true } } });
    expect((await send(env, 'GET', '/api/stations/gl-1')).body.station.status).toBe('closed');
    expect(ids(await nearest())).not.toContain('gl-1');
    for (const id of [r.closedA, r.closedC]) expect(await env.store.reportById(id)).toMatchObject({ status: 'resolved', resolution: { applied: true, note: '电话核实已关闭' } });
    expect((await env.store.reportById(r.confirmed1))!.status).toBe('open'); // another kind: still open
    const delta = (await send(env, 'GET', `/api/sync?since=${v0}`)).body;
    expect(delta.version).toBe(v0 + 1);
    expect(delta.stations.n).toBe(1);
    const log = await send(env, 'GET', '/api/admin/audit?targetType=station&targetId=gl-1', { cookie: admin });
    expect(log.body.items[0]).toMatchObject({ action: 'station.status.closed', actor_id: adminId, before: { status: 'open' }, after: { status: 'closed' } });
    expect((await reportAudit(r.closedB))[0]).toMatchObject({ action: 'report.apply', after: { alsoResolved: expect.arrayContaining([r.closedA, r.closedC]) } });
  });

  it('temporarily_closed: the station stays in nearest but is not open now', async () => {
    const x = await resolve(r.temp, { apply: true });
    expect(x.body).toMatchObject({ resolvedAlso: 0, station: { status: 'temporarily_closed' } });
    expect((await nearest()).find((s) => s.id === 'gl-2')).toMatchObject({ openNow: false });
  });

  it('confirmed: sets the station’s verified_at to now', async () => {
    const x = await resolve(r.confirmed3, { apply: true });
    expect(x.status).toBe(200);
    const s = (await send(env, 'GET', '/api/stations/gl-3')).body.station;
    expect(s.verified_at).toBe(env.now().toISOString());
    const log = await send(env, 'GET', '/api/admin/audit?targetType=station&targetId=gl-3', { cookie: admin });
    expect(log.body.items[0]).toMatchObject({ action: 'station.verify', before: { verified_at: '2026-01-01T00:00:00.000Z' } });
  });

  it('a report that matches the station already resolves without writing it (no version bump)', async () => {
    const late = await file('gl-1', 'closed');
    const version = await env.store.version();
    const x = await resolve(late, { apply: true });
    expect(x.body).toMatchObject({ resolvedAlso: 0, station: { status: 'closed' }, report: { resolution: { applied: true } } });
    expect(await env.store.version()).toBe(version);
  });

  it('the summary only counts what is still open', async () => {
    const s = await send(env, 'GET', '/api/admin/reports/summary', { cookie: admin });
    expect(s.body.items.find((x: { targetId: string }) => x.targetId === 'gl-1')).toMatchObject({
      open: 2, kinds: { confirmed: 1, wrong_location: 1 }, target: { status: 'closed' },
    });
    expect(s.body.items.map((x: { targetId: string }) => x.targetId)).not.toContain('gl-2');
  });
});
