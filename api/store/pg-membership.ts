/**
 * Membership for the PostgreSQL store (as sqlite-membership.ts). Partial unique indexes keep one
 * open application and one active card per account: INSERT … ON CONFLICT DO NOTHING lets the
 * constraint decide between racing requests (or processes) without an error that would abort
 * an enclosing transaction. Revocations are numbered by an identity taken under an advisory lock,
 * so their numbers follow commit order and a verifier asking "since n" never misses one.
 */
import type { Fragment } from 'postgres';
import type { CardRecord, Member, MembershipStore } from './port-membership';
import type { Async } from './port';
import { inTransaction, type Db } from './pg-sql';
import { toApplication, ownView } from './rows';

type Row = Record<string, string | null>;

/** Any number: held while a revocation is numbered and committed. */
const REVOCATION_LOCK = 0x7969_7a72;

/** The membership half of the store over `db`. */
export function membershipMethods(db: Db): Async<MembershipStore> {
  const applications = (rest: Fragment) => db<Row[]>`SELECT a.id, a.user_id AS "userId", u.email, a.status, a.doc,
      a.created_at AS "createdAt", a.reviewed_at AS "reviewedAt", a.reason
    FROM membership_applications a JOIN users u ON u.id = a.user_id ${rest}`;
  const cards = async (where: Fragment) => {
    const [row] = await db<CardRecord[]>`SELECT id, user_id AS "userId", status, created_at AS "createdAt", token,
      issued_at AS "issuedAt", expires_at AS "expiresAt" FROM member_cards ${where}`;
    return row;
  };

  return {
    async insertApplication(a) {
      const done = await db`INSERT INTO membership_applications (id, user_id, doc, created_at)
        VALUES (${a.id}, ${a.userId}, ${JSON.stringify(a.input)}, ${a.createdAt}) ON CONFLICT DO NOTHING`;
      return done.count === 1;
    },
    async latestApplication(userId) {
      const [row] = await applications(db`WHERE a.user_id = ${userId} ORDER BY a.seq DESC LIMIT 1`);
      return row && ownView(toApplication(row));
    },
    async applicationById(id) {
      const [row] = await applications(db`WHERE a.id = ${id}`);
      return row && toApplication(row);
    },
    async applications({ status, limit, after }) {
      const where = [status && db`a.status = ${status}`, after && db`a.seq > (SELECT seq FROM membership_applications WHERE id = ${after})`]
        .filter((w) => !!w);
      const filter = where.reduce((acc, w, i) => db`${acc} ${i ? db`AND` : db`WHERE`} ${w}`, db``);
      return (await applications(db`${filter} ORDER BY a.seq LIMIT ${limit}`)).map(toApplication);
    },
    async reviewApplication(id, r) {
      const done = await db`UPDATE membership_applications SET status = ${r.status}, reviewed_at = ${r.at},
        reviewed_by = ${r.by}, reason = ${r.reason ?? null} WHERE id = ${id} AND status = 'pending'`;
      return done.count === 1;
    },
    async purgeRejectedApplications(before) {
      return (await db`DELETE FROM membership_applications WHERE status = 'rejected' AND reviewed_at < ${before}`).count;
    },
    async member(userId) {
      const [row] = await db<(Member & { cardId: string | null })[]>`SELECT m.since, m.org, m.name, m.status, c.id AS "cardId"
        FROM members m LEFT JOIN member_cards c ON c.user_id = m.user_id AND c.status = 'active' WHERE m.user_id = ${userId}`;
      return row && { since: row.since, org: row.org, name: row.name, status: row.status, cardId: row.cardId ?? null };
    },
    async upsertMember(m) {
      await db`INSERT INTO members (user_id, application_id, name, org, since) VALUES (${m.userId}, ${m.applicationId}, ${m.name}, ${m.org}, ${m.since})
        ON CONFLICT (user_id) DO UPDATE SET application_id = excluded.application_id, name = excluded.name, org = excluded.org,
          since = excluded.since, status = 'active'`;
    },
    async endMembership(userId) {
      await db`UPDATE members SET status = 'ended' WHERE user_id = ${userId}`;
    },
    activeCard: (userId) => cards(db`WHERE user_id = ${userId} AND status = 'active'`),
    cardById: (id) => cards(db`WHERE id = ${id}`),
    async insertCard(c) {
      const done = await db`INSERT INTO member_cards (id, user_id, created_at) VALUES (${c.id}, ${c.userId}, ${c.createdAt}) ON CONFLICT DO NOTHING`;
      return done.count === 1;
    },
    async setCardToken(id, t) {
      await db`UPDATE member_cards SET token = ${t.token}, issued_at = ${t.issuedAt}, expires_at = ${t.expiresAt} WHERE id = ${id}`;
    },
    revokeCard: (id, r) =>
      inTransaction(db, async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${REVOCATION_LOCK})`;
        const done = await tx`UPDATE member_cards SET status = 'revoked', revoked_at = ${r.at}, revoked_by = ${r.by}, reason = ${r.reason}
          WHERE id = ${id} AND status = 'active'`;
        if (done.count !== 1) return false;
        await tx`INSERT INTO card_revocations (card_id, at) VALUES (${id}, ${r.at}) ON CONFLICT (card_id) DO NOTHING`;
        return true;
      }),
    async isCardRevoked(id) {
      return (await db`SELECT 1 FROM card_revocations WHERE card_id = ${id}`).length > 0;
    },
    async revocations(since) {
      // one statement, one snapshot: the version and the list agree
      const [row] = await db<{ version: number; revoked: string[] }[]>`SELECT
        (SELECT coalesce(max(version), 0) FROM card_revocations) AS version,
        coalesce((SELECT array_agg(card_id ORDER BY version) FROM card_revocations WHERE version > ${since}), '{}') AS revoked`;
      return { version: Number(row.version), revoked: row.revoked };
    },
  };
}
