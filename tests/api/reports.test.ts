/**
 * POST /api/reports: exactly-once storage per clientId (sequential and concurrent retries, also
 * across two connections), strict validation naming each bad field, unknown targets, the
 * per-address rate limit, and that reports never touch the station, the version or /api/sync.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_LIMITS } from '../../api/routes/reports';
import { authEnv, send, type AuthEnv } from './auth-helpers';
import { merchant, station } from './helpers';

let env: AuthEnv;
let n = 0;
/** A distinct address per test, so the rate limit of one test never touches another. */
const addr = () => `203.0.113.${++n}`;
const report = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(), targetType: 'station', targetId: 'nj-1', kind: 'closed', ...over,
});
/** As the service worker replays it: no Origin, no cookie. */
const post = (body: unknown, ip = '198.51.100.1') =>
  send(env, 'POST', '/api/reports', { body, origin: false, headers: { 'X-Forwarded-For': ip } });
const rowsOf = async (clientId: string) => (await env.store.reports({ limit: 200 })).filter((r) => r.clientId === clientId);

beforeAll(async () => {
  env = await authEnv(
    [station({ id: 'nj-1', name: '鼓楼驿站', opening_hours: '24/7' }), station({ id: 'nj-gone' })],
    [merchant({ id: 'm-ok' }), merchant({ id: 'm-pending', status: 'pending' })],
  );
  await env.store.deleteStations(['nj-gone']);
});
afterAll(() => env.close());

describe('POST /api/reports', () => {
  it('201 with the stored report; no Origin or session needed', async () => {
    const body = report({ kind: 'amenity_missing', amenity: 'microwave', note: '  微波炉坏了  ' });
    const r = await post(body);
    expect(r.status).toBe(201);
    expect(r.body.report).toEqual({
      id: expect.stringMatching(/^r_/), clientId: body.clientId, targetType: 'station', targetId: 'nj-1',
      kind: 'amenity_missing', amenity: 'microwave', note: '微波炉坏了', createdAt: env.now().toISOString(), status: 'open',
    });
  });

  it('the same clientId again is the same report, stored once (sequential retries)', async () => {
    const body = report({ note: '关门了' });
    const first = await post(body);
    const again = await post(body);
    const upper = await post({ ...body, clientId: body.clientId.toUpperCase(), note: '关门了 ' });
    expect([first.status, again.status, upper.status]).toEqual([201, 201, 201]);
    expect(again.body).toEqual(first.body);
    expect(upper.body).toEqual(first.body);
    expect(await rowsOf(body.clientId)).toHaveLength(1);
  });

  it('concurrent duplicates store one row and all get the same report', async () => {
    const body = report({ kind: 'confirmed' });
    const all = await Promise.all(Array.from({ length: 8 }, () => post(body)));
    expect(all.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(all.map((r) => r.body.report.id)).size).toBe(1);
    expect(await rowsOf(body.clientId)).toHaveLength(1);
  });

  it('two connections (two processes) inserting one clientId store one row', async () => {
    const other = await env.another();
    try {
      const input = { clientId: randomUUID(), targetType: 'station' as const, targetId: 'nj-1', kind: 'other' as const };
      const [a, b] = await Promise.all([
        env.store.insertReport({ ...input, id: 'r_a', createdAt: env.now().toISOString() }),
        other.insertReport({ ...input, id: 'r_b', createdAt: env.now().toISOString() }),
      ]);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(b.report.id).toBe(a.report.id);
      expect(await rowsOf(input.clientId)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('the same clientId with different content is a 409 problem, and nothing changes', async () => {
    const body = report({ note: '原来的' });
    await post(body);
    for (const changed of [{ kind: 'not_found' }, { note: '改了' }, { note: undefined }, { targetId: 'nj-x' }, { targetType: 'merchant', targetId: 'm-ok' }]) {
      const r = await post({ ...body, ...changed });
      expect(r.status, JSON.stringify(changed)).toBe(409);
      expect(r.res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await rowsOf(body.clientId))[0]).toMatchObject({ kind: 'closed', note: '原来的' });
  });

  it('reports about approved merchants are accepted; unknown, deleted and unapproved targets are 404', async () => {
    expect((await post(report({ targetType: 'merchant', targetId: 'm-ok', kind: 'closed' }))).status).toBe(201);
    for (const target of [{ targetId: 'nope' }, { targetId: 'nj-gone' }, { targetType: 'merchant', targetId: 'm-pending' }, { targetType: 'merchant', targetId: 'nj-1' }]) {
      const body = report(target);
      const r = await post(body);
      expect(r.status, JSON.stringify(target)).toBe(404);
      expect(r.body.detail).toContain(body.targetId);
      expect(await rowsOf(body.clientId)).toHaveLength(0);
    }
  });

  it('a report does not change the station, the data version or /api/sync', async () => {
    const before = await send(env, 'GET', '/api/stations/nj-1');
    const health = (await send(env, 'GET', '/api/health')).body;
    const sync = await send(env, 'GET', '/api/sync');
    const marker = '独一无二的备注';
    expect((await post(report({ kind: 'closed', note: marker }))).status).toBe(201);
    expect((await send(env, 'GET', '/api/stations/nj-1')).body).toEqual(before.body);
    expect((await send(env, 'GET', '/api/health')).body.version).toBe(health.version);
    const after = await send(env, 'GET', `/api/sync?since=${health.version}`);
    expect(after.body.stations.n ?? 0).toBe(0);
    expect(JSON.stringify((await send(env, 'GET', '/api/sync')).body)).toEqual(JSON.stringify(sync.body));
    expect(JSON.stringify(after.body)).not.toContain(marker);
  });
});

describe('bad input is a 400 problem naming the field', () => {
  const cases: [string, unknown, string][] = [
    ['bad uuid', report({ clientId: 'not-a-uuid' }), 'clientId'],
    ['uuid with a bad digit', report({ clientId: 'g1234567-1234-1234-1234-123456789012' }), 'clientId'],
    ['clientId not a string', report({ clientId: 42 }), 'clientId'],
    ['unknown kind', report({ kind: 'haunted' }), 'kind'],
    ['unknown targetType', report({ targetType: 'offer' }), 'targetType'],
    ['bad targetId', report({ targetId: 'a b/c' }), 'targetId'],
    ['note too long', report({ note: '长'.repeat(501) }), 'note'],
    ['note not text', report({ note: { html: '<b>' } }), 'note'],
    ['amenity with a non-amenity kind', report({ kind: 'closed', amenity: 'microwave' }), 'amenity'],
    ['unknown amenity', report({ kind: 'amenity_missing', amenity: 'jacuzzi' }), 'amenity'],
    ['array body', [report()], 'body'],
    ['null body', null, 'body'],
  ];
  for (const [what, body, field] of cases) {
    it(what, async () => {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(r.res.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.invalid_params.map((p: { name: string }) => p.name)).toContain(field);
    });
  }

  it('missing fields are each named', async () => {
    const r = await post({});
    expect(r.status).toBe(400);
    expect(r.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['clientId', 'kind', 'targetId', 'targetType']);
    expect(r.body.detail).toContain('clientId is required');
  });

  it('an unknown field is refused', async () => {
    const r = await post(report({ status: 'resolved' }));
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('status');
  });

  it('a body that is not JSON is refused, whatever its Content-Type', async () => {
    for (const type of ['application/json', 'text/plain', undefined]) {
      const res = await env.app.request('/api/reports', { method: 'POST', body: '{"clientId": oops', headers: type ? { 'Content-Type': type } : {} });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).invalid_params[0].name).toBe('body');
    }
  });

  it('a note up to 500 characters is kept; control characters are dropped, HTML stays inert text', async () => {
    const long = await post(report({ note: '长'.repeat(500) }));
    expect(long.status).toBe(201);
    const odd = await post(report({ note: 'a\u0000b\u202Ec\r\nd <img src=x onerror=alert(1)>' }));
    expect(odd.body.report.note).toBe('abc\nd <img src=x onerror=alert(1)>');
    const blank = await post(report({ note: '   ', amenity: null }));
    expect(blank.body.report).not.toHaveProperty('note');
    expect(blank.body.report).not.toHaveProperty('amenity');
  });

  it('a body over 8 KB is a 413 problem', async () => {
    const r = await post({ ...report(), note: 'x'.repeat(9000) });
    expect(r.status).toBe(413);
    expect(r.res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('rate limit per address', () => {
  const { limit, windowMs } = REPORT_LIMITS.perAddress;
  it(`${limit} new reports per window, then 429 with Retry-After; retries stay free; the window passes`, async () => {
    const ip = addr();
    const first = report();
    expect((await post(first, ip)).status).toBe(201);
    for (let i = 1; i < limit; i++) expect((await post(report(), ip)).status).toBe(201);
    const refused = await post(report(), ip);
    expect(refused.status).toBe(429);
    expect(refused.res.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(refused.res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowMs / 1000);
    expect((await post(first, ip)).status).toBe(201); // a retry of a stored report is not a new report
    expect((await post(report(), addr())).status).toBe(201); // other addresses are not affected
    env.advance(retryAfter * 1000);
    expect((await post(report(), ip)).status).toBe(201);
  });
});
