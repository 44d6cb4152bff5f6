// The business app's small pure helpers: the hash router, the HTTP client's error handling (with a
// fake fetch), import content types, audit diffs, and the two catalogues having the same keys.
import { describe, expect, it } from 'vitest';
import { en } from '../../web/business/i18n/en';
import { translate } from '../../web/business/i18n';
import { zh } from '../../web/business/i18n/zh';
import { createBizApi, hasSessionHint, importContentType } from '../../web/business/lib/api';
import { BizError, createHttp, minutesToWait, qs } from '../../web/business/lib/api-client';
import { auditChanges, valueText } from '../../web/business/lib/audit';
import { homeOf, href, parseHash } from '../../web/business/lib/router';

describe('router', () => {
  it('parses hashes into routes, literal segments before parameters', () => {
    expect(parseHash('')).toMatchObject({ name: 'home' });
    expect(parseHash('#/shops/new')).toMatchObject({ name: 'shop-new', params: {} });
    expect(parseHash('#/shops/m_1')).toMatchObject({ name: 'shop', params: { shopId: 'm_1' } });
    expect(parseHash('#/shops/m_1/offers/new')).toMatchObject({ name: 'offer-new', params: { shopId: 'm_1' } });
    expect(parseHash('#/shops/m_1/offers/o_2')).toMatchObject({ name: 'offer', params: { shopId: 'm_1', offerId: 'o_2' } });
    expect(parseHash('#/admin/stations?q=%E9%BC%93%E6%A5%BC&near=nanjing')).toMatchObject({ name: 'stations', query: { q: '鼓楼', near: 'nanjing' } });
    expect(parseHash('#/admin/reports/station/s%2F1')).toMatchObject({ name: 'report-target', params: { targetType: 'station', targetId: 's/1' } });
    expect(parseHash('#/nowhere')).toMatchObject({ name: 'not-found' });
    expect(parseHash('#/shops/%E0%A4%A')).toMatchObject({ name: 'not-found' }); // bad escape
  });

  it('builds hashes that parse back to the same route', () => {
    const h = href('offer', { shopId: 'm 1', offerId: 'o/2' });
    expect(h).toBe('#/shops/m%201/offers/o%2F2');
    expect(parseHash(h).params).toEqual({ shopId: 'm 1', offerId: 'o/2' });
    expect(href('audit', {}, { type: 'station', id: undefined })).toBe('#/admin/audit?type=station');
    expect(homeOf(null)).toBe('#/signin');
    expect(homeOf({ role: 'admin' })).toBe('#/admin/queue');
    expect(homeOf({ role: 'merchant' })).toBe('#/shops');
  });
});

/** A fetch that answers from a table and records what was sent. */
function fakeFetch(answers: Record<string, () => Response>) {
  const sent: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    const key = `${init.method} ${url}`;
    if (!answers[key]) throw new TypeError('Failed to fetch');
    return answers[key]();
  }) as unknown as typeof fetch;
  return { f, sent };
}
const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });

describe('http client', () => {
  it('sends JSON with the session cookie, reads JSON back, 204 is empty', async () => {
    const { f, sent } = fakeFetch({
      'POST /api/auth/login': () => Response.json({ user: { id: 'u1', email: 'a@b.cn', name: 'A', role: 'merchant' }, failedSignIns: 0 }),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    const api = createBizApi({ fetch: f });
    expect(await api.signIn('a@b.cn', 'pw')).toMatchObject({ user: { id: 'u1' }, failedSignIns: 0 });
    expect(await api.signOut()).toBeUndefined();
    expect(sent[0].init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"email":"a@b.cn","password":"pw"}' });
    expect((sent[0].init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('turns problems into errors a screen can act on', async () => {
    const { f } = fakeFetch({
      'POST /api/auth/register': () => problem(409, { detail: 'taken' }),
      'POST /api/auth/login': () => problem(429, { detail: 'Too many', retryAfter: 601 }, { 'Retry-After': '601' }),
      'GET /api/auth/me': () => problem(401, { detail: 'Not signed in.' }),
      'POST /api/my/merchants': () => problem(400, { detail: 'bad', invalid_params: [{ name: 'category', reason: 'unknown' }] }),
      'GET /api/admin/queue': () => new Response('<html>bad gateway</html>', { status: 502 }),
    });
    const api = createBizApi({ fetch: f });
    const fail = async (p: Promise<unknown>) => p.then(() => null, (e: BizError) => e);
    expect(await fail(api.signUp({ email: 'a@b.cn', password: 'x'.repeat(10), name: 'A' }))).toMatchObject({ kind: 'conflict', status: 409 });
    const limited = await fail(api.signIn('a@b.cn', 'x'));
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfter: 601 });
    expect(minutesToWait(limited!.retryAfter!)).toBe(11);
    expect(minutesToWait(5)).toBe(1);
    expect(await fail(api.me())).toMatchObject({ kind: 'unauthorized' });
    const hinted = (cookie: string) => createBizApi({ fetch: f, mayBeSignedIn: () => hasSessionHint(cookie) });
    expect(await hinted('yz_lang=en').me()).toBeNull(); // no hint: no request, so no 401 in the console
    expect(await fail(hinted('yz_lang=en; yz_signed_in=1').me())).toMatchObject({ kind: 'unauthorized' });
    expect(hasSessionHint('yz_signed_in=1')).toBe(true);
    expect(hasSessionHint('not_yz_signed_in=1')).toBe(false);
    expect(await fail(api.createShop({}))).toMatchObject({ kind: 'invalid', invalid: [{ name: 'category', reason: 'unknown' }] });
    expect(await fail(api.queue())).toMatchObject({ kind: 'server', status: 502 });
    expect(await fail(api.myShops())).toMatchObject({ kind: 'network' });
  });

  it('uploads import files raw with a content type from their name; a 422 keeps the report', async () => {
    const report = { detail: '1 problem(s)', rows: 2, errors: [{ row: 3, field: 'lat', reason: 'lat must be a number' }], warnings: [] };
    const { f, sent } = fakeFetch({
      'POST /api/admin/import?kind=stations&crs=gcj02&filename=a.csv&dryRun=1': () => Response.json({ ok: false, ...report }),
      'POST /api/admin/import?kind=stations&crs=gcj02&filename=a.csv': () => problem(422, report),
    });
    const api = createBizApi({ fetch: f });
    const bytes = new TextEncoder().encode('name,lat,lng\n').buffer as ArrayBuffer;
    const preview = await api.previewImport(bytes, { kind: 'stations', crs: 'gcj02', filename: 'a.csv' });
    expect(preview.errors[0]).toEqual({ row: 3, field: 'lat', reason: 'lat must be a number' });
    expect((sent[0].init.headers as Record<string, string>)['content-type']).toBe('text/csv');
    expect(sent[0].init.body).toBe(bytes);
    const refused = await api.runImport(bytes, { kind: 'stations', crs: 'gcj02', filename: 'a.csv' }).catch((e: BizError) => e);
    expect(refused).toMatchObject({ status: 422, data: { errors: report.errors } });
    expect(importContentType('x.GeoJSON')).toBe('application/geo+json');
    expect(importContentType('x.json')).toBe('application/geo+json');
    expect(importContentType('x.xlsx')).toBe('application/octet-stream');
    expect(qs({ a: 1, b: '', c: undefined, d: null, e: false })).toBe('?a=1&e=false');
    expect(qs({})).toBe('');
  });

  it('a failed connection is a network error', async () => {
    const http = createHttp({ fetch: (async () => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch });
    await expect(http.call('GET', '/x')).rejects.toMatchObject({ kind: 'network', status: 0 });
  });
});

describe('audit diffs', () => {
  it('lists changed fields as text, skipping updated_at; a creation lists everything', () => {
    expect(auditChanges({ name: 'a', status: 'open', amenities: ['toilet'], updated_at: '1' }, { name: 'a', status: 'closed', amenities: ['toilet', 'wifi'], updated_at: '2' }))
      .toEqual([{ field: 'status', before: 'open', after: 'closed' }, { field: 'amenities', before: 'toilet', after: 'toilet, wifi' }]);
    expect(auditChanges(null, { id: 's1', lat: 32 })).toEqual([{ field: 'id', before: '', after: 's1' }, { field: 'lat', before: '', after: '32' }]);
    expect(auditChanges({ a: 1 }, { a: 1 })).toEqual([]);
    expect(valueText({ x: '<b>' })).toBe('{"x":"<b>"}');
  });
});

describe('catalogues', () => {
  it('zh and en have the same keys, the same placeholders, and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(holes(en[k]), k).toEqual(holes(zh[k]));
      expect(en[k].trim(), k).not.toBe('');
    }
    expect(translate('en', 'errRateLimited', { n: 3 })).toBe('Too many attempts. Try again in 3 minutes.');
    expect(translate('zh-CN', 'labelled', { label: '{value}', value: '{label}' })).toBe('{value}：{label}'); // values are not re-read
  });
});
