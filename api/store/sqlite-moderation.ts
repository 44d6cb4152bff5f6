/**
 * Moderation reads and the audit log for the SQLite store: merchants and offers in every status
 * (owners' drafts, the review queue, export), what an admin last approved, and who did what.
 */
import type Database from 'better-sqlite3';
import type { Merchant, Offer } from '../../data/schema';
import type { AuditEntry, ModerationStore } from './port-accounts';

/** The moderation half of the store, on the shared database. */
export function moderationMethods(db: Database.Database): ModerationStore {
  const q = {
    merchant: db.prepare(`SELECT doc FROM merchants WHERE id = ? AND deleted = 0`).pluck(),
    offers: db.prepare(`SELECT doc FROM offers WHERE merchant_id = ? ORDER BY rowid`).pluck(),
    offer: db.prepare(`SELECT o.doc FROM offers o JOIN merchants m ON m.id = o.merchant_id
      WHERE o.id = ? AND m.deleted = 0`).pluck(),
    byOwner: db.prepare(`SELECT doc FROM merchants WHERE owner_id = ? AND deleted = 0 ORDER BY rowid`).pluck(),
    pendingMerchants: db.prepare(`SELECT doc FROM merchants WHERE status = 'pending' AND deleted = 0
      ORDER BY version LIMIT ?`).pluck(),
    pendingOffers: db.prepare(`SELECT o.doc FROM offers o JOIN merchants m ON m.id = o.merchant_id
      WHERE o.status = 'pending' AND m.deleted = 0 ORDER BY o.version LIMIT ?`).pluck(),
    all: db.prepare(`SELECT doc FROM merchants WHERE deleted = 0 ORDER BY rowid`).pluck(),
    approved: db.prepare(`SELECT content_key FROM approvals WHERE kind = ? AND id = ?`).pluck(),
    approve: db.prepare(`INSERT INTO approvals (kind, id, content_key) VALUES (?, ?, ?)
      ON CONFLICT (kind, id) DO UPDATE SET content_key = excluded.content_key`),
    unapprove: db.prepare(`DELETE FROM approvals WHERE kind = ? AND id = ?`),
    audit: db.prepare(`INSERT INTO audit_log (at, actor_id, action, target_type, target_id, before, after)
      VALUES (@at, @actor_id, @action, @target_type, @target_id, @before, @after)`),
    auditPage: db.prepare(`SELECT a.*, u.email AS actor_email FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.id < @before AND (@target_type IS NULL OR a.target_type = @target_type)
      AND (@target_id IS NULL OR a.target_id = @target_id) ORDER BY a.id DESC LIMIT @limit`),
  };

  const withOffers = (doc: string): Merchant => {
    const m = JSON.parse(doc) as Merchant;
    m.offers = (q.offers.all(m.id) as string[]).map((o) => JSON.parse(o) as Offer);
    return m;
  };
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const parse = (v: string | null) => (v === null ? null : JSON.parse(v));

  return {
    merchantRecord(id) {
      const doc = q.merchant.get(id) as string | undefined;
      return doc === undefined ? undefined : withOffers(doc);
    },
    offerRecord(id) {
      const doc = q.offer.get(id) as string | undefined;
      return doc === undefined ? undefined : (JSON.parse(doc) as Offer);
    },
    merchantsByOwner: (ownerId) => (q.byOwner.all(ownerId) as string[]).map(withOffers),
    moderationQueue: (limit) => ({
      merchants: (q.pendingMerchants.all(limit) as string[]).map(withOffers),
      offers: (q.pendingOffers.all(limit) as string[]).map((d) => JSON.parse(d) as Offer),
    }),
    allMerchants: () => (q.all.all() as string[]).map(withOffers),
    approvedKey: (kind, id) => q.approved.get(kind, id) as string | undefined,
    setApprovedKey(kind, id, key) {
      if (key === null) q.unapprove.run(kind, id);
      else q.approve.run(kind, id, key);
    },
    appendAudit(e) {
      q.audit.run({ ...e, target_id: e.target_id ?? null, before: json(e.before), after: json(e.after) });
    },
    auditEntries(a) {
      const rows = q.auditPage.all({
        before: a.before ?? Number.MAX_SAFE_INTEGER, limit: a.limit,
        target_type: a.target_type ?? null, target_id: a.target_id ?? null,
      }) as (Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null })[];
      return rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
    },
  };
}
