// Station operators and notices: an admin grants stations; the operator posts, edits and removes
// notices, edits hours/amenities/working state, closes temporarily and confirms — live at once,
// audited — and is refused other stations exactly as missing ones (404); merchants get 403.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { station } from './helpers';
import { authEnv, send, signInAdmin, signUp, type AuthEnv } from './auth-helpers';

let env: AuthEnv;
let admin: { cookie: string };
let op: { cookie: string; user: { id: string; email: string } };
let merchantCookie: string;

const near = async (q = '') => (await send(env, 'GET', `/api/stations/nearest?lat=32.06&lng=118.79&limit=5${q}`)).body.items as Record<string, any>[];
// Saturday 2026-11-28 09:00–12:00 in Shanghai; the clock starts Monday 2026-11-23 10:00
const jobFair = { kind: 'job', title: '周六招聘会', body: '<img src=x onerror=alert(1)> 快递、外卖岗位', starts: '2026-11-28T09:00', ends: '2026-11-28T12:00', contact: '025-1234' };

beforeEach(async () => {
  env = await authEnv([
    station({ id: 'mine', lat: 32.0601, lng: 118.7901, amenities: ['drinking_water', 'microwave'], opening_hours: 'Mo-Su 08:00-20:00' }),
    station({ id: 'other', lat: 32.0602, lng: 118.7902 }),
  ]);
  admin = await signInAdmin(env);
  op = await signUp(env, 'post-office@example.org', '邮政网点');
  merchantCookie = (await signUp(env, 'shop@example.org')).cookie;
  const grant = await send(env, 'POST', '/api/admin/operators', { cookie: admin.cookie, body: { accountEmail: 'Post-Office@example.org', stationIds: ['mine'] } });
  expect(grant.status).toBe(201);
  expect(grant.body.operator).toEqual({ accountId: op.user.id, email: 'post-office@example.org', stationIds: ['mine'] });
});
afterEach(() => env.close());

describe('notices', () => {
  it('the operator posts a job fair: 201, in the detail, a badge kind in nearest, the notices= filter; gone after its end', async () => {
    const r = await send(env, 'POST', '/api/admin/stations/mine/notices', { cookie: op.cookie, body: jobFair });
    expect(r.status).toBe(201);
    expect(r.body.notice).toMatchObject({ id: expect.any(String), ...jobFair });
    const detail = (await send(env, 'GET', '/api/stations/mine')).body.station;
    expect(detail.notices).toEqual([r.body.notice]);
    expect(detail.notices[0].body).toBe(jobFair.body); // stored as text, as sent
    expect((await near()).find((s) => s.id === 'mine')).toMatchObject({ noticeKinds: ['job'] });
    expect((await near()).find((s) => s.id === 'other')).toMatchObject({ noticeKinds: [] });
    expect((await near('&notices=job')).map((s) => s.id)).toEqual(['mine']);
    expect((await near('&notices=legal_aid')).map((s) => s.id)).toEqual([]);
    const map = (await send(env, 'GET', '/api/stations?bbox=118.7,32,118.8,32.1&zoom=18&notices=job')).body;
    expect(map.features.map((f: any) => f.properties.id)).toEqual(['mine']);
    const corridor = await send(env, 'POST', '/api/corridor', { body: { line: [[118.78, 32.06], [118.80, 32.06]], width: 500, notices: ['job'] } });
    expect(corridor.body.items.map((i: any) => i.id)).toEqual(['mine']);

    env.advance(5 * 24 * 3600_000 + 2 * 3600_000); // Saturday 12:00 Shanghai: the fair has ended
    expect((await send(env, 'GET', '/api/stations/mine')).body.station.notices).toEqual([]);
    expect((await near()).find((s) => s.id === 'mine')).toMatchObject({ noticeKinds: [] });
    expect(await near('&notices=job')).toEqual([]);
    expect((await send(env, 'GET', '/api/stations?bbox=118.7,32,118.8,32.1&zoom=18&notices=job')).body.features).toEqual([]);
  });

  it('PATCH and DELETE a notice; bad bodies are 400 problems naming the field', async () => {
    const id = (await send(env, 'POST', '/api/admin/stations/mine/notices', { cookie: op.cookie, body: jobFair })).body.notice.id;
    const p = await send(env, 'PATCH', `/api/admin/stations/mine/notices/${id}`, { cookie: op.cookie, body: { title: '周六招聘会（改期）', contact: null } });
    expect(p.status).toBe(200);
    expect(p.body.notice.title).toBe('周六招聘会（改期）');
    expect(p.body.notice.contact).toBeUndefined();
    expect((await send(env, 'PATCH', `/api/admin/stations/mine/notices/${id}`, { cookie: op.cookie, body: { ends: '2026-11-27T10:00' } })).status).toBe(400);
    for (const body of [{ ...jobFair, kind: 'party' }, { ...jobFair, title: '' }, { ...jobFair, starts: '2026-02-30T09:00' }, { ...jobFair, url: 'javascript:alert(1)' }, { ...jobFair, extra: 1 }]) {
      const bad = await send(env, 'POST', '/api/admin/stations/mine/notices', { cookie: op.cookie, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await send(env, 'DELETE', `/api/admin/stations/mine/notices/${id}`, { cookie: op.cookie })).status).toBe(204);
    expect((await send(env, 'DELETE', `/api/admin/stations/mine/notices/${id}`, { cookie: op.cookie })).status).toBe(404);
    expect((await send(env, 'GET', '/api/stations/mine')).body.station.notices).toEqual([]);
    const audit = (await send(env, 'GET', '/api/admin/audit?targetType=station&targetId=mine', { cookie: admin.cookie })).body.items;
    expect(audit.map((e: any) => e.action)).toEqual(['station.notice.delete', 'station.notice.update', 'station.notice.create']);
    expect(audit[0].actor_email).toBe('post-office@example.org');
  });

  it('another station is a 404 exactly like a missing one; merchants 403; anonymous 401; cross-site 403', async () => {
    const other = await send(env, 'POST', '/api/admin/stations/other/notices', { cookie: op.cookie, body: jobFair });
    const missing = await send(env, 'POST', '/api/admin/stations/nope/notices', { cookie: op.cookie, body: jobFair });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.detail.replace('other', 'X')).toBe(missing.body.detail.replace('nope', 'X'));
    expect((await send(env, 'PATCH', '/api/my/stations/other', { cookie: op.cookie, body: { status: 'temporarily_closed' } })).status).toBe(404);
    expect((await send(env, 'POST', '/api/my/stations/other/verify', { cookie: op.cookie })).status).toBe(404);
    expect((await send(env, 'POST', '/api/admin/stations/mine/notices', { cookie: merchantCookie, body: jobFair })).status).toBe(403);
    expect((await send(env, 'PATCH', '/api/my/stations/mine', { cookie: merchantCookie, body: { status: 'temporarily_closed' } })).status).toBe(403);
    expect((await send(env, 'POST', '/api/admin/stations/mine/notices', { body: jobFair })).status).toBe(401);
    expect((await send(env, 'POST', '/api/admin/stations/mine/notices', { cookie: op.cookie, body: jobFair, origin: 'https://evil.example' })).status).toBe(403);
    // the operator stays out of the admin's own routes
    expect((await send(env, 'PATCH', '/api/admin/stations/mine', { cookie: op.cookie, body: { name: '改名' } })).status).toBe(403);
    // the admin may post on any station
    expect((await send(env, 'POST', '/api/admin/stations/other/notices', { cookie: admin.cookie, body: { kind: 'relief', title: '冬送温暖' } })).status).toBe(201);
  });
});

describe('operators', () => {
  it('the operator edits hours, amenities and working state, closes and reopens, confirms: live at once', async () => {
    const mine = await send(env, 'GET', '/api/my/stations', { cookie: op.cookie });
    expect(mine.body.stations.map((s: any) => s.id)).toEqual(['mine']);
    const out = await send(env, 'PATCH', '/api/my/stations/mine', { cookie: op.cookie, body: { amenities_unavailable: ['microwave'] } });
    expect(out.status).toBe(200);
    const item = (await near()).find((s) => s.id === 'mine')!;
    expect(item.amenities).toEqual(['drinking_water', 'microwave']);
    expect(item.amenities_unavailable).toEqual(['microwave']);
    expect((await near('&amenities=microwave')).map((s) => s.id)).toEqual([]);
    expect((await send(env, 'PATCH', '/api/my/stations/mine', { cookie: op.cookie, body: { amenities_unavailable: ['shower'] } })).status).toBe(400);
    expect((await send(env, 'PATCH', '/api/my/stations/mine', { cookie: op.cookie, body: { opening_hours: 'not hours' } })).status).toBe(400);
    expect((await send(env, 'PATCH', '/api/my/stations/mine', { cookie: op.cookie, body: { name: '改名' } })).status).toBe(400);
    expect((await send(env, 'PATCH', '/api/my/stations/mine', { cookie: op.cookie, body: { status: 'closed' } })).status).toBe(400);

    for (const body of [{ closed_until: '2030-01-01' }, { status: 'temporarily_closed', closed_until: '2020-01-01' }, { status: 'temporarily_closed', closed_until: 'soon' }]) {
      const bad = await send(env, 'PATCH', '/api/my/stations/mine', { cookie: op.cookie, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.invalid_params[0].name).toBe('closed_until');
    }
    const closed = await send(env, 'PATCH', '/api/my/stations/mine', { cookie: op.cookie, body: { status: 'temporarily_closed', closed_until: '2030-01-01' } });
    expect(closed.body.station).toMatchObject({ status: 'temporarily_closed', closed_until: '2030-01-01' });
    expect((await near()).find((s) => s.id === 'mine')).toMatchObject({ status: 'temporarily_closed', openNow: false, closed_until: '2030-01-01' });
    expect((await send(env, 'PATCH', '/api/my/stations/mine', { cookie: op.cookie, body: { status: 'open', opening_hours: '24/7' } })).status).toBe(200);
    expect((await near()).find((s) => s.id === 'mine')).toMatchObject({ status: 'open', is24h: true });

    const v = await send(env, 'POST', '/api/my/stations/mine/verify', { cookie: op.cookie });
    expect(v.body.station).toMatchObject({ verified_at: env.now().toISOString(), verified_by: 'operator' });
    expect((await near()).find((s) => s.id === 'mine')).toMatchObject({ verified_at: env.now().toISOString() });
    expect((await near('&fields=full')).find((s) => s.id === 'mine')).toMatchObject({ verified_at: env.now().toISOString(), verified_by: 'operator' });
    const audit = (await send(env, 'GET', '/api/admin/audit?targetType=station&targetId=mine', { cookie: admin.cookie })).body.items;
    expect(audit.map((e: any) => e.action)).toEqual(['station.verify', 'station.status.open', 'station.status.temporarily_closed', 'station.operate']);
  });

  it('the admin lists and revokes grants (audited); a revoked operator is refused; bad grants are 4xx', async () => {
    expect((await send(env, 'GET', '/api/admin/operators', { cookie: admin.cookie })).body.items).toMatchObject([{ accountId: op.user.id, stationId: 'mine' }]);
    expect((await send(env, 'POST', '/api/admin/operators', { cookie: admin.cookie, body: { accountEmail: 'nobody@example.org', stationIds: ['mine'] } })).status).toBe(404);
    expect((await send(env, 'POST', '/api/admin/operators', { cookie: admin.cookie, body: { accountEmail: 'post-office@example.org', stationIds: ['nope'] } })).status).toBe(400);
    expect((await send(env, 'POST', '/api/admin/operators', { cookie: admin.cookie, body: { accountEmail: 'x', stationIds: [] } })).status).toBe(400);
    expect((await send(env, 'POST', '/api/admin/operators', { cookie: op.cookie, body: { accountEmail: 'post-office@example.org', stationIds: ['other'] } })).status).toBe(403);
    expect((await send(env, 'DELETE', `/api/admin/operators/${op.user.id}/stations/mine`, { cookie: admin.cookie })).status).toBe(204);
    expect((await send(env, 'DELETE', `/api/admin/operators/${op.user.id}/stations/mine`, { cookie: admin.cookie })).status).toBe(404);
    expect((await send(env, 'POST', '/api/admin/stations/mine/notices', { cookie: op.cookie, body: jobFair })).status).toBe(403);
    const audit = (await send(env, 'GET', '/api/admin/audit?targetType=operator', { cookie: admin.cookie })).body.items;
    expect(audit.map((e: any) => e.action)).toEqual(['operator.revoke', 'operator.grant']);
  });
});
