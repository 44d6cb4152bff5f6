/**
 * Union benefits: an admin issues them (/api/admin/benefits, audited), members see the ones that
 * reach them (GET /api/membership/benefits, routes/membership.ts) and a partner shop records a use
 * with the member's card (POST /api/my/benefit-redemptions): at most once per member, and the same
 * clientId from an offline queue is the same use.
 */
import { webcrypto } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { benefitApplies, benefitBody, dayIn, type Benefit } from '../../data/membership/benefit';
import { verifyCardToken } from '../../data/membership/card-token';
import { idSchema } from '../../data/schema';
import { newId } from '../auth/ids';
import { currentUser, requireAdmin, requireUser, type AuthEnv } from '../auth/session';
import { publishedKeys } from '../membership/keys';
import { auditEntry } from '../moderation/audit';
import { problem, validate } from '../problem';
import type { Store } from '../store/port';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** The body of POST /api/my/benefit-redemptions. */
export const benefitUseBody = z.strictObject({
  clientId: z.string({ error: 'clientId must be a UUID' }).regex(UUID, 'clientId must be a UUID'),
  token: z.string({ error: 'token must be text' }).min(1).max(2048),
  benefitId: idSchema,
  at: z.iso.datetime({ offset: true, error: 'at must be an ISO date-time' }).optional(),
});

/** The member's occupation and region (from the approved application), or undefined for a non-member. */
async function profile(store: Store, userId: string) {
  const app = await store.latestApplication(userId);
  return (await store.member(userId))?.status === 'active' && app?.status === 'approved' ? { occupation: app.occupation, region: app.region } : undefined;
}

/** The benefits reaching a member today, each with whether it is used. */
export async function memberBenefits(store: Store, userId: string, now: Date): Promise<(Benefit & { used: boolean })[]> {
  const who = await profile(store, userId);
  if (!who) return [];
  const used = new Set((await store.benefitUsesOfUser(userId)).map((u) => u.benefitId));
  return (await store.benefits()).filter((b) => benefitApplies(b, who, dayIn(now))).map((b) => ({ ...b, used: used.has(b.id) }));
}

export const adminBenefitRoutes = new Hono<AuthEnv>()
  .use('*', requireAdmin)
  .get('/', async (c) => c.json({ items: await c.get('deps').store.benefits() }))
  .post('/', validate('json', benefitBody), async (c) => {
    const { store, clock } = c.get('deps');
    const benefit: Benefit = { ...c.req.valid('json'), id: newId('bn'), createdAt: clock().toISOString() };
    await store.atomically(async (tx) => {
      await tx.insertBenefit(benefit, currentUser(c).id);
      await tx.appendAudit(auditEntry(c, 'benefit.create', { type: 'benefit', id: benefit.id }, null, benefit));
    });
    return c.json({ benefit }, 201);
  });

export const myBenefitRoutes = new Hono<AuthEnv>()
  .use('*', requireUser)
  .post('/', validate('json', benefitUseBody), async (c) => {
    const b = c.req.valid('json');
    const { store, clock, config } = c.get('deps');
    const now = clock();
    const at = b.at ? new Date(b.at) : now;
    if (at.getTime() > now.getTime() + 5 * 60_000 || now.getTime() - at.getTime() > 7 * 86_400_000) return problem(c, 400, 'at: must be within the last 7 days', { invalid_params: [{ name: 'at', reason: 'must be within the last 7 days' }] });
    const shop = (await store.merchantsByOwner(currentUser(c).id)).find((m) => m.status === 'approved');
    if (!shop) return problem(c, 403, 'Only a partner shop (an approved shop of yours) can redeem union benefits.');
    const benefit = await store.benefitById(b.benefitId);
    if (!benefit) return problem(c, 404, `No benefit "${b.benefitId}"`);
    const verdict = await verifyCardToken(b.token, {
      keys: publishedKeys(config.membershipKeyPath, now), revoked: { has: (id) => store.isCardRevoked(id) }, now: at.getTime(), subtle: webcrypto.subtle,
    });
    if (!verdict.valid) return problem(c, 422, `The member card is not valid: ${verdict.reason}`, { reason: verdict.reason });
    const userId = (await store.cardById(verdict.card.id))?.userId;
    const who = userId && (await profile(store, userId));
    if (!userId || !who || !benefitApplies(benefit, who, dayIn(at))) return problem(c, 422, 'This benefit is not for this member, or not on this day.', { reason: 'not_eligible' });
    const { use, outcome } = await store.insertBenefitUse({
      id: newId('bu'), clientId: b.clientId, benefitId: benefit.id, userId, cardId: verdict.card.id, merchantId: shop.id,
      at: at.toISOString(), receivedAt: now.toISOString(),
    });
    if (outcome === 'used') return problem(c, 409, 'This member has already used this benefit.', { use });
    return c.json({ use, card: verdict.card }, outcome === 'created' ? 201 : 200);
  });
