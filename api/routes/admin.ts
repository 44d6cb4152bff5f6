/**
 * /api/admin (admin session only): the review queue and decisions, the audit log, and — mounted
 * from admin-stations.ts and admin-data.ts — station management, import with preview, export.
 * Every change is written with an audit entry in the same transaction.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { localDate } from '../../data/merchants';
import { merchantKey, offerKey } from '../../data/moderation';
import { canonicalMerchant, canonicalOffer } from '../../data/records';
import type { Merchant } from '../../data/schema';
import { requireAdmin, type AuthEnv } from '../auth/session';
import { auditEntry } from '../moderation/audit';
import { reviewBody } from '../moderation/bodies';
import { merchantOnly, merchantView, offerView, ownerOf } from '../moderation/views';
import { writeMerchant } from '../moderation/writes';
import { idParam } from '../params';
import { problem, validate } from '../problem';
import { adminDataRoutes } from './admin-data';
import { adminUserRoutes } from './admin-users';
import { adminStationRoutes } from './admin-stations';
import { adminOperatorRoutes } from './admin-operators';

/** The import route's full path (the app exempts it from the 1 MB body limit). */
export const IMPORT_PATH = '/api/admin/import';
const QUEUE_LIMIT = 200; // items of each kind per queue response, oldest first

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional(),
  targetType: z.enum(['merchant', 'offer', 'station', 'import', 'export', 'report', 'operator', 'user']).optional(),
  targetId: z.string().min(1).max(64).optional(),
});

type C = Context<AuthEnv>;

async function queue(c: C) {
  const { store, clock } = c.get('deps');
  const day = localDate(clock());
  const { merchants, offers } = await store.moderationQueue(QUEUE_LIMIT);
  const merchantOf = new Map<string, Merchant | undefined>();
  const shop = async (id: string) => {
    if (!merchantOf.has(id)) merchantOf.set(id, await store.merchantRecord(id));
    const m = merchantOf.get(id)!;
    return { id: m.id, name: m.name, category: m.category, status: m.status, owner: await ownerOf(store, m.owner_id) };
  };
  const out = { merchants: [] as unknown[], offers: [] as unknown[] };
  for (const m of merchants) out.merchants.push({ ...merchantView(m, day), owner: await ownerOf(store, m.owner_id) });
  for (const o of offers) out.offers.push({ ...offerView(o, false, day), merchant: await shop(o.merchant_id) });
  return out;
}

export const adminRoutes = new Hono<AuthEnv>()
  .use('*', requireAdmin)
  .get('/queue', async (c) => c.json(await queue(c)))
  .post('/merchants/:id/review', validate('param', idParam), validate('json', reviewBody), async (c) => {
    const { id } = c.req.valid('param');
    const { decision, reason } = c.req.valid('json');
    const deps = c.get('deps');
    const old = await deps.store.merchantRecord(id);
    if (!old) return problem(c, 404, `No merchant with id "${id}"`);
    const approve = decision === 'approve';
    const next = canonicalMerchant(
      { ...merchantOnly(old), offers: [], status: approve ? 'approved' : 'rejected', reason: approve ? undefined : reason },
      deps.clock().toISOString(),
    );
    await writeMerchant(deps, next, [], {
      approvals: [['merchant', id, approve ? merchantKey(next) : null]],
      audit: auditEntry(c, `merchant.${decision}`, { type: 'merchant', id }, merchantOnly(old), merchantOnly(next)),
      base: old,
    });
    return c.json({ merchant: merchantView((await deps.store.merchantRecord(id))!, localDate(deps.clock())) });
  })
  .post('/offers/:id/review', validate('param', idParam), validate('json', reviewBody), async (c) => {
    const { id } = c.req.valid('param');
    const { decision, reason } = c.req.valid('json');
    const deps = c.get('deps');
    const old = await deps.store.offerRecord(id);
    const merchant = old && (await deps.store.merchantRecord(old.merchant_id));
    if (!old || !merchant) return problem(c, 404, `No offer with id "${id}"`);
    const approve = decision === 'approve';
    if (approve && old.status === 'paused') return problem(c, 409, 'The merchant has paused this offer; it cannot be approved while paused.');
    const next = canonicalOffer({
      ...old, status: approve ? 'approved' : 'rejected', reason: approve ? undefined : reason, updated_at: deps.clock().toISOString(),
    });
    await writeMerchant(deps, merchantOnly(merchant), [next], {
      approvals: [['offer', id, approve ? offerKey(next) : null]],
      audit: auditEntry(c, `offer.${decision}`, { type: 'offer', id }, old, next),
      base: merchant,
    });
    return c.json({ offer: offerView(next, merchant.status === 'approved', localDate(deps.clock())) });
  })
  .get('/audit', validate('query', auditQuery), async (c) => {
    const q = c.req.valid('query');
    const items = await c.get('deps').store.auditEntries({ limit: q.limit, before: q.before, target_type: q.targetType, target_id: q.targetId });
    return c.json({ items, next: items.length === q.limit ? items[items.length - 1].id : null });
  })
  .route('/stations', adminStationRoutes)
  .route('/', adminOperatorRoutes)
  .route('/users', adminUserRoutes)
  .route('/', adminDataRoutes);
