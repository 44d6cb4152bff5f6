/**
 * Membership for the SQLite store. Partial unique indexes keep one open application and one
 * active card per account, so racing requests (or processes) cannot make two. Revocations get
 * their own AUTOINCREMENT version: verifiers ask for what changed since the one they hold.
 */
import type Database from 'better-sqlite3';
import type { CardRecord, Member, MembershipStore } from './port-membership';
import { toApplication, ownView } from './rows';

const APP = `SELECT a.id, a.user_id AS userId, u.email, a.status, a.doc, a.created_at AS createdAt,
    a.reviewed_at AS reviewedAt, a.reason FROM membership_applications a JOIN users u ON u.id = a.user_id`;
const CARD = `SELECT id, user_id AS userId, status, created_at AS createdAt, token, issued_at AS issuedAt, expires_at AS expiresAt
  FROM member_cards`;

type Row = Record<string, string | null>;

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The membership half of the store, on the shared database. */
export function membershipMethods(db: Database.Database): MembershipStore {
  const q = {
    insertApp: db.prepare(`INSERT INTO membership_applications (id, user_id, doc, created_at) VALUES (@id, @userId, @doc, @createdAt)`),
    latest: db.prepare(`${APP} WHERE a.user_id = ? ORDER BY a.seq DESC LIMIT 1`),
    appById: db.prepare(`${APP} WHERE a.id = ?`),
    review: db.prepare(`UPDATE membership_applications SET status = @status, reviewed_at = @at, reviewed_by = @by, reason = @reason
      WHERE id = @id AND status = 'pending'`),
    purge: db.prepare(`DELETE FROM membership_applications WHERE status = 'rejected' AND reviewed_at < ?`),
    member: db.prepare(`SELECT m.since, m.org, m.name, m.status, c.id AS cardId FROM members m
      LEFT JOIN member_cards c ON c.user_id = m.user_id AND c.status = 'active' WHERE m.user_id = ?`),
    upsertMember: db.prepare(`INSERT INTO members (user_id, application_id, name, org, since) VALUES (@userId, @applicationId, @name, @org, @since)
      ON CONFLICT (user_id) DO UPDATE SET application_id = excluded.application_id, name = excluded.name, org = excluded.org,
        since = excluded.since, status = 'active'`),
    endMember: db.prepare(`UPDATE members SET status = 'ended' WHERE user_id = ?`),
    activeCard: db.prepare(`${CARD} WHERE user_id = ? AND status = 'active'`),
    cardById: db.prepare(`${CARD} WHERE id = ?`),
    insertCard: db.prepare(`INSERT INTO member_cards (id, user_id, created_at) VALUES (@id, @userId, @createdAt)`),
    setToken: db.prepare(`UPDATE member_cards SET token = @token, issued_at = @issuedAt, expires_at = @expiresAt WHERE id = @id`),
    revoke: db.prepare(`UPDATE member_cards SET status = 'revoked', revoked_at = @at, revoked_by = @by, reason = @reason
      WHERE id = @id AND status = 'active'`),
    listRevocation: db.prepare(`INSERT INTO card_revocations (card_id, at) VALUES (?, ?) ON CONFLICT (card_id) DO NOTHING`),
    isRevoked: db.prepare(`SELECT 1 FROM card_revocations WHERE card_id = ?`).pluck(),
    revokedSince: db.prepare(`SELECT card_id FROM card_revocations WHERE version > ? ORDER BY version`).pluck(),
    revocationVersion: db.prepare(`SELECT coalesce(max(version), 0) FROM card_revocations`).pluck(),
  };
  const lists = new Map<string, Database.Statement>();
  const listStatement = (status: boolean, after: boolean) => {
    const where = [status && 'a.status = @status', after && 'a.seq > (SELECT seq FROM membership_applications WHERE id = @after)'].filter(Boolean);
    const sql = `${APP} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.seq LIMIT @limit`;
    if (!lists.has(sql)) lists.set(sql, db.prepare(sql));
    return lists.get(sql)!;
  };
  const tryInsert = (stmt: Database.Statement, params: object) => {
    try {
      stmt.run(params);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  };

  return {
    insertApplication: (a) => tryInsert(q.insertApp, { id: a.id, userId: a.userId, doc: JSON.stringify(a.input), createdAt: a.createdAt }),
    latestApplication(userId) {
      const row = q.latest.get(userId) as Row | undefined;
      return row && ownView(toApplication(row));
    },
    applicationById(id) {
      const row = q.appById.get(id) as Row | undefined;
      return row && toApplication(row);
    },
    applications: ({ status, limit, after }) =>
      (listStatement(!!status, !!after).all({ status, limit, after }) as Row[]).map(toApplication),
    reviewApplication: (id, r) => q.review.run({ id, status: r.status, at: r.at, by: r.by, reason: r.reason ?? null }).changes === 1,
    purgeRejectedApplications: (before) => q.purge.run(before).changes,
    member(userId) {
      const row = q.member.get(userId) as (Member & { cardId: string | null }) | undefined;
      return row && { since: row.since, org: row.org, name: row.name, status: row.status, cardId: row.cardId ?? null };
    },
    upsertMember: (m) => void q.upsertMember.run(m),
    endMembership: (userId) => void q.endMember.run(userId),
    activeCard: (userId) => q.activeCard.get(userId) as CardRecord | undefined,
    cardById: (id) => q.cardById.get(id) as CardRecord | undefined,
    insertCard: (c) => tryInsert(q.insertCard, c),
    setCardToken: (id, t) => void q.setToken.run({ id, ...t }),
    revokeCard: (id, r) => db.transaction(() => {
      if (q.revoke.run({ id, ...r }).changes !== 1) return false;
      q.listRevocation.run(id, r.at);
      return true;
    })(),
    isCardRevoked: (id) => q.isRevoked.get(id) !== undefined,
    revocations: (since) => db.transaction(() => ({
      version: Number(q.revocationVersion.get()), revoked: q.revokedSince.all(since) as string[],
    }))(),
  };
}
