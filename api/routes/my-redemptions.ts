/**
 * POST /api/my/redemptions: a merchant records that a member card used one of its approved offers
 * (session of the shop's owner; Origin check from app.ts). Phones queue these offline and replay
 * them: the same clientId is the same redemption, stored once; the same clientId with another
 * content is a 409. The card is checked by the data/ verifier at the time of the scan, and a use
 * beyond the offer's limit (once per day / week / ever) is stored but flagged.
 */
import { webcrypto } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { verifyCardToken } from '../../data/membership/card-token';
import { redeemPeriod } from '../../data/membership/redemption';
import { idSchema } from '../../data/schema';
import { newId } from '../auth/ids';
import { currentUser, requireUser, type AuthEnv } from '../auth/session';
import { publishedKeys } from '../membership/keys';
import { problem, validate } from '../problem';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MAX_AGE_MS = 7 * 86_400_000; // a phone offline longer than a week cannot replay its queue
const SKEW_MS = 5 * 60_000; // a phone's clock may run a little ahead

/** The body of POST /api/my/redemptions. */
export const redemptionBody = z.strictObject({
  clientId: z.string({ error: 'clientId must be a UUID' }).regex(UUID, 'clientId must be a UUID'),
  token: z.string({ error: 'token must be text' }).min(1, 'token is required').max(2048),
  offerId: idSchema,
  /** when the card was scanned; default now */
  at: z.iso.datetime({ offset: true, error: 'at must be an ISO date-time' }).optional(),
});

export const myRedemptionRoutes = new Hono<AuthEnv>()
  .use('*', requireUser)
  .post('/', validate('json', redemptionBody), async (c) => {
    const b = c.req.valid('json');
    const { store, clock, config } = c.get('deps');
    const now = clock();
    const at = b.at ? new Date(b.at) : now;
    if (at.getTime() > now.getTime() + SKEW_MS || at.getTime() < now.getTime() - MAX_AGE_MS) {
      return problem(c, 400, 'at: must be within the last 7 days', { invalid_params: [{ name: 'at', reason: 'must be within the last 7 days' }] });
    }
    const offer = await store.offerRecord(b.offerId);
    const shop = offer && (await store.merchantRecord(offer.merchant_id));
    // another merchant's offer is a 404, exactly like a missing one
    if (!offer || !shop || shop.owner_id !== currentUser(c).id) return problem(c, 404, `No offer "${b.offerId}" of yours`);
    if (offer.status !== 'approved' || shop.status !== 'approved') return problem(c, 409, 'Only an approved offer of an approved shop can be redeemed.');
    const verdict = await verifyCardToken(b.token, {
      keys: publishedKeys(config.membershipKeyPath, now), revoked: { has: (id) => store.isCardRevoked(id) }, now: at.getTime(), subtle: webcrypto.subtle,
    });
    if (!verdict.valid) return problem(c, 422, `The member card is not valid: ${verdict.reason}`, { reason: verdict.reason });
    const contentKey = JSON.stringify([verdict.card.id, b.offerId, at.toISOString()]);
    const { redemption, contentKey: stored, created } = await store.insertRedemption({
      id: newId('rd'), clientId: b.clientId, cardId: verdict.card.id, offerId: b.offerId, merchantId: shop.id,
      at: at.toISOString(), receivedAt: now.toISOString(), recordedBy: currentUser(c).id,
      period: redeemPeriod(offer.redeem_limit, at, shop.timezone || 'Asia/Shanghai'), contentKey, limited: !!offer.redeem_limit,
    });
    if (stored !== contentKey) return problem(c, 409, 'This clientId was already used for another redemption.', { redemption });
    return c.json({ redemption, card: verdict.card }, created ? 201 : 200);
  });
