/**
 * Audit entries for admin actions: who (the signed-in admin) and when (the app's clock).
 */
import type { Context } from 'hono';
import { currentUser, type AuthEnv } from '../auth/session';
import type { AuditInput } from '../store/port';

/** An audit entry for the current admin's action on a target, with the record before and after. */
export function auditEntry(
  c: Context<AuthEnv>,
  action: string,
  target: { type: string; id: string | null },
  before: unknown,
  after: unknown,
): AuditInput {
  return {
    at: c.get('deps').clock().toISOString(), actor_id: currentUser(c).id, action,
    target_type: target.type, target_id: target.id, before, after,
  };
}
