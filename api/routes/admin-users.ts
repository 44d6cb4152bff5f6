/**
 * /api/admin/users/{id}/password: a union admin resets a merchant's forgotten password. The answer
 * carries a one-off random password to hand over; every session of that account ends; audited.
 * Admin accounts are reset through the admin:create CLI only (an admin cannot take over another).
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { hashPassword } from '../auth/password';
import type { AuthEnv } from '../auth/session';
import { auditEntry } from '../moderation/audit';
import { idParam } from '../params';
import { problem, validate } from '../problem';

export const adminUserRoutes = new Hono<AuthEnv>().post('/:id/password', validate('param', idParam), async (c) => {
  const { id } = c.req.valid('param');
  const { store } = c.get('deps');
  const user = await store.userById(id);
  if (!user) return problem(c, 404, `No account with id "${id}"`);
  if (user.role !== 'merchant') return problem(c, 403, 'Only merchant passwords can be reset here; admins use npm run admin:create.');
  const temporaryPassword = randomBytes(18).toString('base64url'); // 24 characters, 144 random bits
  const hash = await hashPassword(temporaryPassword);
  await store.atomically(async (tx) => {
    await tx.setPassword(id, hash);
    await tx.appendAudit(auditEntry(c, 'user.password_reset', { type: 'user', id }, null, { email: user.email }));
  });
  return c.json({ user: { id: user.id, email: user.email }, temporaryPassword });
});
