/**
 * /api/my: merchant self-service for the signed-in account. Every route works on the caller's own
 * shops only; another account's shop or offer is a 404, exactly like one that does not exist.
 * Moderation rules (what goes back to review, pausing) live in data/moderation.ts.
 */
import { Hono, type Context } from 'hono';
import { localDate } from '../../data/merchants';
import { merchantKey, merchantStatusAfterEdit, offerKey, offerStatusAfterEdit } from '../../data/moderation';
import { canonicalMerchant, canonicalOffer, contentKey } from '../../data/records';
import type { Merchant } from '../../data/schema';
import { newId } from '../auth/ids';
import { currentUser, requireUser, type AuthEnv } from '../auth/session';
import { merchantCreateBody, merchantPatchBody, offerCreateBody, offerIssues, offerPatchBody } from '../moderation/bodies';
import { applyPatch } from '../moderation/patch';
import { merchantOnly, merchantView, offerView } from '../moderation/views';
import { approvalOf, writeMerchant } from '../moderation/writes';
import { idParam } from '../params';
import { problem, validate } from '../problem';

/** Caps that keep one account from flooding the review queue. */
export const MY_LIMITS = {
  merchantsPerAccount: 20,
  offersPerMerchant: 50,
};

type C = Context<AuthEnv>;

/** The caller's own merchant by id (any status), or undefined — also when someone else owns it. */
async function ownMerchant(c: C, id: string): Promise<Merchant | undefined> {
  const m = await c.get('deps').store.merchantRecord(id);
  return m && m.owner_id === currentUser(c).id ? m : undefined;
}

const notFound = (c: C, what: string, id: string) => problem(c, 404, `You have no ${what} with id "${id}".`);
const today = (c: C) => localDate(c.get('deps').clock());
const nowIso = (c: C) => c.get('deps').clock().toISOString();
/** The merchant as stored now, as its owner sees it. */
const fresh = async (c: C, id: string) => merchantView((await c.get('deps').store.merchantRecord(id))!, today(c));

export const myRoutes = new Hono<AuthEnv>()
  .use('*', requireUser)
  .get('/merchants', async (c) => {
    const day = today(c);
    const items = (await c.get('deps').store.merchantsByOwner(currentUser(c).id)).map((m) => merchantView(m, day));
    return c.json({ items });
  })
  .post('/merchants', validate('json', merchantCreateBody), async (c) => {
    const deps = c.get('deps');
    const owner = currentUser(c).id;
    if ((await deps.store.merchantsByOwner(owner)).length >= MY_LIMITS.merchantsPerAccount) {
      return problem(c, 409, `An account can have at most ${MY_LIMITS.merchantsPerAccount} shops.`);
    }
    const body = c.req.valid('json');
    const m = canonicalMerchant({ ...body, id: newId('m'), owner_id: owner, status: 'pending', offers: [] }, nowIso(c));
    await writeMerchant(deps, m);
    return c.json({ merchant: await fresh(c, m.id) }, 201);
  })
  .patch('/merchants/:id', validate('param', idParam), validate('json', merchantPatchBody), async (c) => {
    const { id } = c.req.valid('param');
    const old = await ownMerchant(c, id);
    if (!old) return notFound(c, 'shop', id);
    const base = merchantOnly(old);
    const draft = canonicalMerchant({ ...applyPatch(base, c.req.valid('json')), offers: [] }, nowIso(c));
    if (contentKey(draft) === contentKey({ ...base, offers: [] })) return c.json({ merchant: await fresh(c, id) });
    const deps = c.get('deps');
    const approval = await approvalOf(deps.store, 'merchant', old, merchantKey);
    const status = merchantStatusAfterEdit(old, draft, approval.key);
    const next = { ...draft, status, reason: status === old.status ? old.reason : undefined };
    await writeMerchant(deps, canonicalMerchant(next, draft.updated_at), [], { approvals: approval.remember, base: old });
    return c.json({ merchant: await fresh(c, id) });
  })
  .post('/merchants/:id/offers', validate('param', idParam), validate('json', offerCreateBody), async (c) => {
    const { id } = c.req.valid('param');
    const merchant = await ownMerchant(c, id);
    if (!merchant) return notFound(c, 'shop', id);
    if (merchant.offers.length >= MY_LIMITS.offersPerMerchant) {
      return problem(c, 409, `A shop can have at most ${MY_LIMITS.offersPerMerchant} offers; edit or reuse one.`);
    }
    const offer = canonicalOffer({ ...c.req.valid('json'), id: newId('o'), merchant_id: id, status: 'pending', updated_at: nowIso(c) });
    const issues = offerIssues(offer);
    if (issues.length) return invalid(c, issues);
    await writeMerchant(c.get('deps'), merchantOnly(merchant), [offer]);
    return c.json({ offer: offerView(offer, false, today(c)) }, 201);
  })
  .patch('/offers/:id', validate('param', idParam), validate('json', offerPatchBody), async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const old = await deps.store.offerRecord(id);
    const merchant = old && (await ownMerchant(c, old.merchant_id));
    if (!old || !merchant) return notFound(c, 'offer', id);
    const { status: wanted, ...changes } = c.req.valid('json');
    if (wanted === 'paused' && old.status === 'rejected') {
      return problem(c, 409, 'A rejected offer cannot be paused; edit it to send it back for review.');
    }
    const draft = canonicalOffer({ ...applyPatch(old, changes), updated_at: nowIso(c) });
    const issues = offerIssues(draft);
    if (issues.length) return invalid(c, issues);
    const approval = await approvalOf(deps.store, 'offer', old, offerKey);
    const status = offerStatusAfterEdit(old, draft, wanted, approval.key);
    const next = canonicalOffer({ ...draft, status, reason: status === old.status ? old.reason : undefined });
    if (contentKey(next) !== contentKey(old)) {
      await writeMerchant(deps, merchantOnly(merchant), [next], { approvals: approval.remember, base: merchant });
    }
    const view = await fresh(c, merchant.id);
    return c.json({ offer: view.offers.find((o) => o.id === id) });
  });

function invalid(c: C, params: { name: string; reason: string }[]) {
  return problem(c, 400, params.map((p) => `${p.name}: ${p.reason}`).join('; '), { invalid_params: params });
}
