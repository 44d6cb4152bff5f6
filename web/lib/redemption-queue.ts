/**
 * The merchant phone's redemptions: recorded at the counter into IndexedDB first (so a scan with
 * no signal is never lost), then delivered to POST /api/my/redemptions exactly once — the
 * clientId makes every retry the same redemption. 2xx and 400/404/409/422 are final; anything else
 * (offline, 401, 429, 5xx) waits for the next try. Also the phone's own offers, cached for offline.
 */
import { SESSION_HINT_COOKIE, type MerchantView } from '../../data/wire';
import { breaksLimit, type RedeemLimit } from '../../data/membership/redemption';
import { openDb } from './db';
import { sender, problemOf } from './http';

export interface QueuedRedemption {
  /** a shop's offer (default) or a union benefit: `offerId` names either */
  kind?: 'offer' | 'benefit';
  clientId: string;
  token: string;
  cardId: string;
  offerId: string;
  offerTitle: string;
  /** ISO time of the scan */
  at: string;
  state: 'pending' | 'sent' | 'refused';
  /** the server's verdict on the limit (when sent) */
  flagged?: boolean;
  error?: string;
}
export interface CachedOffer {
  kind: 'offer' | 'benefit';
  id: string;
  title: string;
  shop: string;
  limit?: RedeemLimit;
}

const PREFIX = 'redemption:';
const OFFERS = 'my-offers';
const FINAL = new Set([400, 404, 409, 413, 422]);

/** Every redemption this phone recorded, oldest first. */
export async function queuedRedemptions(): Promise<QueuedRedemption[]> {
  const db = await openDb();
  const keys = (await db.getAllKeys('membership')).filter((k) => String(k).startsWith(PREFIX));
  const items = (await Promise.all(keys.map((k) => db.get('membership', k)))) as QueuedRedemption[];
  return items.filter(Boolean).sort((a, b) => a.at.localeCompare(b.at));
}
const put = async (item: QueuedRedemption) => void (await (await openDb()).put('membership', item, PREFIX + item.clientId));

/** Records a use at the counter; true when this phone already saw the card use the offer within its limit. */
export async function recordRedemption(item: Omit<QueuedRedemption, 'state'>, limit: RedeemLimit | undefined): Promise<boolean> {
  const earlier = (await queuedRedemptions()).filter((q) => q.cardId === item.cardId && q.offerId === item.offerId && q.state !== 'refused');
  await put({ ...item, state: 'pending' });
  return breaksLimit(limit, new Date(item.at), earlier.map((q) => new Date(q.at)));
}

/** Sends what waits; resolves to how many are still waiting. */
export async function flushRedemptions(f: typeof fetch = fetch): Promise<number> {
  const send = sender({ fetch: f });
  let waiting = 0;
  for (const item of (await queuedRedemptions()).filter((q) => q.state === 'pending')) {
    let res: Response;
    try {
      const benefit = item.kind === 'benefit';
      res = await send(benefit ? '/api/my/benefit-redemptions' : '/api/my/redemptions', {
        method: 'POST', credentials: 'same-origin',
        json: { clientId: item.clientId, token: item.token, [benefit ? 'benefitId' : 'offerId']: item.offerId, at: item.at },
      });
    } catch {
      waiting++;
      continue;
    }
    const data = await problemOf(res); // a redemption, or the problem
    if (res.ok) await put({ ...item, state: 'sent', flagged: !!(data.redemption as { flagged?: boolean } | undefined)?.flagged });
    else if (FINAL.has(res.status)) await put({ ...item, state: 'refused', error: data.detail ?? res.statusText });
    else waiting++;
  }
  return waiting;
}

/** The merchant's approved offers, fetched when online and kept for offline; null when signed out. */
export async function myOffers(f: typeof fetch = fetch): Promise<CachedOffer[] | null> {
  const send = sender({ fetch: f });
  const db = await openDb();
  if (!document.cookie.includes(`${SESSION_HINT_COOKIE}=`)) return null; // signed out: no request, no 401
  try {
    const res = await send('/api/my/merchants', { credentials: 'same-origin', cache: 'no-store' });
    if (res.status === 401) return null;
    if (res.ok) {
      const shops = ((await res.json()) as { items: MerchantView[] }).items;
      const approved = shops.filter((s) => s.status === 'approved');
      const offers = approved.flatMap((s) => s.offers.filter((o) => o.status === 'approved')
        .map((o): CachedOffer => ({ kind: 'offer', id: o.id, title: o.title, shop: s.name, ...(o.redeem_limit ? { limit: o.redeem_limit } : {}) })));
      // a partner shop may also redeem the union's benefits running today (once per member)
      const benefits = approved.length ? await send('/api/membership/benefits/active', { cache: 'no-store' }).then((r) => r.json()).catch(() => ({ items: [] })) : { items: [] };
      offers.push(...(benefits.items as { id: string; title: string }[]).map((b): CachedOffer => ({ kind: 'benefit', id: b.id, title: b.title, shop: '', limit: 'ever' })));
      await db.put('membership', offers, OFFERS);
      return offers;
    }
  } catch {
    /* offline: the cached list */
  }
  return ((await db.get('membership', OFFERS)) as CachedOffer[] | undefined) ?? [];
}
