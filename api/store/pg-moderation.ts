/**
 * Moderation reads and the audit log for the PostgreSQL store (as sqlite-moderation.ts): merchants
 * and offers in every status (owners' drafts, the review queue, export), what an admin last
 * approved, and who did what.
 */
import type { Offer } from '../../data/schema';
import type { AuditEntry, ModerationStore } from './port-accounts';
import { withOffers } from './pg-merchants';
import type { Async } from './port';
import type { Db } from './pg-sql';

type AuditRow = Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null };

/** The moderation half of the store over `db`. */
export function moderationMethods(db: Db): Async<ModerationStore> {
  const merchants = async (rows: { doc: string }[]) => withOffers(db, rows.map((r) => r.doc), false);
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const parse = (v: string | null) => (v === null ? null : JSON.parse(v));

  return {
    async merchantRecord(id) {
      return (await merchants(await db`SELECT doc FROM merchants WHERE id = ${id} AND NOT deleted`))[0];
    },
    async offerRecord(id) {
      const [row] = await db<{ doc: string }[]>`SELECT o.doc FROM offers o JOIN merchants m ON m.id = o.merchant_id
        WHERE o.id = ${id} AND NOT m.deleted`;
      return row && (JSON.parse(row.doc) as Offer);
    },
    merchantsByOwner: async (ownerId) =>
      merchants(await db`SELECT doc FROM merchants WHERE owner_id = ${ownerId} AND NOT deleted ORDER BY rowid`),
    async moderationQueue(limit) {
      const pending = await db<{ doc: string }[]>`SELECT doc FROM merchants WHERE status = 'pending' AND NOT deleted
        ORDER BY version, rowid LIMIT ${limit}`;
      const offers = await db<{ doc: string }[]>`SELECT o.doc FROM offers o JOIN merchants m ON m.id = o.merchant_id
        WHERE o.status = 'pending' AND NOT m.deleted ORDER BY o.version, o.rowid LIMIT ${limit}`;
      return { merchants: await merchants(pending), offers: offers.map((o) => JSON.parse(o.doc) as Offer) };
    },
    allMerchants: async () => merchants(await db`SELECT doc FROM merchants WHERE NOT deleted ORDER BY rowid`),
    async approvedKey(kind, id) {
      const [row] = await db<{ content_key: string }[]>`SELECT content_key FROM approvals WHERE kind = ${kind} AND id = ${id}`;
      return row?.content_key;
    },
    async setApprovedKey(kind, id, key) {
      if (key === null) await db`DELETE FROM approvals WHERE kind = ${kind} AND id = ${id}`;
      else await db`INSERT INTO approvals (kind, id, content_key) VALUES (${kind}, ${id}, ${key})
        ON CONFLICT (kind, id) DO UPDATE SET content_key = excluded.content_key`;
    },
    async appendAudit(e) {
      await db`INSERT INTO audit_log (at, actor_id, action, target_type, target_id, before, after)
        VALUES (${e.at}, ${e.actor_id}, ${e.action}, ${e.target_type}, ${e.target_id ?? null}, ${json(e.before)}, ${json(e.after)})`;
    },
    async auditEntries(q) {
      const rows = await db<AuditRow[]>`SELECT a.id, a.at, a.actor_id, a.action, a.target_type, a.target_id, a.before, a.after,
          u.email AS actor_email
        FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.id < ${q.before ?? Number.MAX_SAFE_INTEGER}
          ${q.target_type == null ? db`` : db`AND a.target_type = ${q.target_type}`}
          ${q.target_id == null ? db`` : db`AND a.target_id = ${q.target_id}`}
        ORDER BY a.id DESC LIMIT ${q.limit}`;
      return rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
    },
  };
}
