// The merchant phone's redemption queue: recorded offline first, sent exactly once (the clientId
// stays the same across retries, even when an answer is lost), a refusal final, and a second use
// within the offer's limit noticed on the phone before it is ever sent. IDB: fake; server: a stub
// that stores by clientId as the real route does (the route itself: tests/api/membership-redemptions).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { flushRedemptions, queuedRedemptions, recordRedemption } from '../../web/lib/redemption-queue';

const stored = new Map<string, unknown>();
let mode: 'offline' | 'ok' | 'lose-answer' | 'refuse' = 'offline';
const paths: string[] = [];
const server = (async (url: string, init?: RequestInit) => {
  if (mode === 'offline') throw new TypeError('Failed to fetch');
  paths.push(url);
  const body = JSON.parse(String(init!.body));
  if (mode === 'refuse') return new Response(JSON.stringify({ detail: 'The member card is not valid: revoked' }), { status: 422 });
  const created = !stored.has(body.clientId);
  if (created) stored.set(body.clientId, body);
  if (mode === 'lose-answer') throw new TypeError('connection reset');
  return new Response(JSON.stringify({ redemption: { clientId: body.clientId, flagged: false } }), { status: created ? 201 : 200 });
}) as unknown as typeof fetch;
const item = (clientId: string, at: string, offerId = 'o1') => ({ clientId, token: 'YZ1:X', cardId: '8000000000000001', offerId, offerTitle: '会员九折', at });

describe('redemption queue', () => {
  it('keeps a scan made offline, and notices a second use the same day on the phone', async () => {
    expect(await recordRedemption(item('a', '2026-11-23T02:00:00Z'), 'day')).toBe(false);
    expect(await recordRedemption(item('b', '2026-11-23T05:00:00Z'), 'day')).toBe(true);
    expect(await recordRedemption(item('c', '2026-11-24T02:00:00Z'), 'day')).toBe(false); // the next Shanghai day
    expect(await recordRedemption(item('d', '2026-11-24T03:00:00Z', 'o2'), undefined)).toBe(false);
    expect(await flushRedemptions(server)).toBe(4);
    expect((await queuedRedemptions()).map((q) => q.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
  });
  it('delivers each exactly once, even when an answer is lost', async () => {
    mode = 'lose-answer';
    expect(await flushRedemptions(server)).toBe(4); // stored, but the phone does not know
    mode = 'ok';
    expect(await flushRedemptions(server)).toBe(0);
    expect(stored.size).toBe(4);
    expect((await queuedRedemptions()).every((q) => q.state === 'sent')).toBe(true);
    expect(await flushRedemptions(server)).toBe(0); // nothing is sent again
    expect(stored.size).toBe(4);
  });
  it('a union benefit goes to its own endpoint, named benefitId', async () => {
    mode = 'ok';
    paths.length = 0;
    await recordRedemption({ ...item('f', '2026-11-25T03:00:00Z', 'bn_1'), kind: 'benefit' }, 'ever');
    expect(await flushRedemptions(server)).toBe(0);
    expect(paths).toEqual(['/api/my/benefit-redemptions']);
    expect(stored.get('f')).toMatchObject({ benefitId: 'bn_1' });
  });
  it('a refusal is final', async () => {
    await recordRedemption(item('e', '2026-11-25T02:00:00Z'), undefined);
    mode = 'refuse';
    expect(await flushRedemptions(server)).toBe(0);
    const e = (await queuedRedemptions()).find((q) => q.clientId === 'e')!;
    expect(e).toMatchObject({ state: 'refused', error: 'The member card is not valid: revoked' });
  });
});
