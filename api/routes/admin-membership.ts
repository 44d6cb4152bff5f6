/**
 * /api/admin/applications and /api/admin/members (admin session; the Origin check and session come
 * from app.ts like every admin write): the membership queue, its decisions, and card revocation.
 * Every decision is audited — without the applicant's phone or employer (personal data stays in
 * the application, which is deleted on schedule; the audit log is kept).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { APPLICATION_STATUSES, applicationReviewBody, revokeBody } from '../../data/membership/application';
import { maskName } from '../../data/membership/mask';
import { currentUser, requireAdmin, type AuthEnv } from '../auth/session';
import { ensureCard } from '../membership/cards';
import { WriteConflictError } from '../moderation/writes';
import { auditEntry } from '../moderation/audit';
import { idParam } from '../params';
import { problem, validate } from '../problem';

const LIST_MAX = 200;
/** Rejected applications are deleted this long after the decision (PIPL: no longer than needed). */
export const REJECTED_KEPT_DAYS = 90;
const listQuery = z.object({
  status: z.enum(APPLICATION_STATUSES, { error: 'status must be pending, approved or rejected' }).optional(),
  limit: z.coerce.number().int().min(1).max(LIST_MAX, `limit must be ≤ ${LIST_MAX}`).default(50),
  after: z.string().min(1).max(64).optional(),
});
const cardParam = z.object({ cardId: z.string().regex(/^\d{16}$/, 'cardId must be a 16-digit card number') });

export const adminApplicationRoutes = new Hono<AuthEnv>()
  .use('*', requireAdmin)
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const { store, clock } = c.get('deps');
    await store.purgeRejectedApplications(new Date(clock().getTime() - REJECTED_KEPT_DAYS * 86_400_000).toISOString());
    const items = await store.applications(q);
    return c.json({ items, next: items.length === q.limit ? items[items.length - 1].id : null });
  })
  .post('/:id/review', validate('param', idParam), validate('json', applicationReviewBody), async (c) => {
    const { id } = c.req.valid('param');
    const { decision, reason } = c.req.valid('json');
    const deps = c.get('deps');
    const { store, clock, config } = deps;
    const app = await store.applicationById(id);
    if (!app) return problem(c, 404, `No application with id "${id}"`);
    if (app.status !== 'pending') return problem(c, 409, `Application ${id} was already ${app.status}.`);
    const at = clock().toISOString();
    const status = decision === 'approve' ? 'approved' : 'rejected';
    await store.atomically(async (tx) => {
      // another admin decided it meanwhile: this decision is refused, not half made
      if (!(await tx.reviewApplication(id, { status, at, by: currentUser(c).id, reason }))) throw new WriteConflictError(`Application ${id}`);
      if (status === 'approved') {
        await tx.upsertMember({ userId: app.userId, applicationId: id, name: maskName(app.name), org: app.union ?? config.membershipOrg, since: at });
        await ensureCard(tx, app.userId, clock());
      }
      const before = { id, status: app.status };
      await tx.appendAudit(auditEntry(c, `application.${decision}`, { type: 'application', id }, before, { id, status, reason }));
    });
    return c.json({ application: await store.applicationById(id), ...(status === 'approved' ? { member: await store.member(app.userId) } : {}) });
  });

export const adminMemberRoutes = new Hono<AuthEnv>()
  .use('*', requireAdmin)
  .post('/:cardId/revoke', validate('param', cardParam), validate('json', revokeBody), async (c) => {
    const { cardId } = c.req.valid('param');
    const { reason, endMembership } = c.req.valid('json');
    const { store, clock } = c.get('deps');
    const card = await store.cardById(cardId);
    if (!card) return problem(c, 404, `No card ${cardId}`);
    if (card.status !== 'active') return problem(c, 409, `Card ${cardId} is already revoked.`);
    const at = clock().toISOString();
    await store.atomically(async (tx) => {
      if (!(await tx.revokeCard(cardId, { at, by: currentUser(c).id, reason }))) throw new WriteConflictError(`Card ${cardId}`);
      if (endMembership) await tx.endMembership(card.userId);
      const audit = auditEntry(c, 'card.revoke', { type: 'card', id: cardId }, { status: 'active' }, { status: 'revoked', reason, endMembership: !!endMembership });
      await tx.appendAudit(audit);
    });
    return c.json({ card: { id: cardId, status: 'revoked', revokedAt: at, reason }, revocations: (await store.revocations(0)).version });
  });
