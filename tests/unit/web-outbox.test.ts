// The outbox delivers each report exactly once: queued offline, retried with back-off, sent when
// the network returns, never lost and never doubled (even when an answer is lost after the server
// stored the report), Retry-After honoured, a refusal final. Server: the real app; IDB: fake.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_KINDS } from '../../data/catalog';
import { openDb, outboxItems, type Db } from '../../web/lib/db';
import { enqueueReport, flushOutbox, markTold, retrySoon } from '../../web/lib/outbox';
import { REPORT_KIND_LABEL, newClientId, reportBody, type ReportDraft } from '../../web/lib/reports';
import { station, testEnv, type TestEnv } from '../api/helpers';

let env: TestEnv;
let db: Db;
let clock = Date.parse('2026-11-23T02:00:00Z');
const now = () => clock;
let online = true;
/** The app, behind a network that can be cut; every request gets its own client address. */
const net = (async (url: string | URL | Request, init?: RequestInit) => {
  if (!online) throw new TypeError('Failed to fetch');
  return env.app.request(String(url), { ...init, headers: { ...(init?.headers as Record<string, string>), 'X-Forwarded-For': '198.51.100.7' } });
}) as typeof fetch;
const flush = (fetch = net) => flushOutbox({ db, fetch, now });
const rows = async (clientId: string) => (await env.store.reports({ limit: 500 })).filter((r) => r.clientId === clientId);
const draft = (over: Partial<ReportDraft> = {}): ReportDraft => ({ targetType: 'station', targetId: 'nj-1', kind: 'closed', ...over });
const make = async (over: Partial<ReportDraft> = {}) => {
  const body = reportBody(draft(over));
  if ('error' in body) throw new Error(body.error);
  await enqueueReport(db, body, '鼓楼驿站', now());
  return body;
};
const item = async (clientId: string) => (await outboxItems(db)).find((i) => i.clientId === clientId);

beforeAll(async () => {
  env = await testEnv([station({ id: 'nj-1', name: '鼓楼驿站' })]);
  db = await openDb('outbox-test');
});
afterAll(() => env.close());

describe('reports', () => {
  it('offers the kinds the server accepts, and checks a draft like the server', async () => {
    expect(Object.keys(REPORT_KIND_LABEL).sort()).toEqual([...REPORT_KINDS].sort());
    for (const kind of REPORT_KINDS) {
      const body = reportBody(draft({ kind, amenity: kind === 'amenity_missing' ? 'microwave' : undefined }));
      const res = await env.app.request('/api/reports', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.8' }, body: JSON.stringify(body),
      });
      expect(res.status, kind).toBe(201);
    }
    expect(newClientId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reportBody(draft({ note: '字'.repeat(501) }))).toEqual({ error: 'noteTooLong' });
    expect(reportBody(draft({ note: `  ${'字'.repeat(500)}  ` }))).not.toHaveProperty('error');
    expect(reportBody(draft({ kind: 'amenity_missing' }))).toEqual({ error: 'amenityMissing' });
    expect(reportBody(draft({ kind: 'closed', amenity: 'microwave', note: '  ' }))).toEqual({ clientId: expect.any(String), targetType: 'station', targetId: 'nj-1', kind: 'closed' });
  });
});

describe('outbox', () => {
  it('waits while offline (backing off), then sends once the network is back', async () => {
    online = false;
    const body = await make({ kind: 'amenity_missing', amenity: 'microwave', note: '微波炉坏了' });
    expect(await flush()).toEqual({ settled: [], pending: 1 });
    expect(await item(body.clientId)).toMatchObject({ state: 'pending', attempts: 1 });
    clock += 1000;
    expect((await flush()).pending).toBe(1); // backing off: not even tried
    expect((await item(body.clientId))!.attempts).toBe(1);
    online = true;
    await retrySoon(db); // the page saw 'online'
    const r = await flush();
    expect(r.settled.map((i) => [i.clientId, i.state])).toEqual([[body.clientId, 'sent']]);
    expect(await rows(body.clientId)).toHaveLength(1);
    expect((await item(body.clientId))!.reportId).toBe((await rows(body.clientId))[0].id);
    expect((await flush()).settled).toEqual([]); // nothing sent twice
    expect(await rows(body.clientId)).toHaveLength(1);
  });

  it('an answer lost after the server stored the report: resent with the same clientId, stored once', async () => {
    const body = await make();
    const lostAnswer = (async (url: string, init?: RequestInit) => {
      await net(url, init);
      throw new TypeError('connection reset');
    }) as typeof fetch;
    await flush(lostAnswer);
    expect(await rows(body.clientId)).toHaveLength(1);
    expect((await item(body.clientId))!.state).toBe('pending');
    clock += 60_000;
    await flush();
    expect((await item(body.clientId))!.state).toBe('sent');
    expect(await rows(body.clientId)).toHaveLength(1);
  });

  it('two flushes at once (page and worker) still store one report', async () => {
    const body = await make({ kind: 'confirmed' });
    await Promise.all([flush(), flush(), flush()]);
    expect(await rows(body.clientId)).toHaveLength(1);
    expect((await item(body.clientId))!.state).toBe('sent');
  });

  it('429: waits Retry-After (also when the network comes back); 5xx: retried', async () => {
    const body = await make({ kind: 'other', note: '限流' });
    const limited = (async () => new Response('{}', { status: 429, headers: { 'retry-after': '120' } })) as typeof fetch;
    await flush(limited);
    expect(await item(body.clientId)).toMatchObject({ state: 'pending', notBefore: clock + 120_000 });
    await retrySoon(db);
    expect((await item(body.clientId))!.notBefore).toBe(clock + 120_000);
    clock += 121_000;
    await flush((async () => new Response('{}', { status: 503 })) as typeof fetch);
    expect(await item(body.clientId)).toMatchObject({ state: 'pending' });
    clock += 3_600_000;
    await flush();
    expect(await item(body.clientId)).toMatchObject({ state: 'sent' });
    expect(await rows(body.clientId)).toHaveLength(1);
  });

  it('a refusal (4xx) is final: the user is told, then it leaves the outbox', async () => {
    const body = await make({ targetId: 'no-such-station' });
    const r = await flush();
    expect(r.settled).toEqual([expect.objectContaining({ clientId: body.clientId, state: 'refused', error: expect.stringContaining('no-such-station') })]);
    await markTold(db, [body.clientId]);
    expect(await item(body.clientId)).toBeUndefined();
  });
});
